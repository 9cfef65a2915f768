import * as z from 'zod/mini';
import { IMPORT_FIELDS } from './columns.ts';
import { IMPORT_FILE_FORMATS } from '../shared/storage-keys.ts';

/**
 * The import queues' messages, checked with zod where they are read (DESIGN: zod at every boundary): a
 * message that is not one of these is logged by its message id only (never its cells, which hold NIKs and
 * phone numbers) and dropped, since no retry would make it valid.
 */
const IMPORT_ID = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

const Cell = z.union([z.string().check(z.maxLength(10_000)), z.number()]);

export const ChunkMessage = z.strictObject({
  kind: z.literal('chunk'),
  importId: IMPORT_ID,
  chunk: z.int().check(z.minimum(1)),
  rows: z
    .array(
      z.strictObject({
        row: z.int().check(z.minimum(1)),
        cells: z.partialRecord(z.enum(IMPORT_FIELDS), Cell),
      }),
    )
    .check(z.minLength(1), z.maxLength(1000)),
});

export const ReportMessage = z.strictObject({ kind: z.literal('report'), importId: IMPORT_ID });

/** The planner's own continuation: read on from the job's checkpoint (it stopped well before its timeout). */
export const PlanMessage = z.strictObject({
  kind: z.literal('plan'),
  importId: IMPORT_ID,
  format: z.enum(IMPORT_FILE_FORMATS),
});

export const WorkMessage = z.discriminatedUnion('kind', [ChunkMessage, ReportMessage]);

export type ChunkMessage = z.infer<typeof ChunkMessage>;
export type ReportMessage = z.infer<typeof ReportMessage>;
export type PlanMessage = z.infer<typeof PlanMessage>;
export type ImportMessage = ChunkMessage | ReportMessage | PlanMessage;

/** A queue message's body against its schema (not JSON at all fails the same way). */
export function messageOf<S extends z.ZodMiniType>(body: string, schema: S) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return schema.safeParse(parsed);
}
