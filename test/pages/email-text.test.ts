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
});
