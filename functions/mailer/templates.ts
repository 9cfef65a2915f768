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

/** Data every confirmation template takes. */
export interface ConfirmationData {
  greetingName: string;
  confirmUrl: string;
  expiresAt: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

export const CONFIRMATION_TEMPLATES: Record<'id' | 'en', MailTemplate> = {
  id: {
    name: 'confirm-id',
    subject: 'Konfirmasi langganan Agenda UMKM Kota Bekasi',
    text: [
      'Halo {{greetingName}},',
      '',
      'Terima kasih telah mendaftar untuk menerima kabar pameran, bazar dan pelatihan UMKM Kota Bekasi.',
      'Klik tautan ini untuk mengonfirmasi langganan Anda:',
      '{{confirmUrl}}',
      '',
      'Tautan berlaku sampai {{expiresAt}}. Jika Anda tidak mendaftar, abaikan email ini.',
      '',
      'Atur preferensi: {{preferencesUrl}}',
      'Berhenti berlangganan: {{unsubscribeUrl}}',
      '',
      'Dinas Koperasi dan UKM Kota Bekasi',
    ].join('\n'),
    html:
      '<p>Halo {{greetingName}},</p>' +
      '<p>Terima kasih telah mendaftar untuk menerima kabar pameran, bazar dan pelatihan UMKM Kota Bekasi.</p>' +
      '<p><a href="{{confirmUrl}}">Konfirmasi langganan</a></p>' +
      '<p>Tautan berlaku sampai {{expiresAt}}. Jika Anda tidak mendaftar, abaikan email ini.</p>' +
      '<p><a href="{{preferencesUrl}}">Atur preferensi</a> · <a href="{{unsubscribeUrl}}">Berhenti berlangganan</a></p>' +
      '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
  },
  en: {
    name: 'confirm-en',
    subject: 'Confirm your Kota Bekasi UMKM events subscription',
    text: [
      'Hello {{greetingName}},',
      '',
      'Thank you for signing up for news of Kota Bekasi UMKM exhibitions, bazaars and trainings.',
      'Open this link to confirm your subscription:',
      '{{confirmUrl}}',
      '',
      'The link is valid until {{expiresAt}}. If you did not sign up, ignore this email.',
      '',
      'Preferences: {{preferencesUrl}}',
      'Unsubscribe: {{unsubscribeUrl}}',
      '',
      'Dinas Koperasi dan UKM Kota Bekasi',
    ].join('\n'),
    html:
      '<p>Hello {{greetingName}},</p>' +
      '<p>Thank you for signing up for news of Kota Bekasi UMKM exhibitions, bazaars and trainings.</p>' +
      '<p><a href="{{confirmUrl}}">Confirm your subscription</a></p>' +
      '<p>The link is valid until {{expiresAt}}. If you did not sign up, ignore this email.</p>' +
      '<p><a href="{{preferencesUrl}}">Preferences</a> · <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>' +
      '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
  },
};

/** Data the claim-code template takes. */
export interface ClaimCodeData {
  businessName: string;
  code: string;
  validUntil: string;
}

/**
 * The one-time code that makes a signed-in owner the owner of a record the Dinas imported. The address is
 * the one on the record, not the claimant's, so the mail says what to do if nobody there asked: nothing.
 * One template, Bahasa Indonesia first and English below (the record carries no language choice).
 */
export const CLAIM_CODE_TEMPLATE: MailTemplate = {
  name: 'claim-code',
  subject: 'Kode klaim data usaha {{businessName}} / Business claim code',
  text: [
    'Halo,',
    '',
    'Seseorang meminta untuk mengelola data usaha "{{businessName}}" yang tercatat di Dinas Koperasi dan UKM Kota Bekasi.',
    'Kode klaim Anda: {{code}}',
    '',
    'Kode berlaku sampai {{validUntil}} dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun.',
    'Jika bukan Anda yang meminta, abaikan email ini: data Anda tidak berubah.',
    '',
    '---',
    'Someone asked to manage the business record "{{businessName}}" held by the Dinas Koperasi dan UKM of Kota Bekasi.',
    'Your claim code: {{code}} (valid until {{validUntil}}, once). If this was not you, ignore this email.',
    '',
    'Dinas Koperasi dan UKM Kota Bekasi',
  ].join('\n'),
  html:
    '<p>Halo,</p>' +
    '<p>Seseorang meminta untuk mengelola data usaha <strong>{{businessName}}</strong> yang tercatat di Dinas Koperasi dan UKM Kota Bekasi.</p>' +
    '<p>Kode klaim Anda: <strong style="font-size:1.4em;letter-spacing:.1em">{{code}}</strong></p>' +
    '<p>Kode berlaku sampai {{validUntil}} dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun. Jika bukan Anda yang meminta, abaikan email ini: data Anda tidak berubah.</p>' +
    '<hr><p lang="en">Someone asked to manage the business record <strong>{{businessName}}</strong> held by the Dinas Koperasi dan UKM of Kota Bekasi. Your claim code: <strong>{{code}}</strong> (valid until {{validUntil}}, once). If this was not you, ignore this email.</p>' +
    '<p>Dinas Koperasi dan UKM Kota Bekasi</p>',
};

export const ALL_TEMPLATES: MailTemplate[] = [...Object.values(CONFIRMATION_TEMPLATES), CLAIM_CODE_TEMPLATE];
