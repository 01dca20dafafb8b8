import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS, parseConfig } from '../../src/config.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseAuthorities } from '../../src/schema/authorities.js';
import { validateItem } from '../../src/schema/item.js';
import { isPlain, readJsYaml, valueBudget } from '../../src/schema/yaml-fast.js';
import { parseYaml } from '../../src/schema/yaml.js';
import { splitFrontMatter } from '../../src/stages/read.js';

/**
 * Hostile YAML (issue 8): every case is a diagnostic with its position, never
 * a crash or a hang, in an item, in the authority registry and in the
 * configuration alike; large inputs are read in one pass.
 */

const HEAD = 'title: A test item\ndate: 2022-01-10\ncategory: enforcement\n';
const ctx = { sections: DEFAULT_SECTIONS, authorities: new Set(['cac', 'pboc-shanghai']) };

/** Every diagnostic of an item whose front matter is HEAD + `yaml`. */
function itemDiagnostics(yaml: string): Diagnostic[] {
  const read = splitFrontMatter('x.md', `---\n${HEAD}${yaml}---\nBody.\n`);
  return read.document ? validateItem(read.document, ctx).diagnostics : read.diagnostics;
}

const line = (d: Diagnostic | undefined) =>
  d && `${d.line}:${d.column}: error[${d.code}]: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;

/** The same YAML in the three places: the lines an item, the registry and the config report. */
function everywhere(yaml: string): {
  item: Diagnostic[];
  data: Diagnostic[];
  config: Diagnostic[];
} {
  return {
    item: itemDiagnostics(yaml),
    data: parseAuthorities(`cac:\n  name: CAC\n${yaml.replace(/^/gm, '  ')}`).diagnostics,
    config: parseConfig(yaml).diagnostics,
  };
}

function billionLaughs(levels = 9): string {
  let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= levels; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}

describe('alias bombs', () => {
  it('are refused where the aliases pass the budget, in an item, the registry and the config', () => {
    const { item, data, config } = everywhere(billionLaughs());
    for (const list of [item, data, config]) {
      expect(list).toHaveLength(1);
      expect(list[0]!.code).toBe('yaml-alias-bomb');
    }
    // a4's first alias: a0…a3 already hold 8,302 values, and *a3 adds 7,381 more.
    expect(line(item[0])).toMatch(
      /^9:10: error\[yaml-alias-bomb\]: the "\*" aliases here repeat more than 10,000 values \(an alias bomb\) \(write the values out/,
    );
    expect(`${data[0]!.line}:${data[0]!.column}`).toBe('7:12');
    expect(`${config[0]!.line}:${config[0]!.column}`).toBe('5:10');
  });

  it('are cheap for js-yaml, which shares what aliases repeat; its walk stops at the budget', () => {
    const text = billionLaughs(30); // 9^30 values when expanded
    const read = readJsYaml(text);
    expect(read).toBeDefined();
    expect(isPlain(read!.value, valueBudget(text))).toBe(false);
    expect(parseYaml('x.yaml', text).diagnostics.map((d) => d.code)).toEqual(['yaml-alias-bomb']);
  });

  it('leave ordinary aliases alone, even many of them', () => {
    const parties = Array.from({ length: 5000 }, () => '  - *p\n').join('');
    const diagnostics = itemDiagnostics(`sector: &p banking\nparty:\n${parties}`);
    expect(diagnostics).toEqual([]);
  });

  it('an alias to nothing, or inside what it names, is an error', () => {
    expect(itemDiagnostics('party: *nobody\n').map(line)).toEqual([
      '5:8: error[yaml-alias]: the alias *nobody names no anchor (mark the value to repeat with &nobody before this line, or quote text that starts with "*")',
    ]);
    expect(itemDiagnostics('party: &p [a, *p]\n').map((d) => d.code)).toEqual(['yaml-alias']);
  });
});

describe('deep nesting', () => {
  const flow = (depth: number) => `party: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  const block = (depth: number) =>
    `party:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}`;

  it.each([
    ['flow', flow(3000), '5:71'],
    ['flow, never closed', `party: ${'['.repeat(3000)}\n`, '5:71'],
    ['block', block(3000), '69:65'],
    ['a sequence of sequences', `party:\n${'- '.repeat(3000)}x\n`, '6:127'],
  ])('%s, 3,000 levels: refused where level 65 starts', (_, yaml, at) => {
    const [first, ...rest] = itemDiagnostics(yaml);
    expect(rest).toEqual([]);
    expect(first).toEqual({
      file: 'x.md',
      ...{ line: Number(at.split(':')[0]), column: Number(at.split(':')[1]) },
      code: 'yaml-too-deep',
      message: 'the YAML is nested more than 64 levels deep here',
      hint: 'a field needs a few levels at most (a list of maps); remove the extra brackets or indentation',
    });
  });

  it('is refused in the registry and the config as well', () => {
    const { data, config } = everywhere(flow(3000));
    expect(data.map(line)).toEqual([expect.stringMatching(/^3:72: error\[yaml-too-deep\]/)]);
    expect(config.map(line)).toEqual([expect.stringMatching(/^1:71: error\[yaml-too-deep\]/)]);
  });

  it('64 levels are still read', () => {
    // The item's map is level 1, so 63 brackets make 64.
    expect(itemDiagnostics(flow(63)).map((d) => d.code)).toEqual(['field-type']);
    expect(itemDiagnostics(flow(64)).map((d) => d.code)).toEqual(['yaml-too-deep']);
  });
});

