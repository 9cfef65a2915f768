import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync, mkdirSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { join } from 'node:path';

/**
 * What each function sends to AWS, recorded on the wire in local and test runs (`test/iam/` checks it
 * against the function's grant). The local runtime and the test helpers run every handler inside
 * `asFunction(id, …)`; Node's `http.client.request.created` diagnostics channel then shows each request
 * the function's SDK client opens, in the function's async context, whichever copy of the SDK sent it (the
 * TypeScript modules or a `cdk.out` bundle). Nothing in `functions/` knows about it, and with no recording
 * switched on it costs one AsyncLocalStorage context per invocation.
 */

/** One AWS API call as IAM authorizes it: the service, the operation and what it names. */
export interface SdkCall {
  /** Route id or worker id. */
  fn: string;
  /** The signing name from the request's credential scope: `dynamodb`, `ses`, `sqs`, … */
  service: string;
  /** The SDK command without `Command`: `Query`, `TransactWriteItems`, `SendEmail`, … */
  command: string;
  /** DynamoDB: the tables the request names, and whether each is the function's own (`TABLE_NAME`). */
  tables?: { name: string; own: boolean }[];
  index?: string;
  /** DynamoDB transactions: the kinds of their items (`Put`, `Update`, `Delete`, `ConditionCheck`, `Get`). */
  items?: string[];
  /** SES: the template, without the stage's prefix. */
  template?: string;
  /** SQS: the queue's name (the last segment of its URL). */
  queue?: string;
}

interface Context {
  fn: string;
  /** Calls of a probe (`probeCalls`) go to it and not to the run's record. */
  probe?: SdkCall[];
}

const current = new AsyncLocalStorage<Context>();

/** Runs a function's invocation so that what it sends is attributed to it (route id or worker id). */
export const asFunction = <T>(fn: string, run: () => T): T => current.run({ fn }, run);

/**
 * Runs `run` as function `fn` and returns the calls it made instead of recording them (the tests that
 * prove the checker catches an ungranted call).
 */
export async function probeCalls(fn: string, run: () => Promise<unknown>): Promise<SdkCall[]> {
  startRecording();
  const probe: SdkCall[] = [];
  await current.run({ fn, probe }, run);
  return probe;
}

const DYNAMODB_TARGET = /^DynamoDB_\d+\.(\w+)$/;
const JSON_TARGET = /^(\w+?)(?:_\d+)?\.(\w+)$/;
const SES_V2_PATHS: Record<string, string> = {
  'POST /v2/email/outbound-emails': 'SendEmail',
  'POST /v2/email/outbound-bulk-emails': 'SendBulkEmail',
};

const header = (request: ClientRequest, name: string) => {
  const value = request.getHeader(name);
  return Array.isArray(value) ? value.join(',') : value === undefined ? undefined : String(value);
};

/** The parts of the request bodies the check reads (DynamoDB, SQS and SES v2 all send JSON). */
interface Input {
  TableName?: unknown;
  IndexName?: unknown;
  RequestItems?: Record<string, unknown>;
  TransactItems?: unknown;
  QueueUrl?: unknown;
  Content?: { Template?: { TemplateName?: unknown } };
  DefaultContent?: { Template?: { TemplateName?: unknown } };
}

const parse = (body: unknown): Input => {
  try {
    const text = typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8');
    return (JSON.parse(text) ?? {}) as Input;
  } catch {
    return {};
  }
};

const ownTable = (name: string) => ({ name, own: name === process.env.TABLE_NAME });

