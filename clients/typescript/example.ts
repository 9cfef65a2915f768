import { createUmkmClient } from './index.ts';

/* The README's example, kept here so that the compiler checks it against the generated types. */

export async function example(session: { idToken: string }, id: string, render: (items: unknown[]) => void) {
  const api = createUmkmClient('http://127.0.0.1:3000', { token: () => session.idToken });
  const { error, response } = await api.GET('/businesses/{id}', { params: { path: { id } } });
  // A Problem document, or API Gateway's own { message } (401, 429): the types say which.
  if (error) throw new Error('title' in error ? error.title : error.message);
  const etag = response.headers.get('ETag') ?? '';
  await api.PATCH('/businesses/{id}', {
    params: { path: { id }, header: { 'If-Match': etag } }, // required: the compiler says so
    body: { name: 'Keripik Bu Siti' },
  });
  let cursor: string | undefined; // every list: { items, cursor }, limit 1–100 (default 20)
  do {
    const page = await api.GET('/events', {
      params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    });
    if (!page.data) throw new Error(JSON.stringify(page.error));
    render(page.data.items);
    cursor = page.data.cursor;
  } while (cursor);
}
