import * as z from 'zod/mini';
import { EMAIL } from '../shared/patterns.ts';
import { DIGEST_SHARDS } from '../shared/keys.ts';
import { LANGUAGES } from '../subscriptions/schemas.ts';
import { RUN_ID } from './week.ts';

/** The digest's messages, validated wherever they are read. */

const RunId = z.string().check(z.regex(RUN_ID));

/** What the Scheduler sends (its input template fills in the scheduled time); a CLI may force a run. */
export const StartRun = z.strictObject({
  kind: z.literal('start'),
  scheduledTime: z.optional(z.iso.datetime({ offset: true })),
  /** A new run even though this week's went out (demos). */
  force: z.optional(z.boolean()),
});
export type StartRun = z.output<typeof StartRun>;

/** Walk one shard of confirmed subscribers (the plan queue). */
export const ShardMessage = z.strictObject({
  kind: z.literal('shard'),
  runId: RunId,
  shard: z.int().check(z.minimum(0), z.maximum(DIGEST_SHARDS - 1)),
});
export type ShardMessage = z.output<typeof ShardMessage>;

export const BATCH_SIZE = 50;

/** Up to 50 recipients of one language (the send queue). */
export const BatchMessage = z.strictObject({
  runId: RunId,
  batchId: z.string().check(z.regex(/^[\w-]{1,100}$/)),
  language: z.enum(LANGUAGES),
  recipients: z
    .array(
      z.strictObject({
        id: z.string().check(z.minLength(10), z.maxLength(100)),
        email: z.string().check(z.maxLength(254), z.regex(EMAIL)),
        name: z.optional(z.string().check(z.maxLength(100))),
        content: z.string().check(z.regex(/^[\w-]{10,40}$/)),
      }),
    )
    .check(z.minLength(1), z.maxLength(BATCH_SIZE)),
});
export type BatchMessage = z.output<typeof BatchMessage>;

/** The message an SQS record carries, validated (a body that is not JSON fails like a wrong shape). */
export function messageOf<S extends z.ZodMiniType>(body: string, schema: S) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return schema.safeParse(parsed);
}
