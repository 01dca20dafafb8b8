import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api.js';
import { DevSession } from '../../src/dev/session.js';
import { MemoryWriter } from '../../src/output/memory.js';
import { generate, GEN } from '../corpus.js';
import { makeSite, removeSite } from '../helpers.js';

/**
 * One engine, whatever way the inputs arrive (issue 9): random sequences of
 * edits — items added, edited, moved between bulletins and sections,
 * deleted; bulletins, authorities, the configuration, templates and public/
 * changed — applied to a dev session and compared, byte for byte, with a
 * fresh full build after every step; and the same for a warm build (the
 * persistent cache and the previous output) against a cold one.
 */
const roots: string[] = [];
afterAll(() => roots.forEach(removeSite));

/** A small deterministic random source (mulberry32). */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

function site(): string {
  const root = makeSite({});
  rmSync(root, { recursive: true });
  generate(GEN, root, '--items', '70', '--seed', '7', '--per-month', '12');
  rmSync(join(root, 'corpus.json'));
  // What the generator does not write: aliases, instruments, corrections, public/.
  const extra = {
    'content/items/extra/alias-item.md':
      '---\ntitle: Moved Item\ndate: 2000-03-04\ncategory: courts\naliases: [/old/moved/]\ninstrument: data-law\n---\nIt moved.[^1]\n\n[^1]: A note.\n',
    'content/items/extra/corrected.md':
      '---\ntitle: Corrected Item\ndate: 2000-04-02\ncategory: legislation\nstatus: adopted\neffective: 2000-09-01\ninstrument: data-law\nupdated: 2000-04-20\ncorrection: The date was wrong.\n---\nCorrected text.\n',
    'public/CNAME': 'digest.example.org\n',
  };
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  roots.push(root);
  return root;
}

function files(dir: string, under = 'content/items'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(join(dir, under));
  return out.sort();
}

type Rng = ReturnType<typeof random>;

/** Replaces (or adds) a front-matter field of a Markdown file. */
function setField(text: string, key: string, value: string | undefined): string {
  const end = text.indexOf('\n---', 3);
  const head = text.slice(0, end).split('\n');
  const rest = text.slice(end);
  const at = head.findIndex((line) => line.startsWith(`${key}:`));
  if (at >= 0) {
    // Drop the field and any indented lines under it.
    let stop = at + 1;
    while (stop < head.length && /^\s/.test(head[stop]!)) stop++;
    head.splice(at, stop - at, ...(value === undefined ? [] : [`${key}: ${value}`]));
  } else if (value !== undefined) head.push(`${key}: ${value}`);
  return head.join('\n') + rest;
}

/** One random edit of the site; returns the paths it touched, as a watcher reports them. */
function edit(root: string, rng: Rng, n: number): string[] {
  const items = files(root);
  const itemPath = rng.pick(items);
  const abs = (p: string) => join(root, p);
  const text = () => readFileSync(abs(itemPath), 'utf8');
  const put = (p: string, t: string) => {
    mkdirSync(dirname(abs(p)), { recursive: true });
    writeFileSync(abs(p), t);
    return [p];
  };
  const kinds: (() => string[])[] = [
    () => put(itemPath, `${text()}\nAnother sentence number ${n}.\n`),
    () => put(itemPath, setField(text(), 'title', `"Retitled item ${n}"`)),
    () => put(itemPath, setField(text(), 'party', `"Party ${n} Ltd."`)),
    () =>
      put(itemPath, setField(text(), 'status', rng.pick(['adopted', 'draft', undefined] as const))),
    () => put(itemPath, setField(text(), 'legal_basis', `["PIPL Art. ${n}"]`)),
    () => put(itemPath, setField(text(), 'summary', `"A summary, number ${n}."`)),
    () => put(itemPath, setField(text(), 'authority', rng.pick(['[cac]', undefined] as const))),
    () =>
      put(
        itemPath,
        setField(
          text(),
          'date',
          rng.pick(['2000-01-15', '2000-02-28', '2000-04', '2001-03-03', '2000-05-05']),
        ),
      ),
    () =>
      put(
        itemPath,
        setField(text(), 'category', rng.pick(['legislation', 'enforcement', 'courts'])),
      ),
    () =>
      put(
        itemPath,
        setField(text(), 'tags', rng.pick(['[minors]', '[banking, apps]', undefined] as const)),
      ),
    () =>
      put(
        itemPath,
        setField(text(), 'fine', rng.pick(['"RMB 300,000"', '"EUR 2,000"', undefined] as const)),
      ),
    () =>
      put(itemPath, setField(text(), 'effective', rng.pick(['2000-12-01', undefined] as const))),
    () => put(itemPath, setField(text(), 'draft', rng.pick(['true', undefined] as const))),
    () => put(itemPath, setField(text(), 'weight', rng.pick(['-1', '5', undefined] as const))),
    () =>
      put(
        `content/items/new/item-${n}.md`,
        `---\ntitle: New Item ${n}\ndate: 2000-0${1 + rng.int(5)}-1${rng.int(9)}\ncategory: ${rng.pick(['legislation', 'enforcement', 'courts'])}\n---\nBrand new.\n`,
      ),
    () => {
      if (items.length < 40) return [];
      rmSync(abs(itemPath));
      return [itemPath];
    },
    () => {
      const to = `content/items/renamed/${n}-${itemPath.split('/').pop()}`;
      mkdirSync(dirname(abs(to)), { recursive: true });
      renameSync(abs(itemPath), abs(to));
      return [itemPath, to];
    },
    () => {
      const bulletin = rng.pick(files(root, 'content/bulletins'));
      return put(bulletin, `${readFileSync(abs(bulletin), 'utf8')}\nAn editor's word ${n}.\n`);
    },
    () => {
      const bulletin = rng.pick(files(root, 'content/bulletins'));
      return put(bulletin, setField(readFileSync(abs(bulletin), 'utf8'), 'title', `"Issue ${n}"`));
    },
    () => {
      const registry = readFileSync(abs('data/authorities.yaml'), 'utf8');
      return put(
        'data/authorities.yaml',
        registry.replace(/name: ([^\n]+)/, `name: Renamed Authority ${n}`),
      );
    },
    () =>
      put(
        'gazette.config.yaml',
        rng.pick([`title: Digest ${n}\n`, 'perPage: 7\n', 'title: T\nperPage: 3\n']),
      ),
    () =>
      put(
        'templates/partials/item-meta.eta',
        rng.pick([
          readFileSync(
            join(import.meta.dirname, '../../templates/partials/item-meta.eta'),
            'utf8',
          ) + `<!-- ${n} -->\n`,
          readFileSync(join(import.meta.dirname, '../../templates/partials/item-meta.eta'), 'utf8'),
        ]),
      ),
    () => put(rng.pick(['public/CNAME', `public/img/${n}.txt`]), `file ${n}\n`),
    () => {
      const files = readdirSync(abs('public')).filter((f) => f !== 'CNAME' && f !== 'img');
      if (files.length === 0) return [];
      rmSync(abs(`public/${files[0]}`));
      return [`public/${files[0]}`];
    },
  ];
  return rng.pick(kinds)();
}

