/**
 * Footnotes, as our own rules (STYLE.md, "Notes are ours"): definitions
 * `[^label]: …` (a block that may hold paragraphs and lists), references
 * `[^label]` and inline notes `^[…]`. A body's notes are indexed in order of
 * first reference; each page that shows the body numbers them in its own
 * reading order (domain/notes). Their syntax is markdown-it-footnote's, which
 * gazette used before; unlike it, these rules report what they cannot render
 * exactly: a reference with no definition, a definition never referred to,
 * a label defined twice, and a reference inside a note, a link's text or an
 * image's description. Time is linear in the number of notes.
 */
import type { MarkdownIt, StateCore, StateInline, Token } from 'markdown-it';
import { envOf, inlineAt, report, type Definition, type RenderEnv } from './env.js';
import { definition } from './footnote-definition.js';
import { finishInline } from './render-inline.js';

export function footnotes(md: MarkdownIt): void {
  md.block.ruler.before('reference', 'footnote_definition', definition, {
    alt: ['paragraph', 'reference'],
  });
  md.inline.ruler.after('image', 'footnote_inline', inlineNote);
  md.inline.ruler.after('footnote_inline', 'footnote_reference', reference);
  md.core.ruler.after('inline', 'footnote_notes', collectNotes);
}

/** A reference's token meta: its note's index in the body, and which reference to it this is. */
export type NoteRef = { index: number; occurrence: number };

/** `[^label]`: a reference to a defined note. */
function reference(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const max = state.posMax;
  const src = state.src;
  if (start + 3 > max) return false;
  if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5e /* ^ */) {
    return false;
  }
  let pos = start + 2;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x20 || ch === 0x0a) return false;
    if (ch === 0x5d /* ] */) break;
  }
  if (pos === start + 2 || pos >= max) return false;
  const label = src.slice(start + 2, pos);
  const env = envOf(state);
  const note = env.definitions.get(label);
  if (!note) {
    if (!silent) {
      report(
        env,
        inlineAt(env, start),
        'footnote-undefined',
        `footnote [^${label}] has no definition`,
        `add a line "[^${label}]: the note's text" below the paragraph`,
      );
    }
    return false;
  }
  if (!silent) {
    note.used = true;
    const container = refusedIn(env, state);
    if (container) {
      reportNested(env, start, `[^${label}]`, container);
      state.push('text', '', 0).content = src.slice(start, pos + 1);
    } else {
      note.index ??= env.notes.push(note) - 1;
      const meta: NoteRef = { index: note.index, occurrence: note.count++ };
      state.push('footnote_ref', '', 0).meta = meta;
    }
  }
  state.pos = pos + 1;
  return true;
}

/** `^[text]`: a note written where it is referred to. */
function inlineNote(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const max = state.posMax;
  if (start + 2 >= max) return false;
  if (state.src.charCodeAt(start) !== 0x5e /* ^ */) return false;
  if (state.src.charCodeAt(start + 1) !== 0x5b /* [ */) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start + 1);
  if (labelEnd < 0) return false;
  if (!silent) {
    const env = envOf(state);
    const container = refusedIn(env, state);
    if (container) {
      reportNested(env, start, 'inline note ^[…]', container);
      state.push('text', '', 0).content = state.src.slice(start, labelEnd + 1);
    } else {
      const text = state.src.slice(start + 2, labelEnd);
      const children: Token[] = [];
      const base = env.base;
      env.base = base + start + 2;
      env.inlineNote++;
      state.md.inline.parse(text, state.md, state.env, children);
      env.inlineNote--;
      env.base = base;
      const open = new state.Token('paragraph_open', 'p', 1);
      open.block = true;
      const inline = new state.Token('inline', '', 0);
      inline.content = text;
      inline.children = children;
      finishInline(inline, state);
      const close = new state.Token('paragraph_close', 'p', -1);
      close.block = true;
      const meta: NoteRef = { index: env.notes.push([open, inline, close]) - 1, occurrence: 0 };
      state.push('footnote_ref', '', 0).meta = meta;
    }
  }
  state.pos = labelEnd + 1;
  state.posMax = max;
  return true;
}

/** What a reference at this place stands inside that cannot hold it, if anything. */
function refusedIn(env: RenderEnv, state: StateInline): string | undefined {
  if (env.inline?.note !== undefined) return `the text of footnote [^${env.inline.note}]`;
  if (env.inlineNote > 0) return 'an inline note';
  if (env.image > 0) return "an image's description";
  if (state.linkLevel > 0) return "a link's text";
  return undefined;
}

function reportNested(env: RenderEnv, pos: number, what: string, container: string): void {
  const inNote = container.includes('note');
  report(
    env,
    inlineAt(env, pos),
    'footnote-nested',
    `footnote reference ${what} inside ${container}`,
    inNote
      ? 'a note cannot have notes of its own: move the reference into the text, or merge the two notes'
      : `move the reference out of ${container}: it cannot link to its note from there`,
  );
}

/**
 * Cuts the definitions out of the body, reports those never referred to, and
 * appends the notes after the body in index order. The body's own tokens
 * end where `bodyLength` says.
 */
function collectNotes(state: StateCore): void {
  const env = envOf(state);
  if (env.definitions.size === 0 && env.notes.length === 0) return;
  const tokens: Token[] = [];
  let depth = 0;
  let current: Definition | undefined;
  for (const token of state.tokens) {
    if (token.type === 'footnote_reference_open') {
      if (depth++ === 0) current = (token.meta as { definition?: Definition }).definition;
    } else if (token.type === 'footnote_reference_close') {
      if (--depth === 0) current = undefined;
    } else if (depth === 0) tokens.push(token);
    else current?.tokens.push(token);
  }
  for (const note of env.definitions.values()) {
    if (note.used) continue;
    report(
      env,
      { offset: note.offset },
      'footnote-unused',
      `footnote [^${note.label}] is defined but never referenced`,
      `refer to it with [^${note.label}] in the text, or delete the definition`,
    );
  }
  env.bodyLength = tokens.length;
  for (const note of env.notes)
    for (const t of Array.isArray(note) ? note : note.tokens) tokens.push(t);
  state.tokens = tokens;
}

/** The body's tokens and each note's, once the core steps have run. */
export function splitNotes(tokens: Token[], env: RenderEnv): { body: Token[]; notes: Token[][] } {
  const bodyLength = env.bodyLength ?? tokens.length;
  const notes = env.notes.map((note) => (Array.isArray(note) ? note : note.tokens));
  tokens.length = bodyLength;
  return { body: tokens, notes };
}
