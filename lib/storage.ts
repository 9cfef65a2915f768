import { CfnElement, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  STORAGE_EXPIRY_DAYS,
  STORAGE_PREFIXES,
  type ObjectAccess,
  type StorageGrant,
  type StoragePrefix,
} from '../functions/shared/storage-keys.ts';
import type { StageConfig } from './stages.ts';

export interface UmkmStorageProps {
  stage: StageConfig;
}

/**
 * The stack's one bucket for files (import uploads and reports, event posters): encrypted, public access
 * blocked, TLS only, objects owned by the bucket owner (no ACLs), uploads and reports expiring by prefix
 * (`STORAGE_EXPIRY_DAYS`), unfinished multipart uploads cleaned up, CORS for a browser console to PUT
 * uploads and GET reports through presigned URLs, and server access logs in a second bucket.
 * Functions never get the whole bucket: `grant` gives one prefix and the named operations.
 */
export class UmkmStorage extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: UmkmStorageProps) {
    super(scope, id);
    // Log delivery is granted by the log bucket's policy, not by ACLs (ACLs stay disabled everywhere).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { stage } = props;
    const removal = stage.retainData
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: false };
    const secure = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...removal,
    } as const;

    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...secure,
      // S3 log delivery writes with the bucket owner enforced; it needs no ACL since 2023.
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the files bucket; logging its own accesses would log the log delivery itself.',
    });

    this.bucket = new Bucket(this, 'Files', {
      ...secure,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ...Object.entries(STORAGE_EXPIRY_DAYS).map(([prefix, days]) => ({
          id: `expire-${prefix}`,
          prefix: STORAGE_PREFIXES[prefix as StoragePrefix],
          expiration: Duration.days(days),
        })),
      ],
      cors: [
        {
          allowedOrigins: stage.corsAllowOrigins,
          allowedMethods: [HttpMethods.GET, HttpMethods.PUT],
          allowedHeaders: ['content-type'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
    });
    // Object events go to EventBridge, set on the bucket itself: CDK's `eventBridgeEnabled` and S3 event
    // sources would add a custom-resource Lambda function (BucketNotificationsHandler) outside the manifests.
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }

  /** Allows `grantee` the named operations on objects under one prefix, and nothing else in the bucket. */
  grant(grantee: IGrantable, { prefix, access }: StorageGrant): void {
    const actions: Record<ObjectAccess, string[]> = {
      read: ['s3:GetObject'],
      // Multipart uploads need PutObject for every step and AbortMultipartUpload to drop a failed one.
      write: ['s3:PutObject', 's3:AbortMultipartUpload'],
      delete: ['s3:DeleteObject'],
    };
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access.flatMap((operation) => actions[operation]),
        resources: [this.bucket.arnForObjects(`${STORAGE_PREFIXES[prefix]}*`)],
      }),
    );
    // On the role: the policy the finding is about is its child, not the function's.
    Validations.of(grantee.grantPrincipal as unknown as Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.arnReference(grantee)}>/${STORAGE_PREFIXES[prefix]}*]`,
      reason: `Objects are named by id under ${STORAGE_PREFIXES[prefix]} (one prefix per kind of file, storage-keys.ts): the grant is that prefix and nothing else in the bucket.`,
    });
  }

  /**
   * How cdk-nag names the bucket's ARN in `grantee`'s policy: in the bucket's stack its logical id; in a
   * nested stack the parameter CDK makes for the reference (`reference-to-<node unique id>Arn`).
   */
  private arnReference(grantee: IGrantable): string {
    const resource = this.bucket.node.defaultChild as CfnElement;
    const bucketStack = Stack.of(this.bucket);
    return Stack.of(grantee as unknown as Construct) === bucketStack
      ? `${bucketStack.resolve(resource.logicalId) as string}.Arn`
      : `referenceto${Names.nodeUniqueId(resource.node)}Arn`;
  }

  /**
   * Wakes `fn` for every object created under a prefix: S3 → EventBridge → a rule → the function, with
   * retries and a dead-letter queue for events that fail for good.
   */
  notify(scope: Construct, id: string, fn: IFunction, prefix: StoragePrefix, deadLetters: IQueue): Rule {
    return new Rule(scope, id, {
      description: `Objects created under ${STORAGE_PREFIXES[prefix]}`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [this.bucket.bucketName] },
          object: { key: [{ prefix: STORAGE_PREFIXES[prefix] }] },
        },
      },
      targets: [
        new LambdaFunction(fn, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: deadLetters,
        }),
      ],
    });
  }
}
