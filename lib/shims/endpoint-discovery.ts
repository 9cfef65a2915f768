/**
 * Stands in for `@aws-sdk/middleware-endpoint-discovery` in Lambda bundles (with `@aws-sdk/endpoint-cache`
 * and its LRU cache, ~2 KB). In this SDK version the DynamoDB client still resolves endpoint-discovery
 * settings and builds an endpoint cache, but no command adds the discovery middleware any more (no command
 * of `@aws-sdk/client-dynamodb` imports `getEndpointDiscoveryPlugin`), so nothing ever reads the cache:
 * requests go to the regional endpoint whatever the setting. The settings are resolved as before, only the
 * unread cache is gone. `test/unit/shims.test.ts` checks that the SDK still needs nothing more from it.
 */
const ENV_ENDPOINT_DISCOVERY = ['AWS_ENABLE_ENDPOINT_DISCOVERY', 'AWS_ENDPOINT_DISCOVERY_ENABLED'];
const CONFIG_ENDPOINT_DISCOVERY = 'endpoint_discovery_enabled';
const isFalsy = (value: string | undefined) => value === 'false' || value === '0';

/** As the original: the environment, then the shared config file, decide; unset means undefined. */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (env: Record<string, string | undefined>): boolean | undefined => {
    for (const key of ENV_ENDPOINT_DISCOVERY) {
      if (key in env) {
        const value = env[key];
        if (value === '') throw new Error(`Environment variable ${key} can't be empty of undefined, got ""`);
        return !isFalsy(value);
      }
    }
    return undefined;
  },
  configFileSelector: (profile: Record<string, string | undefined>): boolean | undefined => {
    if (!(CONFIG_ENDPOINT_DISCOVERY in profile)) return undefined;
    const value = profile[CONFIG_ENDPOINT_DISCOVERY];
    if (value === undefined)
      throw new Error(`Shared config entry ${CONFIG_ENDPOINT_DISCOVERY} can't be undefined, got "undefined"`);
    return !isFalsy(value);
  },
  default: undefined,
};

interface EndpointDiscoveryInput {
  endpointDiscoveryEnabled?: boolean;
  endpointDiscoveryEnabledProvider?: () => Promise<boolean | undefined>;
}

export function resolveEndpointDiscoveryConfig<T extends EndpointDiscoveryInput>(
  input: T,
  { endpointDiscoveryCommandCtor }: { endpointDiscoveryCommandCtor: unknown },
) {
  const { endpointDiscoveryEnabled, endpointDiscoveryEnabledProvider } = input;
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointDiscoveryEnabled:
      endpointDiscoveryEnabled !== undefined
        ? () => Promise.resolve(endpointDiscoveryEnabled)
        : endpointDiscoveryEnabledProvider,
    isClientEndpointDiscoveryEnabled: endpointDiscoveryEnabled !== undefined,
  });
}
