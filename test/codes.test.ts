import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/api.js';
import { CODES, isCode, type Code } from '../src/codes.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite } from './helpers.js';

/**
 * One catalogue of codes (issue 8): every code a fixture expects is in it,
 * every code in it is produced by some input, and the README lists it whole.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/invalid');
const roots: string[] = [];
afterAll(() => roots.forEach(removeSite));

function table(): string {
  const rows = Object.entries(CODES).map(
    ([code, [means, fix]]) => `| \`${code}\` | ${means} | ${fix} |`,
  );
  return ['| code | what it means | how to fix it |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('the catalogue of codes', () => {
  it('holds every code the invalid fixtures expect', () => {
    const seen = new Set<string>();
    for (const name of readdirSync(FIXTURES)) {
      if (name === 'README.md') continue;
      const text = readFileSync(join(FIXTURES, name, 'expected.txt'), 'utf8');
      for (const m of text.matchAll(/error\[([^\]]+)\]/g)) seen.add(m[1]!);
    }
    expect([...seen].filter((code) => !isCode(code))).toEqual([]);
    expect(seen.size).toBeGreaterThan(35);
  });

  it("is the README's table of codes, as `npm run codes` prints it", () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    expect(readme).toContain(table());
  });

  /** Inputs for the codes no fixture shows, each producing it. */
  const SITES: [Code, Record<string, string>, ((root: string) => void)?][] = [
    [
      'yaml-key',
      {
        'content/items/a.md':
          '---\ntitle: A\ndate: 2022-01-10\ncategory: courts\n"": x\n---\nText.\n',
      },
    ],
    ['field-empty', { 'content/items/a.md': item({ title: '"  "' }) }],
    ['field-unused', { 'content/items/a.md': item({ currency: 'EUR' }) }],
    [
      'date-order',
      {
        'content/bulletins/2022-03.md':
          '---\ndate: 2022-03-01\ncovers: {from: 2022-02-10, to: 2022-02-01}\n---\nX.\n',
      },
    ],
    ['status-unknown', { 'content/items/a.md': item({ status: 'passed' }) }],
    ['kind-unknown', { 'data/authorities.yaml': 'cac:\n  name: CAC\n  kind: ministry\n' }],
    ['authority-id', { 'data/authorities.yaml': 'PBOC Shanghai:\n  name: PBOC\n' }],
    ['bulletin-id', { 'content/bulletins/february.md': BULLETIN }],
    [
      'bulletin-overlap',
      { 'content/bulletins/2022-03.md': '---\ndate: 2022-03-01\ncovers: 2022-01\n---\nX.\n' },
    ],
    ['alias-invalid', { 'content/items/a.md': item({ aliases: '[no slash here]' }) }],
    [
      'symlink-folder',
      { 'content/items/real/a.md': item() },
      (root) => symlinkSync(join(root, 'content/items/real'), join(root, 'content/items/linked')),
    ],
  ];

  it.each(SITES)('%s is produced by an input that calls for it', async (code, files, setup) => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      ...files,
    });
    roots.push(root);
    setup?.(root);
    const outcome = await check({ root, cacheDir: false });
    expect(outcome.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('root-missing', async () => {
    const outcome = await check({ root: join(makeSite({}), 'nowhere'), cacheDir: false });
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['root-missing']);
    expect(outcome.usage).toBe(true);
  });

  it('leaves no code untested', () => {
    const tested = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|mjs|txt)$/.test(e.name))
          for (const code of Object.keys(CODES))
            if (readFileSync(p, 'utf8').includes(code)) tested.add(code);
      }
    };
    walk(import.meta.dirname);
    mkdirSync; // (fs imported for the setup functions above)
    expect(Object.keys(CODES).filter((c) => !tested.has(c))).toEqual([]);
  });
});
