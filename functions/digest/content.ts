import { createHash } from 'node:crypto';
import { typeLabel } from '../events/labels.ts';
import type { EventRecord } from '../events/model.ts';
import { findKecamatan } from '../regions/regions.ts';
import type { Filters } from '../subscriptions/model.ts';
import type { Language } from '../subscriptions/schemas.ts';
import { escapeHtml, plainLine, plainUrl, rupiah, wibDateTime } from './format.ts';

/**
 * What a digest says, as pure functions: which events a subscriber's filters match, which of them
 * address an owner's declared needs, and the mail content rendered once per distinct content.
 */

/** An event as the digest needs it: small, so a run's whole list fits one item. */
export interface DigestEvent {
  id: string;
  title: string;
  type: string;
  start: string;
  kecamatan?: string;
  venue?: string;
  online: boolean;
  fee: number;
  registrationUrl?: string;
  registrationDeadline?: string;
  needs: string[];
  cancellationReason?: string;
}

/** The events of one run, gathered once by the planner. */
export interface DigestSnapshot {
  /** Published events starting in the coming 14 days, in start order. */
  upcoming: DigestEvent[];
  /** Upcoming events cancelled since the last digest. */
  cancelled: DigestEvent[];
  /** When the last digest went out (cancellations are counted from here). */
  since: string;
}

export const toDigestEvent = (event: EventRecord): DigestEvent => ({
  id: event.id,
  title: event.title,
  type: event.type,
  start: event.start,
  ...(event.venue ? { kecamatan: event.venue.kecamatan, venue: event.venue.name } : {}),
  online: event.venue === undefined,
  fee: event.fee,
  ...(event.registration?.url ? { registrationUrl: event.registration.url } : {}),
  ...(event.registration?.deadline ? { registrationDeadline: event.registration.deadline } : {}),
  needs: event.needs,
  ...(event.cancellation ? { cancellationReason: event.cancellation.reason } : {}),
});

/** An empty filter list means "all"; an online event reaches every kecamatan. */
export function matches(filters: Filters, event: DigestEvent): boolean {
  const kecamatan =
    filters.kecamatan.length === 0 ||
    event.online ||
    (event.kecamatan !== undefined && filters.kecamatan.includes(event.kecamatan));
  const type = filters.types.length === 0 || filters.types.includes(event.type);
  const need = filters.needs.length === 0 || event.needs.some((n) => filters.needs.includes(n));
  return kecamatan && type && need;
}

/** What one subscriber gets: event ids per section. Equal plans share one rendering. */
export interface ContentPlan {
  language: Language;
  /** Events addressing the owner's declared needs (first, under their own heading). */
  forYou: string[];
  others: string[];
  cancelled: string[];
}

/** The plan for a subscriber, or undefined when nothing matches (no mail this week). */
export function planContent(
  snapshot: DigestSnapshot,
  subscriber: { language: Language; filters: Filters },
  declaredNeeds: readonly string[] = [],
): ContentPlan | undefined {
  const upcoming = snapshot.upcoming.filter((event) => matches(subscriber.filters, event));
  const cancelled = snapshot.cancelled.filter((event) => matches(subscriber.filters, event));
  if (upcoming.length === 0 && cancelled.length === 0) return undefined;
  const addressesNeeds = (event: DigestEvent) => event.needs.some((need) => declaredNeeds.includes(need));
  return {
    language: subscriber.language,
    forYou: upcoming.filter(addressesNeeds).map((event) => event.id),
    others: upcoming.filter((event) => !addressesNeeds(event)).map((event) => event.id),
    cancelled: cancelled.map((event) => event.id),
  };
}

/** A short, stable id of a plan: the key of its rendered content. */
export const contentIdOf = (plan: ContentPlan): string =>
  createHash('sha256')
    .update(JSON.stringify([plan.language, plan.forYou, plan.others, plan.cancelled]))
    .digest('base64url')
    .slice(0, 22);

export interface RenderedContent {
  subject: string;
  html: string;
  text: string;
}

const WORDS = {
  id: {
    subject: (count: number) => `Agenda UMKM Kota Bekasi: ${count} acara dalam 2 minggu ke depan`,
    cancelledOnly: 'Agenda UMKM Kota Bekasi: pembatalan acara',
    forYou: 'Sesuai kebutuhan usaha Anda',
    others: 'Acara dalam 2 minggu ke depan',
    cancelled: 'Dibatalkan',
    place: 'Tempat',
    online: 'Daring',
    fee: 'Biaya',
    deadline: 'Batas pendaftaran',
    register: 'Daftar',
    details: 'Selengkapnya',
    reason: 'Alasan',
  },
  en: {
    subject: (count: number) => `Kota Bekasi UMKM events: ${count} in the next 2 weeks`,
    cancelledOnly: 'Kota Bekasi UMKM events: cancellations',
    forYou: 'For your business needs',
    others: 'Events in the next 2 weeks',
    cancelled: 'Cancelled',
    place: 'Place',
    online: 'Online',
    fee: 'Fee',
    deadline: 'Registration deadline',
    register: 'Register',
    details: 'Details',
    reason: 'Reason',
  },
} as const;