/** Reads one signed AWS request; undefined for HTTP that is not an AWS API call. */
export function describeCall(fn: string, request: ClientRequest, body: unknown): SdkCall | undefined {
  const service = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\/aws4_request/.exec(
    header(request, 'authorization') ?? '',
  )?.[1];
  if (!service) return undefined;
  const target = header(request, 'x-amz-target') ?? '';
  const dynamo = DYNAMODB_TARGET.exec(target);
  if (service === 'dynamodb' && dynamo?.[1]) {
    const command = dynamo[1];
    const input = parse(body);
    const call: SdkCall = { fn, service, command };
    if (typeof input.TableName === 'string') call.tables = [ownTable(input.TableName)];
    if (typeof input.IndexName === 'string') call.index = input.IndexName;
    if (input.RequestItems) call.tables = Object.keys(input.RequestItems).map(ownTable);
    if (Array.isArray(input.TransactItems)) {
      const items = (input.TransactItems as Record<string, { TableName?: string }>[]).map((item) => {
        const [kind = 'Unknown', operation] = Object.entries(item)[0] ?? [];
        return { kind, table: operation?.TableName ?? '' };
      });
      // IAM authorizes each kind once per request; the record keeps the distinct kinds.
      call.items = [...new Set(items.map((item) => item.kind))].sort();
      call.tables = [...new Set(items.map((item) => item.table))].map(ownTable);
    }
    return call;
  }
  if (service === 'sqs') {
    const input = parse(body);
    const call: SdkCall = { fn, service, command: JSON_TARGET.exec(target)?.[2] ?? 'Unknown' };
    if (typeof input.QueueUrl === 'string') call.queue = input.QueueUrl.split('/').pop() ?? '';
    return call;
  }
  if (service === 'ses') {
    const path = (request.path.split('?')[0] ?? '').replace(/\/+$/, '');
    const command = SES_V2_PATHS[`${request.method} ${path}`] ?? `${request.method} ${path}`;
    const input = parse(body);
    const template = (input.Content ?? input.DefaultContent)?.Template?.TemplateName;
    const call: SdkCall = { fn, service, command };
    if (typeof template === 'string') {
      const prefix = process.env.SES_TEMPLATE_PREFIX ?? '';
      call.template = template.startsWith(prefix) ? template.slice(prefix.length) : template;
    }
    return call;
  }
  return { fn, service, command: JSON_TARGET.exec(target)?.[2] ?? `${request.method} ${request.path}` };
}

let started = false;
/** Whether calls are being recorded in this process (the test helpers attribute invocations only then). */
export const isRecording = (): boolean => started;

const seen = new Set<string>();
let sink: ((call: SdkCall) => void) | undefined;

/**
 * Starts watching this process's outgoing HTTP requests. With `directory`, each distinct call (function,
 * command, what it names) is appended as one JSON line to a file of this process there.
 */
export function startRecording(directory?: string): void {
  if (directory && !sink) {
    const file = join(directory, `${process.pid}-${Math.random().toString(36).slice(2, 8)}.jsonl`);
    sink = (call) => {
      const line = JSON.stringify(call);
      if (seen.has(line)) return;
      seen.add(line);
      // The test run's global setup may clear the directory after this process started.
      mkdirSync(directory, { recursive: true });
      appendFileSync(file, `${line}\n`);
    };
  }
  if (started) return;
  // The channel that shows a request before its body is written came with Node.js 23.2 (the project
  // runs on the `node` package's 24); on an older Node nothing would be recorded and every check pass.
  if (Number(process.versions.node.split('.')[0]) < 24)
    throw new Error(`Recording SDK calls needs Node.js 24 (this is ${process.versions.node})`);
  started = true;
  subscribe('http.client.request.created', (message) => {
    const context = current.getStore();
    if (!context) return;
    const { request } = message as { request: ClientRequest };
    const end = request.end.bind(request) as (...args: unknown[]) => ClientRequest;
    // The SDK's HTTP handler passes the whole body to end() (no streaming bodies in these APIs).
    request.end = ((...args: unknown[]) => {
      const body = typeof args[0] === 'function' ? undefined : args[0];
      const call = describeCall(context.fn, request, body ?? '');
      if (call) {
        if (context.probe) context.probe.push(call);
        else sink?.(call);
      }
      return end(...args);
    }) as ClientRequest['end'];
  });
}

/** Switched on by the environment: `SDK_CALLS_DIR` (the test suites set it). */
export const recordingFromEnvironment = (): void => {
  const directory = process.env.SDK_CALLS_DIR;
  if (directory) startRecording(directory);
};
