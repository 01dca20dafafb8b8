// kill -9 at random moments (issue 8): whatever moment a build dies at —
// while loading, rendering, writing its stage or inside the commit — the
// published site is intact, or the next run restores it, and nothing is left
// beside it. Runs the compiled CLI (npm run test:browser compiles first).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repo } from './site.mjs';

const CLI = join(repo, 'bin/gazette.js');
const KILLS = 20;
let work;

/** A site of `n` items whose every page says which version it is. */
function writeSite(root, version, n = 150) {
  rmSync(join(root, 'content'), { recursive: true, force: true });
  const files = {
    'data/authorities.yaml': 'cac:\n  name: Cyberspace Administration of China\n  abbr: CAC\n',
    'content/bulletins/2022-02.md': `---\ndate: 2022-02-17\ncovers: 2022-01\n---\nVersion ${version}.\n`,
  };
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    // Version 2 drops every fifth item and adds others: pages appear and disappear.
    const id = version === 2 && i % 5 === 0 ? `new-${i}` : `item-${i}`;
    files[`content/items/${id}.md`] =
      `---\ntitle: Item ${i} (v${version})\ndate: 2022-01-${day}\ncategory: ${['legislation', 'enforcement', 'courts'][i % 3]}\nauthority: cac\n---\n` +
      `Paragraph one of item ${i}, version ${version}. `.repeat(20) +
      '\n';
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function build(root, out) {
  return spawnSync(process.execPath, [CLI, 'build', '--root', root, '--out', out], {
    encoding: 'utf8',
  });
}

function tree(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

const leftovers = (dir) => readdirSync(dir).filter((name) => /\.gazette-(new|old|lock)/.test(name));

const snapshots = {};
let buildMs = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gazette-kill-'));
  for (const version of [1, 2]) {
    const root = join(work, `v${version}`);
    writeSite(root, version);
    const started = performance.now();
    const result = build(root, join(root, 'dist'));
    buildMs = Math.max(buildMs, performance.now() - started);
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
    snapshots[version] = tree(join(root, 'dist'));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

it(`leaves the site intact or restored after ${KILLS} kills at random moments`, async () => {
  const root = join(work, 'site');
  const out = join(root, 'dist');
  writeSite(root, 1);
  expect(build(root, out).status).toBe(0);
  let published = 1;
  const seen = { intact: 0, finishedByNextRun: 0, insideCommit: 0 };
  // A fixed sequence of moments (deterministic), spread over the whole build
  // and crowded towards its end, where the stage is committed.
  const moments = Array.from({ length: KILLS }, (_, k) =>
    k % 2 === 0 ? (k / KILLS) * buildMs : buildMs * (0.75 + (0.35 * ((k * 7) % 11)) / 11),
  );
  for (const [k, ms] of moments.entries()) {
    const version = published === 1 ? 2 : 1;
    writeSite(root, version);
    const child = spawn(process.execPath, [CLI, 'build', '--root', root, '--out', out], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', (c) => resolve(c)));
    await new Promise((resolve) => setTimeout(resolve, ms));
    child.kill('SIGKILL');
    const code = await exited;
    if (code === 0) published = version; // it finished before the kill

    const committed = readdirSync(root).some(
      (name) =>
        name.includes('.gazette-new-') && existsSync(join(root, name, '.gazette-commit.json')),
    );
    if (committed) seen.insideCommit++;
    const now = existsSync(out) ? tree(out) : undefined;
    if (now && (equal(now, snapshots[1]) || equal(now, snapshots[2]))) seen.intact++;

    // The next run — here one that fails on a content error, so that it
    // writes nothing of its own — first restores or finishes the site.
    writeFileSync(join(root, 'content/items/broken.md'), '---\ntitle: x\n---\n');
    const next = build(root, out);
    expect(next.status, next.stderr).toBe(1);
    rmSync(join(root, 'content/items/broken.md'));
    const after = tree(out);
    const which = equal(after, snapshots[1]) ? 1 : equal(after, snapshots[2]) ? 2 : 0;
    expect(which, `kill ${k} at ${Math.round(ms)} ms left a mixed site`).not.toBe(0);
    if (which !== published) {
      seen.finishedByNextRun++;
      published = which;
    }
    expect(leftovers(root), `kill ${k}`).toEqual([]);
  }
  console.log(
    `kill -9 ×${KILLS} over a ${Math.round(buildMs)} ms build: ${seen.intact} left a whole site at once, ` +
      `${seen.insideCommit} stopped inside a commit, ${seen.finishedByNextRun} published the new site on the next run`,
  );
}, 600_000);

function equal(a, b) {
  if (a.size !== b.size) return false;
  for (const [path, content] of a) if (b.get(path) !== content) return false;
  return true;
}
