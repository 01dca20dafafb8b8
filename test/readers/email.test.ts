import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import juice from 'juice';
import { parseHTML } from 'linkedom';
import { inlineByKind, topLevelSelectors } from '../../src/pages/email-inline.js';
import { memoryMemo } from '../../src/model.js';
import { htmlToText, wrap } from '../../src/pages/email-text.js';
import { linksFrom } from '../../src/domain/urls.js';
import { loadTheme } from '../../src/stages/theme.js';
import { page, removeSite, run } from '../helpers.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/readers-a');
const ORIGIN = 'https://example.org/digest/';
const BULLETIN = `${ORIGIN}bulletins/2022-02/`;

let tmp: string;
const out = (name: string) => join(tmp, name);
const read = (name: string, path: string) => readFileSync(join(out(name), path), 'utf8');

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-email-'));
  for (const name of ['a', 'b']) {
    const result = await run('build', '--root', FIXTURE, '--no-cache', '--out', out(name));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
});

afterAll(() => removeSite(tmp));

describe('/bulletins/<id>/email.html', () => {
  const email = () => page(out('a'), 'bulletins/2022-02/email.html');

  it('is one self-contained document: no scripts, no stylesheets, CSS inlined', () => {
    const doc = email();
    expect(doc.querySelectorAll('script, link[rel="stylesheet"], iframe, form')).toHaveLength(0);
    // Only the media queries stay in the head; everything else is inline.
    for (const style of doc.querySelectorAll('style')) {
      expect(style.textContent!.trim()).toMatch(/^@media/);
    }
    expect(doc.querySelector('h1')!.getAttribute('style')).toContain('font-size: 30px');
    expect(doc.querySelector('h2')!.getAttribute('style')).toContain('color: #8a1c1c');
    expect(doc.querySelector('table.sheet')!.getAttribute('style')).toContain('max-width: 640px');
    expect(doc.querySelector('p')!.getAttribute('style')).toBeTruthy();
  });

  it('links only to absolute addresses', () => {
    const hrefs = [...email().querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(hrefs).toContain(BULLETIN);
    expect(hrefs).toContain(`${ORIGIN}items/data-export-rules/`);
    // A relative link in an item's body is resolved from the item's page.
    expect(hrefs).toContain(`${ORIGIN}items/review-measures/`);
  });

  it('numbers the notes as the bulletin page does, each linked to its note there', () => {
    const doc = email();
    const web = page(out('a'), 'bulletins/2022-02/index.html');
    const refs = [...doc.querySelectorAll('.note-ref a')];
    const webRefs = [...web.querySelectorAll('.note-ref a')];
    expect(refs.map((a) => a.textContent)).toEqual(['1', '2', '3', '4']);
    expect(refs.map((a) => a.textContent)).toEqual(webRefs.map((a) => a.textContent));
    expect(refs.map((a) => a.getAttribute('href'))).toEqual(
      webRefs.map((a) => BULLETIN + a.getAttribute('href')!.replace(/^\.\//, '')),
    );
    const notes = [...doc.querySelectorAll('table.notes tr')];
    expect(notes.map((tr) => tr.querySelector('.note-n')!.textContent)).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
    ]);
    expect(notes[0]!.querySelector('.note-text')!.textContent).toBe(
      "The editors' note on the month.",
    );
    expect(notes[3]!.querySelector('a')!.getAttribute('href')).toBe(
      'https://example.org/pboc/penalty',
    );
  });

  it('shows the sections, items and their facts, escaped', () => {
    const doc = email();
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Legislation',
      'Enforcement Cases',
      'Courts Litigation',
      'Notes',
    ]);
    const titles = [...doc.querySelectorAll('h3 a')].map((a) => a.textContent);
    expect(titles[0]).toBe('Rules on Data; Export, Security & <Review> \\ Part 1');
    expect(titles).toHaveLength(5);
    expect(doc.querySelector('.fine')!.textContent).toBe('RMB\u00a016.74\u00a0million');
  });

  it('one per bulletin, byte-identical on every build', () => {
    expect(page(out('a'), 'bulletins/2022-01/email.html').querySelector('h1')!.textContent).toBe(
      'January 2022',
    );
    for (const path of ['bulletins/2022-02/email.html', 'bulletins/2022-02/email.txt']) {
      expect(read('b', path)).toBe(read('a', path));
    }
  });
});

