import { rupiah, wibDateTime } from '../digest/format.ts';
import { NEED_LABELS, TYPE_LABELS, typeLabel } from '../events/labels.ts';
import type { EventView } from '../events/schemas.ts';
import { EVENT_TYPES, NEEDS } from '../events/vocabulary.ts';
import { KECAMATAN_NAMES, kecamatanName } from '../regions/names.ts';
import { html, jsonForScript, type Html } from '../shared/html.ts';
import type { PageLanguage, PageShell } from './layout.ts';

/**
 * The public event pages as pure functions: one event (with the meta that link previews and search
 * engines read) and the list with the public filters. `site` is the pages' public base URL, for the
 * absolute URLs that previews and JSON-LD need.
 */

const WORDS = {
  id: {
    agenda: 'Agenda UMKM Kota Bekasi',
    agendaIntro: 'Pameran, bazar, pelatihan dan acara lain untuk UMKM, terbuka untuk umum.',
    cancelled: 'Dibatalkan',
    reason: 'Alasan',
    when: 'Waktu',
    place: 'Tempat',
    online: 'Daring (online)',
    onlineLink: 'Tautan acara daring',
    fee: 'Biaya',
    quota: 'Kuota peserta',
    eligibility: 'Peserta',
    organiser: 'Penyelenggara',
    contact: 'Kontak',
    deadline: 'Batas pendaftaran',
    register: 'Daftar sekarang',
    addToCalendar: 'Tambahkan ke kalender',
    share: 'Bagikan lewat WhatsApp',
    needs: 'Untuk kebutuhan',
    poster: 'Poster acara',
    allEvents: 'Semua acara',
    other: 'Read in English',
    otherLang: 'en',
    filter: 'Saring acara',
    kecamatan: 'Kecamatan',
    type: 'Jenis acara',
    need: 'Kebutuhan usaha',
    all: 'Semua',
    show: 'Tampilkan',
    none: 'Belum ada acara yang cocok dengan pilihan ini.',
    next: 'Acara berikutnya',
    calendarFeed: 'Langganan kalender (iCal)',
    details: 'Selengkapnya',
    kec: 'Kec.',
  },
  en: {
    agenda: 'Kota Bekasi UMKM events',
    agendaIntro: 'Exhibitions, bazaars, trainings and other events for small businesses, open to everyone.',
    cancelled: 'Cancelled',
    reason: 'Reason',
    when: 'When',
    place: 'Place',
    online: 'Online',
    onlineLink: 'Link to the online event',
    fee: 'Fee',
    quota: 'Places',
    eligibility: 'Who may take part',
    organiser: 'Organiser',
    contact: 'Contact',
    deadline: 'Registration deadline',
    register: 'Register now',
    addToCalendar: 'Add to my calendar',
    share: 'Share on WhatsApp',
    needs: 'For these needs',
    poster: 'Event poster',
    allEvents: 'All events',
    other: 'Baca dalam Bahasa Indonesia',
    otherLang: 'id',
    filter: 'Filter events',
    kecamatan: 'Kecamatan (district)',
    type: 'Event type',
    need: 'Business need',
    all: 'All',
    show: 'Show',
    none: 'No events match these choices yet.',
    next: 'More events',
    calendarFeed: 'Subscribe to the calendar (iCal)',
    details: 'Details',
    kec: 'Kec.',
  },
} as const;

const SCHEMA = 'https://schema.org/';

/** The picture a preview shows when the event has no poster of its own. */
export const defaultImagePath = '/agenda/poster-default.png';

