/**
 * Plain text for the e-mail edition's `text/plain` part: the small set of HTML
 * our Markdown renderer writes (paragraphs, lists, quotes, headings, code,
 * links, note references) turned into text wrapped at 72 columns. Note
 * references read `[3]`; a link whose text is not its address is followed by
 * `<address>`. No I/O.
 */
import { decodeEntities } from './html.js';

export const TEXT_WIDTH = 72;

/**
 * Wraps text at `width` columns (counting characters) on spaces; a word longer
 * than the width (a URL) stands alone on its line unbroken. `first` prefixes
 * the first line and `rest` every other; explicit newlines are kept.
 */
export function wrap(text: string, width = TEXT_WIDTH, first = '', rest = first): string {
  const out: string[] = [];
  let prefix = first;
  const astral = ASTRAL.test(text);
  for (const raw of text.split('\n')) {
    const paragraph = /^ | $|  /.test(raw) ? raw.replace(/ +/g, ' ').trim() : raw;
    if (astral) wrapByWords(paragraph, width, prefix, rest, out);
    else wrapByIndex(paragraph, width, prefix, rest, out);
    prefix = rest;
  }
  return out.join('\n');
}

/**
 * Where every character is one UTF-16 unit: cut at the last space that fits.
 * A prefix as wide as the line (a list nested 30 deep) leaves room for one
 * word a line, never less: with none, the cut stopped moving and the lines
 * piled up until the array could hold no more.
 */
function wrapByIndex(text: string, width: number, first: string, rest: string, out: string[]) {
  let prefix = first;
  let start = 0;
  const room = () => Math.max(1, width - prefix.length);
  while (text.length - start > room()) {
    let cut = text.lastIndexOf(' ', start + room());
    if (cut <= start) cut = text.indexOf(' ', start + room());
    if (cut < 0) break; // one word to the end: it stands whole
    out.push(prefix + text.slice(start, cut));
    start = cut + 1;
    prefix = rest;
  }
  out.push((prefix + text.slice(start)).trimEnd());
}

/** Counting code points, word by word. */
function wrapByWords(text: string, width: number, first: string, rest: string, out: string[]) {
  const count = (s: string) => [...s].length;
  let prefix = first;
  let line = '';
  let used = count(prefix);
  for (const word of text.split(' ')) {
    const size = count(word);
    if (line !== '' && used + 1 + size > width) {
      out.push(prefix + line);
      prefix = rest;
      line = word;
      used = count(prefix) + size;
    } else {
      used += line === '' ? size : size + 1;
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  out.push((prefix + line).trimEnd());
}

const ASTRAL = /[\ud800-\udfff]/;

interface Block {
  text: string;
  first: string;
  rest: string;
  /** A list item: no blank line before the next item of its list. */
  tight: boolean;
  pre: boolean;
}

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'tr',
]);

const ATTRIBUTES = { href: /\shref="([^"]*)"/, start: /\sstart="([^"]*)"/, alt: /\salt="([^"]*)"/ };

function attribute(attrs: string, name: keyof typeof ATTRIBUTES): string | undefined {
  const m = ATTRIBUTES[name].exec(attrs);
  return m ? decodeEntities(m[1]!) : undefined;
}

/**
 * Text without its leading and trailing line breaks. (The regular expression
 * this replaces, `/^\n+|\n+$/g`, took time quadratic in a run of blank lines.)
 */
function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x0a) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x0a) end--;
  return text.slice(start, end);
}

/** Text without the spaces before and after each line break, in linear time. */
function spacesAroundNewlines(text: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, i, lines) => {
      let start = 0;
      let end = line.length;
      if (i > 0) while (start < end && line.charCodeAt(start) === 0x20) start++;
      if (i < lines.length - 1) while (end > start && line.charCodeAt(end - 1) === 0x20) end--;
      return line.slice(start, end);
    })
    .join('\n');
}

