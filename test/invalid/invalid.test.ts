import type { Code } from '../../src/codes.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITIES,
  BULLETIN,
  item,
  makeSite,
  page,
  previousSite,
  removeSite,
  run,
} from '../helpers.js';
import { SETUP } from './setup.js';

/**
 * Bad input (DESIGN.md): one fixture site per case in test/fixtures/invalid/,
 * each with the exact diagnostics and exit status it must produce, and the
 * promise that a failed build leaves the previous output alone.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures/invalid');
const SENTINEL = 'previous good site';

/** What a fixture file cannot hold reliably, made after the fixture is copied. */

interface Expected {
  exit: number;
  /** The exact first lines of stderr: diagnostics, their hints, the summary. */
  lines: string[];
  diagnostics: Diagnostic[];
}

const DIAGNOSTIC = /^(.+?):(\d+):(\d+): error\[([^\]]+)\]: (.*)$/;

function readExpected(name: string): Expected {
  const [first, ...lines] = readFileSync(join(FIXTURES, name, 'expected.txt'), 'utf8')
    .trimEnd()
    .split('\n');
  const exit = /^exit: (\d+)$/.exec(first ?? '');
  if (!exit) throw new Error(`${name}/expected.txt must start with "exit: N"`);
  const diagnostics: Expected['diagnostics'] = [];
  for (const line of lines) {
    const d = DIAGNOSTIC.exec(line);
    if (d) {
      diagnostics.push({
        file: d[1]!,
        line: Number(d[2]),
        column: Number(d[3]),
        code: d[4]! as Code,
        message: d[5]!,
      });
    } else if (line.startsWith('  hint: ')) {
      diagnostics[diagnostics.length - 1]!.hint = line.slice('  hint: '.length);
    }
  }
  return { exit: Number(exit[1]), lines, diagnostics };
}

const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gazette-invalid-'));
});

afterAll(() => removeSite(tmp));

/** A fresh copy of the fixture, with a previous good site already in dist/. */
function prepare(name: string, suffix: string): string {
  const root = join(tmp, `${name}-${suffix}`);
  cpSync(join(FIXTURES, name), root, { recursive: true });
  SETUP[name]?.(root);
  previousSite(join(root, 'dist'), { 'index.html': SENTINEL });
  return root;
}

it('has a fixture for every setup step and an expected.txt in every fixture', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
  for (const name of Object.keys(SETUP)) expect(CASES).toContain(name);
  for (const name of CASES) expect(existsSync(join(FIXTURES, name, 'expected.txt'))).toBe(true);
});

describe.each(CASES)('%s', (name) => {
  const expected = readExpected(name);

  it('build prints exactly the expected errors, exits with the expected status, writes nothing', async () => {
    const root = prepare(name, 'build');
    const result = await run('build', '--root', root);
    const lines = result.stderr.trimEnd().split('\n');

    expect(lines.slice(0, expected.lines.length)).toEqual(expected.lines);
    expect(lines.slice(expected.lines.length).filter((l) => DIAGNOSTIC.test(l))).toEqual([]);
    expect(result.code).toBe(expected.exit);

    // A failed build changes nothing: the previous site stays, no half-written folder is left.
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toBe(SENTINEL);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual([
      '.gazette-manifest.json',
      'index.html',
    ]);
    expect(readdirSync(root).filter((entry) => entry.startsWith('dist.gazette-'))).toEqual([]);
  });

  it('check --format json reports the same diagnostics', async () => {
    const root = prepare(name, 'check');
    const result = await run('check', '--root', root, '--format', 'json');
    expect(result.code).toBe(expected.exit);
    const json = JSON.parse(result.stdout) as { errors: Expected['diagnostics']; count: number };
    expect(json.errors).toEqual(expected.diagnostics);
    expect(json.count).toBe(expected.diagnostics.length);
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toBe(SENTINEL);
  });
});

describe('ordinary input that looks unusual', () => {
  const crlf = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`;

  it('builds a site whose files all have a UTF-8 BOM and CRLF line endings', async () => {
    const root = makeSite({
      'gazette.config.yaml': crlf('title: BOM Digest\nperPage: 10\n'),
      'data/authorities.yaml': crlf(AUTHORITIES),
      'content/bulletins/2022-02.md': crlf(BULLETIN),
      'content/items/crlf-item.md': crlf(
        item(
          { title: 'BOM and CRLF Item', authority: 'cac' },
          'First line.\nSecond line.[^1]\n\n[^1]: A note.\n',
        ),
      ),
    });
    previousSite(join(root, 'dist'), { 'index.html': SENTINEL });
    try {
      const result = await run('build', '--root', root);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).not.toBe(SENTINEL);

      const html = readFileSync(join(root, 'dist/items/crlf-item/index.html'), 'utf8');
      expect(html).not.toContain('\r');
      expect(html).not.toContain('\uFEFF');
      const doc = page(root, 'dist/items/crlf-item/index.html');
      expect(doc.querySelector('h1')!.textContent).toBe('BOM and CRLF Item');
      expect(doc.querySelectorAll('.note-ref a[href="#note-1"]').length).toBe(1);
      expect(page(root, 'dist/index.html').querySelector('title')!.textContent).toContain(
        'BOM Digest',
      );

      const check = await run('check', '--root', root, '--format', 'json');
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout)).toEqual({ errors: [], count: 0 });
    } finally {
      removeSite(root);
    }
  });

  it('reports errors in a BOM and CRLF file at the same lines and columns as with LF', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/crlf-item.md': crlf(
        item({ category: 'enforcment' }, 'Text with [a link](javascript:void(0)).\n'),
      ),
    });
    try {
      const result = await run('check', '--root', root, '--format', 'json');
      expect(result.code).toBe(1);
      const { errors } = JSON.parse(result.stdout) as {
        errors: { file: string; line: number; column: number; code: string }[];
      };
      expect(errors.map((e) => `${e.file}:${e.line}:${e.column}:${e.code}`)).toEqual([
        'content/items/crlf-item.md:4:11:category-unknown',
        'content/items/crlf-item.md:6:20:url-unsafe',
      ]);
    } finally {
      removeSite(root);
    }
  });

  it('builds HTML in a title, a party and the body as escaped text, never as elements', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/html-item.md': item(
        {
          title: '"<script>alert(1)</script> Fined"',
          authority: 'cac',
          party: '"<b>Evil</b> Corp"',
        },
        'Body with <script>alert(2)</script> inline.\n\n<script>alert(3)</script>\n',
      ),
    });
    try {
      const result = await run('build', '--root', root);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      const path = 'dist/items/html-item/index.html';
      const html = readFileSync(join(root, path), 'utf8');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Fined');
      expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
      expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
      expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt; Corp');
      const doc = page(root, path);
      expect(doc.querySelectorAll('script').length).toBe(0);
      expect(doc.querySelectorAll('b').length).toBe(0);
      expect(doc.querySelector('h1')!.textContent).toBe('<script>alert(1)</script> Fined');

      // Nowhere else either: the bulletin, listings, feeds.
      const bulletin = page(root, 'dist/bulletins/2022-02/index.html');
      expect(bulletin.querySelectorAll('script').length).toBe(0);
      expect(bulletin.body.textContent).toContain('<script>alert(1)</script> Fined');
      for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(html|xml)$/.test(file)) continue;
        expect(readFileSync(join(root, 'dist', file), 'utf8'), file).not.toMatch(/<script>alert/);
      }
    } finally {
      removeSite(root);
    }
  });
});
