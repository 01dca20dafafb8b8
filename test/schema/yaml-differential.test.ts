import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFast, readJsYaml } from '../../src/schema/yaml-fast.js';
import { toValue } from '../../src/schema/yaml-nodes.js';
import { composeTree } from '../../src/schema/yaml-tree.js';
import { parseYaml } from '../../src/schema/yaml.js';
import { removeSite } from '../helpers.js';

/**
 * The fast path (js-yaml) and the slow path (the `yaml` package) must read
 * every document alike: accept and refuse the same ones and give the same
 * values. Where js-yaml alone reads a document otherwise, the fast path must
 * step aside, so that what gazette uses is always the `yaml` package's reading
 * (or a refusal) — never a silent difference.
 */

const REFUSED = Symbol('refused');

interface Readings {
  /** js-yaml alone, with our schema. */
  jsYaml: unknown;
  /** The fast path: js-yaml where it is sure, undefined where it steps aside. */
  fast: { value: unknown } | undefined;
  /** The slow path: the `yaml` package's tree, checked, as plain values. */
  slow: unknown;
  /** What gazette uses. */
  used: unknown;
}

function read(text: string): Readings {
  const { tree } = composeTree(text);
  const jsYaml = readJsYaml(text);
  const used = parseYaml('x.yaml', text).source;
  return {
    jsYaml: jsYaml ? jsYaml.value : REFUSED,
    fast: parseFast(text),
    slow: tree ? toValue(tree.contents) : REFUSED,
    used: used ? used.value : REFUSED,
  };
}

/** The `yaml` package's own reading (its toJS), for a document the slow path accepted. */
function yamlReading(text: string): unknown {
  return parseDocument(text, { schema: 'core' }).toJS({ maxAliasCount: -1 }) as unknown;
}

function expectConsistent(text: string, r: Readings): void {
  if (r.fast) {
    expect(r.slow, 'the fast path accepted what the slow path refuses').not.toBe(REFUSED);
    expect(isDeepStrictEqual(r.fast.value, r.slow), 'fast and slow read different values').toBe(
      true,
    );
  }
  if (r.slow !== REFUSED) {
    expect(isDeepStrictEqual(r.slow, yamlReading(text)), 'slow path ≠ yaml.toJS').toBe(true);
    expect(isDeepStrictEqual(r.used, r.slow)).toBe(true);
  } else {
    expect(r.used).toBe(REFUSED);
  }
}

const long = 'k'.repeat(1100);

