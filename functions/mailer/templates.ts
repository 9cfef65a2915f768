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

export const ALL_TEMPLATES: MailTemplate[] = Object.values(CONFIRMATION_TEMPLATES);
