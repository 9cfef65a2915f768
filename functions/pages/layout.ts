import { createHash } from 'node:crypto';
import type { AnyRoute } from '../shared/route.ts';
import { httpHandler, type HttpRequest, type HttpResult, type ProblemRenderer } from '../shared/http.ts';
import { forbidden, type HttpProblem } from '../shared/problem.ts';
import { html, raw, type Html } from '../shared/html.ts';

/**
 * The shell every server-rendered page shares: one small stylesheet inline (allowed by its hash in the
 * Content-Security-Policy, so the page needs no second request on a slow phone), landmarks, the
 * document's language, and the response headers. Pages work without JavaScript: the policy allows none.
 */
export type PageLanguage = 'id' | 'en';

const CSS = [
  '*{box-sizing:border-box}',
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f5f5f5}',
  'header{background:#0b5394;color:#fff}',
  'header>div,main,footer{max-width:42rem;margin:0 auto;padding:1rem}',
  'header p{margin:0;font-weight:700}',
  'header a{color:#fff}',
  'main{background:#fff}',
  'h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}',
  'h2{font-size:1.2rem;margin:1.5rem 0 .5rem}',
  'a{color:#0b5394}',
  ':focus-visible{outline:3px solid #b45f06;outline-offset:2px}',
  '.button,button{display:inline-block;min-height:44px;padding:.6rem 1.2rem;border:2px solid #0b5394;border-radius:.4rem;background:#0b5394;color:#fff;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}',
  '.button.secondary{background:#fff;color:#0b5394}',
  'button.danger{background:#a61c00;border-color:#a61c00}',
  'fieldset{border:1px solid #bbb;border-radius:.4rem;margin:0 0 1rem;padding:.5rem 1rem}',
  'legend{font-weight:700;padding:0 .25rem}',
  '.choice{display:flex;gap:.6rem;align-items:center;min-height:44px}',
  '.choice input{width:1.25rem;height:1.25rem;margin:0;flex:none}',
  'input[type=text],select{display:block;width:100%;min-height:44px;margin:.25rem 0 1rem;padding:.5rem;font:inherit;border:1px solid #767676;border-radius:.3rem;background:#fff;color:#1a1a1a}',
  '.notice{padding:.75rem 1rem;border-left:4px solid #0b5394;background:#eef4fb;margin:0 0 1rem}',
  '.alert{border-left-color:#a61c00;background:#fdecea}',
  'dl{margin:0 0 1rem}dt{font-weight:700;margin-top:.75rem}dd{margin:0}',
  '.card{border:1px solid #d0d0d0;border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem}',
  '.card h2{margin:0 0 .25rem;font-size:1.1rem}',
  '.card p{margin:.25rem 0}',
  '.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}',
  'img{max-width:100%;height:auto;border-radius:.4rem}',
  'footer{font-size:.875rem;color:#444}',
  '@media(min-width:40rem){.cols{columns:2}.cols .choice{break-inside:avoid}}',
].join('');

const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;
/** Interpolated whole, so that nothing (Prettier formatting the template included) can change the hashed text. */
const STYLE_ELEMENT = raw(`<style>${CSS}</style>`);

/** Images pages may show: our own, https posters, and the poster store's origin when it is not https. */
const IMAGE_SOURCES = ["'self'", 'https:'];

export const PAGE_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  `img-src ${IMAGE_SOURCES.join(' ')}`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface PageShell {
  language: PageLanguage;
  title: string;
  /** Extra elements in `<head>` (meta for previews, JSON-LD). */
  head?: Html;
  /** Pages reached with a personal link stay out of search engines. */
  private?: boolean;
  body: Html;
}

const SITE = { id: 'Agenda UMKM Kota Bekasi', en: 'Kota Bekasi UMKM events' };
const PUBLISHER = 'Dinas Koperasi dan UKM Kota Bekasi';

export const renderPage = (page: PageShell): string =>
  html`<!doctype html>
    <html lang="${page.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>
          ${page.title === SITE[page.language] ? page.title : `${page.title} · ${SITE[page.language]}`}
        </title>
        ${page.private ? raw('<meta name="robots" content="noindex">') : ''}${page.head} ${STYLE_ELEMENT}
      </head>
      <body>
        <header>
          <div>
            <p><a href="/agenda${page.language === 'en' ? '?lang=en' : ''}">${SITE[page.language]}</a></p>
          </div>
        </header>
        <main id="main">${page.body}</main>
        <footer><p>${PUBLISHER}</p></footer>
      </body>
    </html>`.value;

/** The headers of every page answer; `cache` says who may keep it and how long. */
export function pageHeaders(cache: string, personal = false): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_POLICY,
    // Same-origin referrers keep a form POST's Origin header (no-referrer would send `Origin: null`);
    // links to other sites (registration, WhatsApp) get none, so the token in this page's URL stays here.
    'Referrer-Policy': 'same-origin',
    'Cache-Control': cache,
    ...(personal ? { 'X-Robots-Tag': 'noindex' } : {}),
  };
}

export const pageResult = (page: PageShell, cache: string, status = 200): HttpResult => ({
  status,
  headers: pageHeaders(cache, page.private),
  body: renderPage(page),
});

