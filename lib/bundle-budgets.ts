/**
 * Bundle targets (issue 7). API functions wake for a citizen's request; asynchronous ones (mailer, digest
 * planner and sender, SES feedback) do not. `bytes` is the minified bundle; `loadRatio` is the cold
 * load time relative to the bare DynamoDB DocumentClient reference bundle measured by `npm run bench`.
 * `test/infra/stack.test.ts` enforces the sizes; the bench measures both.
 */
export const BUNDLE_TARGETS = {
  api: { bytes: 250_000, loadRatio: 0.7 },
  async: { bytes: 400_000, loadRatio: 1.0 },
} as const;

export type FunctionKind = keyof typeof BUNDLE_TARGETS;

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/**
 * The kind of every Lambda function in a synthesized template: `api` when an API Gateway integration
 * invokes it, else `async`.
 */
export function functionKinds(resources: Record<string, TemplateResource>): Map<string, FunctionKind> {
  const integrated = JSON.stringify(
    Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Integration')
      .map((resource) => resource.Properties?.IntegrationUri),
  );
  return new Map(
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([logicalId]) => [logicalId, integrated.includes(`"${logicalId}"`) ? 'api' : 'async']),
  );
}
