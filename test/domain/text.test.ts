import { describe, expect, it } from 'vitest';
import { fileProblem, findUnpublishable, lineColumn, valueProblem } from '../../src/domain/text.js';

describe('findUnpublishable: controls but tab and line feed, and lone surrogates', () => {
  const cases: [string, [number, string, string] | undefined][] = [
    ['plain text', undefined],
    ['tab\tand\nnewline', undefined],
    ['报告 café 😀 \u00a0 \u2028 \ufeff', undefined],
    ['nul\u0000', [3, 'text-control', 'the control character U+0000 (NUL)']],
    ['\u0001', [0, 'text-control', 'the control character U+0001 (SOH)']],
    ['bell\u0007', [4, 'text-control', 'the control character U+0007 (BEL)']],
    ['vt\u000b', [2, 'text-control', 'the control character U+000B (VT)']],
    ['ff\u000c', [2, 'text-control', 'the control character U+000C (FF)']],
    ['cr\r', [2, 'text-control', 'the control character U+000D (CR)']],
    ['\u001b[2J', [0, 'text-control', 'the control character U+001B (ESC)']],
    ['us\u001f', [2, 'text-control', 'the control character U+001F (US)']],
    ['del\u007f', [3, 'text-control', 'the control character U+007F (DEL)']],
    ['nel\u0085', [3, 'text-control', 'the control character U+0085']],
    ['csi\u009b', [3, 'text-control', 'the control character U+009B']],
    ['\u00a0 is not one', undefined],
    ['high\ud800', [4, 'text-surrogate', 'U+D800, half of a UTF-16 surrogate pair']],
    ['low\udc00x', [3, 'text-surrogate', 'U+DC00, half of a UTF-16 surrogate pair']],
    ['\udc00\ud800', [0, 'text-surrogate', 'U+DC00, half of a UTF-16 surrogate pair']],
  ];
  it.each(cases)('%j', (text, expected) => {
    const found = findUnpublishable(text);
    expect(found && [found.index, found.code, found.character]).toEqual(expected);
  });

  it('counts them all', () => {
    expect(findUnpublishable('a\u0000b\u0000c\u001b')?.count).toBe(3);
  });
});

describe('valueProblem and fileProblem: diagnostics for editors', () => {
  it('names the field, the character and the escape to delete', () => {
    expect(valueProblem('Bank\u0000 Fined', '"title"')).toEqual({
      code: 'text-control',
      message: '"title" holds the control character U+0000 (NUL)',
      hint: 'delete the escape that makes it ("\\0", "\\e", "\\x1b", "\\u0000" …) from the quoted value',
    });
    expect(valueProblem('Bank Fined', '"title"')).toBeUndefined();
  });

  it('gives the line and column of the first one in a file, and how many more', () => {
    expect(fileProblem('---\ntitle: x\n---\nab\u0000c\u0000\n')).toEqual({
      line: 4,
      column: 3,
      code: 'text-control',
      message: 'the file holds the control character U+0000 (NUL) (and 1 more)',
      hint: 'delete the character at this position (an editor may show it as a box, as ^ and a letter, or not at all)',
    });
  });

  it('recognises a file saved as UTF-16', () => {
    expect(fileProblem('-\u0000-\u0000-\u0000\n\u0000')?.hint).toBe(
      'the file looks saved as UTF-16: save it as UTF-8 in your editor',
    );
  });

  it.each([
    ['abc', 0, { line: 1, column: 1 }],
    ['abc', 2, { line: 1, column: 3 }],
    ['a\nbc', 3, { line: 2, column: 2 }],
    ['a\n\n', 2, { line: 2, column: 1 }],
  ])('lineColumn(%j, %d)', (text, index, at) => expect(lineColumn(text, index)).toEqual(at));
});
