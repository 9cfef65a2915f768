import { escapeHtml } from '../shared/html.ts';
import { plainLine, plainUrl } from '../shared/mail-text.ts';

/**
 * The SES templates the mailer sends by name: defined here once, created by the CDK stack
 * (`AWS::SES::Template`) and by the local runtime's bootstrap against the SES stand-in.
 * Bahasa Indonesia is the default; English for subscribers who chose it.
 */
export interface MailTemplate {
  /** Name without the deployment's prefix (`<prefix>confirm-id`). */
  name: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Data every confirmation template takes. Every placeholder is a triple-stash and every value arrives
 * made safe by our own code (`confirmationData`): `…Html` values HTML-escaped for the HTML part, the
 * others as plain one-line text for the text part. Nothing relies on the template engine's escaping.
 */
export interface ConfirmationData {
  greetingText: string;
  greetingHtml: string;
  confirmUrl: string;
  confirmUrlHtml: string;
  expiresAt: string;
  expiresAtHtml: string;
  preferencesUrl: string;
  preferencesUrlHtml: string;
  unsubscribeUrl: string;
  unsubscribeUrlHtml: string;
}

export const CONFIRMATION_TEMPLATES: Record<'id' | 'en', MailTemplate> = {
  id: {
    name: 'confirm-id',
    subject: 'Konfirmasi langganan Agenda UMKM Kota Bekasi',
    text: [
      '{{{greetingText}}}',
      '',
      'Terima kasih telah mendaftar untuk menerima kabar pameran, bazar dan pelatihan UMKM Kota Bekasi.',
      'Klik tautan ini untuk mengonfirmasi langganan Anda:',
      '{{{confirmUrl}}}',
      '',
      'Tautan berlaku sampai {{{expiresAt}}}. Jika Anda tidak mendaftar, abaikan email ini.',
      '',
      'Atur preferensi: {{{preferencesUrl}}}',
      'Berhenti berlangganan: {{{unsubscribeUrl}}}',
      '',
      'Dinas Koperasi dan UKM Kota Bekasi',
    ].join('\n'),
    html:
      '<p>{{{greetingHtml}}}</p>' +
      '<p>Terima kasih telah mendaftar untuk menerima kabar pameran, bazar dan pelatihan UMKM Kota Bekasi.</p>' +
      '<p><a href="{{{confirmUrlHtml}}}">Konfirmasi langganan</a></p>' +
      '<p>Tautan berlaku sampai {{{expiresAtHtml}}}. Jika Anda tidak mendaftar, abaikan email ini.</p>' +
      '<p><a href="{{{preferencesUrlHtml}}}">Atur preferensi</a> · <a href="{{{unsubscribeUrlHtml}}}">Berhenti berlangganan</a></p>' +
      '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
  },
  en: {
    name: 'confirm-en',
    subject: 'Confirm your Kota Bekasi UMKM events subscription',
    text: [
      '{{{greetingText}}}',
      '',
      'Thank you for signing up for news of Kota Bekasi UMKM exhibitions, bazaars and trainings.',
      'Open this link to confirm your subscription:',
      '{{{confirmUrl}}}',
      '',
      'The link is valid until {{{expiresAt}}}. If you did not sign up, ignore this email.',
      '',
      'Preferences: {{{preferencesUrl}}}',
      'Unsubscribe: {{{unsubscribeUrl}}}',
      '',
      'Dinas Koperasi dan UKM Kota Bekasi',
    ].join('\n'),
    html:
      '<p>{{{greetingHtml}}}</p>' +
      '<p>Thank you for signing up for news of Kota Bekasi UMKM exhibitions, bazaars and trainings.</p>' +
      '<p><a href="{{{confirmUrlHtml}}}">Confirm your subscription</a></p>' +
      '<p>The link is valid until {{{expiresAtHtml}}}. If you did not sign up, ignore this email.</p>' +
      '<p><a href="{{{preferencesUrlHtml}}}">Preferences</a> · <a href="{{{unsubscribeUrlHtml}}}">Unsubscribe</a></p>' +
      '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
  },
};

/** Data the claim-code template takes, made safe like the confirmation's (`claimCodeData`). */
export interface ClaimCodeData {
  businessNameText: string;
  businessNameHtml: string;
  code: string;
  validUntilText: string;
  validUntilHtml: string;
}

/** The claim-code template's data: the business name is imported text, so escaped by our own code. */
export function claimCodeData(mail: {
  businessName: string;
  code: string;
  validUntil: string;
}): ClaimCodeData {
  return {
    businessNameText: plainLine(mail.businessName),
    businessNameHtml: escapeHtml(plainLine(mail.businessName)),
    code: escapeHtml(plainLine(mail.code)),
    validUntilText: plainLine(mail.validUntil),
    validUntilHtml: escapeHtml(plainLine(mail.validUntil)),
  };
}

/**
 * The one-time code that makes a signed-in owner the owner of a record the Dinas imported. The address is
 * the one on the record, not the claimant's, so the mail says what to do if nobody there asked: nothing.
 * One template, Bahasa Indonesia first and English below (the record carries no language choice).
 */
export const CLAIM_CODE_TEMPLATE: MailTemplate = {
  name: 'claim-code',
  subject: 'Kode klaim data usaha {{{businessNameText}}} / Business claim code',
  text: [
    'Halo,',
    '',
    'Seseorang meminta untuk mengelola data usaha "{{{businessNameText}}}" yang tercatat di Dinas Koperasi dan UKM Kota Bekasi.',
    'Kode klaim Anda: {{{code}}}',
    '',
    'Kode berlaku sampai {{{validUntilText}}} dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun.',
    'Jika bukan Anda yang meminta, abaikan email ini: data Anda tidak berubah.',
    '',
    '---',
    'Someone asked to manage the business record "{{{businessNameText}}}" held by the Dinas Koperasi dan UKM of Kota Bekasi.',
    'Your claim code: {{{code}}} (valid until {{{validUntilText}}}, once). If this was not you, ignore this email.',
    '',
    'Dinas Koperasi dan UKM Kota Bekasi',
  ].join('\n'),
  html:
    '<p>Halo,</p>' +
    '<p>Seseorang meminta untuk mengelola data usaha <strong>{{{businessNameHtml}}}</strong> yang tercatat di Dinas Koperasi dan UKM Kota Bekasi.</p>' +
    '<p>Kode klaim Anda: <strong style="font-size:1.4em;letter-spacing:.1em">{{{code}}}</strong></p>' +
    '<p>Kode berlaku sampai {{{validUntilHtml}}} dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun. Jika bukan Anda yang meminta, abaikan email ini: data Anda tidak berubah.</p>' +
    '<hr><p lang="en">Someone asked to manage the business record <strong>{{{businessNameHtml}}}</strong> held by the Dinas Koperasi dan UKM of Kota Bekasi. Your claim code: <strong>{{{code}}}</strong> (valid until {{{validUntilHtml}}}, once). If this was not you, ignore this email.</p>' +
    '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
};

export const ALL_TEMPLATES: MailTemplate[] = [...Object.values(CONFIRMATION_TEMPLATES), CLAIM_CODE_TEMPLATE];

/** The template data of one confirmation mail, each value made safe for the part it goes into. */
export function confirmationData(mail: {
  name?: string | undefined;
  language: 'id' | 'en';
  confirmUrl: string;
  expiresAt: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}): ConfirmationData {
  const greeting =
    mail.language === 'en' ? `Hello ${mail.name ?? 'there'},` : `Halo ${mail.name ?? 'Bapak/Ibu'},`;
  const text = (value: string) => ({ text: plainLine(value), html: escapeHtml(plainLine(value)) });
  const link = (value: string) => ({ text: plainUrl(value), html: escapeHtml(plainUrl(value)) });
  const [g, c, e, p, u] = [
    text(greeting),
    link(mail.confirmUrl),
    text(mail.expiresAt),
    link(mail.preferencesUrl),
    link(mail.unsubscribeUrl),
  ];
  return {
    greetingText: g.text,
    greetingHtml: g.html,
    confirmUrl: c.text,
    confirmUrlHtml: c.html,
    expiresAt: e.text,
    expiresAtHtml: e.html,
    preferencesUrl: p.text,
    preferencesUrlHtml: p.html,
    unsubscribeUrl: u.text,
    unsubscribeUrlHtml: u.html,
  };
}
