import { describe, expect, it } from 'vitest';
import { fillRefs } from '../../src/domain/notes.js';
import { renderMarkdown } from '../../src/markdown/index.js';

/** Footnotes are our own rules (STYLE.md, "Notes are ours"). */
const render = (body: string) => renderMarkdown('content/items/x.md', body, 5, '/items/x/');

/** The note numbers a body's references link to, in order, with the note's first number. */
const refs = (html: string, first = 1) =>
  [...fillRefs(html, first).matchAll(/href="#note-(\d+)" id="([^"]+)"/g)].map((m) => m[2]);

describe('notes', () => {
  it('are indexed in order of first reference, inline notes among them', () => {
    const { body, diagnostics } = render(
      'A.[^b] B.^[An *inline* note.] C.[^a] Again.[^b]\n\n[^a]: Note a.\n[^b]: Note b.\n',
    );
    expect(diagnostics).toEqual([]);
    expect(body.notes).toEqual(['Note b.', 'An <em>inline</em> note.', 'Note a.']);
    expect(refs(body.html, 4)).toEqual(['ref-4', 'ref-5', 'ref-6', 'ref-4-2']);
  });

  it('keep their blocks, and the body what stands outside them', () => {
    const { body } = render(
      'Text.[^n]\n\n[^n]: First paragraph.\n\n    Second, with a [link](../y/).\n\n    - a list\n\nAfter.\n',
    );
    expect(body.notes).toHaveLength(1);
    expect(body.notes[0]).toMatch(
      /^<p>First paragraph\.<\/p>\n<p>Second, with a <a href="\u0000link:\/items\/y\/\u0000">link<\/a>\.<\/p>\n<ul>\n<li>a list<\/li>\n<\/ul>$/,
    );
    expect(body.html).toMatch(/^<p>Text\.<\u0000ref 0 0\u0000><\/p>\n<p>After\.<\/p>\n$/);
  });

  it('render the same twice', () => {
    const source = 'A.[^1] B.^[x]\n\n[^1]: One.\n';
    expect(render(source)).toEqual(render(source));
  });
});

describe('what cannot be rendered exactly is refused', () => {
  it('a second definition of a label: an error at its line, the first one kept', () => {
    const { body, diagnostics } = render('T[^a]\n\n[^a]: One.\n[^a]: Two.\n');
    expect(diagnostics).toEqual([
      {
        file: 'content/items/x.md',
        line: 8,
        column: 1,
        code: 'footnote-duplicate',
        message: 'footnote [^a] is defined a second time',
        hint: 'keep one definition of [^a]: merge the two notes, or give this one a label of its own',
      },
    ]);
    expect(body.notes).toEqual(['One.']);
  });

  it.each([
    ['a note', 'T[^a][^b]\n\n[^a]: See [^b].\n\n[^b]: B.\n', 'the text of footnote [^a]'],
    ['an inline note', 'T^[see [^b]]\n\n[^b]: B.\n', 'an inline note'],
    ["an image's description", '![alt [^b]](i.png) T[^b]\n\n[^b]: B.\n', "an image's description"],
  ])('a reference inside %s, which would leak its placeholder', (_, body, container) => {
    const result = render(body);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['footnote-nested', `footnote reference [^b] inside ${container}`],
    ]);
    // Nothing is left that no page would fill in.
    for (const note of result.body.notes) expect(note).not.toContain('\u0000');
  });
});

describe('large bodies', () => {
  it('20,000 notes, numbered in order', () => {
    const n = 20_000;
    const text = Array.from({ length: n }, (_, i) => `Paragraph ${i + 1}.[^${i + 1}]`);
    const notes = Array.from({ length: n }, (_, i) => `[^${i + 1}]: Note ${i + 1}.`);
    const { body, diagnostics } = render(`${text.join('\n\n')}\n\n${notes.join('\n')}\n`);
    expect(diagnostics).toEqual([]);
    expect(body.notes).toHaveLength(n);
    expect(body.notes[n - 1]).toBe(`Note ${n}.`);
    const ids = refs(body.html);
    expect(ids).toHaveLength(n);
    expect(ids[n - 1]).toBe(`ref-${n}`);
  });

  it('a 5 MB body of paragraphs with links, code and notes', () => {
    const paragraphs = Array.from(
      { length: 50_000 },
      (_, i) =>
        `Paragraph ${i}: the *regulator* fined [the platform](../p-${i % 9}/) under \`Art. ${i}\`${i % 50 === 0 ? `[^n${i}]` : ''}, see https://x.org/${i}.`,
    );
    const notes = Array.from({ length: 1_000 }, (_, i) => `[^n${i * 50}]: Note ${i * 50}.`);
    const source = `${paragraphs.join('\n\n')}\n\n${notes.join('\n')}\n`;
    expect(source.length).toBeGreaterThan(5e6);
    const { body, diagnostics } = render(source);
    expect(diagnostics).toEqual([]);
    expect(body.summary).toBe(
      'Paragraph 0: the regulator fined the platform under Art. 0, see https://x.org/0.',
    );
    expect(body.html.split('<p>')).toHaveLength(50_001);
    expect(body.html.split('href="\u0000link:/items/p-')).toHaveLength(50_001);
    expect(body.html.split('<a href="https://x.org/')).toHaveLength(50_001);
    expect(body.html).toContain('<p>Paragraph 49999: the <em>regulator</em> fined');
    expect(body.notes).toHaveLength(1_000);
    expect(refs(body.html).slice(-1)).toEqual(['ref-1000']);
  });

  it(
    '100,000 problems on one line are placed in time linear in their number (found by npm run fuzz)',
    { timeout: 10_000 },
    () => {
      // Each problem measured its whole line again: 80,000 took 9 s, 100,000 about 14 s.
      const n = 100_000;
      const { diagnostics } = render(`${'a[^x] '.repeat(n)}\n`);
      expect(diagnostics).toHaveLength(n);
      expect(diagnostics[0]).toMatchObject({ line: 5, column: 2, code: 'footnote-undefined' });
      expect(diagnostics[n - 1]).toMatchObject({ line: 5, column: 6 * (n - 1) + 2 });
    },
  );

  it('10,000 definitions never referred to, and 10,000 defined twice', () => {
    const unused = Array.from({ length: 10_000 }, (_, i) => `[^u${i}]: Unused.`);
    const twice = Array.from({ length: 10_000 }, (_, i) => `[^d${i}]: Once.\n[^d${i}]: Twice.`);
    const refsToTwice = Array.from({ length: 10_000 }, (_, i) => `[^d${i}]`).join(' ');
    const { diagnostics } = render(`${refsToTwice}\n\n${unused.join('\n')}\n${twice.join('\n')}\n`);
    const codes = diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
    expect(codes.filter((c) => c.endsWith('unused'))).toHaveLength(10_000);
    expect(codes.filter((c) => c.endsWith('duplicate'))).toHaveLength(10_000);
    expect(codes[0]).toBe('7:1 footnote-unused');
    expect(codes[codes.length - 1]).toBe(`${7 + 10_000 + 19_999}:1 footnote-duplicate`);
  });
});
