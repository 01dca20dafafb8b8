import { describe, expect, it } from 'vitest';
import { checkLinks } from './linkcheck.js';
import { makeSite, removeSite } from './helpers.js';

describe('checkLinks', () => {
  it('finds a missing page and a missing fragment, and accepts good links', () => {
    const out = makeSite({
      'index.html':
        '<a href="a/">a</a><a href="a/#x">x</a><a href="a/#nope">bad</a><a href="missing/">m</a><a href="https://x.org/">ext</a>',
      'a/index.html': '<p id="x"><a href="../">home</a><a href="../#top">top</a></p>',
    });
    try {
      const result = checkLinks(out);
      expect(result.links).toBe(6);
      expect(result.broken.map((b) => `${b.page} ${b.href}`)).toEqual([
        'a/index.html ../#top',
        'index.html a/#nope',
        'index.html missing/',
      ]);
    } finally {
      removeSite(out);
    }
  });
});
