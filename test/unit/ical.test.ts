import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderContent, type DigestEvent, type DigestSnapshot } from '../../functions/digest/content.ts';
import { icsCalendar } from '../../functions/events/ical.ts';
import type { EventView } from '../../functions/events/schemas.ts';

/**
 * Whatever a stored event holds (values written before today's input rules, or that slipped past them),
 * the feed has exactly the properties we write, each TEXT value reads back as stored (control characters
 * dropped, line breaks as line breaks), and every line is at most 75 octets.
 */

/** Text with what breaks calendars and mails: CR, LF, CRLF, TAB, NUL, C1, `;`, `,`, `\`, `:`, `"`, long runs. */
const hostile = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '\r',
        '\n',
        '\r\n',
        '\t',
        '\u0000',
        '\u0085',
        '\u2028',
        ';',
        ',',
        '\\',
        ':',
        '"',
        'ATTACH:https://evil.example/x',
        '\r\nATTACH:https://evil.example/x\r\n',
        'é',
        '🎉',
        'x'.repeat(80),
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** What a TEXT value should read back as. */
const readBack = (value: string) => value.replace(/\r\n|[\r\n\u2028\u2029]/g, '\n').replace(CONTROLS, '');

const eventView = (fields: {
  title: string;
  description: string;
  organiser: string;
  venueName: string;
  reason: string;
  url: string;
}): EventView => ({
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  title: fields.title,
  type: 'bazar',
  description: fields.description,
  start: '2026-12-10T02:00:00.000Z',
  end: '2026-12-10T09:00:00.000Z',
  venue: { name: fields.venueName, address: 'Jl. Ahmad Yani', kecamatan: '32.75.01' },
  organiser: fields.organiser,
  registration: { url: fields.url },
  fee: 0,
  needs: ['pasar'],
  tags: [],
  status: 'cancelled',
  cancellation: { reason: fields.reason, at: '2026-12-01T00:00:00.000Z' },
  version: 2,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
});

const PROPERTIES = [
  'uid',
  'dtstamp',
  'last-modified',
  'sequence',
  'dtstart',
  'dtend',
  'summary',
  'description',
  'location',
  'url',
  'categories',
  'organizer',
  'status',
];

describe('the iCalendar feed', () => {
  it('no stored value creates a property, a component or a line over 75 octets (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: hostile,
          description: hostile,
          organiser: hostile,
          venueName: hostile,
          reason: hostile,
          url: hostile.map((tail) => `https://daftar.example.id/${tail}`),
        }),
        (fields) => {
          const ics = icsCalendar([eventView(fields)]);
          for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
          // No bare CR or LF anywhere: every line ends CRLF.
          expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
          const calendar = new ICAL.Component(ICAL.parse(ics));
          const events = calendar.getAllSubcomponents();
          expect(events).toHaveLength(1);
          const vevent = events[0]!;
          expect(vevent.getAllSubcomponents()).toEqual([]);
          expect(vevent.getAllProperties().map((property) => property.name)).toEqual(PROPERTIES);
          expect(vevent.getFirstPropertyValue('summary')).toBe(readBack(fields.title));
          expect(vevent.getFirstPropertyValue('description')).toContain(readBack(fields.description));
          expect(vevent.getFirstPropertyValue('description')).toContain(readBack(fields.reason));
          expect(vevent.getFirstPropertyValue('location')).toContain(readBack(fields.venueName));
          // eslint-disable-next-line no-control-regex -- looking for control characters
          expect(String(vevent.getFirstPropertyValue('url'))).not.toMatch(/[\s\u0000-\u001F]/);
          expect(
            calendar.getAllProperties().map((property) => property.name),
            'calendar properties',
          ).toEqual(['version', 'prodid', 'calscale', 'method', 'x-wr-calname', 'x-wr-timezone']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a line break in a URL or a bare CR in a title stays inside its property', () => {
    const ics = icsCalendar([
      eventView({
        title: 'Bazar\rX-INJECTED:1',
        description: 'Deskripsi',
        organiser: 'Dinas "KUKM"; Bekasi',
        venueName: 'Aula',
        reason: 'Hujan',
        url: 'https://daftar.example.id/a\nATTACH:https://evil.example/x',
      }),
    ]);
    expect(ics).not.toMatch(/^(ATTACH|X-INJECTED)/m);
    expect(ics).toContain('SUMMARY:Bazar\\nX-INJECTED:1');
    expect(ics).toContain('URL:https://daftar.example.id/a%0AATTACH:https://evil.example/x');
    expect(ics).toContain('ORGANIZER;CN="Dinas KUKM; Bekasi":');
  });
});

describe("the digest's text part", () => {
  it('keeps every stored value on its own line (property)', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (title, venue, reason) => {
        const event = (id: string, extra: Partial<DigestEvent> = {}): DigestEvent => ({
          id,
          title: `T${title}`,
          type: 'bazar',
          start: '2026-12-10T02:00:00.000Z',
          kecamatan: '32.75.01',
          venue: `V${venue}`,
          online: false,
          fee: 0,
          registrationUrl: `https://daftar.example.id/${title}`,
          needs: [],
          ...extra,
        });
        const snapshot: DigestSnapshot = {
          upcoming: [event('e1')],
          cancelled: [event('e2', { cancellationReason: `R${reason}` })],
          since: '2026-12-01T00:00:00.000Z',
        };
        const { text, html } = renderContent(
          snapshot,
          { language: 'id', forYou: [], others: ['e1'], cancelled: ['e2'] },
          'https://umkm.test',
        );
        // Exactly the lines the layout writes: 2 headings, 2 blank separators, 6 + 3 event lines, 1 blank.
        const lines = text.split('\n');
        expect(lines).toHaveLength(2 + 2 + 6 + 3 + 1);
        // eslint-disable-next-line no-control-regex -- looking for control characters
        expect(text).not.toMatch(/[\r\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/);
        expect(lines.filter((line) => line.startsWith('* '))).toHaveLength(2);
        expect(html).not.toMatch(/<(?!\/?(h2|div|p|a)[\s>])/);
      }),
      { numRuns: 300 },
    );
  });
});
