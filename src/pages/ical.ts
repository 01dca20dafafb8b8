/**
 * iCalendar (RFC 5545) text: escaping, line folding and all-day events. No I/O.
 * Lines end in CRLF and are folded at 75 octets of UTF-8, never inside a
 * character; TEXT values escape backslash, semicolon, comma and newlines.
 */
import { daysInMonth, type PartialDate } from '../domain/dates.js';

export interface CalendarEvent {
  uid: string;
  /** The day it happens (an all-day event). */
  date: PartialDate & { month: number; day: number };
  summary: string;
  description?: string;
  /** An absolute URL; left out when the site has no origin. */
  url?: string;
  categories?: string[];
  /** When this information last changed, for DTSTAMP and LAST-MODIFIED. */
  stamp: PartialDate & { month: number; day: number };
}

export interface CalendarInfo {
  name: string;
  description?: string;
  /** PRODID: `-//gazette//<site>//EN`. */
  prodId: string;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Control characters other than tab and newline are not allowed in TEXT.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

const encoder = new TextEncoder();

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line so that no line is longer than 75 octets: each
 * continuation starts with a space (which counts), and a multi-byte
 * character is never split.
 */
export function foldLine(line: string): string {
  if (line.length <= 25 || encoder.encode(line).length <= 75) return line;
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > 75) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `20220301` */
export function icalDate(date: PartialDate & { month: number; day: number }): string {
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
}

/** The day after, for an all-day event's exclusive DTEND. */
export function nextDay(
  date: PartialDate & { month: number; day: number },
): PartialDate & { month: number; day: number } {
  if (date.day < daysInMonth(date.year, date.month)) return { ...date, day: date.day + 1 };
  if (date.month < 12) return { year: date.year, month: date.month + 1, day: 1 };
  return { year: date.year + 1, month: 1, day: 1 };
}

/** A whole VCALENDAR: CRLF line endings, every line folded. */
export function calendarText(info: CalendarInfo, events: readonly CalendarEvent[]): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${info.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(info.name)}`,
    `X-WR-CALNAME:${escapeText(info.name)}`,
  ];
  if (info.description) {
    lines.push(`DESCRIPTION:${escapeText(info.description)}`);
    lines.push(`X-WR-CALDESC:${escapeText(info.description)}`);
  }
  lines.push('REFRESH-INTERVAL;VALUE=DURATION:P1D', 'X-PUBLISHED-TTL:P1D');
  for (const event of events) {
    const stamp = `${icalDate(event.stamp)}T000000Z`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stamp}`,
      `DTSTART;VALUE=DATE:${icalDate(event.date)}`,
      `DTEND;VALUE=DATE:${icalDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (event.categories?.length) {
      lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    }
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