const withLanguage = (path: string, language: PageLanguage, query: Record<string, string> = {}) => {
  const params = new URLSearchParams({ ...query, ...(language === 'en' ? { lang: 'en' } : {}) });
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

function placeText(event: EventView, language: PageLanguage): string {
  if (!event.venue) return WORDS[language].online;
  const kecamatan = kecamatanName(event.venue.kecamatan);
  return [
    event.venue.name,
    event.venue.address,
    kecamatan && `${WORDS[language].kec} ${kecamatan}`,
    'Kota Bekasi',
  ]
    .filter(Boolean)
    .join(', ');
}

/** "Jumat, 4 Desember 2026, 09.00–16.00 WIB" on one day; both dates in full across days. */
function wibRange(start: string, end: string, language: PageLanguage): string {
  const [from, to] = [wibDateTime(start, language), wibDateTime(end, language)];
  const cut = (text: string) => text.lastIndexOf(', ');
  if (from.slice(0, cut(from)) === to.slice(0, cut(to)))
    return `${from.slice(0, -' WIB'.length)}–${to.slice(cut(to) + 2)}`;
  return `${from} – ${to}`;
}

/** The uploaded poster (through its stable redirect), else a linked one, else the programme's picture. */
export const imageOf = (event: EventView, site: string) =>
  event.poster ? `${site}/agenda/${event.id}/poster` : (event.posterUrl ?? `${site}${defaultImagePath}`);

/** schema.org Event as Google's event rich results read it (required and recommended fields). */
export function eventJsonLd(event: EventView, site: string): Record<string, unknown> {
  const pageUrl = `${site}/agenda/${event.id}`;
  const venue = event.venue;
  const kecamatan = venue && kecamatanName(venue.kecamatan);
  const place = venue && {
    '@type': 'Place',
    name: venue.name,
    address: {
      '@type': 'PostalAddress',
      streetAddress: venue.address,
      addressLocality: kecamatan ? `Kecamatan ${kecamatan}, Kota Bekasi` : 'Kota Bekasi',
      addressRegion: 'Jawa Barat',
      addressCountry: 'ID',
    },
  };
  const virtual = event.onlineUrl ? { '@type': 'VirtualLocation', url: event.onlineUrl } : undefined;
  const mode = place && virtual ? 'Mixed' : place ? 'Offline' : 'Online';
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.description,
    startDate: event.start,
    endDate: event.end,
    eventStatus: `${SCHEMA}${event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
    eventAttendanceMode: `${SCHEMA}${mode}EventAttendanceMode`,
    location:
      place && virtual
        ? [place, virtual]
        : (place ?? virtual ?? { '@type': 'VirtualLocation', url: pageUrl }),
    image: [imageOf(event, site)],
    url: pageUrl,
    inLanguage: 'id',
    organizer: { '@type': 'Organization', name: event.organiser },
    offers: {
      '@type': 'Offer',
      price: event.fee,
      priceCurrency: 'IDR',
      availability: `${SCHEMA}${event.status === 'cancelled' ? 'SoldOut' : 'InStock'}`,
      url: event.registration?.url ?? pageUrl,
      ...(event.publishedAt ? { validFrom: event.publishedAt } : {}),
      ...(event.registration?.deadline ? { validThrough: event.registration.deadline } : {}),
    },
    ...(event.quota ? { maximumAttendeeCapacity: event.quota } : {}),
  };
}

const summaryOf = (text: string, max = 200) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

function previewMeta(event: EventView, language: PageLanguage, site: string): Html {
  const pageUrl = `${site}/agenda/${event.id}`;
  const cancelled = event.status === 'cancelled' ? `${WORDS[language].cancelled}: ` : '';
  const title = `${cancelled}${event.title}`;
  const description = `${wibDateTime(event.start, language)} · ${placeText(event, language)}`;
  const image = imageOf(event, site);
  return html`<meta name="description" content="${summaryOf(event.description)}" />
    <link rel="canonical" href="${pageUrl}" />
    <meta property="og:type" content="website" /><meta
      property="og:site_name"
      content="${WORDS[language].agenda}"
    />
    <meta property="og:locale" content="${language === 'en' ? 'en_GB' : 'id_ID'}" />
    <meta property="og:title" content="${title}" /><meta property="og:description" content="${description}" />
    <meta property="og:url" content="${pageUrl}" /><meta property="og:image" content="${image}" />
    <meta property="og:image:alt" content="${WORDS[language].poster}: ${event.title}" />
    <meta name="twitter:card" content="summary_large_image" /><meta name="twitter:title" content="${title}" />
    <meta name="twitter:description" content="${description}" /><meta
      name="twitter:image"
      content="${image}"
    />
    <script type="application/ld+json">
      ${jsonForScript(eventJsonLd(event, site))}
    </script>`;
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => html`<p>${part}</p>`);

export function eventPage(event: EventView, language: PageLanguage, site: string): PageShell {
  const words = WORDS[language];
  const pageUrl = `${site}/agenda/${event.id}`;
  const share = `https://wa.me/?text=${encodeURIComponent(`${event.title} — ${wibDateTime(event.start, language)}\n${pageUrl}`)}`;
  const cancelled = event.status === 'cancelled';
  const open = !cancelled && event.registration?.url;
  const detail = (term: string, value: Html | string | undefined) =>
    value
      ? html`<dt>${term}</dt>
          <dd>${value}</dd>`
      : '';
  const body = html`<p>
      <a href="${withLanguage('/agenda', language)}">← ${words.allEvents}</a> ·
      <a href="${withLanguage(`/agenda/${event.id}`, words.otherLang)}" lang="${words.otherLang}"
        >${words.other}</a
      >
    </p>
    <p>${typeLabel(language, event.type)}</p>
    <h1>${event.title}</h1>
    ${cancelled ? html`<p class="notice alert"><strong>${words.cancelled}.</strong> ${event.cancellation ? `${words.reason}: ${event.cancellation.reason}` : ''}</p>` : ''}
    ${event.poster || event.posterUrl ? html`<p><img src="${imageOf(event, site)}" alt="${words.poster}: ${event.title}" width="${event.poster?.width ?? 800}" height="${event.poster?.height ?? 450}" /></p>` : ''}
    <dl>
      ${detail(words.when, wibRange(event.start, event.end, language))}
      ${detail(words.place, placeText(event, language))}
      ${detail(words.onlineLink, event.onlineUrl && !cancelled ? html`<a href="${event.onlineUrl}">${event.onlineUrl}</a>` : undefined)}
      ${detail(words.fee, rupiah(event.fee, language))}
      ${detail(words.quota, event.quota ? String(event.quota) : undefined)}
      ${detail(words.deadline, event.registration?.deadline ? wibDateTime(event.registration.deadline, language) : undefined)}
      ${detail(words.eligibility, event.eligibility)}
      ${detail(words.needs, event.needs.length > 0 ? event.needs.map((need) => NEED_LABELS[language][need]).join(', ') : undefined)}
      ${detail(words.organiser, event.organiser)}
      ${detail(words.contact, event.contact ? [event.contact.name, event.contact.phone, event.contact.email].filter(Boolean).join(' · ') : undefined)}
    </dl>
    <p class="actions">
      ${open ? html`<a class="button" href="${event.registration?.url}">${words.register}</a>` : ''}<a
        class="button secondary"
        href="/agenda/${event.id}/kalender.ics"
        >${words.addToCalendar}</a
      ><a class="button secondary" href="${share}">${words.share}</a>
    </p>
    ${paragraphs(event.description)}`;
  return {
    language,
    title: event.title,
    head: previewMeta(event, language, site),
    body,
  };
}

export interface AgendaFilters {
  kecamatan?: string | undefined;
  type?: string | undefined;
  need?: string | undefined;
}

const select = (
  name: string,
  label: string,
  all: string,
  options: readonly (readonly [string, string])[],
  chosen?: string,
) =>
  html`<label for="${name}">${label}</label
    ><select id="${name}" name="${name}">
      <option value="">${all}</option>
      ${options.map(
        ([value, text]) =>
          html`<option value="${value}" ${value === chosen ? html` selected` : ''}>${text}</option>`,
      )}
    </select>`;

const card = (event: EventView, language: PageLanguage) => {
  const words = WORDS[language];
  return html`<article class="card">
    <h2><a href="${withLanguage(`/agenda/${event.id}`, language)}">${event.title}</a></h2>
    <p>
      ${event.status === 'cancelled' ? html`<strong>${words.cancelled}</strong> · ` : ''}${typeLabel(language, event.type)}
      · ${rupiah(event.fee, language)}
    </p>
    <p>${wibDateTime(event.start, language)}</p>
    <p>${placeText(event, language)}</p>
  </article>`;
};

export function agendaPage(
  events: EventView[],
  filters: AgendaFilters,
  language: PageLanguage,
  site: string,
  cursor: string | undefined,
): PageShell {
  const words = WORDS[language];
  const chosen = Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const feedQuery = new URLSearchParams(chosen).toString();
  const body = html`<p>
      <a href="${withLanguage('/agenda', words.otherLang, chosen)}" lang="${words.otherLang}"
        >${words.other}</a
      >
    </p>
    <h1>${words.agenda}</h1>
    <p>${words.agendaIntro}</p>
    <form method="get" action="/agenda">
      <fieldset>
        <legend>${words.filter}</legend>
        ${select('kecamatan', words.kecamatan, words.all, KECAMATAN_NAMES, filters.kecamatan)}
        ${select(
          'type',
          words.type,
          words.all,
          EVENT_TYPES.map((type) => [type, TYPE_LABELS[language][type]]),
          filters.type,
        )}
        ${select(
          'need',
          words.need,
          words.all,
          NEEDS.map((need) => [need, NEED_LABELS[language][need]]),
          filters.need,
        )}
        ${language === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}<button type="submit">
          ${words.show}
        </button>
      </fieldset>
    </form>
    ${events.length === 0 ? html`<p class="notice">${words.none}</p>` : events.map((event) => card(event, language))}
    ${cursor ? html`<p class="actions"><a class="button secondary" href="${withLanguage('/agenda', language, { ...chosen, cursor })}">${words.next}</a></p>` : ''}
    <p><a href="/events.ics${feedQuery ? `?${feedQuery}` : ''}">${words.calendarFeed}</a></p>`;
  return {
    language,
    title: words.agenda,
    head: html`<link rel="canonical" href="${site}/agenda" /><meta
        name="description"
        content="${words.agendaIntro}"
      />
      <meta property="og:type" content="website" /><meta property="og:title" content="${words.agenda}" />
      <meta property="og:description" content="${words.agendaIntro}" /><meta
        property="og:url"
        content="${site}/agenda"
      />
      <meta property="og:image" content="${site}${defaultImagePath}" /><meta
        name="twitter:card"
        content="summary_large_image"
      />`,
    body,
  };
}
