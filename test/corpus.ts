// Reads a generated site back (scripts/gen-site.mjs, or the peer benchmark's
// generator) into plain data, so that tests can measure its shape.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GEN = join(repo, 'scripts/gen-site.mjs');

export interface CorpusItem {
  path: string; // content/items/YYYY/MM/<slug>.md
  fields: Record<string, unknown>;
  body: string;
}

export interface Corpus {
  items: CorpusItem[];
  bulletins: { path: string; fields: Record<string, unknown>; body: string }[];
  authorities: Record<string, { name: string; abbr: string; kind: string }>;
  manifest: Record<string, unknown>;
}

/** Runs a generator script; throws with its output when it fails. */
export function generate(script: string, out: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [script, '--out', out, ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`${script} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** One hash of every file's path and bytes under `dir`. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of files(dir)) {
    hash.update(`${relative(dir, file).split(sep).join('/')}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function splitFrontMatter(text: string, file: string) {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no front matter`);
  return { fields: parse(m[1]!) as Record<string, unknown>, body: m[2]! };
}

export function readCorpus(root: string): Corpus {
  const read = (sub: string) =>
    files(join(root, sub))
      .filter((f) => f.endsWith('.md'))
      .map((f) => {
        const path = relative(root, f).split(sep).join('/');
        return { path, ...splitFrontMatter(readFileSync(f, 'utf8'), path) };
      });
  return {
    items: read('content/items'),
    bulletins: read('content/bulletins'),
    authorities: parse(readFileSync(join(root, 'data/authorities.yaml'), 'utf8')),
    manifest: JSON.parse(readFileSync(join(root, 'corpus.json'), 'utf8')),
  };
}

/** Words as the generators count them: runs of non-space in the Markdown. */
export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export const share = <T>(list: T[], test: (x: T) => boolean) =>
  list.filter(test).length / list.length;

export const bodyBytes = (c: Corpus) =>
  c.items.reduce((sum, i) => sum + Buffer.byteLength(i.body), 0);

export const categoryShares = (c: Corpus) => ({
  legislation: share(c.items, (i) => i.fields.category === 'legislation'),
  enforcement: share(c.items, (i) => i.fields.category === 'enforcement'),
  courts: share(c.items, (i) => i.fields.category === 'courts'),
});
