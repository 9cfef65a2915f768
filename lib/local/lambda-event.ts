import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/** Claims as API Gateway's JWT authorizer passes them: every value a string, lists as `[a b]`. */
export function claimsAsGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.map(String).join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );
}

const isText = (contentType: string | undefined) =>
  !contentType ||
  /^(text\/|application\/([\w.+-]+\+)?(json|xml|x-www-form-urlencoded)|application\/javascript)/i.test(
    contentType,
  );

/** An HTTP API payload-format-2.0 event, built as API Gateway builds it for a Lambda integration. */
export function httpApiEvent(input: {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  routeKey: string;
  pathParameters?: Record<string, string>;
  claims?: Record<string, string>;
  sourceIp: string;
}): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway adds these to every request it passes on.
  headers['x-forwarded-proto'] = input.url.protocol.replace(':', '');
  headers['x-forwarded-for'] = input.sourceIp;
  const query: Record<string, string> = {};
  for (const [name, value] of input.url.searchParams) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const text = isText(headers['content-type']);
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.url.pathname,
    rawQueryString: input.url.search.slice(1),
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: input.url.host,
      domainPrefix: 'local',
      http: {
        method: input.method,
        path: input.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: null } } } : {}),
    },
    isBase64Encoded: !text,
  };
  if (input.headers.cookie) event.cookies = input.headers.cookie.split(/;\s*/);
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (input.pathParameters && Object.keys(input.pathParameters).length > 0)
    event.pathParameters = input.pathParameters;
  if (input.body.byteLength > 0)
    event.body = text ? input.body.toString('utf8') : input.body.toString('base64');
  return event;
}

/** A Lambda context for one local invocation, with the function's time limit. */
export function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A message in one of the in-process queues that stand in for SQS, with the times it was received. */
export interface SqsMessage {
  id: string;
  body: string;
  receives: number;
}

/** An SQS event as Lambda's SQS event source builds it, for `messages` of the queue `queueName`. */
export function sqsEvent(queueName: string, messages: readonly SqsMessage[]): SQSEvent {
  return {
    Records: messages.map((message) => ({
      messageId: message.id,
      receiptHandle: message.id,
      body: message.body,
      attributes: { ApproximateReceiveCount: String(message.receives) },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${queueName}`,
      awsRegion: 'local',
    })),
  } as unknown as SQSEvent;
}

/**
 * One receive of `messages` by `handler`, as Lambda's SQS event source makes it: each message's receive
 * count goes up, and the ids it answers are those to deliver again, the ones the handler named in its
 * `batchItemFailures` (ReportBatchItemFailures), or all of them when it threw (`onError` hears why).
 */
export async function receiveSqsBatch(
  queueName: string,
  messages: readonly SqsMessage[],
  handler: (event: SQSEvent) => Promise<unknown>,
  onError?: (error: unknown) => void,
): Promise<Set<string>> {
  for (const message of messages) message.receives++;
  try {
    const result = (await handler(sqsEvent(queueName, messages))) as SQSBatchResponse | undefined;
    return new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  } catch (error) {
    onError?.(error);
    return new Set(messages.map((message) => message.id));
  }
}