/** Converts trusted, renderer-made HTML to wrapped plain text. */
export function htmlToText(html: string, width = TEXT_WIDTH): string {
  const blocks: Block[] = [];
  /** Open lists, each with the width of its current item's marker. */
  const lists: { ordered: boolean; next: number; width: number }[] = [];
  const links: { href: string | undefined; start: number }[] = [];
  let quote = 0;
  let pre = 0;
  let noteRef = 0;
  /** The current block's text, in pieces (joined once, when the block ends). */
  const buffer: string[] = [];
  let marker: string | undefined;
  let inItem = false;

  const flush = () => {
    const joined = buffer.join('');
    buffer.length = 0;
    const text = pre ? trimNewlines(joined) : spacesAroundNewlines(joined).trim();
    if (text === '') return;
    const outer = lists.slice(0, -1).reduce((n, l) => n + l.width, 0);
    const own = inItem ? (lists[lists.length - 1]?.width ?? 0) : 0;
    const rest = '> '.repeat(quote) + ' '.repeat(outer + own);
    const first = marker === undefined ? rest : '> '.repeat(quote) + ' '.repeat(outer) + marker;
    blocks.push({ text, first, rest, tight: marker !== undefined, pre: pre > 0 });
    marker = undefined;
  };

  const pattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)/g;
  for (const m of html.matchAll(pattern)) {
    const [, closing, rawTag, attrs = '', text] = m;
    if (text !== undefined) {
      const decoded = text.includes('&') ? decodeEntities(text) : text;
      buffer.push(pre ? decoded : decoded.replace(/\s+/g, ' '));
      continue;
    }
    if (rawTag === undefined) continue; // a comment
    const tag = rawTag.toLowerCase();
    if (BLOCKS.has(tag)) flush();
    if (!closing) {
      if (tag === 'br') buffer.push('\n');
      else if (tag === 'ul' || tag === 'ol') {
        const start = Number(attribute(attrs, 'start') ?? 1);
        const next = Number.isFinite(start) ? start : 1;
        lists.push({ ordered: tag === 'ol', next, width: 0 });
        inItem = false;
      } else if (tag === 'li') {
        const list = lists[lists.length - 1];
        marker = list?.ordered ? `${list.next++}. ` : '- ';
        if (list) list.width = marker.length;
        inItem = true;
      } else if (tag === 'blockquote') quote++;
      else if (tag === 'pre') pre++;
      else if (tag === 'hr')
        blocks.push({ text: '* * *', first: '', rest: '', tight: false, pre: false });
      else if (tag === 'sup' && /class="note-ref"/.test(attrs)) {
        noteRef++;
        buffer.push('[');
      } else if (tag === 'a') links.push({ href: attribute(attrs, 'href'), start: buffer.length });
      else if (tag === 'img') {
        const alt = attribute(attrs, 'alt');
        if (alt) buffer.push(`[${alt}]`);
      }
    } else {
      if (tag === 'ul' || tag === 'ol') {
        lists.pop();
        inItem = lists.length > 0;
      } else if (tag === 'li') inItem = false;
      else if (tag === 'blockquote') quote = Math.max(0, quote - 1);
      else if (tag === 'pre') pre = Math.max(0, pre - 1);
      else if (tag === 'sup' && noteRef > 0) {
        noteRef--;
        buffer.push(']');
      } else if (tag === 'a') {
        const link = links.pop();
        // The link's own pieces only: reading the whole block at every link was quadratic.
        const shown = link ? buffer.slice(link.start).join('').trim() : '';
        const href = link?.href;
        if (href && noteRef === 0 && /^(https?|mailto):/i.test(href) && shown !== href) {
          buffer.push(` <${href.replace(/^mailto:/i, '')}>`);
        }
      }
    }
  }
  flush();

  let out = '';
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (previous) out += previous.tight && block.tight ? '\n' : '\n\n';
    out += block.pre
      ? block.text
          .split('\n')
          .map((line) => block.rest + line)
          .join('\n')
      : wrap(block.text, width, block.first, block.rest);
  });
  return out;
}
