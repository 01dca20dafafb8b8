import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from '../../src/codes.js';
import { describe, expect, it } from 'vitest';
import { formatText, visible } from '../../src/diagnostics.js';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

/** What content can put into the terminal through a diagnostic, and what it cannot. */

const ESC = '\u001b';

describe('text diagnostics show control characters from content as escapes', () => {
  it.each([
    ['plain', 'plain'],
    [`clear${ESC}[2J`, 'clear\\x1b[2J'],
    ['two\nlines', 'two\\nlines'],
    ['cr\rlf', 'cr\\rlf'],
    ['tab\there', 'tab\\there'],
    ['nul\u0000 del\u007f csi\u009b', 'nul\\x00 del\\x7f csi\\x9b'],
    ['报告 café', '报告 café'],
  ])('%j', (input, shown) => expect(visible(input)).toBe(shown));

  it('escapes the file, the message and the hint, and keeps its own line break', () => {
    const text = formatText({
      file: `content/items/a${ESC}[2J.md`,
      line: 1,
      column: 2,
      code: 'x' as Code,
      message: `unknown "a\nb"`,
      hint: `did you mean${ESC}]0;title\u0007?`,
    });
    expect(text).toBe(
      'content/items/a\\x1b[2J.md:1:2: error[x]: unknown "a\\nb"\n  hint: did you mean\\x1b]0;title\\x07?',
    );
  });

  it('in what gazette check prints for a field name and a file name that hold them', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({ '"autority\\e[2J"': 'cac', '"fake\\nline"': '1' }),
      [`content/items/b${ESC}[2J.md`]: item({ category: 'enforcment' }),
    });
    try {
      const result = await run('check', '--root', root);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      const lines = result.stderr.split('\n');
      expect(lines).toContain(
        'content/items/a.md:5:1: error[field-unknown]: unknown field "autority\\x1b[2J" in this item',
      );
      expect(lines).toContain(
        'content/items/a.md:6:1: error[field-unknown]: unknown field "fake\\nline" in this item',
      );
      expect(lines).toContain(
        'content/items/b\\x1b[2J.md:4:11: error[category-unknown]: unknown category "enforcment"',
      );
      // JSON is data: the exact text, escaped by JSON itself.
      const json = await run('check', '--root', root, '--format', 'json');
      const errors = (JSON.parse(json.stdout) as { errors: { message: string }[] }).errors;
      expect(errors.map((e) => e.message)).toContain(
        `unknown field "autority${ESC}[2J" in this item`,
      );
    } finally {
      removeSite(root);
    }
  });
});

describe('--base-url is validated as baseUrl is', () => {
  it.each([
    ['//evil.com/', 'it starts with // and has no scheme'],
    ['https://ex"ample.org/', `its host holds '"', which a host name cannot`],
    ['ftp://example.org/', 'only http: and https: addresses can be a base URL, not "ftp:"'],
  ])('%s', async (url, reason) => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item(),
    });
    try {
      const result = await run('build', '--root', root, '--base-url', url);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n').slice(0, 2)).toEqual([
        `--base-url:1:1: error[config-invalid]: "${url}" is not a base URL: ${reason}`,
        "  hint: write the site's public address, such as https://example.org/digest/, or a path such as /digest/",
      ]);
    } finally {
      removeSite(root);
    }
  });
});

describe('an ftp: link in a body is refused, with what is allowed', () => {
  // markdown-it also offers the refused address to linkify twice, which src/markdown reports
  // again without a position (6:1): that module's to fix; here only the refusal is asserted.
  it('reports the link where it stands', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/ftp-link.md': item(
        {},
        'Read [the notice](ftp://ftp.example.org/notice.pdf).\n',
      ),
    });
    try {
      const result = await run('check', '--root', root, '--format', 'json');
      expect(result.code).toBe(1);
      const { errors } = JSON.parse(result.stdout) as { errors: Record<string, unknown>[] };
      expect(errors).toContainEqual({
        file: 'content/items/ftp-link.md',
        line: 6,
        column: 19,
        code: 'url-unsafe',
        message: '"ftp://ftp.example.org/notice.pdf" is not a safe link',
        hint: 'links must be http(s), mailto or relative addresses',
      });
    } finally {
      removeSite(root);
    }
  });
});

describe('a source URL is one address a browser can open', () => {
  it.each([
    [
      '"https://www.cac.gov.cn/a.html\\nhttps://www.samr.gov.cn/b.html"',
      'url-invalid',
      'a source holds a line break after "https://www.cac.gov.cn/a.html"',
    ],
    [
      '"https://www.cac.gov.cn/a.html\\u3000https://www.samr.gov.cn/b.html"',
      'url-invalid',
      'a source holds a space after "https://www.cac.gov.cn/a.html"',
    ],
    [
      '"https://www.cac.gov.cn/a.html\\e[2J"',
      'text-control',
      'a source holds the control character U+001B (ESC)',
    ],
    [
      'https://999.1.1.1/notice.html',
      'url-invalid',
      '"https://999.1.1.1/notice.html" is not an absolute http(s) URL',
    ],
  ])('%s', async (url, code, message) => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item({ sources: `\n  - ${url}` }),
    });
    try {
      const result = await run('check', '--root', root, '--format', 'json');
      const { errors } = JSON.parse(result.stdout) as { errors: Record<string, unknown>[] };
      expect(errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual([
        [6, 5, code, message],
      ]);
    } finally {
      removeSite(root);
    }
  });
});

describe('entity names that are also property names', () => {
  it('reach the pages and the search index as written, never as a native function', async () => {
    const root = makeSite({
      'data/authorities.yaml': AUTHORITIES,
      'content/bulletins/2022-02.md': BULLETIN,
      'content/items/a.md': item(
        { title: '"Entities &constructor; and &toString;"' },
        'Body with &constructor;, &__proto__; and &hasOwnProperty; in it.\n',
      ),
    });
    try {
      const result = await run('build', '--root', root);
      expect(result.code).toBe(0);
      const shards = readdirSync(join(root, 'dist/search')).filter((f) => f.endsWith('.json'));
      const files = [
        'items/a/index.html',
        'feed.xml',
        'data/items.json',
        ...shards.map((f) => `search/${f}`),
      ];
      for (const file of files) {
        const text = readFileSync(join(root, 'dist', file), 'utf8');
        expect(text, file).not.toContain('native code');
        expect(text, file).not.toContain('function Object');
      }
      const search = shards.map((f) => readFileSync(join(root, 'dist/search', f), 'utf8')).join('');
      expect(search).toContain('&constructor;');
    } finally {
      removeSite(root);
    }
  });
});
