// Output piped into a program that stops reading (`gazette check | head -1`)
// ends gazette quietly: no EPIPE stack trace. Runs the compiled CLI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repo } from './site.mjs';

const work = mkdtempSync(join(tmpdir(), 'gazette-pipe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('ends quietly when the reader of its output goes away', () => {
  // A report far longer than a pipe holds: 3,000 errors.
  mkdirSync(join(work, 'content/items'), { recursive: true });
  for (let i = 0; i < 3000; i++)
    writeFileSync(
      join(work, `content/items/i${i}.md`),
      `---\ntitle: T\ndate: 2022-01-01\ncategory: courts\nautority: x\n---\nText.\n`,
    );
  const cli = join(repo, 'bin/gazette.js');
  const err = join(work, 'stderr.txt');
  for (const format of ['json', 'text', 'github']) {
    // stderr to a file (the text formats report there), stdout into the pipe that closes.
    const result = spawnSync(
      'bash',
      [
        '-c',
        `node "${cli}" check --root "${work}" --format ${format} 2>"${err}" | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(readFileSync(err, 'utf8'), format).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.stdout.trim(), format).toBe('1');
  }
  // The text formats report on stderr: piped away too, with stdout.
  const both = spawnSync(
    'bash',
    [
      '-c',
      `node "${cli}" check --root "${work}" 2>&1 | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`,
    ],
    { encoding: 'utf8' },
  );
  expect(both.stdout.trim()).toBe('1');
});
