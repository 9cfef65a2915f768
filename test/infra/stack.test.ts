import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestedStack } from 'aws-cdk-lib';
import { Template, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import {
  STORAGE_EXPIRY_DAYS,
  STORAGE_PREFIXES,
  type ObjectAccess,
  type StorageGrant,
  type StoragePrefix,
} from '../../functions/shared/storage-keys.ts';
import type { WorkerDef, WorkerQueue, WorkerSecret } from '../../functions/shared/worker.ts';
import { importPlanner, workers } from '../../functions/workers.ts';
import { MAX_DISK_BYTES } from '../../functions/imports/xlsx.ts';
import { createApp } from '../../lib/app.ts';
import { dropBundlingProgress } from '../../lib/quiet-bundling.ts';
import { BUNDLE_TARGETS, SPREADSHEET_HANDLERS, bundleKind } from '../../lib/bundle-budgets.ts';
import type { UmkmHubStack } from '../../lib/stack.ts';
import { stageConfig } from '../../lib/stages.ts';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> };

/**
 * `template` holds the resources of the stack and of its nested stacks together (their logical ids are
 * unique across them: checked here), so that functions, routes and policies are read wherever they live;
 * `stacks` holds each (nested) stack's own template, for the per-stack limits.
 */
let dev: { stack: UmkmHubStack; template: Template; stacks: Record<string, Template>; outdir: string };
let prod: Template;

beforeAll(() => {
  dropBundlingProgress();
  const outdir = mkdtempSync(join(tmpdir(), 'umkm-cdk-'));
  const built = createApp({ outdir, context: { stage: 'dev', 'aws:cdk:enable-asset-metadata': true } });
  const stacks: Record<string, Template> = { [built.stack.stackName]: Template.fromStack(built.stack) };
  for (const nested of built.stack.node.findAll().filter((node) => node instanceof NestedStack))
    stacks[nested.node.path] = Template.fromStack(nested);
  const merged: Record<string, unknown> = {};
  for (const template of Object.values(stacks))
    for (const [id, resource] of Object.entries(template.toJSON().Resources as object)) {
      if (id in merged) throw new Error(`logical id ${id} in two stacks`);
      merged[id] = resource;
    }
  dev = { stack: built.stack, template: Template.fromJSON({ Resources: merged }), stacks, outdir };
  // Bundling is the same for both stages; skip it for the second synth.
  const prodApp = createApp({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
  prod = Template.fromStack(prodApp.stack);
});

const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];

const functionOf = (routeId: string) => {
  const logicalId = new RegExp(`^${routeId.charAt(0).toUpperCase()}${routeId.slice(1)}[0-9A-F]{8}$`);
  const found = resources(dev.template, 'AWS::Lambda::Function').find(([id]) => logicalId.test(id));
  if (!found) throw new Error(`no function for ${routeId}`);
  return found;
};

/** The handler module (relative to `functions/`) a function's bundle was built from. */
const entryOf = (fn: Resource): string =>
  bundleKind(join(dev.outdir, fn.Metadata?.['aws:asset:path'] as string)).entry;

const workerFunction = (worker: WorkerDef): [string, Resource] => {
  const found = resources(dev.template, 'AWS::Lambda::Function').filter(
    ([, fn]) => entryOf(fn) === worker.handler,
  );
  expect(found, worker.id).toHaveLength(1);
  return found[0] as [string, Resource];
};

const statementsOf = (roleId: string) =>
  resources(dev.template, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(
      ([, policy]) =>
        policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );

const QUEUES: Record<WorkerQueue, RegExp> = {
  'digest-plan': /^\{"Fn::GetAtt":\["DigestPlanQueue[0-9A-F]{8}","Arn"\]\}$/,
  'digest-send': /^\{"Fn::GetAtt":\["DigestSendQueue[0-9A-F]{8}","Arn"\]\}$/,
  'export-run': /^\{"Fn::GetAtt":\["ExportsQueue[0-9A-F]{8}","Arn"\]\}$/,
  'import-plan': /^\{"Fn::GetAtt":\["ImportsPlanQueue[0-9A-F]{8}","Arn"\]\}$/,
  'import-work': /^\{"Fn::GetAtt":\["ImportsWorkQueue[0-9A-F]{8}","Arn"\]\}$/,
};
const SECRETS: Record<WorkerSecret, RegExp> = {
  'subscription-keys': /^\{"Ref":"SubscriptionSecret[0-9A-F]{8}"\}$/,
  identity: /^\{"Ref":"IdentitySecret[0-9A-F]{8}"\}$/,
};
const TABLE_ARN = /^\{"Fn::GetAtt":\["DataTable[0-9A-F]{8}","Arn"\]\}$/;
const SQS_CONSUME = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];
const SQS_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
/** S3 actions per object access (written out here, apart from lib/storage.ts). */
const OBJECT_ACTIONS: Record<ObjectAccess, string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  delete: ['s3:DeleteObject'],
};
/** The files bucket's objects under one prefix, as the template writes the ARN. */
const objectsUnder = (prefix: StoragePrefix) =>
  new RegExp(
    // The bucket's ARN: an attribute in the bucket's stack, a parameter in a feature's nested stack.
    `^\\{"Fn::Join":\\["",\\[\\{("Fn::GetAtt":\\["StorageFiles[0-9A-F]{8}","Arn"\\]|"Ref":"referenceto\\w*StorageFiles[0-9A-F]{8}Arn")\\},"/${STORAGE_PREFIXES[prefix].replaceAll('/', '\\/')}\\*"\\]\\]\\}$`,
  );
