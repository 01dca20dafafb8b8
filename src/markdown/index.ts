import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { Token } from 'markdown-it';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { REF_PLACEHOLDER, refPlaceholder } from '../domain/notes.js';
import { isSafeUrl } from '../domain/urls.js';
import { markSiteLinks, SITE_LINK } from './site-links.js';

export { isSiteLinkMarker, SITE_LINK, siteLinks } from './site-links.js';

/**
 * A body rendered once, to be placed on any page: its footnote references are
 * placeholders that each page numbers in its own reading order (domain/notes),
 * its links inside the site markers that each page resolves (site-links).
 */
export interface RenderedBody {
  html: string;
  /** The inline notes' HTML, in order of first reference. */
  notes: string[];
  /** The first paragraph as plain text. */
  summary: string;
}

let refused: string[] = [];

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.use(footnote);
md.validateLink = (url: string): boolean => {
  if (isSafeUrl(url)) return true;
  refused.push(url);
  return false;
};
md.renderer.rules.footnote_ref = (tokens, idx) => {
  const meta = tokens[idx]!.meta as { id: number; subId?: number };
  return refPlaceholder(meta.id, meta.subId ?? 0);
};

/** Renders a Markdown body; `line` is the file line the body starts on. */
export function renderMarkdown(
  file: string,
  body: string,
  line: number,
  /** The site path the body is written for (`/items/x/`): relative links start there. */
  base = '/',
): { body: RenderedBody; diagnostics: Diagnostic[] } {
  refused = [];
  const env: { footnotes?: { refs?: Record<string, number> } } = {};
  const tokens = md.parse(body, env);
  markSiteLinks(tokens, base);
  const diagnostics: Diagnostic[] = [];
  // The n-th use of the same text is reported where the n-th occurrence stands.
  const seen = new Map<string, number>();
  const at = (needle: string, fallbackLine: number) => {
    const n = seen.get(needle) ?? 0;
    seen.set(needle, n + 1);
    return position(body, nthIndex(body, needle, n), line, fallbackLine);
  };
  const destinations = unsafeDestinations(body);

  refused.forEach((url, i) => {
    diagnostics.push(
      diagnostic(
        file,
        position(body, destinations[i] ?? -1, line, 0),
        'url-unsafe',
        `"${url}" is not a safe link`,
        'links must be http(s), mailto or relative addresses',
      ),
    );
  });
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (child.type !== 'text') continue;
      for (const m of child.content.matchAll(/\[\^([^\]\s]+)\]/g)) {
        diagnostics.push(
          diagnostic(
            file,
            at(m[0], token.map?.[0] ?? 0),
            'footnote-undefined',
            `footnote [^${m[1]}] has no definition`,
            `add a line "[^${m[1]}]: the note's text" below the paragraph`,
          ),
        );
      }
    }
  }
  for (const [key, id] of Object.entries(env.footnotes?.refs ?? {})) {
    if (id >= 0) continue;
    const label = key.slice(1);
    diagnostics.push(
      diagnostic(
        file,
        at(`[^${label}]:`, 0),
        'footnote-unused',
        `footnote [^${label}] is defined but never referenced`,
        `refer to it with [^${label}] in the text, or delete the definition`,
      ),
    );
  }

  const { main, notes } = splitNotes(tokens);
  const html = md.renderer.render(main, md.options, env);
  const summary = firstParagraph(main);
  return {
    body: {
      html: flat(html),
      notes: notes.map((n) => flat(unwrap(md.renderer.render(n, md.options, env)))),
      summary: flat(summary),
    },
    diagnostics,
  };
}

/**
 * Throws if a finished page still holds a placeholder (a note reference or a
 * site link that no page filled in): a bug, never a content problem, since no
 * content can write one. Looks for them as they are and as JSON escapes them.
 */
export function assertFilled(text: string, page: string): void {
  const at = unfilledAt(text);
  if (at < 0) return;
  const around = JSON.stringify(text.slice(Math.max(0, at - 40), at + 60));
  throw new Error(`bug: ${page} holds a placeholder that was never filled in, at ${at}: ${around}`);
}

const MARKERS = [REF_PLACEHOLDER.slice(1), SITE_LINK];
const JSON_MARKERS = MARKERS.map((m) => `\\u0000${m.slice(1)}`);

function unfilledAt(text: string): number {
  if (text.includes('\u0000')) {
    for (const marker of MARKERS) {
      const at = text.indexOf(marker);
      if (at >= 0) return at;
    }
  }
  if (text.includes('\\u0000')) {
    for (const marker of JSON_MARKERS) {
      for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
        // `\\u0000` is an escaped backslash before the text "u0000": not one.
        let slashes = 0;
        while (text[at - 1 - slashes] === '\\') slashes++;
        if (slashes % 2 === 0) return at;
      }
    }
  }
  return -1;
}

/**
 * The renderer builds its output by concatenation, which V8 keeps as a tree of
 * pieces until the string is read; a body kept for the whole build is worth
 * flattening once (a 100,000-item site kept about 3 KB of pieces per item).
 */
export function flat(text: string): string {
  // Converting to a number reads the whole string, which flattens it in place.
  void Number(text);
  return text;
}

/** Separates the footnote block (which markdown-it-footnote appends) from the body. */
function splitNotes(tokens: Token[]): { main: Token[]; notes: Token[][] } {
  const start = tokens.findIndex((t) => t.type === 'footnote_block_open');
  if (start < 0) return { main: tokens, notes: [] };
  const notes: Token[][] = [];
  let current: Token[] | undefined;
  for (const token of tokens.slice(start)) {
    if (token.type === 'footnote_open') current = [];
    else if (token.type === 'footnote_close') {
      if (current) notes.push(current);
      current = undefined;
    } else if (current && token.type !== 'footnote_anchor') current.push(token);
  }
  return { main: tokens.slice(0, start), notes };
}

function unwrap(html: string): string {
  const trimmed = html.trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(trimmed);
  return single && !single[1]!.includes('<p>') ? single[1]! : trimmed;
}

function firstParagraph(tokens: Token[]): string {
  const open = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = open >= 0 ? tokens[open + 1] : undefined;
  if (!inline?.children) return '';
  return inline.children
    .map((c) =>
      c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : '',
    )
    .join('')
    .trim();
}

function nthIndex(text: string, needle: string, n: number): number {
  let offset = -1;
  for (let i = 0; i <= n; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) return -1;
  }
  return offset;
}

/**
 * Where the body's unsafe link destinations stand, in order: inline links
 * `](…)`, autolinks `<…>` and reference definitions `[x]: …`, with entities
 * and escapes decoded as markdown-it decodes them before judging a link.
 */
function unsafeDestinations(body: string): number[] {
  const found: number[] = [];
  const pattern =
    /\]\(\s*<?([^\s)>]+)|<([a-z][a-z0-9+.-]*:[^\s>]*)>|^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)/gim;
  for (const m of body.matchAll(pattern)) {
    const dest = m[1] ?? m[2] ?? m[3]!;
    if (isSafeUrl(decodeEntities(dest))) continue;
    found.push(m.index + m[0].lastIndexOf(dest));
  }
  return found;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/\\(.)/g, '$1');
}

/** The file position of a body offset, or the start of line `fallback` of the body. */
function position(
  body: string,
  offset: number,
  bodyLine: number,
  fallback: number,
): { line: number; column: number } {
  if (offset < 0) return { line: bodyLine + fallback, column: 1 };
  const before = body.slice(0, offset).split('\n');
  return { line: bodyLine + before.length - 1, column: before[before.length - 1]!.length + 1 };
}
