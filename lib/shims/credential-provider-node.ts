import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles. In Lambda the credentials are
 * always in the environment, so the default chain's STS, SSO, INI and IMDS providers (~130 KB, ~40 ms
 * of cold load) are dead weight. `defaultProvider` is the only name the SDK clients import from it.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