const place = (event: DigestEvent, language: Language) => {
  if (event.online) return WORDS[language].online;
  const kecamatan = event.kecamatan ? findKecamatan(event.kecamatan)?.name : undefined;
  return [event.venue, kecamatan ? `Kec. ${kecamatan}` : undefined].filter(Boolean).join(', ');
};

const STYLE = {
  h2: 'font-size:18px;margin:24px 0 8px;color:#0b5394',
  card: 'border:1px solid #d9d9d9;border-radius:6px;padding:12px;margin:0 0 12px',
  cancelled: 'border:1px solid #e06666;border-radius:6px;padding:12px;margin:0 0 12px;background:#fdf0f0',
  title: 'font-size:16px;font-weight:bold;margin:0 0 4px',
  meta: 'margin:2px 0;font-size:14px;color:#333',
  link: 'color:#0b5394',
};

/** The content part of a digest (between the greeting and the footer), as HTML and text. */
export function renderContent(snapshot: DigestSnapshot, plan: ContentPlan, webUrl: string): RenderedContent {
  const words = WORDS[plan.language];
  const byId = new Map([...snapshot.upcoming, ...snapshot.cancelled].map((event) => [event.id, event]));
  const events = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const pageOf = (event: DigestEvent) => `${webUrl}/agenda/${event.id}`;

  const lines = (event: DigestEvent): [string, string][] => [
    [words.place, place(event, plan.language)],
    [words.fee, rupiah(event.fee, plan.language)],
    ...(event.registrationDeadline
      ? [[words.deadline, wibDateTime(event.registrationDeadline, plan.language)] as [string, string]]
      : []),
  ];
  const htmlEvent = (event: DigestEvent) => {
    const title = `${typeLabel(plan.language, event.type)} · ${event.title}`;
    const links = [
      ...(event.registrationUrl ? [[words.register, event.registrationUrl]] : []),
      [words.details, pageOf(event)],
    ]
      .map(
        ([label, url]) =>
          `<a href="${escapeHtml(url ?? '')}" style="${STYLE.link}">${escapeHtml(label ?? '')}</a>`,
      )
      .join(' · ');
    return (
      `<div style="${STYLE.card}"><p style="${STYLE.title}">${escapeHtml(title)}</p>` +
      `<p style="${STYLE.meta}">${escapeHtml(wibDateTime(event.start, plan.language))}</p>` +
      lines(event)
        .map(([label, value]) => `<p style="${STYLE.meta}">${escapeHtml(label)}: ${escapeHtml(value)}</p>`)
        .join('') +
      `<p style="${STYLE.meta}">${links}</p></div>`
    );
  };
  const htmlCancelled = (event: DigestEvent) =>
    `<div style="${STYLE.cancelled}"><p style="${STYLE.title}">${escapeHtml(words.cancelled)}: ${escapeHtml(event.title)}</p>` +
    `<p style="${STYLE.meta}">${escapeHtml(wibDateTime(event.start, plan.language))} · ${escapeHtml(place(event, plan.language))}</p>` +
    (event.cancellationReason
      ? `<p style="${STYLE.meta}">${escapeHtml(words.reason)}: ${escapeHtml(event.cancellationReason)}</p>`
      : '') +
    '</div>';
  // Every stored value on a text line goes through plainLine/plainUrl: one value, one line.
  const textEvent = (event: DigestEvent) =>
    [
      `* ${typeLabel(plan.language, event.type)} · ${plainLine(event.title)}`,
      `  ${wibDateTime(event.start, plan.language)}`,
      ...lines(event).map(([label, value]) => `  ${label}: ${plainLine(value)}`),
      ...(event.registrationUrl ? [`  ${words.register}: ${plainUrl(event.registrationUrl)}`] : []),
      `  ${words.details}: ${plainUrl(pageOf(event))}`,
    ].join('\n');
  const textCancelled = (event: DigestEvent) =>
    [
      `* ${words.cancelled.toUpperCase()}: ${plainLine(event.title)}`,
      `  ${wibDateTime(event.start, plan.language)} · ${plainLine(place(event, plan.language))}`,
      ...(event.cancellationReason ? [`  ${words.reason}: ${plainLine(event.cancellationReason)}`] : []),
    ].join('\n');

  const sections = [
    { heading: words.forYou, items: events(plan.forYou), html: htmlEvent, text: textEvent },
    { heading: words.others, items: events(plan.others), html: htmlEvent, text: textEvent },
    { heading: words.cancelled, items: events(plan.cancelled), html: htmlCancelled, text: textCancelled },
  ].filter((section) => section.items.length > 0);
  const count = plan.forYou.length + plan.others.length;
  return {
    subject: count > 0 ? words.subject(count) : words.cancelledOnly,
    html: sections
      .map(
        (section) =>
          `<h2 style="${STYLE.h2}">${escapeHtml(section.heading)}</h2>${section.items.map(section.html).join('')}`,
      )
      .join(''),
    text: sections
      .map((section) => `${section.heading.toUpperCase()}\n\n${section.items.map(section.text).join('\n\n')}`)
      .join('\n\n'),
  };
}
