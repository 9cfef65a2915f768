import * as z from 'zod/mini';
import { IMAGE_TYPES } from '../shared/image-header.ts';
import { ULID } from './vocabulary.ts';

/**
 * Poster limits: small enough that a preview loads on a slow phone (1 MiB is ~3 s on a 3G link), large
 * enough for a sharp 2:1 or 1.91:1 share card. There is no resizer in the stack (no native image library
 * in a Lambda bundle), so posters are limited rather than resized; operators export them at these sizes.
 */
export const POSTER_LIMITS = {
  maxBytes: 1024 * 1024,
  maxPixels: 2048,
  minPixels: 200,
} as const;

/** How long an upload URL works. */
export const POSTER_UPLOAD_SECONDS = 10 * 60;

export const PosterUploadBody = z.strictObject({
  contentType: z.enum(IMAGE_TYPES),
  bytes: z.int().check(
    z.minimum(1),
    z.maximum(POSTER_LIMITS.maxBytes, {
      error: `Must be at most ${POSTER_LIMITS.maxBytes} bytes (1 MiB).`,
    }),
  ),
});

export const PosterUpload = z.object({
  key: z.string(),
  method: z.literal('PUT'),
  uploadUrl: z.string(),
  headers: z.object({ 'content-type': z.enum(IMAGE_TYPES) }),
  expiresAt: z.string(),
  limits: z.object({ maxBytes: z.int(), maxPixels: z.int(), minPixels: z.int() }),
});

export const UPLOAD_KEY = /^posters\/uploads\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/;

export const PosterConfirmBody = z.strictObject({
  key: z
    .string()
    .check(z.regex(UPLOAD_KEY, { error: 'Must be the key a poster upload of this event returned.' })),
});

export { ULID };
