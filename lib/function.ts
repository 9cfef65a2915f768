import { fileURLToPath } from 'node:url';
import { Duration, Size, type CfnResource } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableAction } from '../functions/shared/route.ts';
import type { IndexName } from '../functions/shared/table.ts';

/** Template metadata key that names a function's handler module (relative to `functions/`). */
export const HANDLER_METADATA = 'umkm:handler';

const functionsDir = fileURLToPath(new URL('../functions/', import.meta.url));
/**
 * Modules replaced in Lambda bundles by smaller ones that keep the behaviour the functions use (each shim
 * says why it is safe; the README's Performance section says what each bought).
 */
const shims = {
  '@aws-sdk/credential-provider-node': fileURLToPath(
    new URL('./shims/credential-provider-node.ts', import.meta.url),
  ),
  'mnemonist/lru-cache': fileURLToPath(new URL('./shims/lru-cache.ts', import.meta.url)),
  '@smithy/core/event-streams': fileURLToPath(new URL('./shims/no-event-streams.ts', import.meta.url)),
  '@aws-sdk/middleware-endpoint-discovery': fileURLToPath(
    new URL('./shims/endpoint-discovery.ts', import.meta.url),
  ),
  '@smithy/core/checksum': fileURLToPath(new URL('./shims/sha256.ts', import.meta.url)),
};

export interface UmkmFunctionProps {
  /** Handler module relative to `functions/`; it exports `handler`. */
  handler: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  timeout: Duration;
  memorySize?: number;
  /** /tmp in MB; Lambda's 512 when absent. */
  ephemeralStorageMb?: number;
  description?: string;
  /**
   * Adds the AWS Parameters and Secrets Lambda extension, through which the function reads a secret at run
   * time (`functions/subscriptions/tokens.ts`) without an SDK client in its bundle.
   */
  secretsExtension?: boolean;
}

/** The extension's own cache keeps a secret five minutes, as `tokens.ts` does. */
const secretsExtension = ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
  cacheEnabled: true,
  cacheSize: 10,
  secretsManagerTtl: Duration.minutes(5),
  logLevel: ParamsAndSecretsLogLevel.WARN,
});

/**
 * Every Lambda function of the stack, with the defaults they share: Node.js 24 on arm64, an ESM bundle
 * (minified, tree-shaken, the AWS SDK bundled, the credential chain cut to the environment provider),
 * a log group with retention, and JSON logs.
 */
export class UmkmFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: UmkmFunctionProps) {
    // Its own role, allowed to write its own log group and nothing else until a grant adds to it (the
    // managed AWSLambdaBasicExecutionRole would allow writing every log group of the account).
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: `${functionsDir}${props.handler}`,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      ...(props.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb) } : {}),
      timeout: props.timeout,
      description: props.description,
      environment: props.environment,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      ...(props.secretsExtension ? { paramsAndSecrets: secretsExtension } : {}),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: false,
        metafile: true,
        // esbuild's own default prints each bundle's size and time (60 functions' worth in every synth);
        // warnings and errors still print.
        logLevel: LogLevel.WARNING,
        mainFields: ['module', 'main'],
        externalModules: [],
        esbuildArgs: {
          ...Object.fromEntries(Object.entries(shims).map(([module, shim]) => [`--alias:${module}`, shim])),
          '--tree-shaking': 'true',
        },
        // Some CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
      },
    });
    // The handler module, in the template, so that the cost model (lib/cost/) can tell which route or
    // worker each function serves.
    (this.node.defaultChild as CfnResource).addMetadata(HANDLER_METADATA, props.handler);
  }

  /** Grants exactly the listed DynamoDB actions on the table and on the named indexes. */
  grantTable(
    table: Table,
    access: { actions: readonly TableAction[]; indexes?: readonly IndexName[] },
  ): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access.actions.map((action) => `dynamodb:${action}`),
        resources: [
          table.tableArn,
          ...(access.indexes ?? []).map((index) => `${table.tableArn}/index/${index}`),
        ],
      }),
    );
  }
}
