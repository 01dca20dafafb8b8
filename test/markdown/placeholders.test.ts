import { describe, expect, it } from 'vitest';
import { fillRefs, refPlaceholder } from '../../src/domain/notes.js';
import { assertFilled, renderMarkdown, siteLinks } from '../../src/markdown/index.js';

/**
 * A rendered body carries placeholders (note references, links inside the
 * site) that each page fills in. They are delimited by U+0000, which no
 * editor's Markdown can produce: markdown-it replaces it, typed or written as
 * an entity, with U+FFFD. What a page leaves unfilled is a bug, and
 * `assertFilled` says so.
 */
const render = (body: string) => renderMarkdown('content/items/x.md', body, 5, '/items/x/').body;

/** Everything a body's HTML holds once a page has filled it in. */
function filled(body: string): string {
  const r = render(body);
  return siteLinks([fillRefs(r.html, 1), ...r.notes, r.summary].join('\n'), (path) => `~${path}`);
}

const NUL = '\u0000';

describe('no content can write a placeholder', () => {
  it.each([
    ['in text', `A ${NUL} B`],
    ['as decimal entities', 'A &#0; B &#00000; C &#0'],
    ['as hexadecimal entities', 'A &#x0; B &#X00; C &#x000000;'],
    ['in a code span', `A \`${NUL}ref 0 0${NUL}\` B`],
    ['in a fenced code block', `\`\`\`\n${NUL}link:/x/${NUL}\n\`\`\``],
    ['in an indented code block', `    &#0; ${NUL}`],
    ['in a link destination and title', `[a](/x${NUL}y/ "t${NUL}") [b](/x&#0;y/ "t&#0;")`],
    ['in an image description', `![a${NUL}&#0;](/i.png)`],
    ['in an autolink', `<https://x.org/${NUL}>`],
    ['in a reference definition', `[r]\n\n[r]: /x${NUL}/ "${NUL}"`],
    ['in a heading and a table', `# H${NUL}\n\n| a${NUL} | b |\n|---|---|\n| &#0; | c |`],
    ['in a footnote', `Text.[^n]\n\n[^n]: Note ${NUL} &#0;.`],
    ['as a forged reference placeholder', `A <${NUL}ref 0 0${NUL}> and &lt;&#0;ref 0 0&#0;&gt;`],
    ['as a forged site link', `A ${NUL}link:/x/${NUL} and [b](${NUL}link:/x/${NUL})`],
  ])('%s', (_, body) => {
    const html = filled(body);
    expect(html).not.toContain(NUL);
    expect(() => assertFilled(html, 'the page')).not.toThrow();
  });

  it('shows text that looks like an old placeholder as typed', () => {
    // `gazette-link:/x/` in a body's text became a link path on every page.
    const html = filled('Visit gazette-link:/x/ or <gz-ref n="0" o="0">.');
    expect(html).toContain(
      'Visit gazette-link:/x/ or &lt;gz-ref n=&quot;0&quot; o=&quot;0&quot;&gt;.',
    );
  });

  it('leaves exactly its own placeholders, which the page fills in', () => {
    const r = render('See [b](../b/) and ![i](i.png).[^n] Again.[^n]\n\n[^n]: A [link](/c/).\n');
    expect(r.html.split(NUL)).toHaveLength(1 + 2 * 4);
    expect(r.notes[0]!.split(NUL)).toHaveLength(1 + 2);
    const html = filled('See [b](../b/) and ![i](i.png).[^n]\n\n[^n]: A [link](/c/).\n');
    expect(html).toContain('<a href="~/items/b/">b</a>');
    expect(html).toContain('<img src="~/items/x/i.png" alt="i">');
    expect(html).toContain('<a href="#note-1" id="ref-1"');
    expect(html).toContain('A <a href="~/c/">link</a>.');
  });
});

describe('assertFilled', () => {
  const ref = refPlaceholder(0, 0);
  const link = `<a href="${render('[b](/b/)').html.split('"')[1]}">`;

  it.each([
    ['a note reference', `<p>A${ref}</p>`],
    ['a site link', `<p>${link}b</a></p>`],
    ['a note reference in JSON', JSON.stringify({ html: `<p>A${ref}</p>` })],
    ['a site link in JSON', JSON.stringify({ html: link })],
  ])('throws on %s left unfilled', (_, text) => {
    expect(() => assertFilled(text, '/feed.json')).toThrow(/bug: \/feed\.json holds a placeholder/);
  });

  it.each([
    ['a filled page', `<p>A${fillRefs(ref, 3)}</p>`],
    ['the text of an escape in JSON', JSON.stringify({ text: '\\u0000link:/x/ and \\u0000ref 0' })],
    ['a lone U+0000 that is no placeholder', `<h1>A${NUL}B</h1>`],
  ])('lets %s pass', (_, text) => {
    expect(() => assertFilled(text, 'the page')).not.toThrow();
  });
});
