import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/pages/email-text.js';

/**
 * The plain-text e-mail edition on large generated input. The tests assert
 * results; their timeout is only a guard against the quadratic code they
 * replace (two regular expressions, and reading a block's text anew at each
 * link): under a second now, 30 to 50 s each before, on this input.
 */
const GUARD = { timeout: 10_000 };

describe('htmlToText on large input', () => {
  it('keeps 160,000 blank lines inside a code block and drops those around it', GUARD, () => {
    const lines = ['start', ...Array<string>(160_000).fill(''), 'end'];
    const html = `<p>Intro.</p>\n<pre><code>\n\n${lines.join('\n')}\n\n\n</code></pre>\n`;
    const text = htmlToText(html);
    expect(text.startsWith('Intro.\n\nstart\n\n')).toBe(true);
    expect(text.endsWith('\n\nend')).toBe(true);
    expect(text.split('\n')).toHaveLength(2 + lines.length);
  });

  it('drops the spaces around line breaks, however many links stand together', GUARD, () => {
    // Each empty link's text adds a space: 100,000 of them in a row.
    const links = '<a href="x/"> </a>'.repeat(100_000);
    expect(htmlToText(`<p>one${links}<br>two<br>${links}three${links}four</p>`)).toBe(
      'one\ntwo\nthree four',
    );
  });

  it(
    'wraps a list nested deeper than the line is wide, a word a line (found by npm run fuzz)',
    GUARD,
    () => {
      // 40 levels of "- " and "1. " are wider than 72 columns: the cut used to stop moving.
      const depth = 40;
      const html = `${'<ul>\n<li>'.repeat(depth)}deep words here${'</li>\n</ul>'.repeat(depth)}`;
      const lines = htmlToText(html).split('\n');
      expect(lines.map((l) => l.trim())).toEqual(['- deep', 'words', 'here']);
    },
  );
});