/** [what, YAML]: documents where parsers are known to part ways. */
const TRICKY: [string, string][] = [
  ['a date', 'd: 2022-01-28\n'],
  ['a month', 'd: 2022-01\n'],
  ['a timestamp', 'd: 2022-01-28T10:00:00Z\n'],
  ['a timestamp with a space', 'd: 2022-01-28 10:00:00\n'],
  ['a time', 't: 12:30\n'],
  ['a sexagesimal number', 't: 1:20:30\n'],
  ['yes/no/on/off/y/n', 'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\n'],
  ['booleans', 'a: true\nb: True\nc: TRUE\nd: tRUE\ne: false\nf: FALSE\n'],
  ['nulls', 'a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf:\n'],
  ['octal', 'a: 0o17\nb: 017\nc: 0o8\n'],
  ['hex', 'a: 0x1F\nb: 0X1F\nc: -0x1\nd: 0xg\n'],
  ['signed and zero', 'a: +12\nb: -0\nc: 0\nd: -12\ne: 007\n'],
  ['binary and underscores', 'a: 0b101\nb: 1_000\nc: 1,000\n'],
  ['floats', 'a: 1e5\nb: 1E5\nc: .5\nd: 5.\ne: +.5e-3\nf: 1.0\ng: -.5\nh: 0.1e1\ni: 1.5e\n'],
  ['huge numbers', 'a: 12345678901234567890\nb: 1e400\nc: -1e400\n'],
  [
    'infinities and NaN',
    'a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\nf: .NAN\ng: nan\nh: inf\n',
  ],
  ['plain multi-line', 'a: one\n  two\n\n  three\nb: x\n'],
  ['literal blocks', 'a: |\n  one\n   two\n\nb: |-\n  x\n\nc: |+\n  y\n\nd: x\n'],
  ['folded blocks', 'a: >\n  one\n  two\n\n  three\n    four\nb: >-\n  x\n  y\n'],
  ['block indentation indicator', 'a: |2\n    two more\n  one\n'],
  ['double-quoted escapes', 'a: "tab\\t smile\\u263A \\x41 \\/ \\  \\N \\_ \\e"\n'],
  ['double-quoted multi-line', 'a: "one\n  two\n\n  three \\\n  four"\n'],
  ['single quotes', "a: 'it''s'\nb: ''\nc: 'multi\n  line'\n"],
  ['trailing spaces', 'a: x   \nb: "y  "  \n'],
  ['an anchor and alias', 'a: &x 1\nb: *x\n'],
  ['aliased collections', 'a: &x [1, 2]\nb: *x\nc: &m {k: v}\nd: *m\n'],
  ['an anchor redefined', 'a: &x 1\nb: &x 2\nc: *x\n'],
  ['an alias to a key', '&k a: 1\nb: *k\n'],
  ['an unknown alias', 'a: *nope\n'],
  ['an alias inside its anchor', 'a: &x [1, *x]\n'],
  ['a merge key', 'base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n'],
  ['a duplicate key', 'a: 1\na: 2\n'],
  ['a number key and its string', '1: a\n"1": b\n'],
  ['quoted and plain duplicate', "a: 1\n'a': 2\n"],
  ['a nested duplicate', 'a:\n  b: 1\n  b: 2\n'],
  ['!!str', 'a: !!str 12\nb: !!str yes\n'],
  ['!!int on a quoted scalar', 'a: !!int "12"\n'],
  ['!!binary', 'a: !!binary aGk=\n'],
  ['!!timestamp', 'a: !!timestamp 2022-01-01\n'],
  ['a local tag', 'a: !foo x\n'],
  ['!!js/function', 'a: !!js/function "function () { return 1 }"\n'],
  ['the non-specific tag', 'a: ! 12\n'],
  ['!!set', 'a: !!set {x, y}\n'],
  ['!!bool on yes', 'a: !!bool yes\n'],
  ['a verbatim tag', 'a: !<tag:yaml.org,2002:str> 12\n'],
  ['quoted keys', '"a b": 1\n\'c\': 2\n"": 3\n'],
  ['an explicit key', '? a\n: b\n'],
  ['an explicit sequence key', '? [a, b]\n: c\n'],
  ['an explicit block sequence key', '? - a\n  - b\n: c\n'],
  ['a sequence key in a flow map', '{[a]: b}\n'],
  ['an explicit key in a flow map', '{? a : b}\n'],
  ['an alias of a list as a key', 'a: &x [1, 2]\n*x : b\n'],
  ['an alias of a scalar as a key', 'a: &x k\n*x : b\n'],
  ['a sequence as a key', '[a, b]: c\n'],
  ['a map as a key', '{a: 1}: b\n'],
  ['a null key', '~: x\n'],
  ['the key null', 'null: x\n'],
  ['the string key "null"', '"null": x\n'],
  ['an empty key', ': x\n'],
  ['number keys', '1: a\n1.50: b\n0x10: c\n-0: d\n.inf: e\ntrue: f\n'],
  ['empty values', 'a:\nb: ""\nc: []\nd: {}\ne: [ ]\n'],
  ['an empty sequence entry', 'a:\n  -\n  - x\n'],
  ['a flow map without values', 'a: {x, y: 1}\n'],
  ['a BOM', '\uFEFFa: 1\n'],
  ['CRLF', 'a: 1\r\nb: |\r\n  x\r\n  y\r\nc: "p\r\n  q"\r\n'],
  ['comments', 'a: 1 # c\nb: 1#c\n# only\nc: "#"\n'],
  ['only a comment', '# nothing\n'],
  ['empty', ''],
  ['blank lines', '\n\n  \n'],
  ['__proto__', '__proto__: x\nconstructor: y\ntoString: z\n'],
  ['__proto__ as a map', '__proto__: {polluted: true}\n'],
  ['nested flow', 'a: [1, [2, {b: c}], {d: [e]}]\n'],
  ['a single-pair map in a flow sequence', 'a: [b: 1, c]\n'],
  ['a trailing comma', 'a: [1, 2,]\nb: {c: 1,}\n'],
  ['a tab after the colon', 'a:\tb\n'],
  ['a tab as indentation', 'a:\n\tb: 1\n'],
  ['a reserved indicator', 'a: @x\n'],
  ['a backquote', 'a: `x`\n'],
  ['a percent sign', 'a: 20% off\nb: %x\n'],
  ['a colon in a value', 'a: x: y\n'],
  ['a colon without a space', 'a: x:y\nurl: http://example.org/#y\n'],
  ['text after a quoted value', 'a: "x" y\n'],
  ['an unclosed quote', "a: 'x\n"],
  ['an unclosed bracket', 'a: [x\n'],
  ['an unclosed brace', 'a: {x\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a document start marker', '---\na: 1\n'],
  ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\nb: 0o17\nc: 017\n'],
  ['a %TAG directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n'],
  ['a long implicit key', `${long}: x\n`],
  ['non-Latin text', 'a: 日本語の題名\nb: "Ünïcödé"\n'],
  ['a bell character', 'a: x\u0007y\n'],
  ['a line separator', 'a: x\u2028y\n'],
  ['a NUL escape', 'a: "x\\0y"\n'],
  ['bad indentation', 'a: 1\n  b: 2\n'],
  ['a list then a key', '- a\nb: 1\n'],
  ['a top-level scalar', 'hello\n'],
  ['a top-level list', '- a\n- b\n'],
  ['a dash alone', 'a: -\nb: - c\n'],
  ['a key starting with a dash', '-a: b\n'],
  ['question marks', 'a: ?x\nb: Who pays ?\nc: x ? y\n'],
  ['an exclamation mark in text', 'a: Wow! Fined\nb: Stop ! Now\n'],
  ['an asterisk in text', 'a: 5 * 3\nb: x *y\nc: "*z"\n'],
  ['an ampersand in text', 'a: R&D\nb: x &y\n'],
  ['deep but allowed nesting', `a: ${'['.repeat(60)}${']'.repeat(60)}\n`],
  ['too deep nesting', `a: ${'['.repeat(70)}${']'.repeat(70)}\n`],
  ['an alias bomb', bomb(6)],
  ['many aliases of one scalar', `a: &x v\nb: [${Array(500).fill('*x').join(', ')}]\n`],
];

