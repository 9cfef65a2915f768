import { httpHandler } from '../shared/http.ts';
import { defaultPoster } from './default-poster.ts';
import { defaultPosterImage } from './event-routes.ts';

let png: Buffer | undefined;

/** Drawn on the first request and kept; it never changes between deployments' versions, so caches keep it. */
export const handler = httpHandler(defaultPosterImage, async () => {
  png ??= defaultPoster();
  return {
    body: png,
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' },
  };
});
