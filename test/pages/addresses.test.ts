import { describe, expect, it } from 'vitest';
import { addressConflicts, type ChosenAddress } from '../../src/pages/addresses.js';

const alias = (path: string, file = 'content/items/a.md', target?: string): ChosenAddress => ({
  path,
  shown: `/${path.replace(/index\.html$/, '')}`,
  file,
  at: { line: 5, column: 3 },
  kind: 'alias',
  target,
});
const pub = (path: string): ChosenAddress => ({
  path,
  shown: `public/${path}`,
  file: `public/${path}`,
  at: { line: 1, column: 1 },
  kind: 'public',
});

const GENERATED = [
  { path: 'index.html' },
  { path: 'feed.xml' },
  { path: 'assets/style.css' },
  { path: 'items/a/index.html', file: 'content/items/a.md' },
  { path: 'items/b/index.html', file: 'content/items/b.md' },
];

describe('addresses content chooses', () => {
  it.each([
    [[alias('old/x/index.html')], []],
    [[pub('CNAME'), pub('.well-known/security.txt'), pub('items/logo.png')], []],
    [
      [alias('feed.xml/index.html')],
      ['alias-conflict /feed.xml/ cannot be written: /feed.xml is a file gazette generates'],
    ],
    [
      [alias('assets/style.css/index.html')],
      [
        'alias-conflict /assets/style.css/ cannot be written: /assets/style.css is a file gazette generates',
      ],
    ],
    [
      [alias('index.html')],
      ['alias-conflict / is already the address of a page gazette generates'],
    ],
    [
      [alias('items/a/index.html', 'content/items/a.md', 'items/a/index.html')],
      ["alias-self /items/a/ is this item's own address: the page would send readers to itself"],
    ],
    [
      [alias('items/b/index.html')],
      ['alias-conflict /items/b/ is already the address of the page of content/items/b.md'],
    ],
    [
      [alias('Items/B/index.html')],
      [
        'alias-conflict /Items/B/ differs only in capitals from /items/b/, the page of content/items/b.md: on a case-insensitive host or disk the two are one file',
      ],
    ],
    [[alias('items/index.html')], []],
    [
      [alias('old/index.html'), alias('old/index.html', 'content/items/b.md')],
      ['alias-duplicate /old/ is already the address of an alias in content/items/a.md'],
    ],
    [
      [pub('feed.xml')],
      [
        'public-conflict public/feed.xml has the same address as the file gazette generates at /feed.xml',
      ],
    ],
    [
      [pub('items')],
      [
        'public-conflict public/items cannot be a file: /items is a folder of the page of content/items/a.md',
      ],
    ],
    [
      [pub('feed.xml/x')],
      [
        'public-conflict public/feed.xml/x cannot be written: /feed.xml is a file gazette generates',
      ],
    ],
    [
      [alias('old/index.html'), pub('old/index.html')],
      ['public-conflict public/old/index.html is already /old/, an alias in content/items/a.md'],
    ],
  ])('%j', (chosen, expected) => {
    const found = addressConflicts(GENERATED, chosen).map(
      (d) => `${d.code} ${d.message.replace(/^alias /, '')}`,
    );
    expect(found).toEqual(expected);
  });
});
