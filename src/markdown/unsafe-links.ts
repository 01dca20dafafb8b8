/**
 * Unsafe link destinations (`javascript:`, `data:` …). markdown-it asks
 * `validateLink` about every destination and, refused, leaves the text as it
 * stands; each refusal is reported where its destination starts. The rules
 * that ask (inline links, images, autolinks, reference definitions) are
 * wrapped so that the question is heard with the rule and the place it came
 * from: markdown-it decides, we only say where.
 */
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';
import { isSafeUrl } from '../domain/urls.js';
import { envOf, inlineAt, report, type RenderEnv } from './env.js';
import { wrapBlockRule, wrapInlineRule, type InlineRule } from './context.js';
import type { Where } from './positions.js';

export function watchLinks(md: MarkdownIt): void {
  wrapInlineRule(md, 'link', (link) =>
    watched(link, (state, start) => destination(state, start, true)),
  );
  wrapInlineRule(md, 'image', (image) =>
    watched(
      (state, silent) => {
        // The description is parsed apart, as a text of its own that starts
        // two characters in (`![`): places in it are moved by as much.
        const env = envOf(state);
        const base = env.base;
        env.base = base + state.pos + 2;
        env.image++;
        const ok = image(state, silent);
        env.image--;
        env.base = base;
        return ok;
      },
      (state, start) => destination(state, start + 1, false),
    ),
  );
  wrapInlineRule(md, 'autolink', (autolink) => watched(autolink, (_, start) => start + 1));
  wrapBlockRule(md, 'reference', (definition) => (state, startLine, endLine, silent) => {
    const env = envOf(state);
    const refused: string[] = [];
    env.refusals.push(refused);
    const ok = definition(state, startLine, endLine, silent);
    env.refusals.pop();
    for (const url of refused) unsafe(env, { offset: referenceDestination(state, startLine) }, url);
    return ok;
  });
}

/**
 * A parser for one render: markdown-it itself, but with a `validateLink` that
 * notes what it refuses in that render's `env` (the rules' only way to it).
 */
export function parserFor(md: MarkdownIt, env: RenderEnv): MarkdownIt {
  const parser = Object.create(md) as MarkdownIt;
  parser.validateLink = (url: string) => {
    if (isSafeUrl(url)) return true;
    (env.refusals[env.refusals.length - 1] ?? env.strays).push(url);
    return false;
  };
  return parser;
}

/** The body's start, for refusals no watched rule made (none are expected). */
export function reportStrays(env: RenderEnv): void {
  for (const url of env.strays) unsafe(env, { offset: 0 }, url);
}

function watched(
  rule: InlineRule,
  /** Where the destination of the link starting at `start` stands in `state.src`. */
  where: (state: StateInline, start: number) => number,
): InlineRule {
  return (state, silent) => {
    const env = envOf(state);
    const start = state.pos;
    const refused: string[] = [];
    env.refusals.push(refused);
    const ok = rule(state, silent);
    env.refusals.pop();
    // Silent calls only look ahead; the same text is parsed for real later.
    if (!silent) for (const url of refused) unsafe(env, inlineAt(env, where(state, start)), url);
    return ok;
  };
}

function unsafe(env: RenderEnv, at: Where, url: string): void {
  report(
    env,
    at,
    'url-unsafe',
    `"${url}" is not a safe link`,
    'links must be http(s), mailto or relative addresses',
  );
}

const isSpace = (code: number) => code === 0x20 || code === 0x09;

/**
 * `[text](` and the spaces after it, as markdown-it's link and image rules
 * read them; past a `<`, so that a refused `<javascript:…>` is one problem
 * whichever rule refused it.
 */
function destination(state: StateInline, labelOpen: number, disableNested: boolean): number {
  const end = state.md.helpers.parseLinkLabel(state, labelOpen, disableNested);
  if (end < 0) return labelOpen;
  let pos = end + 2; // `](`
  while (pos < state.posMax && (isSpace(state.src.charCodeAt(pos)) || state.src[pos] === '\n')) {
    pos++;
  }
  return state.src[pos] === '<' ? pos + 1 : pos;
}

/** `[label]:` and the spaces (and line break) after it, as the reference rule reads them. */
function referenceDestination(state: StateBlock, startLine: number): number {
  const src = state.src;
  let line = startLine;
  let pos = state.bMarks[line]! + state.tShift[line]! + 1;
  const nextLine = () => {
    line++;
    pos = state.bMarks[line]! + state.tShift[line]!;
  };
  while (pos < src.length && src[pos] !== ']') {
    if (src[pos] === '\\') pos++;
    if (src[pos] === '\n') nextLine();
    else pos++;
  }
  pos += 2; // `]:`
  for (;;) {
    const code = src.charCodeAt(pos);
    if (isSpace(code)) pos++;
    else if (code === 0x0a && line + 1 < state.lineMax) nextLine();
    else return code === 0x3c /* < */ ? pos + 1 : pos;
  }
}
