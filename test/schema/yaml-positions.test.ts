import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Parser } from 'yaml';
import { DEFAULT_SECTIONS } from '../../src/config.js';
import { parseAuthorities } from '../../src/schema/authorities.js';
import { validateItem } from '../../src/schema/item.js';
import { parseYaml } from '../../src/schema/yaml.js';
import { readDocument } from '../../src/stages/read.js';

/**
 * Positions come from the `yaml` package, composed only when a diagnostic (or
 * the site model) first asks for one: a file without errors never pays for
 * the slow parse.
 */

/** Every slow parse goes through the `yaml` package's parser. */
const composed = vi.spyOn(Parser.prototype, 'parse');
beforeEach(() => composed.mockClear());
afterAll(() => composed.mockRestore());

const ctx = { sections: DEFAULT_SECTIONS, authorities: new Set(['cac']) };
const item = (extra = '') =>
  Buffer.from(
    `---\ntitle: A test item\ndate: 2022-01-10\ncategory: enforcement\n${extra}---\nBody.\n`,
  );

describe('positions are computed only when asked for', () => {
  it('an item without errors and without slug, bulletin or aliases never composes a tree', () => {
    const valid = validateItem(readDocument('x.md', item('tags: [a, b]\n')).document!, ctx);
    expect(valid.diagnostics).toEqual([]);
    expect(valid.item!.positions).toEqual({});
    expect(composed).not.toHaveBeenCalled();
  });

  it('nor does any item of this repository', () => {
    const root = join(import.meta.dirname, '../..');
    const registry = parseAuthorities(readFileSync(join(root, 'data/authorities.yaml'), 'utf8'));
    const authorities = new Set(registry.authorities.keys());
    const files = fg.sync('content/items/**/*.md', { cwd: root });
    expect(files.length).toBeGreaterThan(10);
    composed.mockClear();
    for (const file of files) {
      const read = readDocument(file, readFileSync(join(root, file)));
      expect(validateItem(read.document!, { ...ctx, authorities }).diagnostics).toEqual([]);
    }
    expect(composed).not.toHaveBeenCalled();
  });

  it('a slug, bulletin or alias position is found when the model reads it, and survives a structured clone', () => {
    const text = item('slug: my-item\nbulletin: 2022-02\naliases: [/old/]\n');
    const valid = validateItem(readDocument('x.md', text).document!, ctx);
    expect(valid.diagnostics).toEqual([]);
    expect(composed).not.toHaveBeenCalled();

    expect(valid.item!.positions.slug).toEqual({ line: 5, column: 7 });
    expect(valid.item!.positions.aliases).toEqual({ line: 7, column: 10 });
    expect(composed).toHaveBeenCalledTimes(1);
    // As the worker thread sends items: the positions arrive as plain data.
    expect(structuredClone(valid.item!.positions)).toEqual({
      slug: { line: 5, column: 7 },
      bulletin: { line: 6, column: 11 },
      aliases: { line: 7, column: 10 },
      'alias /old/': { line: 7, column: 11 },
    });
    expect(composed).toHaveBeenCalledTimes(1);
  });

  it('an error composes the tree once, however many errors there are', () => {
    const valid = validateItem(
      readDocument('x.md', item('titel: x\ndraft: maybe\nweight: heavy\n')).document!,
      ctx,
    );
    expect(valid.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`).sort()).toEqual([
      '5:1 field-unknown',
      '6:8 field-type',
      '7:9 field-type',
    ]);
    expect(composed).toHaveBeenCalledTimes(1);
  });

  it('a document the fast path steps aside for is composed once, and its positions reused', () => {
    const parsed = parseYaml('x.yaml', 'a: !!str 1\nb: [x\n  , y]\n');
    expect(composed).toHaveBeenCalledTimes(1);
    expect(parsed.source!.at(['b', 1])).toEqual({ line: 3, column: 5 });
    expect(composed).toHaveBeenCalledTimes(1);
  });
});

describe('syntax errors are placed on their own line', () => {
  it('after a token the parser could not read, the later lines still count (found by npm run fuzz)', () => {
    const text = '}  - id: legislation\n  - id: enforcement\n';
    const { diagnostics } = parseYaml('gazette.config.yaml', text);
    expect(diagnostics.length).toBeGreaterThan(1);
    const lines = text.split('\n');
    for (const d of diagnostics) {
      expect(d.line).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    }
    // The second line's "id: enforcement" is reported there, not at column 28 of line 1.
    expect(diagnostics.some((d) => d.line === 2)).toBe(true);
  });
});

describe('each syntax error is reported once', () => {
  it('two errors about the one unclosed bracket are one diagnostic (found by npm run fuzz)', () => {
    const text = 'title: Fines\n  - {amount: "300,000", currency: RMB}\n  - {amount: 12.5}\n';
    const { diagnostics } = parseYaml('x.md', text);
    expect(diagnostics.length).toBeGreaterThan(0);
    const keys = diagnostics.map((d) => JSON.stringify(d));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
