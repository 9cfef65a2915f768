import { createHash } from 'node:crypto';
import { html, raw } from '../shared/html.ts';
import type { Business } from '../businesses/model.ts';
import { importReference } from '../businesses/model.ts';
import { displayCode } from './codes.ts';

/*
 * The claim letter an operator prints for an owner without email: Bahasa Indonesia, then English. A
 * self-contained page (inline print styles only, no script, no external resource).
 */

const STYLE =
  'body{font:12pt/1.5 Georgia,serif;max-width:40rem;margin:2rem auto;color:#000}' +
  'h1{font-size:16pt}.code{font:700 22pt/1.2 monospace;letter-spacing:.15em;border:2px solid #000;padding:.5rem 1rem;display:inline-block}' +
  'table{border-collapse:collapse}td{padding:.15rem .75rem .15rem 0;vertical-align:top}' +
  '.en{color:#333;font-size:10.5pt;border-top:1px solid #999;margin-top:2rem;padding-top:1rem}' +
  '@media print{body{margin:0}}';

/** Nothing but the inline stylesheet, allowed by its hash. */
export const LETTER_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'`;

const wib = (iso: string) =>
  `${new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(iso))}`;

export function claimLetterPage(business: Business, code: string, validUntil: string, claimUrl: string) {
  const claimBy = business.nib ? html`NIB <strong>${business.nib}</strong>` : html``;
  const reference = business.source ? importReference(business.source) : undefined;
  return html`<!doctype html>
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>Surat Klaim Data Usaha — ${business.name}</title>
        ${raw(`<style>${STYLE}</style>`)}
      </head>
      <body>
        <p>Dinas Koperasi dan UKM Kota Bekasi</p>
        <h1>Surat Klaim Data Usaha</h1>
        <p>Kepada Yth. ${business.owner.fullName},<br />pemilik usaha <strong>${business.name}</strong>.</p>
        <p>
          Dinas Koperasi dan UKM Kota Bekasi mencatat data usaha Anda dalam pelaksanaan tugas pelayanan
          publik. Untuk mengelola data tersebut sendiri (melihat, memperbaiki, mengisi survei kebutuhan, atau
          menghapusnya), masuk ke ${claimUrl} dengan akun Anda, pilih <em>Klaim usaha</em>, lalu isi:
        </p>
        <table>
          ${
            business.nib
              ? html`<tr>
                  <td>NIB</td>
                  <td>${claimBy}</td>
                </tr>`
              : ''
          }
          ${
            reference
              ? html`<tr>
                  <td>Referensi</td>
                  <td><strong>${reference}</strong></td>
                </tr>`
              : ''
          }
          <tr>
            <td>NIK</td>
            <td>NIK pemilik usaha (16 angka)</td>
          </tr>
          <tr>
            <td>Kode klaim</td>
            <td><span class="code">${displayCode(code)}</span></td>
          </tr>
        </table>
        <p>
          Kode ini hanya dapat dipakai sekali, berlaku sampai ${wib(validUntil)} dan dapat dicoba paling
          banyak lima kali. Jangan berikan kode ini kepada siapa pun. Surat baru membatalkan surat sebelumnya.
        </p>
        <div class="en" lang="en">
          <p>
            <strong>Claim letter (English).</strong> The Dinas holds a record of your business
            <strong>${business.name}</strong> for its public task. To manage it yourself, sign in at
            ${claimUrl}, choose <em>Claim a business</em>, and enter
            ${business.nib ? 'the NIB' : 'the reference'} above, the owner's NIK and the claim code. The code
            works once, until ${wib(validUntil)}, with at most five tries. A new letter cancels this one.
          </p>
        </div>
      </body>
    </html>`;
}
