import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/markdown/index.js';

/**
 * Where a body's problems are reported: the exact line and column of the
 * link destination or the footnote's `[^`, placed from markdown-it's tokens.
 * Every body here starts on line 5 of its file, below its front matter.
 */
const FIRST_LINE = 5;

function positions(body: string): string[] {
  return renderMarkdown('content/items/x.md', body, FIRST_LINE, '/items/x/').diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.code}`,
  );
}

describe('unsafe links', () => {
  it.each([
    [
      'after a code span that looks like one',
      'Code `](javascript:x)` then [a](javascript:y).',
      ['5:33'],
    ],
    ['in an image, reported once', 'Text.\n\nAn ![image](javascript:z) here.', ['7:13']],
    ['in an autolink', 'See <javascript:alert(1)>.', ['5:6']],
    ['with an entity in its scheme', 'Read [it](jav&#x61;script:alert(1)) now.', ['5:11']],
    ['with its destination on the next line', '[a](\n  javascript:x)', ['6:3']],
    ['in a reference definition', '[r]\n\n[r]: javascript:foo', ['7:6']],
    [
      'in a definition over three lines',
      '[a\nlabel]:\n   javascript:evil "t"\n\n[a label]',
      ['7:4'],
    ],
    ['in a definition in a quote, once', '> [r]: <javascript:x>\n\n[r]', ['5:9']],
    ['in a list in a quote', '> - one\n>   two [b](javascript:x)', ['6:13']],
    ['in a table cell', '| a | [b](javascript:x) |\n|---|---|', ['5:11']],
    ['in an inline note', 'T^[see [a](javascript:x)]', ['5:12']],
    ["in an image's description", '![a [b](javascript:x)](i.png)', ['5:9']],
  ])('%s', (_, body, expected) => {
    expect(positions(body)).toEqual(expected.map((at) => `${at} url-unsafe`));
  });
});

describe('footnote references with no definition', () => {
  it.each([
    ['after a code span that looks like one', 'Code `[^m]` then real [^m].', ['5:23']],
    ['in a nested list', '- one\n  - two [^x]\n    three [^y]', ['6:9', '7:11']],
    ['in nested quotes and a lazy line', '> a\n> > b [^x]\nlazy [^y]', ['6:7', '7:6']],
    [
      'in table cells, past an escaped pipe',
      '| a | b \\| c [^h] |\n|---|:-:|\n| x | y [^d] |\n  z [^e] | w',
      ['5:14', '7:9', '8:5'],
    ],
    ['in a table in a quote', '> | a | b [^h] |\n> |---|---|\n> | c [^d] | d |', ['5:11', '7:7']],
    ['in headings', '# Head [^a] ##\n\nSetext\nline [^b]\n---', ['5:8', '8:6']],
    ['after a tab and deep indentation', '-\tA [^t]\n\nB\n    [^i]', ['5:5', '8:5']],
    ['in emphasis and strikethrough', '*a [^e]* ~~b [^s]~~', ['5:4', '5:14']],
    ['the same label three times', '[^x] and [^x]\n[^x]', ['5:1', '5:10', '6:1']],
    ['not when escaped', '\\[^x] and `[^y]`', []],
  ])('%s', (_, body, expected) => {
    expect(positions(body)).toEqual(expected.map((at) => `${at} footnote-undefined`));
  });
});

describe('footnote definitions and references that cannot be rendered', () => {
  it.each([
    [
      'a definition never referred to, in a quote',
      'Text.\n\n> [^u]: Unused.',
      ['7:3 footnote-unused'],
    ],
    ['a label defined twice', 'T[^a]\n\n[^a]: One.\n\n- [^a]: Two.', ['9:3 footnote-duplicate']],
    [
      'references inside notes',
      'T[^a][^b]\n\n[^a]: See [^b].\n[^b]:\n    Para.\n\n    More [^a].',
      ['7:11 footnote-nested', '11:10 footnote-nested'],
    ],
    [
      'a reference and a note inside inline notes',
      'T^[see [^b]] and ^[a ^[b]]\n\n[^b]: B.',
      ['5:8 footnote-nested', '5:22 footnote-nested'],
    ],
    [
      "a reference in an image's description",
      '![alt [^b]](i.png) T[^b]\n\n[^b]: B.',
      ['5:7 footnote-nested'],
    ],
    [
      'a definition inside a definition',
      'T[^a][^b]\n\n[^a]: [^b]: Inner.',
      ['7:7 footnote-nested'],
    ],
  ])('%s', (_, body, expected) => {
    expect(positions(body)).toEqual(expected);
  });
});

describe('line breaks markdown-it normalises', () => {
  it('counts CRLF and a lone CR as one line break each', () => {
    const { body, diagnostics } = renderMarkdown('x.md', 'A\r\nB [^x]\rC [^y]', FIRST_LINE);
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['6:3', '7:3']);
    expect(body.html).toBe('<p>A\nB [^x]\nC [^y]</p>\n');
  });
});

describe('large bodies', () => {
  it('places 20,000 identical undefined references, each on its own line', () => {
    const body = Array.from({ length: 20_000 }, () => 'See [^x].').join('\n');
    const found = positions(body);
    expect(found).toHaveLength(20_000);
    expect(found[0]).toBe('5:5 footnote-undefined');
    expect(found[19_999]).toBe(`${20_004}:5 footnote-undefined`);
    expect(new Set(found).size).toBe(20_000);
  });

  it('places an unsafe link after 100,000 lines of code that look like links', () => {
    const code = Array<string>(100_000).fill('`](javascript:x) [^m]`').join('\n');
    expect(positions(`${code}\n\n[a](javascript:y) [^n]`)).toEqual([
      `${100_006}:5 url-unsafe`,
      `${100_006}:19 footnote-undefined`,
    ]);
  });
});
