/**
 * Work a function must have done before it handles an invocation, registered by the modules that need it
 * (the subscription keyring read from the secrets extension): awaited by the HTTP stack and by the workers
 * that import such a module, never at module load (a network call there would slow every cold start).
 * Each registered step caches what it loads, so a warm invocation awaits resolved promises only.
 */
const steps: (() => Promise<void>)[] = [];

export const beforeEachInvocation = (step: () => Promise<void>): void => void steps.push(step);

export const prerequisites = async (): Promise<void> => {
  if (steps.length > 0) await Promise.all(steps.map((step) => step()));
};
