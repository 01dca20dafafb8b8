import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText, foldLine, nextDay } from '../../src/pages/ical.js';
import { page, removeSite, run } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/readers-a');
const ORIGIN = 'https://example.org/digest/';

let tmp: string;
const out = (name: string) => join(tmp, name);
const read = (name: string, path: string) => readFileSync(join(out(name), path), 'utf8');

/** Builds the fixture with SOURCE_DATE_EPOCH set to `epoch` (unset when undefined). */
async function build(name: string, epoch: string | undefined): Promise<void> {
  const saved = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
  try {
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', out(name));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-calendar-'));
  await build('a', '1645056000'); // 2022-02-17, as in every test run
  await build('b', '1645056000');
  await build('march', '1646092800'); // 2022-03-01
  await build('content', undefined);
});

afterAll(() => removeSite(tmp));

describe('escapeText (RFC 5545 §3.3.11)', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a;b,c', 'a\\;b\\,c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['crlf\r\nand cr\r', 'crlf\\nand cr\\n'],
    ['colon: and "quotes"', 'colon: and "quotes"'],
    ['bell\u0007 and tab\t', 'bell and tab\t'],
    ['数据；出境', '数据；出境'],
  ];
  it.each(cases)('%j', (input, expected) => expect(escapeText(input)).toBe(expected));
});

describe('foldLine: 75 octets, never inside a character', () => {
  const octets = (s: string) => Buffer.byteLength(s, 'utf8');
  const cases: [string, string, number][] = [
    ['75 ASCII characters stay whole', 'A'.repeat(75), 1],
    ['76 fold once', 'A'.repeat(76), 2],
    ['150 fold twice (75 + 74 + 1)', 'A'.repeat(150), 3],
    ['Chinese: 3 octets each', `SUMMARY:${'数'.repeat(60)}`, 3],
    ['emoji: 4 octets each', `X:${'😀'.repeat(30)}`, 2],
    ['mixed, a wide character straddling octet 75', `${'A'.repeat(74)}数B`, 2],
  ];
  it.each(cases)('%s', (_, line, count) => {
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines).toHaveLength(count);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    lines.slice(1).forEach((l) => expect(l[0]).toBe(' '));
    // Unfolding (RFC 5545 §3.1) gives the line back, every character intact.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('nextDay', () => {
  const cases: [string, [number, number, number], [number, number, number]][] = [
    ['within a month', [2022, 3, 1], [2022, 3, 2]],
    ['end of a month', [2022, 1, 31], [2022, 2, 1]],
    ['end of a year', [2021, 12, 31], [2022, 1, 1]],
    ['February 28 in a common year', [2022, 2, 28], [2022, 3, 1]],
    ['February 28 in a leap year', [2024, 2, 28], [2024, 2, 29]],
    ['February 29', [2024, 2, 29], [2024, 3, 1]],
  ];
  it.each(cases)('%s', (_, [year, month, day], [y, m, d]) => {
    expect(nextDay({ year, month, day })).toEqual({ year: y, month: m, day: d });
  });
});

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
}

function parseIcs(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
    };
  });
  return { calendar, events };
}

describe('/calendar.ics', () => {
  it('is RFC 5545 text: CRLF line endings, every line at most 75 octets', () => {
    const text = read('a', 'calendar.ics');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
  });

  it('passes a real parser, with the calendar properties', () => {
    const { calendar } = parseIcs(read('a', 'calendar.ics'));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//gazette//Effective dates//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      "Readers' Digest A: effective dates",
    );
  });

  it('has one all-day event per effective date, soonest first, drafts left out', () => {
    const { events } = parseIcs(read('a', 'calendar.ics'));
    expect(events.map((e) => [e.start, e.end])).toEqual([
      ['2021-12-31', '2022-01-01'],
      ['2022-02-15', '2022-02-16'],
      ['2022-02-17', '2022-02-18'],
      ['2022-03-01', '2022-03-02'],
    ]);
    expect(events.every((e) => e.allDay)).toBe(true);
    expect(events.map((e) => e.uid)).toEqual([
      `${ORIGIN}items/old-law/#effective`,
      `${ORIGIN}items/review-measures/#effective`,
      `${ORIGIN}items/algorithm-provisions/#effective`,
      `${ORIGIN}items/data-export-rules/#effective`,
    ]);
  });

  it('escapes and folds text so that it reads back exactly, Chinese included', () => {
    const { events } = parseIcs(read('a', 'calendar.ics'));
    const event = events[3]!;
    expect(event.summary).toBe('Effective: Rules on Data; Export, Security & <Review> \\ Part 1');
    const [original, summary, facts, url] = event.description.split('\n\n');
    expect(original).toBe(
      '数据出境安全评估办法：关于数据出境安全评估的若干规定（第一部分，含附件与说明）',
    );
    expect(summary).toBe(
      'The CAC adopted rules on data export; they take effect on March 1. See also the review measures and the CAC.',
    );
    expect(facts).toBe('Legislation · Adopted · Cyberspace Administration of China');
    expect(url).toBe(`${ORIGIN}items/data-export-rules/`);
  });

  it('stamps events from the content, not the clock', () => {
    const text = read('a', 'calendar.ics');
    expect(text).toContain('DTSTAMP:20220120T000000Z'); // data-export-rules' date
    expect(read('content', 'calendar.ics')).toBe(text);
    expect(read('b', 'calendar.ics')).toBe(text);
  });
});