/**
 * A form POST must come from our own pages: the token in the form is the capability, and the browser's
 * fetch metadata (`Sec-Fetch-Site`) and `Origin` must not name another site. Clients that send neither
 * (old browsers, scripts holding the link) still need the token.
 */
export function requireSameOrigin(headers: Record<string, string | undefined>): void {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw forbidden('The form was sent from another site.');
  const origin = headers.origin;
  if (origin === undefined) return;
  if (!URL.canParse(origin) || new URL(origin).host !== headers.host)
    throw forbidden('The form was sent from another site.');
}

const PROBLEM_WORDS: Record<PageLanguage, Record<string, { title: string; text: string }>> = {
  id: {
    token: {
      title: 'Tautan tidak valid',
      text: 'Tautan ini tidak lengkap atau sudah diubah. Buka lagi tautan dari email terbaru kami.',
    },
    400: {
      title: 'Permintaan tidak valid',
      text: 'Isian formulir tidak dapat kami proses. Silakan coba lagi.',
    },
    403: {
      title: 'Formulir ditolak',
      text: 'Formulir ini dikirim dari situs lain. Buka tautan dari email kami dan kirim dari halaman itu.',
    },
    404: { title: 'Halaman tidak ditemukan', text: 'Halaman yang Anda cari tidak ada atau belum diumumkan.' },
    410: {
      title: 'Tautan sudah tidak berlaku',
      text: 'Tautan ini sudah kedaluwarsa atau langganan sudah berakhir. Setiap email dari kami membawa tautan baru; Anda juga dapat mendaftar lagi.',
    },
    503: { title: 'Layanan sedang sibuk', text: 'Silakan coba lagi dalam beberapa saat.' },
    500: { title: 'Terjadi kesalahan', text: 'Ada masalah di sisi kami. Silakan coba lagi nanti.' },
  },
  en: {
    token: {
      title: 'This link is not valid',
      text: 'The link is incomplete or was changed. Open the link in our latest email again.',
    },
    400: { title: 'Invalid request', text: 'We could not process the form. Please try again.' },
    403: {
      title: 'Form refused',
      text: 'This form was sent from another site. Open the link in our email and send it from that page.',
    },
    404: { title: 'Page not found', text: 'The page does not exist or has not been announced yet.' },
    410: {
      title: 'This link is no longer valid',
      text: 'The link has expired or the subscription has ended. Every email from us brings new links; you may also subscribe again.',
    },
    503: { title: 'The service is busy', text: 'Please try again in a moment.' },
    500: { title: 'Something went wrong', text: 'There is a problem on our side. Please try again later.' },
  },
};

function problemKey(problem: HttpProblem): string {
  if (problem.status === 400 && problem.errors?.some((error) => error.path === 'token')) return 'token';
  if (problem.status === 404 || problem.status === 403 || problem.status === 410)
    return String(problem.status);
  if (problem.status === 503 || problem.status === 429) return '503';
  return problem.status >= 500 ? '500' : '400';
}

/**
 * Problems as a page, in Bahasa Indonesia and then English (whose link it was is not known when the link
 * itself is bad), with the status the JSON API would give.
 */
export const problemPage: ProblemRenderer = (problem, { requestId }) => {
  const key = problemKey(problem);
  const [id, en] = [PROBLEM_WORDS.id[key], PROBLEM_WORDS.en[key]];
  const body = html`<h1>${id?.title}</h1>
    <p>${id?.text}</p>
    <section lang="en">
      <h2>${en?.title}</h2>
      <p>${en?.text}</p>
    </section>
    <p class="actions"><a class="button secondary" href="/agenda">Lihat agenda UMKM</a></p>
    ${problem.status >= 500 ? html`<p>ID: <code>${requestId}</code></p>` : ''}`;
  return {
    contentType: 'text/html; charset=utf-8',
    headers: pageHeaders('no-store', true),
    body: renderPage({ language: 'id', title: id?.title ?? '', body, private: true }),
  };
};

/** A page route's handler: the shared HTTP stack, with problems answered as pages. */
export const pageHandler = <R extends AnyRoute>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult>,
) => httpHandler(route, handle, { renderProblem: problemPage });

/** A page reached through a personal link: never cached, never indexed. */
export const personalPage = (page: Omit<PageShell, 'private'>): HttpResult =>
  pageResult({ ...page, private: true }, 'no-store');

/** A strong validator of the page's bytes: it changes with the event, the language and the template. */
const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined &&
  (ifNoneMatch.trim() === '*' ||
    ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

/**
 * A public page anyone may cache for `maxAge` seconds, with an ETag; a client (or a link-preview crawler)
 * that sends it back gets 304 and no body.
 */
export function publicPage(
  page: PageShell,
  requestHeaders: Record<string, string | undefined>,
  maxAge: number,
): HttpResult {
  const body = renderPage(page);
  const etag = etagOf(body);
  const headers: Record<string, string> = { ...pageHeaders(`public, max-age=${maxAge}`), ETag: etag };
  if (matches(requestHeaders['if-none-match'], etag)) {
    delete headers['Content-Type'];
    return { status: 304, headers };
  }
  return { status: 200, headers, body };
}
