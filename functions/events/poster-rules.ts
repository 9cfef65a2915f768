import type { ImageHeader } from '../shared/image-header.ts';
import { bodyFieldError, type FieldError } from '../shared/problem.ts';
import { POSTER_LIMITS } from './poster-schemas.ts';

/** What is wrong with an uploaded file as a poster, one error per field (`file`, `bytes`, `width`, `height`). */
export function posterProblems(image: ImageHeader | undefined, bytes: number): FieldError[] {
  const errors: FieldError[] = [];
  if (bytes > POSTER_LIMITS.maxBytes)
    errors.push(
      bodyFieldError('bytes', 'too_large', `Must be at most ${POSTER_LIMITS.maxBytes} bytes (1 MiB).`),
    );
  if (!image) {
    errors.push(bodyFieldError('file', 'not_an_image', 'Must be a JPEG, PNG or WebP image.'));
    return errors;
  }
  for (const side of ['width', 'height'] as const) {
    if (image[side] > POSTER_LIMITS.maxPixels)
      errors.push(bodyFieldError(side, 'too_large', `Must be at most ${POSTER_LIMITS.maxPixels} pixels.`));
    if (image[side] < POSTER_LIMITS.minPixels)
      errors.push(bodyFieldError(side, 'too_small', `Must be at least ${POSTER_LIMITS.minPixels} pixels.`));
  }
  return errors;
}