/** A "billion laughs" document: `levels` levels of nine aliases each. */
function bomb(levels: number): string {
  let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= levels; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}

/** Rows where js-yaml alone reads otherwise than `yaml`, and why; the fast path must step aside on each. */
const DIVERGES = new Map<string, string>([
  ['an alias inside its anchor', 'js-yaml builds a circular value; gazette refuses it'],
  ['a sequence as a key', 'js-yaml makes the key "a,b"; gazette refuses collections as keys'],
  ['a map as a key', 'js-yaml makes the key "[object Object]"; refused'],
  ['an explicit sequence key', 'the same, written "? [a, b]"'],
  ['an explicit block sequence key', 'the same, written "? - a"'],
  ['a sequence key in a flow map', 'js-yaml makes the key "a"; refused'],
  ['an alias of a list as a key', 'js-yaml makes the key "1,2"; refused'],
  ['a null key', 'js-yaml makes the key "null", yaml ""; gazette refuses it'],
  ['the key null', 'the same: null: is the null key'],
  ['quoted keys', 'js-yaml takes the key ""; gazette refuses it'],
  ['a long implicit key', 'YAML limits an implicit key to 1,024 characters, js-yaml does not'],
  ['a bell character', 'js-yaml refuses control characters, yaml keeps them'],
  [
    'an alias bomb',
    'js-yaml shares what aliases repeat, cheaply; gazette refuses it past the budget',
  ],
]);

describe('js-yaml and yaml read tricky documents alike', () => {
  it.each(TRICKY)('%s', (what, text) => {
    const r = read(text);
    expectConsistent(text, r);
    const same =
      (r.jsYaml === REFUSED) === (r.slow === REFUSED) && isDeepStrictEqual(r.jsYaml, r.slow);
    if (same) {
      expect(DIVERGES.has(what), `"${what}" no longer diverges: remove it from DIVERGES`).toBe(
        false,
      );
    } else {
      expect(
        DIVERGES.has(what),
        `js-yaml reads "${what}" as ${show(r.jsYaml)}, yaml as ${show(r.slow)}`,
      ).toBe(true);
      expect(r.fast, 'the fast path must step aside').toBeUndefined();
    }
  });
});

function show(value: unknown): string {
  if (value === REFUSED) return 'an error';
  const text = inspect(value, { depth: 3, breakLength: Infinity });
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const ROOT = join(import.meta.dirname, '../..');
const GENERATOR = join(ROOT, 'scripts/gen-site.mjs');

/** The YAML of every file in a site: each item's and bulletin's front matter, each data file. */
function siteYaml(root: string, patterns: string[]): [string, string][] {
  return fg.sync(patterns, { cwd: root }).map((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    if (!file.endsWith('.md')) return [file, text];
    const block = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
    return [file, block?.[1] ?? ''];
  });
}

function expectCorpusConsistent(documents: [string, string][]): number {
  let fast = 0;
  for (const [file, text] of documents) {
    const r = read(text);
    try {
      expectConsistent(text, r);
    } catch (error) {
      throw new Error(`${file}: ${String(error)}`);
    }
    if (r.fast) fast++;
  }
  return fast;
}

describe('js-yaml and yaml read real documents alike', () => {
  it("every file of this repository's site and test fixtures", () => {
    const documents = siteYaml(ROOT, [
      'content/**/*.md',
      'data/**/*.yaml',
      'test/fixtures/**/*.md',
      'test/fixtures/**/*.yaml',
    ]);
    expect(documents.length).toBeGreaterThan(100);
    const fast = expectCorpusConsistent(documents);
    // Almost all of them take the fast path (a few fixtures are broken on purpose).
    expect(fast / documents.length).toBeGreaterThan(0.9);
  });

  describe('the generated corpus (scripts/gen-site.mjs)', () => {
    let out: string | undefined;
    afterAll(() => out && removeSite(out));

    it('every item, bulletin and the registry of a 2,000-item corpus', () => {
      out = mkdtempSync(join(tmpdir(), 'gazette-corpus-'));
      execFileSync(process.execPath, [GENERATOR, '--items', '2000', '--out', out]);
      const documents = siteYaml(out, ['content/**/*.md', 'data/*.yaml']);
      expect(documents.length).toBeGreaterThan(2000);
      // Every one of them ordinary YAML: all take the fast path.
      expect(expectCorpusConsistent(documents)).toBe(documents.length);
    });
  });
});