const storageActions = (grants: readonly StorageGrant[] = []) =>
  grants.flatMap((grant) => grant.access.flatMap((access) => OBJECT_ACTIONS[access]));

/**
 * What a worker row allows, written out independently of lib/workers.ts: each action with the resources
 * (as patterns on their template JSON) it may name. Its own log group is every function's and not listed.
 */
function allowedByRow(worker: WorkerDef): Map<string, RegExp[]> {
  const allowed = new Map<string, RegExp[]>();
  const allow = (actions: string[], ...patterns: RegExp[]) => {
    for (const action of actions) allowed.set(action, [...(allowed.get(action) ?? []), ...patterns]);
  };
  if (worker.table)
    allow(
      worker.table.actions.map((action) => `dynamodb:${action}`),
      TABLE_ARN,
      ...(worker.table.indexes ?? []).map(
        (index) =>
          new RegExp(
            `^\\{"Fn::Join":\\["",\\[\\{"Fn::GetAtt":\\["DataTable[0-9A-F]{8}","Arn"\\]\\},"/index/${index}"\\]\\]\\}$`,
          ),
      ),
    );
  for (const grant of worker.grants ?? []) {
    if (grant.kind === 'ses-send')
      allow(
        [`ses:${grant.action}`],
        /:identity\/",\{"Ref":"MailDomain[0-9A-F]{8}"\}\]\]\}$/,
        /:configuration-set\/",\{"Ref":"MailConfigurationSet[0-9A-F]{8}"\}\]\]\}$/,
        ...grant.templates.map((template) => new RegExp(`:template/umkm-hub-dev-${template}"\\]\\]\\}$`)),
      );
    if (grant.kind === 'sqs-send') allow(SQS_SEND, QUEUES[grant.queue]);
    if (grant.kind === 'secret-read')
      allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], SECRETS[grant.secret]);
    if (grant.kind === 'storage') allow(storageActions([grant]), objectsUnder(grant.prefix));
  }
  for (const trigger of worker.triggers) {
    if (trigger.kind === 'sqs') allow(SQS_CONSUME, QUEUES[trigger.queue]);
    if (trigger.kind === 'dynamodb-stream') {
      allow(['dynamodb:ListStreams'], /^"\*"$/);
      allow(
        ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        /^\{"Fn::GetAtt":\["DataTable[0-9A-F]{8}","StreamArn"\]\}$/,
      );
      allow(SQS_SEND, /^\{"Fn::GetAtt":\["\w+Failures[0-9A-F]{8}","Arn"\]\}$/);
    }
    if (trigger.kind === 'secret-rotation') {
      allow(
        [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        SECRETS[trigger.secret],
      );
      allow(['secretsmanager:GetRandomPassword'], /^"\*"$/);
    }
  }
  return allowed;
}