async function fullBuild(root: string): Promise<Map<string, string>> {
  const writer = new MemoryWriter();
  const outcome = await build({ root, cacheDir: false, writer });
  expect(outcome.diagnostics).toEqual([]);
  return text(writer.files);
}

function text(files: Map<string, string | Uint8Array>): Map<string, string> {
  return new Map(
    [...files].map(([p, c]) => [p, typeof c === 'string' ? c : Buffer.from(c).toString('latin1')]),
  );
}

function compare(actual: Map<string, string>, expected: Map<string, string>, step: string) {
  const missing = [...expected.keys()].filter((p) => !actual.has(p));
  const extra = [...actual.keys()].filter((p) => !expected.has(p));
  const differ = [...expected.keys()].filter(
    (p) => actual.has(p) && actual.get(p) !== expected.get(p),
  );
  expect({ missing, extra, differ }, step).toEqual({ missing: [], extra: [], differ: [] });
}

describe('dev equals a full build after every edit', () => {
  it.each([1, 2, 31, 33, 37])('seed %i', async (seed) => {
    const root = site();
    const rng = random(seed);
    const session = new DevSession({ root, cacheDir: join(root, '.cache') });
    expect((await session.start()).diagnostics).toEqual([]);
    for (let n = 0; n < 18; n++) {
      const paths = [...edit(root, rng, n), ...(rng.int(3) === 0 ? edit(root, rng, n + 100) : [])];
      // Some pages are being looked at, as in a browser.
      for (const path of ['index.html', 'fines/index.html', 'feed.xml']) session.get(path);
      const update = await session.update(paths);
      expect(update.diagnostics, `step ${n}: ${paths.join(', ')}`).toEqual([]);
      compare(text(session.snapshot()), await fullBuild(root), `step ${n}: ${paths.join(', ')}`);
    }
    // Edits that move nothing took the short way: the model made from the last one.
    expect(session.engine.fastModels).toBeGreaterThan(0);
  });
});

describe('a warm build equals a cold one', () => {
  it.each([4, 5])('seed %i', async (seed) => {
    const root = site();
    const rng = random(seed);
    const out = join(root, 'dist');
    const cold = join(root, 'cold');
    const cache = join(root, '.cache');
    for (let n = 0; n < 6; n++) {
      const paths = n === 0 ? [] : [...edit(root, rng, n), ...edit(root, rng, n + 50)];
      const warm = await build({ root, out, cacheDir: cache });
      expect(warm.diagnostics, paths.join(', ')).toEqual([]);
      rmSync(cold, { recursive: true, force: true });
      expect((await build({ root, out: cold, cacheDir: false })).diagnostics).toEqual([]);
      compare(readTree(out), readTree(cold), `step ${n}: ${paths.join(', ')}`);
      if (n > 0) expect(warm.kept, 'a warm build keeps unchanged files').toBeGreaterThan(0);
    }
  });
});

function readTree(dir: string): Map<string, string> {
  const all = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else all.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return all;
}
