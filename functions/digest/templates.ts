import type { MailTemplate } from '../mailer/templates.ts';
import type { Language } from '../subscriptions/schemas.ts';
import { escapeHtml, plainLine, plainUrl } from './format.ts';

/**
 * The digest's SES templates, one per language. The content (rendered once per distinct content by the
 * planner) and the per-recipient parts (greeting, links) arrive as template data. Every placeholder is a
 * triple-stash: values are HTML-escaped by our renderer (`format.ts`) before they get here, so the result
 * is the same whether or not the template engine would escape.
 */

/** Data each digest mail takes: content and programme details (default data) and per-recipient parts. */
export interface DigestTemplateData {
  subject: string;
  contentHtml: string;
  contentText: string;
  programmeAddress: string;
  programmeAddressHtml: string;
  greetingHtml: string;
  greetingText: string;
  preferencesUrl: string;
  preferencesUrlHtml: string;
  unsubscribeUrl: string;
  unsubscribeUrlHtml: string;
}

const BODY = 'margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#222';
const PAGE = 'max-width:600px;margin:0 auto;padding:16px;background:#ffffff';
const FOOTER = 'margin-top:24px;padding-top:12px;border-top:1px solid #d9d9d9;font-size:12px;color:#666';

const WORDS: Record<Language, { title: string; why: string; preferences: string; unsubscribe: string }> = {
  id: {
    title: 'Agenda UMKM Kota Bekasi',
    why: 'Anda menerima email ini karena berlangganan kabar acara UMKM Kota Bekasi dengan alamat ini.',
    preferences: 'Atur preferensi',
    unsubscribe: 'Berhenti berlangganan',
  },
  en: {
    title: 'Kota Bekasi UMKM events',
    why: 'You receive this email because you subscribed to Kota Bekasi UMKM event news with this address.',
    preferences: 'Preferences',
    unsubscribe: 'Unsubscribe',
  },
};

const template = (language: Language): MailTemplate => {
  const words = WORDS[language];
  return {
    name: `digest-${language}`,
    subject: '{{{subject}}}',
    html:
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
      '<meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
      `<body style="${BODY}"><div style="${PAGE}">` +
      `<h1 style="font-size:20px;margin:0 0 12px;color:#0b5394">${words.title}</h1>` +
      '<p style="margin:0 0 8px">{{{greetingHtml}}}</p>{{{contentHtml}}}' +
      `<div style="${FOOTER}"><p style="margin:4px 0">${words.why}</p>` +
      '<p style="margin:4px 0">{{{programmeAddressHtml}}}</p>' +
      `<p style="margin:4px 0"><a href="{{{preferencesUrlHtml}}}" style="color:#0b5394">${words.preferences}</a> · ` +
      `<a href="{{{unsubscribeUrlHtml}}}" style="color:#0b5394">${words.unsubscribe}</a></p></div>` +
      '</div></body></html>',
    text: [
      words.title,
      '',
      '{{{greetingText}}}',
      '',
      '{{{contentText}}}',
      '',
      '--',
      words.why,
      '{{{programmeAddress}}}',
      `${words.preferences}: {{{preferencesUrl}}}`,
      `${words.unsubscribe}: {{{unsubscribeUrl}}}`,
    ].join('\n'),
  };
};

export const DIGEST_TEMPLATES: Record<Language, MailTemplate> = { id: template('id'), en: template('en') };

/** Fills a template's `{{{name}}}` placeholders, as SES does (for the preview route, which has no SES). */
export const fillTemplate = (source: string, data: DigestTemplateData): string =>
  source.replace(/\{\{\{(\w+)\}\}\}/g, (_, name: string) => data[name as keyof DigestTemplateData] ?? '');

/** The programme's postal address, for the footer's HTML and text parts. */
export const programmeAddressData = (address: string) => ({
  programmeAddress: plainLine(address),
  programmeAddressHtml: escapeHtml(plainLine(address)),
});

/** A recipient's preference and unsubscribe links, for the HTML part (escaped) and the text part. */
export const linkData = (preferencesUrl: string, unsubscribeUrl: string) => ({
  preferencesUrl: plainUrl(preferencesUrl),
  preferencesUrlHtml: escapeHtml(plainUrl(preferencesUrl)),
  unsubscribeUrl: plainUrl(unsubscribeUrl),
  unsubscribeUrlHtml: escapeHtml(plainUrl(unsubscribeUrl)),
});

/** The greeting, by name when the subscriber gave one. */
export function greeting(language: Language, name: string | undefined) {
  const text = language === 'id' ? `Halo ${name ?? 'Bapak/Ibu'},` : `Hello ${name ?? 'there'},`;
  return { greetingText: plainLine(text), greetingHtml: escapeHtml(plainLine(text)) };
}
