// scripts/gen-site.mjs, the generator of synthetic sites that the benchmark,
// verify and these tests use: the shape of what it writes (README,
// "Benchmark"), that it is deterministic, that gazette builds it, and — when
// the peer benchmark's generator is beside the repository — that both make
// corpora of the same size and weight.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GEN,
  bodyBytes,
  categoryShares,
  files,
  generate,
  readCorpus,
  repo,
  share,
  treeHash,
  words,
  type Corpus,
  type CorpusItem,
} from './corpus.js';
import { run } from './helpers.js';

const N = 2000;
const FIELDS = ['title', 'date', 'category', 'authority', 'party', 'fine'];
const ALLOWED = new Set([...FIELDS, 'status', 'effective', 'sources', 'tags']);
const FINE = /^RMB (\d{1,3}(,\d{3})*|\d+(\.\d{1,2})? million|\d+(\.\d)? billion)$/;

let work: string;
let corpus: Corpus;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gazette-gen-site-'));
  generate(GEN, join(work, 'big'), '--items', String(N));
  corpus = readCorpus(join(work, 'big'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ids = (i: CorpusItem) => [i.fields.authority].flat() as string[];
const of = (category: string) => corpus.items.filter((i) => i.fields.category === category);
const month = (date: unknown) => String(date).slice(0, 7);

describe('the generated site', () => {
  it('is laid out as the benchmark corpus: items by month, bulletins by publication month', () => {
    expect(corpus.items).toHaveLength(N);
    const slugs = new Set<string>();
    for (const { path, fields } of corpus.items) {
      const m = /^content\/items\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\.md$/.exec(path);
      expect(m, path).not.toBeNull();
      expect(`${m![1]}-${m![2]}`).toBe(month(fields.date));
      slugs.add(m![3]!);
    }
    expect(slugs.size).toBe(N);

    // ceil(N / 40) months from 2000-01, each 30–50 items, one bulletin each.
    expect(corpus.bulletins).toHaveLength(N / 40);
    const perMonth = new Map<string, number>();
    for (const i of corpus.items)
      perMonth.set(month(i.fields.date), (perMonth.get(month(i.fields.date)) ?? 0) + 1);
    expect([...perMonth.keys()].sort()[0]).toBe('2000-01');
    for (const count of perMonth.values()) expect(count).toBeGreaterThanOrEqual(30);
    for (const count of perMonth.values()) expect(count).toBeLessThanOrEqual(50);
    for (const { path, fields, body } of corpus.bulletins) {
      const published = /^content\/bulletins\/(\d{4}-\d{2})\.md$/.exec(path)![1]!;
      expect(fields.date).toBe(`${published}-17`);
      const covers = String(fields.covers);
      expect(new Date(`${covers}-01`).getTime()).toBeLessThan(
        new Date(`${published}-01`).getTime(),
      );
      expect(perMonth.get(covers), covers).toBeGreaterThan(0);
      expect(body).toContain(`${perMonth.get(covers)} items`);
      perMonth.delete(covers);
    }
    expect(perMonth.size).toBe(0); // every month is covered by a bulletin
  });

  it('has 40 authorities, 23 regulators, 9 courts and 8 procuratorates, each with a name and abbreviation', () => {
    const all = Object.values(corpus.authorities);
    expect(all).toHaveLength(40);
    const kinds = (k: string) => all.filter((a) => a.kind === k).length;
    expect([kinds('regulator'), kinds('court'), kinds('procuratorate')]).toEqual([23, 9, 8]);
    for (const a of all) expect(a.name && a.abbr).toBeTruthy();
  });

  it('writes only the benchmark fields, each well-formed', () => {
    for (const { path, fields } of corpus.items) {
      for (const key of Object.keys(fields)) expect(ALLOWED, `${path}: ${key}`).toContain(key);
      expect(typeof fields.title).toBe('string');
      expect(String(fields.date)).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      const auth = ids({ path, fields, body: '' });
      expect(auth.length).toBeGreaterThanOrEqual(1);
      expect(auth.length).toBeLessThanOrEqual(3);
      if (auth.length === 1) expect(typeof fields.authority).toBe('string'); // a scalar
      for (const id of auth) expect(corpus.authorities, path).toHaveProperty([id]);
      const sources = fields.sources as { title: string; url: string }[];
      expect(sources.length === 1 || sources.length === 2, path).toBe(true);
      for (const s of sources) {
        expect(Object.keys(s).sort()).toEqual(['title', 'url']);
        expect(s.url).toMatch(
          /^https:\/\/[a-z0-9-]+\.gov\.example\/\d{4}\/\d{2}\/\d{2}\/\d+\.html$/,
        );
      }
      const tags = fields.tags as string[];
      expect(tags.length).toBeGreaterThanOrEqual(1);
      expect(tags.length).toBeLessThanOrEqual(3);
      expect(new Set(tags).size).toBe(tags.length);
      for (const t of tags) expect(t).toMatch(/^[a-z0-9-]+$/);
      if (fields.fine !== undefined) {
        expect(String(fields.fine)).toMatch(FINE);
        expect(fields.party, path).toBeDefined();
      }
    }
  });

  it('has the benchmark distributions: categories, dates, authorities, fines, statuses', () => {
    const shares = categoryShares(corpus);
    expect(shares.legislation).toBeCloseTo(0.6, 1); // ±5 points
    expect(shares.enforcement).toBeCloseTo(0.25, 1);
    expect(shares.courts).toBeCloseTo(0.15, 1);
    const monthOnly = share(corpus.items, (i) => /^\d{4}-\d{2}$/.test(String(i.fields.date)));
    expect(monthOnly).toBeGreaterThan(0.03);
    expect(monthOnly).toBeLessThan(0.07);
    expect(share(corpus.items, (i) => ids(i).length === 1)).toBeGreaterThan(0.6);
    expect(share(corpus.items, (i) => ids(i).length === 3)).toBeGreaterThan(0.02);

    const kind = (id: string) => corpus.authorities[id]!.kind;
    for (const i of of('legislation')) expect(ids(i).map(kind)).not.toContain('court');
    for (const i of of('courts')) expect(['court', 'procuratorate']).toContain(kind(ids(i)[0]!));

    const fined = share(
      of('enforcement'),
      (i) => i.fields.fine !== undefined && i.fields.party !== undefined,
    );
    expect(fined).toBeGreaterThan(0.8);
    expect(fined).toBeLessThan(0.9);
    const courtFines = share(of('courts'), (i) => i.fields.fine !== undefined);
    expect(courtFines).toBeGreaterThan(0.05);
    expect(courtFines).toBeLessThan(0.35);
    expect(of('legislation').some((i) => i.fields.fine !== undefined)).toBe(false);
    const fines = corpus.items.flatMap((i) => (i.fields.fine ? [String(i.fields.fine)] : []));
    for (const form of [/^RMB \d{1,3}(,\d{3})+$/, / million$/, / billion$/])
      expect(
        fines.some((f) => form.test(f)),
        String(form),
      ).toBe(true);

    for (const i of corpus.items) {
      const legislation = i.fields.category === 'legislation';
      expect(i.fields.status !== undefined, i.path).toBe(legislation);
      if (legislation)
        expect(['draft', 'adopted', 'effective', 'repealed']).toContain(i.fields.status);
      const inForce = i.fields.status === 'adopted' || i.fields.status === 'effective';
      expect(i.fields.effective !== undefined, i.path).toBe(inForce);
      if (inForce) expect(String(i.fields.effective) >= String(i.fields.date)).toBe(true);
    }
    expect(share(of('legislation'), (i) => i.fields.status === 'draft')).toBeGreaterThan(0.25);
  });

  it('has bodies of 120–350 words (mean about 240) with paragraphs, a link, emphasis, lists and footnotes', () => {
    const counts = corpus.items.map((i) => words(i.body));
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(120);
    expect(Math.max(...counts)).toBeLessThanOrEqual(350);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(230);
    expect(mean).toBeLessThan(255);
    expect(corpus.manifest.bodyWordsMean).toBe(Math.round(mean));
    for (const { path, fields, body } of corpus.items) {
      expect(body.trim().split(/\n\n/).length, path).toBeGreaterThanOrEqual(2);
      const first = (fields.sources as { url: string }[])[0]!.url;
      expect(body.split(`](${first})`).length - 1, path).toBe(1); // one Markdown link, to source 1
      expect(body).not.toMatch(/[\uE000\uE001]/);
      const ref = body.includes('[^1]') && !body.startsWith('[^1]:');
      const def = /\n\[\^1\]: \S/.test(body);
      expect(ref, path).toBe(def);
    }
    const emphasis = share(corpus.items, (i) => /(^|\s)\*[^*\s][^*\n]*\*/.test(i.body));
    expect(emphasis).toBeGreaterThan(0.5);
    expect(emphasis).toBeLessThan(0.7);
    const lists = share(corpus.items, (i) => /\n\n(- .+\n){3,5}/.test(i.body));
    expect(lists).toBeGreaterThan(0.15);
    expect(lists).toBeLessThan(0.25);
    const notes = share(corpus.items, (i) => /\n\[\^1\]: /.test(i.body));
    expect(notes).toBeGreaterThan(0.22);
    expect(notes).toBeLessThan(0.33);
  });

  it('records its options and counts in corpus.json', () => {
    expect(corpus.manifest).toMatchObject({
      seed: '1',
      items: N,
      bulletins: N / 40,
      perMonth: 40,
      start: '2000-01',
      authorities: 40,
      categories: {
        legislation: of('legislation').length,
        enforcement: of('enforcement').length,
        courts: of('courts').length,
      },
    });
  });

  it('follows --per-month and --start', () => {
    const out = join(work, 'small');
    generate(GEN, out, '--items', '35', '--per-month', '10', '--start', '2021-11', '--seed', 'x');
    const small = readCorpus(out);
    expect(small.items).toHaveLength(35);
    expect(small.bulletins.map((b) => b.path.slice(-10, -3))).toEqual([
      '2021-12',
      '2022-01',
      '2022-02',
      '2022-03',
    ]);
    expect(small.manifest).toMatchObject({ seed: 'x', items: 35, perMonth: 10, start: '2021-11' });
  });
});

describe('determinism', () => {
  it('gives a byte-identical tree for the same options and another for another seed', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    const c = join(work, 'c');
    generate(GEN, a, '--items', '300', '--seed', 'same');
    generate(GEN, b, '--items', '300', '--seed', 'same');
    generate(GEN, c, '--items', '300', '--seed', 'other');
    expect(files(a).length).toBe(300 + 8 + 2);
    expect(treeHash(b)).toBe(treeHash(a));
    expect(treeHash(c)).not.toBe(treeHash(a));
    // Another seed draws other items, not the same items in other months.
    const titles = (dir: string) => new Set(readCorpus(dir).items.map((i) => i.fields.title));
    const before = titles(a);
    const same = [...titles(c)].filter((t) => before.has(t));
    expect(same.length).toBeLessThan(30);
    // Generating again into a used folder replaces it: nothing of the old site stays.
    generate(GEN, c, '--items', '300', '--seed', 'same');
    expect(treeHash(c)).toBe(treeHash(a));
  });

  it('refuses to write into a folder that is not empty and not a generated site', () => {
    const dir = join(work, 'precious');
    mkdirSync(join(dir, 'content'), { recursive: true });
    writeFileSync(join(dir, 'content/keep.md'), 'mine');
    const result = spawnSync(process.execPath, [GEN, '--items', '5', '--out', dir], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not overwriting');
    expect(readFileSync(join(dir, 'content/keep.md'), 'utf8')).toBe('mine');
    const usage = spawnSync(process.execPath, [GEN, '--out', dir], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--items');
  });
});

describe('gazette build', () => {
  it('builds a generated site without a diagnostic', async () => {
    const root = join(work, 'a'); // 300 items, from the determinism test or made here
    if (!existsSync(join(root, 'corpus.json'))) generate(GEN, root, '--items', '300');
    const result = await run('build', '--root', root, '--out', join(work, 'a-out'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/built 300 items, 8 bulletins, \d+ pages/);
    const slug = readCorpus(root).items[0]!.path.split('/').pop()!.slice(0, -3);
    expect(existsSync(join(work, 'a-out/items', slug, 'index.html'))).toBe(true);
  });
});

// The peer benchmark (../shared/bench, outside the repository) builds Hugo and
// Eleventy from its own generator's corpus: ours must weigh the same.
const PEER_GEN = join(repo, '../shared/bench/gen-corpus.mjs');
const peer = existsSync(PEER_GEN);
if (!peer)
  console.warn(
    `\n  SKIPPED: the comparison with the peer benchmark's generator: no ${PEER_GEN} beside the repository\n`,
  );
describe('against the peer benchmark’s generator', () => {
  it.skipIf(!peer)(
    peer
      ? 'makes a corpus of the same size and weight at 1,000 items'
      : 'SKIPPED: ../shared/bench/gen-corpus.mjs is not beside the repository, nothing to compare with',
    () => {
      generate(GEN, join(work, 'ours-1000'), '--items', '1000');
      generate(PEER_GEN, join(work, 'peer-1000'), '--items', '1000');
      const ours = readCorpus(join(work, 'ours-1000'));
      const theirs = readCorpus(join(work, 'peer-1000'));
      expect(ours.items.length).toBe(theirs.items.length);
      expect(ours.bulletins.length).toBe(theirs.bulletins.length);
      const a = categoryShares(ours);
      const b = categoryShares(theirs);
      for (const k of ['legislation', 'enforcement', 'courts'] as const)
        expect(Math.abs(a[k] - b[k]), k).toBeLessThan(0.04);
      expect(Math.abs(bodyBytes(ours) / bodyBytes(theirs) - 1)).toBeLessThan(0.1);
      const totalWords = (c: Corpus) => c.items.reduce((s, i) => s + words(i.body), 0);
      expect(Math.abs(totalWords(ours) / totalWords(theirs) - 1)).toBeLessThan(0.1);
      expect(Object.keys(ours.authorities)).toHaveLength(Object.keys(theirs.authorities).length);
    },
  );
});