describe('the CDK stack', () => {
  it('creates Lambda functions only from the manifests: one per route, one per worker, and the $default one', () => {
    const entries = resources(dev.template, 'AWS::Lambda::Function').map(([, fn]) => entryOf(fn));
    expect(entries.sort()).toEqual(
      [
        ...routes.map((route) => route.handler),
        ...workers.map((worker) => worker.handler),
        'fallback/not-found.ts',
      ].sort(),
    );
  });

  it('grants each worker exactly what its row declares (table, SES, SQS, its triggers), no more', () => {
    for (const worker of workers) {
      const [id, fn] = workerFunction(worker);
      const logGroup = JSON.stringify(fn.Properties.LoggingConfig.LogGroup);
      const allowed = allowedByRow(worker);
      const granted = new Map<string, string[]>();
      for (const statement of statementsOf(fn.Properties.Role['Fn::GetAtt'][0] as string)) {
        const targets = [statement.Resource].flat().map((resource) => JSON.stringify(resource));
        for (const action of [statement.Action].flat()) {
          if (action.startsWith('logs:')) {
            expect(targets.join(), `${id} ${action}`).toContain(JSON.parse(logGroup).Ref ?? '');
            continue;
          }
          granted.set(action, [...(granted.get(action) ?? []), ...targets]);
        }
      }
      expect([...granted.keys()].sort(), worker.id).toEqual([...allowed.keys()].sort());
      for (const [action, targets] of granted) {
        const patterns = allowed.get(action) ?? [];
        for (const target of targets)
          expect(
            patterns.some((pattern) => pattern.test(target)),
            `${worker.id} ${action} on ${target}`,
          ).toBe(true);
        for (const pattern of patterns)
          expect(
            targets.some((target) => pattern.test(target)),
            `${worker.id} ${action} lacks ${String(pattern)}`,
          ).toBe(true);
      }
      expect(fn.Properties.Environment.Variables.TABLE_NAME !== undefined, worker.id).toBe(
        worker.table !== undefined,
      );
      for (const setting of worker.environment ?? [])
        expect(fn.Properties.Environment.Variables[setting], `${worker.id} ${setting}`).toBeDefined();
    }
  });

  it('wakes each worker by exactly the triggers its row lists', () => {
    const mappings = resources(dev.template, 'AWS::Lambda::EventSourceMapping');
    const schedules = resources(dev.template, 'AWS::Scheduler::Schedule');
    const rules = resources(dev.template, 'AWS::Events::Rule');
    for (const worker of workers) {
      const [id] = workerFunction(worker);
      const own = mappings.filter(([, m]) => m.Properties.FunctionName.Ref === id).map(([, m]) => m);
      const polled = worker.triggers.filter((t) => t.kind === 'sqs' || t.kind === 'dynamodb-stream');
      expect(own, worker.id).toHaveLength(polled.length);
      for (const trigger of worker.triggers) {
        if (trigger.kind === 'sqs') {
          const mapping = own.find((m) =>
            QUEUES[trigger.queue].test(JSON.stringify(m.Properties.EventSourceArn)),
          );
          expect(mapping?.Properties, `${worker.id} ${trigger.queue}`).toMatchObject({
            BatchSize: trigger.batchSize,
            ...(trigger.reportBatchItemFailures
              ? { FunctionResponseTypes: ['ReportBatchItemFailures'] }
              : {}),
            ...(typeof trigger.maxConcurrency === 'number'
              ? { ScalingConfig: { MaximumConcurrency: trigger.maxConcurrency } }
              : {}),
          });
        }
        if (trigger.kind === 'dynamodb-stream') {
          const mapping = own.find((m) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
          expect(mapping?.Properties, worker.id).toMatchObject({
            StartingPosition: trigger.startingPosition,
            BatchSize: trigger.batchSize,
            MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds,
            MaximumRetryAttempts: trigger.retryAttempts,
            MaximumRecordAgeInSeconds: trigger.maxRecordAgeHours * 3600,
            BisectBatchOnFunctionError: trigger.bisectBatchOnError,
            FilterCriteria: { Filters: [{ Pattern: JSON.stringify(trigger.filter) }] },
          });
        }
        if (trigger.kind === 'schedule') {
          const targeting = schedules.filter(([, schedule]) =>
            JSON.stringify(schedule.Properties.Target.Arn).includes(`"${id}"`),
          );
          expect(targeting, worker.id).toHaveLength(1);
        }
        if (trigger.kind === 'eventbridge-rule') {
          const targeting = rules.filter(([, rule]) =>
            JSON.stringify(rule.Properties.Targets).includes(`"${id}"`),
          );
          expect(targeting, worker.id).toHaveLength(1);
        }
        if (trigger.kind === 's3-object-created') {
          const targeting = rules.filter(
            ([, rule]) =>
              JSON.stringify(rule.Properties.Targets).includes(`"${id}"`) &&
              rule.Properties.EventPattern?.source?.[0] === 'aws.s3',
          );
          expect(targeting, worker.id).toHaveLength(1);
          expect(targeting[0]?.[1].Properties.EventPattern, worker.id).toMatchObject({
            'detail-type': ['Object Created'],
            detail: { object: { key: [{ prefix: STORAGE_PREFIXES[trigger.prefix] }] } },
          });
          expect(targeting[0]?.[1].Properties.Targets[0].DeadLetterConfig, worker.id).toBeDefined();
        }
      }
      const scheduled = schedules.filter(([, schedule]) =>
        JSON.stringify(schedule.Properties.Target.Arn).includes(`"${id}"`),
      );
      expect(scheduled.length, worker.id).toBe(worker.triggers.filter((t) => t.kind === 'schedule').length);
      const ruled = rules.filter(([, rule]) => JSON.stringify(rule.Properties.Targets).includes(`"${id}"`));
      expect(ruled.length, worker.id).toBe(
        worker.triggers.filter((t) => t.kind === 'eventbridge-rule' || t.kind === 's3-object-created').length,
      );
    }
  });

  it('backs every manifest route with its own function, plus the $default one', () => {
    const functions = resources(dev.template, 'AWS::Lambda::Function');
    // Plus the $default function and every worker row (no route invokes those).
    expect(functions).toHaveLength(routes.length + 1 + workers.length);
    const routeKeys = resources(dev.template, 'AWS::ApiGatewayV2::Route').map(
      ([, r]) => r.Properties.RouteKey,
    );
    expect(routeKeys.sort()).toEqual([...routes.map((r) => `${r.method} ${r.path}`), '$default'].sort());
    const integrations = resources(dev.template, 'AWS::ApiGatewayV2::Integration');
    const targets = new Set(integrations.map(([, i]) => JSON.stringify(i.Properties.IntegrationUri)));
    expect(targets.size).toBe(routes.length + 1);
  });

  it('puts the Cognito JWT authorizer on every route that is not public, and none on public ones', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: Match.objectLike({ Audience: Match.anyValue(), Issuer: Match.anyValue() }),
    });
    for (const [, route] of resources(dev.template, 'AWS::ApiGatewayV2::Route')) {
      const manifestRow = routes.find((r) => `${r.method} ${r.path}` === route.Properties.RouteKey);
      const isPublic = !manifestRow || manifestRow.access === 'public';
      expect(route.Properties.AuthorizationType ?? 'NONE', route.Properties.RouteKey).toBe(
        isPublic ? 'NONE' : 'JWT',
      );
    }
  });

  it('runs every function on Node.js 24, arm64, with a log group that expires', () => {
    for (const [id, fn] of resources(dev.template, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime, id).toBe('nodejs24.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig?.LogGroup, id).toBeDefined();
    }
    for (const [, group] of resources(dev.template, 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it("gives each worker the /tmp its row asks for (the import planner room for an XLSX file spooled to disk), the rest Lambda's 512 MB", () => {
    for (const worker of workers) {
      const [id, fn] = workerFunction(worker);
      expect(fn.Properties.EphemeralStorage?.Size, id).toBe(worker.ephemeralStorageMb);
    }
    expect(importPlanner.ephemeralStorageMb).toBeGreaterThanOrEqual(MAX_DISK_BYTES / 1024 ** 2 + 512);
  });

  it('grants each function exactly the table actions its manifest row lists', () => {
    const policies = resources(dev.template, 'AWS::IAM::Policy');
    for (const route of routes) {
      const [, fn] = functionOf(route.id);
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const statements = policies
        .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
        .flatMap(
          ([, policy]) =>
            policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
        );
      const actions = statements
        .flatMap((s) => [s.Action].flat())
        .filter((action) => !action.startsWith('logs:'));
      expect(actions.sort(), route.id).toEqual(
        [
          ...(route.table?.actions ?? []).map((a) => `dynamodb:${a}`),
          ...storageActions(route.storage),
          // Secret.grantRead for the keyring, and for the identity secret, that the route reads at run time.
          ...[route.subscriptionSecret, route.identitySecret].flatMap((reads) =>
            reads ? ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'] : [],
          ),
        ].sort(),
      );
      for (const grant of route.storage ?? []) {
        const resources = statements
          .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')))
          .flatMap((statement) => [statement.Resource].flat())
          .map((resource) => JSON.stringify(resource));
        expect(
          resources.some((resource) => objectsUnder(grant.prefix).test(resource)),
          route.id,
        ).toBe(true);
        expect(
          resources.every((resource) => /StorageFiles/.test(resource)),
          route.id,
        ).toBe(true);
      }
      expect(fn.Properties.Environment.Variables.BUCKET_NAME !== undefined, route.id).toBe(
        (route.storage?.length ?? 0) > 0,
      );
      expect(fn.Properties.Environment.Variables.TABLE_NAME !== undefined, route.id).toBe(
        route.table !== undefined,
      );
    }
  });

  it('keeps the table safe: on-demand, PITR everywhere, retained and deletion-protected in prod', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    prod.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it('keeps files in one encrypted, private, TLS-only bucket whose uploads and reports expire, with CORS and access logs', () => {
    const buckets = resources(dev.template, 'AWS::S3::Bucket');
    const files = buckets.find(([id]) => /^StorageFiles[0-9A-F]{8}$/.test(id))?.[1].Properties;
    const logs = buckets.find(([id]) => /^StorageAccessLogs[0-9A-F]{8}$/.test(id))?.[1].Properties;
    expect(buckets).toHaveLength(2);
    for (const bucket of [files, logs]) {
      expect(
        bucket?.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({
        SSEAlgorithm: 'AES256',
      });
      expect(bucket?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket?.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    }
    expect(files?.LoggingConfiguration.DestinationBucketName.Ref).toMatch(/^StorageAccessLogs/);
    const rules = files?.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[];
    for (const [prefix, days] of Object.entries(STORAGE_EXPIRY_DAYS))
      expect(rules).toContainEqual(
        expect.objectContaining({
          Prefix: STORAGE_PREFIXES[prefix as StoragePrefix],
          ExpirationInDays: days,
        }),
      );
    expect(rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    );
    expect(files?.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ['GET', 'PUT'],
        AllowedOrigins: stageConfig('dev').corsAllowOrigins,
      }),
    ]);
    expect(files?.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    // TLS only: a Deny on aws:SecureTransport false for each bucket.
    const policies = resources(dev.template, 'AWS::S3::BucketPolicy');
    for (const [id] of [buckets[0], buckets[1]].filter(Boolean) as [string, Resource][])
      expect(
        policies.some(
          ([, policy]) =>
            policy.Properties.Bucket.Ref === id &&
            JSON.stringify(policy.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'),
        ),
        id,
      ).toBe(true);
    const prodFiles = Object.entries(prod.findResources('AWS::S3::Bucket')).find(([id]) =>
      /^StorageFiles/.test(id),
    )?.[1] as { DeletionPolicy?: string };
    expect(prodFiles.DeletionPolicy).toBe('Retain');
  });

  it('logs access on the default stage and throttles it', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({
        ThrottlingRateLimit: Match.anyValue(),
        ThrottlingBurstLimit: Match.anyValue(),
      }),
    });
  });

  it('offers self sign-up and an operators group', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'operators' });
  });

  it('passes cdk-nag AwsSolutions checks, every acknowledgement with a reason', () => {
    const report = new AwsSolutionsChecks(dev.stack).validateScope(dev.stack);
    expect(
      report.violations.map(
        (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(',')}`,
      ),
    ).toEqual([]);
  });

  it('keeps every function bundle within its size budget (API functions 260 KB, asynchronous 400 KB, exceljs workers 1.45 MB)', () => {
    const over: Record<string, string> = {};
    const kinds = { api: 0, async: 0, spreadsheet: 0 };
    for (const [id, fn] of resources(dev.template, 'AWS::Lambda::Function')) {
      const assetPath = fn.Metadata?.['aws:asset:path'];
      expect(assetPath, id).toBeDefined();
      const size = statSync(join(dev.outdir, assetPath as string, 'index.mjs')).size;
      const { kind, entry } = bundleKind(join(dev.outdir, assetPath as string));
      kinds[kind]++;
      const budget = BUNDLE_TARGETS[kind].bytes;
      if (size > budget) over[id] = `${size} bytes > ${budget} (${kind} ${entry})`;
    }
    expect(over, 'bundles over budget').toEqual({});
    const spreadsheet = workers.filter((worker) => SPREADSHEET_HANDLERS.has(worker.handler)).length;
    expect(kinds).toEqual({
      api: routes.length + 1,
      async: workers.length - spreadsheet,
      spreadsheet,
    });
  });

  it('bundles none of the modules that lib/shims/ replaces', () => {
    const replaced = [
      'node_modules/@aws-sdk/credential-provider-node/',
      'node_modules/mnemonist/',
      'node_modules/@smithy/core/dist-es/submodules/event-streams/',
      'node_modules/@aws-sdk/middleware-endpoint-discovery/',
      'node_modules/@aws-sdk/endpoint-cache/',
      'node_modules/@smithy/core/dist-es/submodules/checksum/',
    ];
    for (const [id, fn] of resources(dev.template, 'AWS::Lambda::Function')) {
      const meta = JSON.parse(
        readFileSync(join(dev.outdir, fn.Metadata?.['aws:asset:path'] as string, 'index.meta.json'), 'utf8'),
      ) as { inputs: Record<string, unknown> };
      const bundled = Object.keys(meta.inputs).filter((input) => replaced.some((m) => input.includes(m)));
      expect(bundled, id).toEqual([]);
    }
  });

  it('streams new images and wakes the mailer only for outbox inserts, with retries and an on-failure queue', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { SK: { S: [{ prefix: 'OUTBOX#' }] } } },
            }),
          },
        ],
      },
    });
  });

  it('defines the confirmation templates, a configuration set, and lets only the mailer send', () => {
    const names = resources(dev.template, 'AWS::SES::Template').map(
      ([, t]) => t.Properties.Template.TemplateName,
    );
    expect(names.sort()).toEqual([
      'umkm-hub-dev-claim-code',
      'umkm-hub-dev-confirm-en',
      'umkm-hub-dev-confirm-id',
      'umkm-hub-dev-digest-en',
      'umkm-hub-dev-digest-id',
    ]);
    dev.template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    const senders = resources(dev.template, 'AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('ses:SendEmail'),
    );
    expect(senders.map(([id]) => id)).toEqual([expect.stringMatching(/^MailMailerRole/)]);
    const mailerActions = senders.flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) =>
        [s.Action].flat(),
      ),
    );
    expect(
      mailerActions.filter((a) =>
        /^dynamodb:(PutItem|UpdateItem|DeleteItem|GetItem|Query|Scan|Batch\w+)$/.test(a),
      ),
    ).toEqual([]);
  });

  it('lets only the subscription functions, their pages and the mailers read the subscription keyring, at run time', () => {
    const secretRef = /^SubscriptionSecret[0-9A-F]{8}$/;
    for (const [id, fn] of resources(dev.template, 'AWS::Lambda::Function')) {
      const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const reads =
        /Subscription|Preferences|Unsubscribe|ConfirmPage|ConfirmForm|StopPage|StopForm|MailMailer|GetMyData|DigestSender/.test(
          id,
        ) && !id.startsWith('SubscriptionKeyRotation'); // the rotation is handed the secret by its schedule
      // No value of the keyring in any function's configuration: only its ARN, and the extension that reads
      // it.
      expect(JSON.stringify(variables), id).not.toContain('resolve:secretsmanager');
      expect(variables.SUBSCRIPTION_SECRET, id).toBeUndefined();
      const arn = variables.SUBSCRIPTION_SECRET_ARN as { Ref?: string } | undefined;
      expect(arn !== undefined, id).toBe(reads);
      if (!reads) continue;
      // In a nested stack the ARN arrives as a parameter of the parent's secret.
      expect(JSON.stringify(arn), id).toMatch(/SubscriptionSecret/);
      expect(JSON.stringify(fn.Properties.Layers), id).toContain(
        'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
      );
    }
    const [, schedule] = resources(dev.template, 'AWS::SecretsManager::RotationSchedule')[0] ?? [];
    expect(schedule?.Properties.SecretId.Ref).toMatch(secretRef);
    expect(
      schedule?.Properties.RotationRules.ScheduleExpression ??
        `rate(${schedule?.Properties.RotationRules.AutomaticallyAfterDays} days)`,
    ).toBe('rate(365 days)');
    expect(JSON.stringify(schedule?.Properties.RotationLambdaARN)).toMatch(/SubscriptionKeyRotation/);
  });

  it('lets only the functions that register, claim, change or erase a business, and the import worker, read the identity secret, at run time', () => {
    const policies = resources(dev.template, 'AWS::IAM::Policy');
    // The readers the manifests name: route rows with `identitySecret`, worker rows granted the secret.
    const readers = new Set([
      ...routes.filter((route) => route.identitySecret).map((route) => functionOf(route.id)[0]),
      ...workers
        .filter((worker) =>
          (worker.grants ?? []).some((grant) => grant.kind === 'secret-read' && grant.secret === 'identity'),
        )
        .map((worker) => workerFunction(worker)[0]),
    ]);
    // Those who register, claim, change or erase a business, and the import worker.
    expect(readers.size).toBe(6);
    for (const [id, fn] of resources(dev.template, 'AWS::Lambda::Function')) {
      const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const reads = readers.has(id);
      // Neither the value nor a deploy-time reference that CloudFormation would resolve into the
      // configuration: only the secret's ARN, read through the extension.
      expect(variables.IDENTITY_SECRET, id).toBeUndefined();
      expect(JSON.stringify(variables), id).not.toMatch(/resolve:secretsmanager|SecretString/);
      const arn = variables.IDENTITY_SECRET_ARN;
      expect(arn !== undefined, id).toBe(reads);
      if (!reads) continue;
      expect(JSON.stringify(arn), id).toMatch(/IdentitySecret/);
      expect(JSON.stringify(fn.Properties.Layers), id).toContain(
        'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64',
      );
      // Its role may read that secret (GetSecretValue on its ARN).
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const grant = policies.find(
        ([, policy]) =>
          JSON.stringify(policy.Properties.Roles).includes(role) &&
          JSON.stringify(policy.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue') &&
          /IdentitySecret/.test(JSON.stringify(policy.Properties.PolicyDocument)),
      );
      expect(grant, id).toBeDefined();
    }
  });

  it('alarms to one topic on API 5xx, Lambda errors and throttles, DLQ depth and SES reputation', () => {
    const alarms = resources(dev.template, 'AWS::CloudWatch::Alarm');
    const ids = alarms.map(([id]) => id);
    for (const name of [
      'Api5xxRate',
      'LambdaErrors',
      'LambdaThrottles',
      'MailerErrors',
      'DigestPlannerErrors',
      'DigestSenderErrors',
      'DigestFeedbackErrors',
      'MailerDeadLettersDepth',
      'SesBounceRate',
      'SesComplaintRate',
    ]) {
      expect(
        ids.some((id) => id.startsWith(`Monitoring${name}`)),
        name,
      ).toBe(true);
    }
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.001,
    });
    for (const [id, alarm] of alarms) expect(alarm.Properties.AlarmActions, id).toHaveLength(1);
    dev.template.resourceCountIs('AWS::SNS::Topic', 1);
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('graphs every dead-letter queue on the dashboard', () => {
    const targets = resources(dev.template, 'AWS::SQS::Queue').flatMap(([, queue]) => {
      const target = (queue.Properties.RedrivePolicy as { deadLetterTargetArn?: { 'Fn::GetAtt': string[] } })
        ?.deadLetterTargetArn?.['Fn::GetAtt']?.[0];
      return target ? [target] : [];
    });
    expect(targets.length).toBeGreaterThanOrEqual(5);
    const body = JSON.stringify(resources(dev.template, 'AWS::CloudWatch::Dashboard')[0]?.[1].Properties);
    for (const id of targets) expect(body, id).toContain(`"${id}"`);
  });

  it('stays well inside CloudFormation’s 500 resources per stack, nested stacks each counted on their own', () => {
    const counts = Object.fromEntries(
      Object.entries(dev.stacks).map(([name, template]) => [
        name,
        Object.keys(template.toJSON().Resources as object).length,
      ]),
    );
    expect(Object.keys(counts).length, 'the stack and one nested stack per feature').toBe(
      1 + new Set(routes.map((route) => route.tag)).size,
    );
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThan(450);
  });

  it('throttles the public write routes tighter than the stage', () => {
    const stage = resources(dev.template, 'AWS::ApiGatewayV2::Stage')[0]?.[1];
    const settings = stage?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    for (const route of ['POST /subscriptions', 'POST /businesses']) {
      expect(settings[route]?.ThrottlingRateLimit, route).toBeLessThan(
        stage?.Properties.DefaultRouteSettings.ThrottlingRateLimit,
      );
    }
  });

  it('schedules the digest weekly in Asia/Jakarta time, with retries and a dead-letter queue, invoking only the planner', () => {
    const [[, schedule]] = resources(dev.template, 'AWS::Scheduler::Schedule') as [[string, Resource]];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 7 ? * MON *)',
      ScheduleExpressionTimezone: 'Asia/Jakarta',
      Target: {
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 12 * 3600 },
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DigestScheduleFailures/), 'Arn'] },
        },
      },
    });
    expect(JSON.parse(schedule.Properties.Target.Input as string)).toEqual({
      kind: 'start',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const statements = resources(dev.template, 'AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(
        ([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[],
      );
    // It may invoke the planner and drop failed invocations in its dead-letter queue, nothing else.
    expect(statements.map((s) => s.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    for (const statement of statements)
      expect(JSON.stringify(statement.Resource)).toMatch(
        statement.Action === 'lambda:InvokeFunction' ? /^[^]*DigestPlanner[^]*$/ : /DigestScheduleFailures/,
      );
    expect(
      JSON.stringify(statements.find((st) => st.Action === 'lambda:InvokeFunction')?.Resource),
    ).not.toMatch(/DigestSender|DigestFeedback/);
  });

  it('sends from SQS with ReportBatchItemFailures and a maxConcurrency derived from the SES rate', () => {
    const mappings = resources(dev.template, 'AWS::Lambda::EventSourceMapping').filter(([id]) =>
      id.startsWith('Digest'),
    );
    const sender = mappings.find(([id]) => id.startsWith('DigestSender'))?.[1];
    expect(sender?.Properties).toMatchObject({
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const planner = mappings.find(([id]) => id.startsWith('DigestPlanner'))?.[1];
    expect(planner?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const sesEnv = (resources(dev.template, 'AWS::Lambda::Function').find(([id]) =>
      id.startsWith('DigestSender'),
    )?.[1].Properties.Environment.Variables ?? {}) as Record<string, string>;
    // dev allows 10 mails/s: 2 senders × 50 recipients per 10 s.
    expect(sesEnv.SES_MIN_BATCH_MS).toBe('10000');
  });

  it('moves messages that keep failing to dead-letter queues with depth alarms, and alarms on failed recipients', () => {
    const queues = resources(dev.template, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('Digest'));
    for (const name of ['DigestPlanQueue', 'DigestSendQueue']) {
      const queue = queues.find(([id]) => id.startsWith(name) && !id.includes('Failures'))?.[1];
      expect(queue?.Properties.RedrivePolicy, name).toMatchObject({ maxReceiveCount: 5 });
    }
    const alarms = resources(dev.template, 'AWS::CloudWatch::Alarm').map(([id]) => id);
    for (const name of [
      'PlanQueueFailures',
      'SendQueueFailures',
      'ScheduleFailures',
      'FeedbackFailures',
      'FailedRecipients',
    ])
      expect(
        alarms.some((id) => id.startsWith(`Digest${name}`)),
        name,
      ).toBe(true);
    dev.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [
        Match.objectLike({ MetricName: 'FailedRecipients', MetricValue: '$.rejected' }),
      ],
    });
  });

  it('keeps export legs 4 days and moves one that keeps failing to a dead-letter queue whose depth alarms the topic', () => {
    const queue = resources(dev.template, 'AWS::SQS::Queue').find(([id]) =>
      /^ExportsQueue[0-9A-F]{8}$/.test(id),
    );
    expect(queue?.[1].Properties).toMatchObject({
      MessageRetentionPeriod: 4 * 24 * 3600,
      RedrivePolicy: { maxReceiveCount: 5 },
    });
    const [deadLetters] = queue?.[1].Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'] as [string];
    const depth = resources(dev.template, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(`"${deadLetters}"`),
    );
    expect(depth).toHaveLength(1);
    expect(depth[0]?.[1].Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^MonitoringAlarmTopic/) }],
    });
  });

  it('routes bounces and complaints of the configuration set to the feedback function', () => {
    dev.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint'], Enabled: true }),
    });
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
      }),
    });
  });

  it('lets only the digest sender call SendBulkEmail, and the digest routes run without SES', () => {
    const bulk = resources(dev.template, 'AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('ses:SendBulkEmail'),
    );
    expect(bulk.map(([id]) => id)).toEqual([expect.stringMatching(/^DigestSenderRole/)]);
  });
});