describe('/bulletins/<id>/email.txt', () => {
  const text = () => read('a', 'bulletins/2022-02/email.txt');

  it('is plain text wrapped at 72 columns; only a lone long word (a URL) runs over', () => {
    const lines = text().split('\n');
    for (const line of lines) {
      if ([...line].length > 72) expect(line.trim()).toMatch(/^\S+$/);
    }
    expect(text()).not.toMatch(/<\/?(p|a|sup|li|ul)\b/);
    expect(text()).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  });

  it('has the heading, every item with its address, and the notes as [n] with URLs', () => {
    const t = text();
    expect(t.startsWith("Readers' Digest A\n\nFebruary 2022 (January 2022)\n")).toBe(true);
    expect(t).toContain(`Read it on the web: ${BULLETIN}`);
    expect(t).toContain(
      'Rules on Data; Export, Security & <Review> \\ Part 1\n' +
        '数据出境安全评估办法：关于数据出境安全评估的若干规定（第一部分，含附件与说明）\n' +
        'January 20, 2022 · CAC · Adopted · effective March 1, 2022\n' +
        `${ORIGIN}items/data-export-rules/\n`,
    );
    expect(t).toContain('they take effect on March 1.[2]');
    expect(t).toContain('- first point\n- second point');
    const notes = t.slice(t.indexOf('\nNOTES\n'));
    expect([...notes.matchAll(/^\[(\d+)\] /gm)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
    expect(notes).toContain(
      "[4] Shanghai Branch of the People's Bank of China, Penalty disclosure\n" +
        '    <https://example.org/pboc/penalty>, January 10, 2022.',
    );
  });
});

describe('htmlToText', () => {
  const cases: [string, string, string][] = [
    ['paragraphs', '<p>One.</p>\n<p>Two.</p>', 'One.\n\nTwo.'],
    [
      'entities',
      '<p>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x4e2d;</p>',
      'A & B <c> "d" \'e\' 中',
    ],
    [
      'a link and a bare URL',
      '<p><a href="https://a.org/x">text</a> and <a href="https://b.org/">https://b.org/</a></p>',
      'text <https://a.org/x> and https://b.org/',
    ],
    [
      'note references',
      '<p>End.<sup class="note-ref"><a href="#note-1" id="ref-1">1</a></sup><sup class="note-ref"><a href="#note-2">2</a></sup></p>',
      'End.[1][2]',
    ],
    ['a tight list', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>', '- one\n- two'],
    [
      'an ordered list, nested',
      '<ol>\n<li>one\n<ul>\n<li>inner</li>\n</ul>\n</li>\n<li>two</li>\n</ol>',
      '1. one\n   - inner\n2. two',
    ],
    ['a quote', '<blockquote>\n<p>Quoted.</p>\n</blockquote>', '> Quoted.'],
    ['a line break', '<p>a<br>\nb</p>', 'a\nb'],
    ['code', '<pre><code>x  =  1\ny = 2\n</code></pre>', 'x  =  1\ny = 2'],
  ];
  it.each(cases)('%s', (_, html, expected) => expect(htmlToText(html)).toBe(expected));

  it('wraps long paragraphs and list items with hanging indents', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const lines = htmlToText(`<ul><li>${words}</li></ul>`, 40).split('\n');
    expect(lines[0]!.startsWith('- word0')).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    for (const line of lines.slice(1)) expect(line.startsWith('  word')).toBe(true);
  });
});

describe('wrap', () => {
  const cases: [string, string, number, string][] = [
    ['short', 'a b c', 10, 'a b c'],
    ['at the width', 'aaaa bbbb', 9, 'aaaa bbbb'],
    ['one over', 'aaaa bbbbb', 9, 'aaaa\nbbbbb'],
    [
      'a long word alone',
      'a https://example.org/a/very/long/path b',
      10,
      'a\nhttps://example.org/a/very/long/path\nb',
    ],
    ['explicit newlines kept', 'a\nb', 10, 'a\nb'],
    ['characters, not bytes', '数据 数据 数据', 5, '数据 数据\n数据'],
  ];
  it.each(cases)('%s', (_, text, width, expected) => expect(wrap(text, width)).toBe(expected));
});

describe('inlineByKind: juice by element kind', () => {
  const OPTIONS = {
    removeStyleTags: true,
    preserveMediaQueries: true,
    applyAttributesTableElements: true,
  };
  const doc = (css: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>T</title><style>${css}</style></head>` +
    '<body><!--[if mso]><table width="640"><tr><td><![endif]-->' +
    '<table class="sheet" width="100%"><tr><td class="cell">' +
    '<h1>Title</h1><p>One <a href="https://a.org/?x=1&amp;y=2">link</a>.</p>' +
    '<p class="lead" style="color: green">Two<br>lines <img src="x.png" alt=""></p>' +
    '<ul><li>a</li><li class="lead">b</li></ul>' +
    '<sup class="note-ref"><a class="note-link" href="#n">1</a></sup>' +
    '</td></tr></table></body></html>';
  /** Every element's attributes, in document order. */
  const shape = (html: string) =>
    [...parseHTML(html).document.querySelectorAll('*')].map((e) =>
      Object.fromEntries(e.getAttributeNames().map((n: string) => [n, e.getAttribute(n)])),
    );
  const SIMPLE =
    'body { margin: 0 } p { margin: 0 0 1em; color: red } .lead { font-size: 18px } ' +
    'td.cell { text-align: left; padding: 8px } a { color: blue } .note-link { text-decoration: none } ' +
    'li, h1 { color: #111 } @media (max-width: 600px) { .cell { padding: 4px !important } }';

  it('gives every element the attributes juice gives it in place', () => {
    const html = doc(SIMPLE);
    let calls = 0;
    const counted = (h: string, o: object) => (calls++, juice(h, o));
    const memo = memoryMemo();
    const fast = inlineByKind(html, () => counted, OPTIONS, memo);
    expect(shape(fast)).toEqual(shape(juice(html, OPTIONS)));
    expect(fast).toContain('<style>');
    expect(fast).toContain('@media (max-width: 600px)');
    expect(fast).toContain('<title>T</title>');
    expect(fast).toContain('<!--[if mso]><table width="640"><tr><td><![endif]-->');
    // The same stylesheet and kinds again: juice is not asked twice.
    inlineByKind(html.replace('Title', 'Other'), () => counted, OPTIONS, memo);
    expect(calls).toBe(1);
    // Nor when the memo comes back from the cache (a warm build): not even loaded.
    const kept = new Map<string, unknown>();
    inlineByKind(html, () => counted, OPTIONS, {
      get: (k) => kept.get(k),
      set: (k, v) => kept.set(k, v),
    });
    let loaded = false;
    const again = inlineByKind(html, () => ((loaded = true), counted), OPTIONS, {
      get: (k) => structuredClone(kept.get(k)),
      set: () => {},
    });
    expect(loaded).toBe(false);
    expect(again).toBe(fast);
  });

  it('hands any other stylesheet to juice whole', () => {
    for (const css of ['td p { color: red }', 'a:hover { color: red }', 'p { color: var(--x) }']) {
      const html = doc(css);
      expect(inlineByKind(html, () => juice, OPTIONS, memoryMemo())).toBe(juice(html, OPTIONS));
    }
  });

  it('reads the selectors outside @media, refusing other at-rules', () => {
    expect(
      topLevelSelectors('a, p.b { x: 1 } /* c { } */ @media (x) { d e { y: 2 } } .f { }'),
    ).toEqual(['a', 'p.b', '.f']);
    expect(topLevelSelectors('@font-face { font-family: x }')).toBeUndefined();
  });
});

describe('partials/bulletin-formats', () => {
  it('links a bulletin page to its e-mail editions and the feeds', () => {
    const html = loadTheme(FIXTURE).render('partials/bulletin-formats', {
      bulletin: { url: '/bulletins/2022-02/' },
      url: linksFrom('/bulletins/2022-02/'),
    });
    const links = [...parseHTML(html).document.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '../../bulletins/2022-02/email.html',
      '../../bulletins/2022-02/email.txt',
      '../../feed.xml',
      '../../calendar/',
    ]);
  });
});
