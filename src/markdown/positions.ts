/**
 * Where a problem stands in the file, from markdown-it's own tokens: a block's
 * `map` gives its lines, and an inline rule's `state.pos` an offset into the
 * inline token's `content`. That content is not a slice of the source (a
 * paragraph loses its indentation and `>` markers, a table cell its `\` before
 * `|`), so an offset in it is mapped back line by line. Nothing here searches
 * the body for the problem's text.
 */
import type { Token } from 'markdown-it';
import type { Position } from '../diagnostics.js';

/** The inline token being parsed, and how its content was cut from the source. */
export interface InlineSource {
  token: Token;
  /** `paragraph` (and setext headings): each content line ends its source line. */
  kind: 'paragraph' | 'heading' | 'cell';
  /** The source line (0-based) of the content's first line. */
  line: number;
  /** For a cell: its index in the row, and where the row's text starts (src offset). */
  cell: number;
  rowStart: number;
  /** The label of the footnote definition it is part of, if any. */
  note: string | undefined;
}

/** A problem's place: an offset in the source, or in an inline token's content. */
export type Where = { offset: number } | { inline: InlineSource; offset: number };

/** Turns places into file positions; made once per body, and only when it has problems. */
export class Locator {
  private readonly starts: number[];

  constructor(
    /** The source as markdown-it saw it (same length as the body). */
    private readonly src: string,
    /** The file line the body starts on. */
    private readonly bodyLine: number,
  ) {
    this.starts = lineStarts(src);
  }

  position(where: Where): Position {
    const offset = 'inline' in where ? this.sourceOffset(where.inline, where.offset) : where.offset;
    const line = lastAtOrBefore(this.starts, offset);
    return { line: this.bodyLine + line, column: offset - this.starts[line]! + 1 };
  }

  private lineText(line: number): { start: number; text: string } {
    const start = this.starts[line] ?? this.src.length;
    const next = this.starts[line + 1];
    return { start, text: this.src.slice(start, next === undefined ? undefined : next - 1) };
  }

  /** The source offset of `offset` in the inline token's content. */
  private sourceOffset(inline: InlineSource, offset: number): number {
    const content = inline.token.content;
    const starts = this.contentLines(content);
    const k = lastAtOrBefore(starts, offset);
    const column = offset - starts[k]!;
    if (inline.kind === 'cell') return cellOffset(this.src, inline.rowStart, inline.cell, column);
    const { start, at } = this.alignment(inline, starts, k);
    return start + Math.max(0, at.source + column - at.content);
  }

  /**
   * How content line `k` of an inline token lies on its source line, worked
   * out once: 80,000 problems on one long line each measured it again.
   */
  private alignment(inline: InlineSource, starts: number[], k: number) {
    let lines = this.alignments.get(inline.token);
    if (!lines) this.alignments.set(inline.token, (lines = new Map()));
    let found = lines.get(k);
    if (!found) {
      const content = inline.token.content;
      const piece = content.slice(starts[k], (starts[k + 1] ?? content.length + 1) - 1);
      const { start, text } = this.lineText(inline.line + k);
      const at = inline.kind === 'heading' ? headingStart(text) : suffixStart(text, piece);
      found = { start, at };
      lines.set(k, found);
    }
    return found;
  }

  private readonly alignments = new WeakMap<Token, Map<number, { start: number; at: Alignment }>>();

  private readonly contentStarts = new Map<string, number[]>();

  private contentLines(content: string): number[] {
    let starts = this.contentStarts.get(content);
    if (!starts) {
      starts = lineStarts(content);
      this.contentStarts.set(content, starts);
    }
    return starts;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index of the last of the ascending `starts` that is at most `offset`. */
function lastAtOrBefore(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A line alignment: content column `content` stands at source column `source`. */
interface Alignment {
  content: number;
  source: number;
}

/**
 * A paragraph's content line is its source line with the container markers
 * and indentation taken off the front (and, on the last line, spaces off the
 * end): past its leading whitespace, it is a suffix of the source line.
 */
function suffixStart(source: string, piece: string): Alignment {
  const trimmed = piece.trimEnd();
  const core = trimmed.trimStart();
  const lead = trimmed.length - core.length;
  const line = source.trimEnd();
  if (core !== '' && line.endsWith(core))
    return { content: lead, source: line.length - core.length };
  // Not expected: markdown-it changed how it cuts lines. Point at the line's text.
  return { content: lead, source: source.length - source.trimStart().length };
}

/** An ATX heading's content starts after its `#`s and the spaces after them. */
function headingStart(source: string): Alignment {
  let i = source.indexOf('#');
  while (source[i] === '#') i++;
  while (source[i] === ' ' || source[i] === '\t') i++;
  return { content: 0, source: Math.max(i, 0) };
}

/**
 * A table cell: the row's text split at pipes not preceded by `\` (as
 * markdown-it splits it, dropping that `\`), then trimmed.
 */
function cellOffset(src: string, rowStart: number, cell: number, column: number): number {
  const eol = src.indexOf('\n', rowStart);
  const end = eol < 0 ? src.length : eol;
  let pos = rowStart;
  while (pos < end && (src[pos] === ' ' || src[pos] === '\t')) pos++;
  const bounds: number[] = [pos - 1];
  for (let i = pos; i < end; i++) if (src[i] === '|' && src[i - 1] !== '\\') bounds.push(i);
  bounds.push(end);
  // A row that starts with `|` has an empty first column, which markdown-it drops.
  const first = src[pos] === '|' ? 1 : 0;
  let i = (bounds[first + cell] ?? end) + 1;
  const stop = bounds[first + cell + 1] ?? end;
  while (i < stop && (src[i] === ' ' || src[i] === '\t')) i++;
  for (let c = 0; c < column && i < stop; c++, i++) {
    if (src[i] === '\\' && src[i + 1] === '|') i++;
  }
  return src[i] === '\\' && src[i + 1] === '|' ? i + 1 : i;
}
