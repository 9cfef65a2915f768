import { NEED_LABELS, TYPE_LABELS } from '../events/labels.ts';
import { EVENT_TYPES, NEEDS } from '../events/vocabulary.ts';
import { KECAMATAN_NAMES } from '../regions/names.ts';
import { html, type Html } from '../shared/html.ts';
import type { SubscriptionView } from '../subscriptions/schemas.ts';
import type { PageLanguage, PageShell } from './layout.ts';

/**
 * The subscription pages as pure functions of what the handler read: each returns the page's title and
 * body in the subscriber's language. Every form POSTs to its own path with the link's token in a hidden
 * field; nothing is changed by opening a link.
 */

const WORDS = {
  id: {
    confirmTitle: 'Konfirmasi langganan',
    confirmText: (email: string) =>
      `Anda akan menerima agenda pameran, bazar dan pelatihan UMKM Kota Bekasi setiap minggu di ${email}.`,
    confirmButton: 'Ya, konfirmasi langganan',
    alreadyActive: 'Langganan Anda sudah aktif.',
    confirmedTitle: 'Langganan aktif',
    confirmedText: 'Terima kasih. Anda akan menerima agenda acara UMKM Kota Bekasi setiap minggu.',
    setPreferences: 'Atur preferensi',
    preferencesTitle: 'Preferensi langganan',
    preferencesIntro:
      'Pilih acara yang ingin Anda terima. Jika tidak ada yang dipilih dalam satu kelompok, Anda menerima semuanya.',
    pending: 'Langganan ini belum dikonfirmasi: buka tautan di email konfirmasi.',
    name: 'Nama (opsional)',
    language: 'Bahasa email',
    kecamatan: 'Kecamatan',
    types: 'Jenis acara',
    needs: 'Kebutuhan usaha',
    save: 'Simpan preferensi',
    savedTitle: 'Preferensi tersimpan',
    savedText: 'Mulai agenda berikutnya, Anda menerima acara sesuai pilihan ini.',
    all: 'Semua',
    changeAgain: 'Ubah lagi',
    unsubscribe: 'Berhenti berlangganan',
    unsubscribeTitle: 'Berhenti berlangganan',
    unsubscribeText: (email: string) => `Berhenti menerima agenda acara UMKM Kota Bekasi di ${email}?`,
    unsubscribeButton: 'Ya, berhenti berlangganan',
    notSubscribed: 'Alamat ini sudah tidak berlangganan.',
    unsubscribedTitle: 'Anda telah berhenti berlangganan',
    unsubscribedText:
      'Kami tidak akan mengirim agenda lagi ke alamat ini, dan alamat email Anda sudah kami hapus.',
    seeAgenda: 'Lihat agenda UMKM',
    yourAddress: 'alamat Anda',
  },
  en: {
    confirmTitle: 'Confirm your subscription',
    confirmText: (email: string) =>
      `You will receive the weekly agenda of Kota Bekasi UMKM exhibitions, bazaars and trainings at ${email}.`,
    confirmButton: 'Yes, confirm my subscription',
    alreadyActive: 'Your subscription is already active.',
    confirmedTitle: 'Subscription confirmed',
    confirmedText: 'Thank you. You will receive the Kota Bekasi UMKM events agenda every week.',
    setPreferences: 'Set your preferences',
    preferencesTitle: 'Subscription preferences',
    preferencesIntro:
      'Choose which events you want to hear about. Nothing chosen in a group means all of them.',
    pending: 'This subscription is not confirmed yet: open the link in the confirmation email.',
    name: 'Name (optional)',
    language: 'Email language',
    kecamatan: 'Kecamatan (district)',
    types: 'Event types',
    needs: 'Business needs',
    save: 'Save preferences',
    savedTitle: 'Preferences saved',
    savedText: 'From the next agenda on, you receive the events you chose.',
    all: 'All',
    changeAgain: 'Change again',
    unsubscribe: 'Unsubscribe',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeText: (email: string) => `Stop receiving the Kota Bekasi UMKM events agenda at ${email}?`,
    unsubscribeButton: 'Yes, unsubscribe',
    notSubscribed: 'This address is no longer subscribed.',
    unsubscribedTitle: 'You have unsubscribed',
    unsubscribedText: 'We will send no more agendas to this address, and we have deleted your email address.',
    seeAgenda: 'See the UMKM events',
    yourAddress: 'your address',
  },
} as const;

type Page = Omit<PageShell, 'private'>;

const agendaLink = (language: PageLanguage) =>
  html`<a class="button secondary" href="/agenda${language === 'en' ? '?lang=en' : ''}"
    >${WORDS[language].seeAgenda}</a
  >`;

const link = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

const tokenField = (token: string) => html`<input type="hidden" name="token" value="${token}" />`;

export function confirmPage(view: SubscriptionView, confirmToken: string, manageToken: string): Page {
  const { language } = view;
  const words = WORDS[language];
  const body =
    view.status === 'confirmed'
      ? html`<h1>${words.confirmTitle}</h1>
          <p class="notice">${words.alreadyActive}</p>
          <p class="actions">
            <a class="button" href="${link('/langganan/preferensi', manageToken)}">${words.setPreferences}</a
            >${agendaLink(language)}
          </p>`
      : html`<h1>${words.confirmTitle}</h1>
          <p>${words.confirmText(view.email ?? words.yourAddress)}</p>
          <form method="post" action="/langganan/konfirmasi">
            ${tokenField(confirmToken)}<button type="submit">${words.confirmButton}</button>
          </form>`;
  return { language, title: words.confirmTitle, body };
}

