import MarkdownIt from 'markdown-it';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { REF_PLACEHOLDER, refPlaceholder } from '../domain/notes.js';
import { trackContext } from './context.js';
import { renderEnv, type RenderEnv } from './env.js';
import { footnotes, splitNotes, type NoteRef } from './footnotes.js';
import { Locator } from './positions.js';
import { renderInlineEarly } from './render-inline.js';
import { SITE_LINK } from './site-links.js';
import { parserFor, reportStrays, watchLinks } from './unsafe-links.js';

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

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
trackContext(md);
footnotes(md);
watchLinks(md);
const stepsAfterInline = renderInlineEarly(md);
md.renderer.rules.footnote_ref = (tokens, idx) => {
  const { index, occurrence } = tokens[idx]!.meta as NoteRef;
  return refPlaceholder(index, occurrence);
};

/** Renders a Markdown body; `line` is the file line the body starts on. */
export function renderMarkdown(
  file: string,
  body: string,
  line: number,
  /** The site path the body is written for (`/items/x/`): relative links start there. */
  base = '/',
): { body: RenderedBody; diagnostics: Diagnostic[] } {
  const env = renderEnv(base, stepsAfterInline);
  const tokens = parserFor(md, env).parse(body, env);
  reportStrays(env);
  const diagnostics = problems(file, line, env);
  const { body: main, notes } = splitNotes(tokens, env);
  const html = md.renderer.render(main, md.options, env);
  return {
    body: {
      html: flat(html),
      notes: notes.map((n) => flat(unwrap(md.renderer.render(n, md.options, env)))),
      summary: flat(env.summary ?? ''),
    },
    diagnostics,
  };
}

/**
 * The problems as diagnostics in reading order, each place once: markdown-it may try one link
 * twice (an image refused is tried again as a link, a refused reference
 * definition again as text), and each try reports it.
 */
function problems(file: string, line: number, env: RenderEnv): Diagnostic[] {
  if (env.problems.length === 0) return [];
  const locator = new Locator(env.src, line);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const p of env.problems) {
    const at = locator.position(p.at);
    const key = `${p.code} ${at.line} ${at.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic(file, at, p.code, p.message, p.hint));
  }
  return sortDiagnostics(diagnostics);
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

function unwrap(html: string): string {
  const trimmed = html.trim();
  const single = /^<p>([\s\S]*)<\/p>$/.exec(trimmed);
  return single && !single[1]!.includes('<p>') ? single[1]! : trimmed;
}
