import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../linkcheck.js';
import { page, removeSite, run } from '../helpers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** This repository's own site: the January 2022 reference bulletin. */
const ROOT = join(import.meta.dirname, '../..');

const SEED_ORDER = {
  legislation: [
    'cac-deep-synthesis-draft',
    'shanghai-data-compliance-guidelines',
    'public-data-regulations-zhejiang',
    'supervising-it-outsourcing-banks-insurers',
    'ndrc-platform-economy-opinions',
    'nisstc-important-data-guidelines-draft',
    'cac-mobile-apps-regulations-draft',
    'cybersecurity-review-measures-amended',
    'recommendation-algorithm-provisions',
  ],
  enforcement: ['xiaohongshu-fined-minors-privacy', 'bank-of-east-asia-credit-information-fine'],
  courts: [
    'xinjiang-bole-personal-information-public-interest',
    'rizhao-doctor-surgery-livestream',
    'minhang-fan-cleaning-app-indictment',
  ],
};

let tmp: string;
const out = (name: string) => join(tmp, name);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-site-'));
  for (const [name, extra] of [
    ['a', []],
    ['b', []],
    ['digest', ['--base-url', 'https://example.org/digest/']],
  ] as const) {
    const result = await run('build', '--root', ROOT, '--out', out(name), ...extra);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }
});

afterAll(() => removeSite(tmp));

describe('the reference bulletin', () => {
  it('shows the three sections with the seed items in the seed order', () => {
    const doc = page(out('a'), 'bulletins/2022-02/index.html');
    const sections = [...doc.querySelectorAll('section.section')];
    expect(sections.map((s) => s.id)).toEqual(['legislation', 'enforcement', 'courts']);
    expect(sections.map((s) => s.querySelector('h2')!.textContent)).toEqual([
      'Legislation',
      'Enforcement Cases',
      'Courts Litigation',
    ]);
    for (const section of sections) {
      const ids = [...section.querySelectorAll('article.entry')].map((a) => a.id);
      expect(ids).toEqual(SEED_ORDER[section.id as keyof typeof SEED_ORDER]);
    }
  });

  it('numbers the notes 1–14 in reading order, each linked to its note and back', () => {
    const doc = page(out('a'), 'bulletins/2022-02/index.html');
    const refs = [...doc.querySelectorAll('.note-ref a')];
    expect(refs.map((a) => a.textContent)).toEqual(
      Array.from({ length: 14 }, (_, i) => String(i + 1)),
    );
    const entries = [...doc.querySelectorAll('article.entry')];
    entries.forEach((entry, i) => {
      // Each item's source note closes its last paragraph.
      const paragraphs = entry.querySelectorAll('.prose p');
      const last = paragraphs[paragraphs.length - 1]!;
      expect(last.lastElementChild?.querySelector('a')?.textContent).toBe(String(i + 1));
    });
    for (const a of refs) {
      const n = a.textContent;
      expect(a.getAttribute('href')).toBe(`#note-${n}`);
      expect(a.id).toBe(`ref-${n}`);
      const note = doc.getElementById(`note-${n}`)!;
      expect(note.querySelector('a.backref')!.getAttribute('href')).toBe(`#ref-${n}`);
    }
    const notes = [...doc.querySelectorAll('.notes li')];
    expect(notes.map((li) => li.id)).toEqual(Array.from({ length: 14 }, (_, i) => `note-${i + 1}`));
  });

  it('shows the home page as the latest bulletin in full', () => {
    const doc = page(out('a'), 'index.html');
    expect(doc.querySelector('h1')!.textContent).toBe('January 2022');
    expect(doc.querySelectorAll('article.entry')).toHaveLength(14);
    expect(doc.querySelectorAll('.notes li')).toHaveLength(14);
  });

  it('keeps month precision and the house style of fines', () => {
    const doc = page(out('a'), 'items/xiaohongshu-fined-minors-privacy/index.html');
    const meta = doc.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ');
    expect(meta).toContain('January 2022');
    expect(meta).not.toMatch(/January \d+, 2022/);
    // An amount never breaks across lines: its spaces are no-break spaces.
    expect(doc.querySelector('.meta .fine dd')!.textContent).toBe('RMB\u00a0300,000');
    const boea = page(out('a'), 'items/bank-of-east-asia-credit-information-fine/index.html');
    expect(boea.querySelector('.meta .fine dd')!.textContent).toBe('RMB\u00a016.74\u00a0million');
  });

  it('numbers notes from 1 on an item page, with previous/next in its section', () => {
    const doc = page(out('a'), 'items/bank-of-east-asia-credit-information-fine/index.html');
    expect([...doc.querySelectorAll('.note-ref a')].map((a) => a.textContent)).toEqual(['1']);
    expect(doc.querySelector('a[rel=next]')!.textContent).toContain('Xiaohongshu');
    expect(doc.querySelector('a[rel=prev]')).toBeNull();
  });

  it('lists every item of an authority', () => {
    const doc = page(out('a'), 'authorities/cac/index.html');
    expect(doc.querySelector('h1')!.textContent).toBe('Cyberspace Administration of China (CAC)');
    const links = [...doc.querySelectorAll('.item-list a.item-link')].map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toContain('../../items/cac-deep-synthesis-draft/');
    expect(links).toContain('../../items/recommendation-algorithm-provisions/');
  });
});

describe('the built site', () => {
  it('has no broken internal link or #fragment', () => {
    const result = checkLinks(out('a'));
    expect(result.broken).toEqual([]);
    expect(result.pages).toBeGreaterThan(40);
    expect(result.links).toBeGreaterThan(1000);
  });

  it('has no broken link when served under a base path', () => {
    expect(checkLinks(out('digest'), '/digest/').broken).toEqual([]);
    const sitemap = readFileSync(join(out('digest'), 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain(
      '<loc>https://example.org/digest/items/cac-deep-synthesis-draft/</loc>',
    );
    const notFound = page(out('digest'), '404.html');
    expect(notFound.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe(
      '/digest/assets/style.css',
    );
  });

  it('is byte-identical when built twice from the same content', () => {
    const a = listFiles(out('a'));
    const b = listFiles(out('b'));
    expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
    for (let i = 0; i < a.length; i++)
      expect(b[i]!.bytes.equals(a[i]!.bytes), a[i]!.path).toBe(true);
  });
});

function listFiles(dir: string): { path: string; bytes: Buffer }[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)],
    );
  return walk(dir)
    .sort()
    .map((f) => ({ path: relative(dir, f), bytes: readFileSync(f) }));
}
