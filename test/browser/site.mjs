// A tiny gazette site built with the compiled CLI (run `npm run compile`
// first; `npm run test:browser` does), and helpers to break a built page.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const hasJava = !spawnSync('java', ['-version']).error;

const FILES = {
  'data/authorities.yaml':
    'cac:\n  name: Cyberspace Administration of China\n  abbr: CAC\n  kind: regulator\n',
  'content/bulletins/2022-02.md':
    '---\ndate: 2022-02-17\ncovers: 2022-01\n---\nThe month in brief.\n',
  'content/items/2022/01/app-rules.md':
    '---\ntitle: Draft rules for mobile apps\ndate: 2022-01-05\ncategory: legislation\nauthority: cac\nstatus: draft\ntags: [apps]\nsources:\n  - title: Notice\n    url: https://example.org/notice\n---\nThe CAC published draft rules.[^1]\n\n[^1]: A footnote.\n',
  'content/items/2022/01/bank-fine.md':
    '---\ntitle: A bank is fined\ndate: 2022-01-10\ncategory: enforcement\nauthority: cac\nparty: A Bank\nfine: RMB 300,000\ntags: [banking]\n---\nThe bank was fined.\n',
};

/** Writes the tiny site and builds it; returns {root, out, work}. */
export function buildTinySite(siteUrl = 'https://example.org/') {
  const work = mkdtempSync(join(tmpdir(), 'gazette-gates-'));
  const root = join(work, 'site');
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const out = join(work, 'out');
  const result = spawnSync(
    process.execPath,
    [join(repo, 'bin/gazette.js'), 'build', '--root', root, '--out', out, '--base-url', siteUrl],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `build failed (did you run npm run compile?):\n${result.stdout}${result.stderr}`,
    );
  }
  return { root, out, work };
}

/** A copy of a built site with `html` inserted before </main> of each named page. */
export function breakCopy(out, dest, injections) {
  cpSync(out, dest, { recursive: true });
  for (const [page, html] of Object.entries(injections)) {
    const file = join(dest, page);
    const text = readFileSync(file, 'utf8');
    if (!text.includes('</main>')) throw new Error(`${page} has no </main> to inject before`);
    writeFileSync(file, text.replace('</main>', `${html}\n</main>`));
  }
  return dest;
}

export function remove(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Why a test that needs `tool` cannot run here, or '' when it can. Never a
 * reason under CI=true: .ci/run installs the tools, so there a missing one
 * must fail the tests, not skip them.
 */
export function skipReason(available, tool) {
  if (available || process.env.CI) return '';
  const reason = `SKIPPED: ${tool} is not installed`;
  console.warn(`\n  ${reason}\n`);
  return reason;
}
