import type { Code } from '../codes.js';
/**
 * Text is published exactly as written, or refused. Two kinds of character
 * cannot be: a control character (U+0000–U+001F, DEL, U+0080–U+009F; tab and
 * line feed excepted), which no page can show and which would reach every
 * page, feed and e-mail as it is; and half of a UTF-16 surrogate pair (from a
 * YAML escape such as "\ud800"), which UTF-8 cannot hold at all.
 */

export interface Unpublishable {
  /** The offset of the first such character (UTF-16 code units). */
  index: number;
  code: 'text-control' | 'text-surrogate';
  /** "the control character U+0000 (NUL)", "U+D800, half of a surrogate pair". */
  character: string;
  /** How many the text holds in all. */
  count: number;
}

// The controls but tab and line feed; with the u flag, \p{Cs} matches only a lone half of a pair.
// eslint-disable-next-line no-control-regex
const UNPUBLISHABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cs}]/u;
const ALL = new RegExp(UNPUBLISHABLE.source, 'gu');

/** The first character of `text` that cannot be published, or undefined. */
export function findUnpublishable(text: string): Unpublishable | undefined {
  if (!UNPUBLISHABLE.test(text)) return undefined; // the usual case, without allocating
  const matches = [...text.matchAll(ALL)];
  const first = matches[0];
  if (!first) return undefined;
  const point = first[0].codePointAt(0)!;
  const surrogate = point >= 0xd800 && point <= 0xdfff;
  const name = controlName(point);
  return {
    index: first.index,
    code: surrogate ? 'text-surrogate' : 'text-control',
    character: surrogate
      ? `${codePoint(point)}, half of a UTF-16 surrogate pair`
      : `the control character ${codePoint(point)}${name === undefined ? '' : ` (${name})`}`,
    count: matches.length,
  };
}

/** `U+0000`. */
export function codePoint(point: number): string {
  return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a front-matter value (`what`: "title", `a source's "url"`), if anything. */
export function valueProblem(
  value: string,
  what: string,
): { code: Code; message: string; hint: string } | undefined {
  const bad = findUnpublishable(value);
  if (!bad) return undefined;
  return {
    code: bad.code,
    message: `${what} holds ${bad.character}`,
    // In YAML such a character can only come from an escape in double quotes.
    hint:
      bad.code === 'text-surrogate'
        ? 'write the character itself, or both halves of its pair ("\\ud83d\\ude00" for 😀)'
        : 'delete the escape that makes it ("\\0", "\\e", "\\x1b", "\\u0000" …) from the quoted value',
  };
}

/** What is wrong with a file's text, if anything: at the first such character, with a count. */
export function fileProblem(
  text: string,
): { line: number; column: number; code: Code; message: string; hint: string } | undefined {
  const bad = findUnpublishable(text);
  if (!bad) return undefined;
  const more = bad.count > 1 ? ` (and ${bad.count - 1} more)` : '';
  // ASCII saved as UTF-16 is valid UTF-8 with a NUL before or after every letter.
  const utf16 = text.startsWith('\u0000') || text.charAt(1) === '\u0000';
  return {
    ...lineColumn(text, bad.index),
    code: bad.code,
    message: `the file holds ${bad.character}${more}`,
    hint: utf16
      ? 'the file looks saved as UTF-16: save it as UTF-8 in your editor'
      : 'delete the character at this position (an editor may show it as a box, as ^ and a letter, or not at all)',
  };
}

/** 1-based line and column (UTF-16 code units) of an offset in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}

/** The names of the C0 controls, by code point. */
const C0 =
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(
    ' ',
  );

function controlName(point: number): string | undefined {
  return point === 0x7f ? 'DEL' : C0[point];
}
