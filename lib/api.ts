import { Duration, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  type CfnStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKeys, routes } from '../functions/routes.ts';
import type { AnyRoute } from '../functions/shared/route.ts';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../functions/shared/cors.ts';
import { UmkmFunction } from './function.ts';
import type { UmkmStorage } from './storage.ts';
import type { StageConfig } from './stages.ts';

export interface UmkmApiProps {
  stage: StageConfig;
  /** What every function of the stack gets (`baseEnvironment` in `lib/workers.ts`). */
  baseEnvironment: Record<string, string>;
  table: Table;
  /** The files bucket, for routes with a `storage` grant. */
  storage: UmkmStorage;
  userPool: UserPool;
  client: UserPoolClient;
  /**
   * Extra environment for some routes' functions only (e.g. a secret the subscription routes need);
   * `pagesUrl` is where the public pages are.
   */
  routeEnvironment?: (route: AnyRoute, pagesUrl: string) => Record<string, string>;
}

/**
 * The HTTP API: one Lambda function per manifest route, a JWT authorizer (Cognito) on every route that
 * is not public, a `$default` function answering 404/405 problems, access logs and default throttling.
 */
export class UmkmApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<string, UmkmFunction> = {};
  /** The nested stacks that hold the route functions, one per feature. */
  readonly featureStacks: NestedStack[];
  /** The base URL of the public pages: the stage's city website, or this API, which renders them. */
  readonly pagesUrl: string;

  constructor(scope: Construct, id: string, props: UmkmApiProps) {
    super(scope, id);
    const { stage } = props;
    const baseEnvironment = {
      ...props.baseEnvironment,
      CORS_ALLOW_ORIGINS: stage.corsAllowOrigins.join(','),
    };
    const newFunction = (
      functionId: string,
      handler: string,
      environment: Record<string, string> = {},
      scope: Construct = this,
      secretsExtension = false,
    ) =>
      new UmkmFunction(scope, functionId, {
        handler,
        environment: { ...baseEnvironment, ...environment },
        logRetention: stage.logRetention,
        timeout: stage.functionTimeout,
        secretsExtension,
      });

    const fallback = newFunction('Fallback', 'fallback/not-found.ts', {
      ROUTE_KEYS: JSON.stringify(routeKeys()),
    });
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `umkm-hub-${stage.name}`,
      description: 'UMKM Hub — Kota Bekasi',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('FallbackIntegration', fallback),
      corsPreflight: {
        allowOrigins: stage.corsAllowOrigins,
        allowMethods: CORS_ALLOW_METHODS.map((method) => CorsHttpMethod[method]),
        allowHeaders: CORS_ALLOW_HEADERS,
        exposeHeaders: CORS_EXPOSE_HEADERS,
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
      },
    });
    this.functions.fallback = fallback;
    this.pagesUrl = stage.webUrl ?? this.api.apiEndpoint;

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: stage.logRetention });
    const defaultStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: stage.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string, no headers, no body: they may carry tokens or personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // Per-route throttles from the manifest (the L2 stage has no per-route settings yet).
    const throttled = routes.filter((route) => route.throttle);
    if (throttled.length > 0) {
      (defaultStage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
        throttled.map((route) => [
          `${route.method} ${route.path}`,
          {
            ThrottlingRateLimit: route.throttle?.rateLimit,
            ThrottlingBurstLimit: route.throttle?.burstLimit,
          },
        ]),
      );
    }

    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.client],
    });

    // Route functions (with their roles, policies and log groups) live in one nested stack per feature
    // (the row's tag), so that the stack stays far from CloudFormation's 500 resources as routes are
    // added. Routes, integrations and invoke permissions stay here with the API: a route key is unique
    // per API, and a route moved between stacks would be created before the old one is deleted.
    const features = new Map<string, NestedStack>();
    const featureStack = (tag: string) => {
      let nested = features.get(tag);
      if (!nested) {
        nested = new NestedStack(this, `${pascal(tag)}Routes`, {
          description: `UMKM Hub: the ${tag} routes' functions`,
        });
        features.set(tag, nested);
      }
      return nested;
    };
    for (const route of routes) {
      const fn = newFunction(
        pascal(route.id),
        route.handler,
        {
          ...(route.siteUrl ? { WEB_URL: this.pagesUrl } : {}),
          ...props.routeEnvironment?.(route, this.pagesUrl),
        },
        featureStack(route.tag),
        // The subscription routes read the keyring, the NIK guard routes the identity secret, at run time
        // (the stack grants the secret).
        route.subscriptionSecret === true || route.identitySecret === true,
      );
      if (route.table) fn.grantTable(props.table, route.table);
      for (const grant of route.storage ?? []) props.storage.grant(fn, grant);
      if (route.storage?.length) fn.addEnvironment('BUCKET_NAME', props.storage.bucket.bucketName);
      this.functions[route.id] = fn;
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn),
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public' && added) acknowledgePublic(added, `${route.method} ${route.path}`);
    }
    this.featureStacks = [...features.values()];
    Validations.of(Stack.of(this)).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The $default route only answers 404/405 problems for paths that are not in the route manifest; it reads nothing and needs no caller.',
    });
  }
}

function acknowledgePublic(route: HttpRoute, routeKey: string): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: `${routeKey} is public by design (access "public" in the route manifest): anyone may read it without an account.`,
  });
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
