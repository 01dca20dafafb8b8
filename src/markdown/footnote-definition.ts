/**
 * A footnote definition, `[^label]: text`: a block whose text goes on in the
 * lines indented below it, as markdown-it-footnote reads it. The first
 * definition of a label counts; another is reported, and so is a definition
 * inside another's text. The definition's blocks stay in place, between
 * `footnote_reference_open` and `_close`, until the notes are collected.
 */
import type { StateBlock } from 'markdown-it';
import { envOf, report, type Definition } from './env.js';

export function definition(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  const src = state.src;
  if (start + 4 > max) return false;
  if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5e /* ^ */) {
    return false;
  }
  let pos = start + 2;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x20) return false;
    if (ch === 0x5d /* ] */) break;
  }
  if (pos === start + 2) return false; // no empty labels
  if (pos + 1 >= max || src.charCodeAt(++pos) !== 0x3a /* : */) return false;
  if (silent) return true;
  pos++;

  const env = envOf(state);
  const label = src.slice(start + 2, pos - 2);
  const first = env.definitions.get(label);
  let own: Definition | undefined;
  if (first) {
    report(
      env,
      { offset: start },
      'footnote-duplicate',
      `footnote [^${label}] is defined a second time`,
      `keep one definition of [^${label}]: merge the two notes, or give this one a label of its own`,
    );
  } else {
    own = { label, offset: start, index: undefined, count: 0, used: false, tokens: [] };
    env.definitions.set(label, own);
  }
  if (env.definitionDepth > 0) {
    // Known, so that its references are not also reported as undefined.
    report(
      env,
      { offset: start },
      'footnote-nested',
      `footnote [^${label}] is defined inside another footnote's text`,
      `start "[^${label}]:" on a line of its own, not indented, after a blank line`,
    );
  }

  const open = new state.Token('footnote_reference_open', '', 1);
  open.meta = { label, definition: own };
  open.map = [startLine, startLine];
  open.level = state.level++;
  state.tokens.push(open);

  // The note's text is parsed as blocks indented by four columns, its first
  // line starting after the colon (as markdown-it-footnote does it).
  const oldBMark = state.bMarks[startLine]!;
  const oldTShift = state.tShift[startLine]!;
  const oldSCount = state.sCount[startLine]!;
  const oldParentType = state.parentType;
  const afterColon = pos;
  const initial = oldSCount + pos - start;
  let offset = initial;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x09) offset += 4 - (offset % 4);
    else if (ch === 0x20) offset++;
    else break;
  }
  state.tShift[startLine] = pos - afterColon;
  state.sCount[startLine] = offset - initial;
  state.bMarks[startLine] = afterColon;
  state.blkIndent += 4;
  state.parentType = 'footnote';
  if (state.sCount[startLine]! < state.blkIndent) state.sCount[startLine]! += state.blkIndent;
  env.definitionDepth++;
  state.md.block.tokenize(state, startLine, endLine);
  env.definitionDepth--;
  state.parentType = oldParentType;
  state.blkIndent -= 4;
  state.tShift[startLine] = oldTShift;
  state.sCount[startLine] = oldSCount;
  state.bMarks[startLine] = oldBMark;
  open.map[1] = state.line;

  const close = new state.Token('footnote_reference_close', '', -1);
  close.level = --state.level;
  state.tokens.push(close);
  return true;
}