export function confirmedPage(language: PageLanguage, manageToken: string): Page {
  const words = WORDS[language];
  return {
    language,
    title: words.confirmedTitle,
    body: html`<h1>${words.confirmedTitle}</h1>
      <p class="notice">${words.confirmedText}</p>
      <p class="actions">
        <a class="button" href="${link('/langganan/preferensi', manageToken)}">${words.setPreferences}</a
        >${agendaLink(language)}
      </p>`,
  };
}

const choice = (
  name: string,
  value: string,
  label: string,
  checked: boolean,
  type = 'checkbox',
  lang?: string,
) =>
  html`<label class="choice" ${lang ? html` lang="${lang}"` : ''}
    ><input type="${type}" name="${name}" value="${value}" ${checked ? html` checked` : ''} />${label}</label
  >`;

export function preferencesPage(view: SubscriptionView, manageToken: string): Page {
  const { language, filters } = view;
  const words = WORDS[language];
  const body = html`<h1>${words.preferencesTitle}</h1>
    ${view.status === 'pending' ? html`<p class="notice">${words.pending}</p>` : ''}
    <p>${words.preferencesIntro}</p>
    <form method="post" action="/langganan/preferensi">
      ${tokenField(manageToken)} <label for="name">${words.name}</label
      ><input
        type="text"
        id="name"
        name="name"
        maxlength="100"
        autocomplete="name"
        value="${view.name ?? ''}"
      />
      <fieldset>
        <legend>${words.language}</legend>
        ${choice('language', 'id', 'Bahasa Indonesia', language === 'id', 'radio', 'id')}${choice('language', 'en', 'English', language === 'en', 'radio', 'en')}
      </fieldset>
      <fieldset class="cols">
        <legend>${words.kecamatan}</legend>
        ${KECAMATAN_NAMES.map(([code, name]) => choice('kecamatan', code, name, filters.kecamatan.includes(code)))}
      </fieldset>
      <fieldset class="cols">
        <legend>${words.types}</legend>
        ${EVENT_TYPES.map((type) =>
          choice('types', type, TYPE_LABELS[language][type], filters.types.includes(type)),
        )}
      </fieldset>
      <fieldset>
        <legend>${words.needs}</legend>
        ${NEEDS.map((need) =>
          choice('needs', need, NEED_LABELS[language][need], filters.needs.includes(need)),
        )}
      </fieldset>
      <button type="submit">${words.save}</button>
    </form>
    <p class="actions"><a href="${link('/langganan/berhenti', manageToken)}">${words.unsubscribe}</a></p>`;
  return { language, title: words.preferencesTitle, body };
}

const chosen = (values: string[], labels: Record<string, string>, all: string): Html | string =>
  values.length === 0 ? all : values.map((value) => labels[value] ?? value).join(', ');

export function savedPage(view: SubscriptionView, manageToken: string): Page {
  const { language, filters } = view;
  const words = WORDS[language];
  const kecamatanNames = Object.fromEntries(KECAMATAN_NAMES);
  return {
    language,
    title: words.savedTitle,
    body: html`<h1>${words.savedTitle}</h1>
      <p class="notice">${words.savedText}</p>
      <dl>
        <dt>${words.language}</dt>
        <dd>${language === 'en' ? 'English' : 'Bahasa Indonesia'}</dd>
        <dt>${words.kecamatan}</dt>
        <dd>${chosen(filters.kecamatan, kecamatanNames, words.all)}</dd>
        <dt>${words.types}</dt>
        <dd>${chosen(filters.types, TYPE_LABELS[language], words.all)}</dd>
        <dt>${words.needs}</dt>
        <dd>${chosen(filters.needs, NEED_LABELS[language], words.all)}</dd>
      </dl>
      <p class="actions">
        <a class="button" href="${link('/langganan/preferensi', manageToken)}">${words.changeAgain}</a
        >${agendaLink(language)}
      </p>
      <p><a href="${link('/langganan/berhenti', manageToken)}">${words.unsubscribe}</a></p>`,
  };
}

export function unsubscribePage(
  language: PageLanguage,
  email: string | undefined,
  subscribed: boolean,
  manageToken: string,
): Page {
  const words = WORDS[language];
  const body = subscribed
    ? html`<h1>${words.unsubscribeTitle}</h1>
        <p>${words.unsubscribeText(email ?? words.yourAddress)}</p>
        <form method="post" action="/langganan/berhenti">
          ${tokenField(manageToken)}<button type="submit" class="danger">${words.unsubscribeButton}</button>
        </form>
        <p class="actions">
          <a href="${link('/langganan/preferensi', manageToken)}">${words.setPreferences}</a>
        </p>`
    : html`<h1>${words.unsubscribeTitle}</h1>
        <p class="notice">${words.notSubscribed}</p>
        <p class="actions">${agendaLink(language)}</p>`;
  return { language, title: words.unsubscribeTitle, body };
}

export function unsubscribedPage(language: PageLanguage): Page {
  const words = WORDS[language];
  return {
    language,
    title: words.unsubscribedTitle,
    body: html`<h1>${words.unsubscribedTitle}</h1>
      <p class="notice">${words.unsubscribedText}</p>
      <p class="actions">${agendaLink(language)}</p>`,
  };
}