describe('tags', () => {
  it.each([
    [
      '!!binary aGk=',
      'YAML tag !!binary (binary data) is not supported here',
      'write the value as plain text',
    ],
    [
      '!!timestamp 2022-01-10',
      'YAML tag !!timestamp (a date and time) is not supported here',
      'write the date as plain text, e.g. 2022-01-28',
    ],
    [
      '!!js/function "function () {}"',
      'YAML tag !!js/function (JavaScript) is not supported here',
      'write the value as plain text',
    ],
    [
      '!!js/undefined ~',
      'YAML tag !!js/undefined (JavaScript) is not supported here',
      'write the value as plain text',
    ],
    [
      '!!set {a, b}',
      'YAML tag !!set (a YAML 1.1 collection) is not supported here',
      'write a plain list ("- …") or map ("key: value")',
    ],
    ['!foo bar', 'unknown YAML tag !foo', 'remove !foo and write the value as plain text'],
    ['!!merge x', 'unknown YAML tag !!merge', 'remove !!merge and write the value as plain text'],
    [
      '!!bool yes',
      'the value does not fit its YAML tag !!bool',
      'remove the tag, or write a value of the type it names',
    ],
  ])('summary: %s', (value, message, hint) => {
    expect(itemDiagnostics(`summary: ${value}\n`)).toEqual([
      { file: 'x.md', line: 5, column: 10, code: 'yaml-tag', message, hint },
    ]);
  });

  it('core tags are read as YAML says', () => {
    expect(itemDiagnostics('summary: !!str 2022\nweight: !!int "3"\n')).toEqual([]);
    const read = parseYaml('x.yaml', 't: !!str 2022\nw: !!int "3"\n');
    expect(read.source!.value).toEqual({ t: '2022', w: 3 });
  });

  it('are refused in the registry and the config as well', () => {
    const { data, config } = everywhere('x: !!js/function "f"\n');
    expect(data.map(line)).toEqual([
      expect.stringMatching(/^3:6: error\[yaml-tag\]: YAML tag !!js\/function/),
    ]);
    expect(config.map(line)).toEqual([
      expect.stringMatching(/^1:4: error\[yaml-tag\]: YAML tag !!js\/function/),
    ]);
  });
});

