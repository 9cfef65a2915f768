import type { EventView } from './schemas.ts';

/**
 * RFC 5545 iCalendar text for a list of events. Times are written in UTC (`…Z`), which every calendar
 * shows in its own zone; the feed names Asia/Jakarta as its zone for clients that display one.
 */

const CALENDAR_DOMAIN = 'umkm.bekasikota.go.id';

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * TEXT escaping (RFC 5545 §3.3.11): backslash, `;` and `,` escaped; every line break (CRLF, a bare CR or
 * LF, U+2028/2029) becomes `\n`; other control characters (which the format does not allow) are dropped.
 * Values are checked on the way in; this holds for whatever is stored, so no value can end a line and
 * start a property of its own.
 */
export const escapeText = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')
    .replace(CONTROLS, '');

/** A URI value: characters a URI cannot hold raw (controls, spaces, quotes) percent-encoded. */
const uriValue = (value: string) =>
  // eslint-disable-next-line no-control-regex -- as above
  value.replace(/[\u0000-\u0020"\u007F-\u009F\u2028\u2029]/g, (char) => encodeURIComponent(char));

/** A parameter value (§3.2): quoted, with what a quoted string cannot hold (controls, `"`) dropped. */
const paramValue = (value: string) =>
  // eslint-disable-next-line no-control-regex -- as above
  `"${value.replace(/[\u0000-\u001F"\u007F-\u009F\u2028\u2029]/g, '')}"`;

/** Lines longer than 75 octets are folded (§3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utcStamp = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function location(event: EventView): string | undefined {
  if (!event.venue) return event.onlineUrl;
  return `${event.venue.name}, ${event.venue.address}, Kota Bekasi`;
}

function vevent(event: EventView): string[] {
  const description = [
    event.description,
    event.fee === 0 ? 'Gratis.' : `Biaya: Rp${event.fee.toLocaleString('id-ID')}.`,
    event.registration?.url ? `Pendaftaran: ${event.registration.url}` : undefined,
    event.cancellation ? `DIBATALKAN: ${event.cancellation.reason}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const where = location(event);
  return [
    'BEGIN:VEVENT',
    `UID:${event.id}@${CALENDAR_DOMAIN}`,
    `DTSTAMP:${utcStamp(event.updatedAt)}`,
    `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
    `SEQUENCE:${event.version}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(where ? [`LOCATION:${escapeText(where)}`] : []),
    ...((event.registration?.url ?? event.onlineUrl)
      ? [`URL:${uriValue(event.registration?.url ?? event.onlineUrl ?? '')}`]
      : []),
    `CATEGORIES:${[event.type, ...event.needs].map(escapeText).join(',')}`,
    `ORGANIZER;CN=${paramValue(event.organiser)}:https://${CALENDAR_DOMAIN}`,
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

export function icsCalendar(events: EventView[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Dinas Koperasi dan UKM Kota Bekasi//UMKM Hub//ID`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Agenda UMKM Kota Bekasi',
    'X-WR-TIMEZONE:Asia/Jakarta',
    ...events.flatMap(vevent),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
