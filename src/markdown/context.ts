/**
 * Where the parsers stand, for the rules that report problems: markdown-it's
 * core `inline` step done again (it is four lines), noting for each inline
 * token which block it came from, its lines and the footnote it is part of;
 * and where each table row's text starts, which only the table rule knows.
 */
import type { MarkdownIt, StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import { envOf } from './env.js';
import type { InlineSource } from './positions.js';
import { finishInline } from './render-inline.js';

export type InlineRule = (state: StateInline, silent: boolean) => boolean;
export type BlockRule = (
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
) => boolean;

/** Replaces markdown-it's inline rule `name` by `wrap` of it. */
export function wrapInlineRule(
  md: MarkdownIt,
  name: string,
  wrap: (rule: InlineRule) => InlineRule,
): void {
  const found = md.inline.ruler.__rules__.find((r) => r.name === name);
  if (!found) throw new Error(`markdown-it has no inline rule "${name}"`);
  md.inline.ruler.at(name, wrap(found.fn));
}

/** Replaces markdown-it's block rule `name` by `wrap` of it, keeping its alternates. */
export function wrapBlockRule(
  md: MarkdownIt,
  name: string,
  wrap: (rule: BlockRule) => BlockRule,
): void {
  const found = md.block.ruler.__rules__.find((r) => r.name === name);
  if (!found) throw new Error(`markdown-it has no block rule "${name}"`);
  md.block.ruler.at(name, wrap(found.fn), { alt: found.alt });
}

export function trackContext(md: MarkdownIt): void {
  md.core.ruler.at('inline', parseInline);
  wrapBlockRule(md, 'table', (table) => (state, startLine, endLine, silent) => {
    const ok = table(state, startLine, endLine, silent);
    if (ok && !silent) {
      const rows = envOf(state).rowStarts;
      for (let line = startLine; line < state.line; line++) {
        rows.set(line, state.bMarks[line]! + state.tShift[line]!);
      }
    }
    return ok;
  });
}

/**
 * markdown-it's core `inline` step, telling the rules where each inline token
 * stands, and finishing each token once parsed (render-inline).
 */
function parseInline(state: StateCore): void {
  const env = envOf(state);
  env.src = state.src;
  const notes: string[] = [];
  let parent: Token | undefined;
  let row = 0;
  let cell = -1;
  for (const token of state.tokens) {
    switch (token.type) {
      case 'footnote_reference_open':
        notes.push((token.meta as { label: string }).label);
        break;
      case 'footnote_reference_close':
        notes.pop();
        break;
      case 'tr_open':
        row = token.map?.[0] ?? 0;
        cell = -1;
        break;
      case 'th_open':
      case 'td_open':
        cell++;
        break;
      case 'inline': {
        const cellToken = parent?.type === 'th_open' || parent?.type === 'td_open';
        const inline: InlineSource = {
          token,
          kind: cellToken ? 'cell' : parent?.markup.startsWith('#') ? 'heading' : 'paragraph',
          line: token.map?.[0] ?? parent?.map?.[0] ?? row,
          cell,
          rowStart: cellToken ? (env.rowStarts.get(row) ?? 0) : 0,
          note: notes[notes.length - 1],
        };
        env.inline = inline;
        env.base = 0;
        state.md.inline.parse(token.content, state.md, state.env, token.children!);
        // The body's first paragraph, outside notes, is its summary.
        const summary =
          env.summary === undefined && parent?.type === 'paragraph_open' && notes.length === 0;
        const text = finishInline(token, state, summary);
        if (summary) env.summary = text;
      }
    }
    parent = token;
  }
  env.inline = undefined;
}