describe('large inputs are read in one pass', () => {
  const N = 20_000;
  const many = (f: (i: number) => string) => Array.from({ length: N }, (_, i) => f(i)).join('');

  it('20,000 unknown fields', () => {
    const diagnostics = itemDiagnostics(many((i) => `field${i}: v\n`));
    expect(diagnostics).toHaveLength(N);
    expect(diagnostics.slice(0, 2).map(line)).toEqual([
      expect.stringMatching(
        /^5:1: error\[field-unknown\]: unknown field "field0" in this item \(known fields: "aliases"/,
      ),
      expect.stringMatching(/^6:1: error\[field-unknown\]: unknown field "field1" in this item/),
    ]);
    expect(line(diagnostics[N - 1])).toMatch(
      /^20004:1: error\[field-unknown\]: unknown field "field19999"/,
    );
  });

  it('20,000 misspelt fields, each with its suggestion', () => {
    const diagnostics = itemDiagnostics(
      many((i) => `autority${i}: cac\n`).replace(
        /autority(\d+)/g,
        (_, i: string) => `autority${'x'.repeat(Number(i) % 3)}_${i}`,
      ),
    );
    expect(diagnostics).toHaveLength(N);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['field-unknown']));
  });

  it('20,000 duplicate keys', () => {
    const diagnostics = itemDiagnostics(many(() => 'party: x\n'));
    expect(diagnostics).toHaveLength(N - 1);
    expect(diagnostics.slice(0, 2).map(line)).toEqual([
      '6:1: error[yaml-duplicate-key]: the key "party" appears twice (remove one of the two lines)',
      '7:1: error[yaml-duplicate-key]: the key "party" appears twice (remove one of the two lines)',
    ]);
  });

  it('20,000 list entries with errors', () => {
    const diagnostics = itemDiagnostics(`tags: [${many((i) => `Bad Tag ${i}, `)}ok]\n`);
    expect(diagnostics).toHaveLength(N);
    expect(line(diagnostics[0])).toBe(
      '5:8: error[id-invalid]: a tag must be lowercase letters, digits and hyphens, not "Bad Tag 0" (write "bad-tag-0")',
    );
  });

  it('20,000 sources with a misspelt field', () => {
    const diagnostics = itemDiagnostics(
      `sources:\n${many((i) => `  - titel: Notice ${i}\n    url: https://example.org/${i}\n`)}`,
    );
    expect(diagnostics).toHaveLength(N);
    expect(line(diagnostics[0])).toBe(
      '6:5: error[field-unknown]: unknown field "sources.0.titel" in this item (did you mean "title"?)',
    );
    expect(line(diagnostics[N - 1])).toMatch(
      /^40004:5: error\[field-unknown\]: unknown field "sources.19999.titel"/,
    );
  });

  it('20,000 unknown authorities, and 20,000 distinct tags', () => {
    const authorities = itemDiagnostics(`authority:\n${many((i) => `  - pboc-shanghai-${i}\n`)}`);
    expect(authorities).toHaveLength(N);
    expect(authorities[0]!.hint).toBe(
      'did you mean "pboc-shanghai"? Authorities are defined in data/authorities.yaml.',
    );
    const read = splitFrontMatter(
      'x.md',
      `---\n${HEAD}tags:\n${many((i) => `  - tag-${i}\n`)}---\n`,
    );
    const valid = validateItem(read.document!, ctx);
    expect(valid.diagnostics).toEqual([]);
    expect(valid.item!.tags).toHaveLength(N);
  });

  it('20,000 syntax errors', () => {
    const diagnostics = parseYaml(
      'x.yaml',
      many((i) => `k${i}: "open\n`),
    ).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code === 'yaml-syntax')).toBe(true);
  });

  it('20,000 unknown fields in the registry and the config', () => {
    const { data, config } = everywhere(many((i) => `field${i}: v\n`));
    expect(data).toHaveLength(N);
    expect(line(data[0])).toMatch(/^3:3: error\[field-unknown\]: unknown field "cac.field0"/);
    expect(config).toHaveLength(N);
    expect(line(config[N - 1])).toMatch(
      /^20000:1: error\[field-unknown\]: unknown field "field19999"/,
    );
  });
});
