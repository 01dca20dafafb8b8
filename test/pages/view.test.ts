import { describe, expect, it } from 'vitest';
import { sourceHtml } from '../../src/pages/view.js';

describe('sourceHtml', () => {
  const base = { title: undefined, url: undefined, publisher: undefined, date: undefined };
  it('writes publisher, title and date as one sentence', () => {
    expect(
      sourceHtml({
        ...base,
        title: 'Notice',
        publisher: 'CAC',
        date: { year: 2022, month: 1, day: 5 },
      }),
    ).toBe('CAC, <cite>Notice</cite>, <time datetime="2022-01-05">January 5, 2022</time>.');
  });
  it('links the title when there is a URL, and escapes everything', () => {
    expect(sourceHtml({ ...base, title: 'A <b> & "c"', url: 'https://x.org/?a=1&b=2' })).toBe(
      '<a href="https://x.org/?a=1&amp;b=2" class="source-link">A &lt;b&gt; &amp; &quot;c&quot;</a>.',
    );
  });
  it('does not double a full stop the title already has', () => {
    expect(sourceHtml({ ...base, title: 'Decision on X Co., Ltd.' })).toBe(
      '<cite>Decision on X Co., Ltd.</cite>',
    );
  });
  it('shows a bare URL as its own text', () => {
    expect(sourceHtml({ ...base, url: 'https://x.org/a' })).toBe(
      '<a href="https://x.org/a" class="source-link">https://x.org/a</a>.',
    );
  });
});