describe('/calendar/', () => {
  const parts = (name: string) => {
    const doc = page(out(name), 'calendar/index.html');
    return Object.fromEntries(
      [...doc.querySelectorAll('section.calendar-part')].map((part) => [
        part.id,
        [...part.querySelectorAll('section.calendar-month')].map((month) => [
          month.querySelector('h3')!.textContent,
          [...month.querySelectorAll('li .item-link')].map((a) => a.getAttribute('href')),
        ]),
      ]),
    );
  };

  it('lists upcoming dates soonest first, then past ones latest first, by month', () => {
    expect(parts('a')).toEqual({
      upcoming: [
        ['February 2022', ['../items/algorithm-provisions/']],
        ['March 2022', ['../items/data-export-rules/']],
      ],
      past: [
        ['February 2022', ['../items/review-measures/']],
        ['December 2021', ['../items/old-law/']],
      ],
    });
  });

  it('shows each date, its status and the reference day', () => {
    const doc = page(out('a'), 'calendar/index.html');
    const first = doc.querySelector('#upcoming li')!;
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe('2022-02-17');
    expect(first.querySelector('.calendar-status')!.textContent).toBe('Adopted');
    const asof = doc.querySelector('.calendar-asof')!;
    expect(asof.querySelector('time')!.getAttribute('datetime')).toBe('2022-02-17');
    expect(asof.getAttribute('data-day')).toBe('20220217');
    expect(asof.textContent).toContain('the day this site was built');
    expect(first.getAttribute('data-day')).toBe('20220217');
    expect(first.querySelector('.calendar-when')!.hasAttribute('hidden')).toBe(false);
    expect(doc.querySelector('.follow a')!.getAttribute('href')).toBe('../calendar.ics');
    expect(
      doc.querySelector('link[rel="alternate"][type="text/calendar"]')!.getAttribute('href'),
    ).toBe('../calendar.ics');
    // The reader's own today, where a script runs: the page carries the script that counts from it.
    expect(doc.querySelector('main script')!.textContent).toContain('calendar-asof');
    expect(doc.querySelector('nav a[aria-current="page"]')!.textContent).toBe('Calendar');
  });

  it('takes "today" from SOURCE_DATE_EPOCH', () => {
    expect(parts('march').upcoming).toEqual([['March 2022', ['../items/data-export-rules/']]]);
  });

  it("without SOURCE_DATE_EPOCH, counts from the build's own day, never from the content's newest date", () => {
    // The content ends in February 2022: counting from it, March 2022 would be "upcoming".
    const asof = page(out('content'), 'calendar/index.html').querySelector('.calendar-asof')!;
    expect(asof.textContent).toContain('the day this site was built');
    const today = new Date();
    expect(asof.querySelector('time')!.getAttribute('datetime')).toBe(
      `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`,
    );
    expect(parts('content').upcoming).toEqual([]);
  });

  it('is byte-identical on every build and in the sitemap', () => {
    expect(read('b', 'calendar/index.html')).toBe(read('a', 'calendar/index.html'));
    expect(read('a', 'sitemap.xml')).toContain(`<loc>${ORIGIN}calendar/</loc>`);
    for (const year of ['2021', '2022'])
      expect(read('a', 'sitemap.xml')).toContain(`<loc>${ORIGIN}calendar/${year}/</loc>`);
  });

  it('links one page per year, each with every date of its year by month and an index of the months', () => {
    const overview = page(out('a'), 'calendar/index.html');
    expect(
      [...overview.querySelectorAll('.calendar-years a')].map((a) => a.getAttribute('href')),
    ).toEqual(['../calendar/2021/', '../calendar/2022/']);
    const year = page(out('a'), 'calendar/2022/index.html');
    expect(year.querySelector('h1')!.textContent).toBe('Effective dates in 2022');
    const months = [...year.querySelectorAll('section.calendar-month')].map((m) => [
      m.querySelector('h2')!.id,
      [...m.querySelectorAll('.item-link')].map((a) => a.getAttribute('href')),
    ]);
    expect(months).toEqual([
      ['m-2022-02', ['../../items/review-measures/', '../../items/algorithm-provisions/']],
      ['m-2022-03', ['../../items/data-export-rules/']],
    ]);
    // Twelve months in the index, those with dates linked to their list.
    const index = [...year.querySelectorAll('.calendar-months li')];
    expect(index).toHaveLength(12);
    expect(
      [...year.querySelectorAll('.calendar-months a')].map((a) => a.getAttribute('href')),
    ).toEqual(['#m-2022-02', '#m-2022-03']);
    // Marked as of the build date: Feb 15 has passed, Feb 17 has not.
    const upcoming = [...year.querySelectorAll('.calendar-when')].map(
      (w) => !w.hasAttribute('hidden'),
    );
    expect(upcoming).toEqual([false, true, true]);
    expect(
      [...year.querySelectorAll('.pager a')].map((a) => [
        a.getAttribute('rel'),
        a.getAttribute('href'),
      ]),
    ).toEqual([
      ['prev', '../../calendar/2021/'],
      [null, '../../calendar/'],
    ]);
  });
});
