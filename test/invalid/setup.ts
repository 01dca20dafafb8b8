import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a fixture file cannot hold reliably, made after the fixture is copied. */
export const SETUP: Record<string, (root: string) => void> = {
  'non-utf8': (root) =>
    writeBytes(
      root,
      'content/items/latin1.md',
      '---\ntitle: Caf',
      [0xff, 0xfe],
      ' Owner Fined\ndate: 2022-01-10\ncategory: enforcement\n---\nSome text.\n',
    ),
  'non-utf8-data': (root) =>
    writeBytes(
      root,
      'data/authorities.yaml',
      'cac:\n  name: Cyberspace Administration of Ch',
      [0xff],
      'ina\n  abbr: CAC\n',
    ),
  'control-char-body': (root) =>
    writeBytes(
      root,
      'content/items/escape-body.md',
      '---\ntitle: Court Rules on Facial Recognition\ndate: 2022-01-10\ncategory: courts\n---\nThe court ruled',
      [0x1b],
      '[2J for the plaintiff.\n',
    ),
  'symlink-outside': (root) =>
    symlinkSync('/etc/hostname', join(root, 'content/items/hostname.md')),
  'yaml-too-deep-data': (root) => {
    mkdirSync(join(root, 'data'), { recursive: true });
    const levels = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 4)}k:\n`);
    writeFileSync(
      join(root, 'data/authorities.yaml'),
      `cac:\n  name: Cyberspace Administration of China\n  abbr:\n${levels.join('')}`,
    );
  },
  // Reading a named pipe waits until something writes to it: forever (found by npm run fuzz).
  'named-pipe-config': (root) => execFileSync('mkfifo', [join(root, 'gazette.config.yaml')]),
  'named-pipe-data': (root) => {
    mkdirSync(join(root, 'data'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'data/authorities.yaml')]);
  },
  'symlink-outside-data': (root) => {
    mkdirSync(join(root, 'data'), { recursive: true });
    symlinkSync('/etc/hostname', join(root, 'data/authorities.yaml'));
  },
};

function writeBytes(root: string, path: string, before: string, bytes: number[], after: string) {
  const file = join(root, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]));
}
