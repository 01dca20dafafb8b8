import { isAlias, isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { ALIAS_ALLOWANCE } from './yaml-fast.js';
import type { Problem } from './yaml-tree.js';

/**
 * What the composed document shows, in one pass over its nodes: what `yaml`
 * lets through (duplicate keys, keys that are not text, aliases that name
 * nothing or what contains them, alias bombs), and its value as plain
 * JavaScript, aliases resolved as they go rather than by searching the
 * document for each.
 */

/** The text a key becomes in JavaScript, as `yaml` makes it; undefined for a collection. */
export function keyText(
  key: unknown,
  anchors: ReadonlyMap<string, ParsedNode>,
): string | undefined {
  const node = isAlias(key) ? anchors.get(key.source) : key;
  if (!isScalar(node)) return undefined;
  return node.value === null ? '' : String(node.value);
}

/**
 * Duplicate keys (as JavaScript sees them: `1:` and `"1":` are one key),
 * keys that are collections, and aliases: each must name an anchor set
 * before it, outside itself, and all of them together may not expand the
 * document past its value budget.
 */
export function checkNodes(root: ParsedNode | null, budget: number): Problem[] {
  const problems: Problem[] = [];
  const anchors = new Map<string, ParsedNode>();
  /** Anchored nodes that are complete, and how many values each holds. */
  const sizes = new Map<ParsedNode, number>();
  let total = 0;
  const visit = (node: ParsedNode | null): number => {
    if (node === null || total > budget) return ((total += 1), 1);
    if (isAlias(node)) {
      const source = anchors.get(node.source);
      const size = source && sizes.get(source);
      if (size === undefined) {
        problems.push(aliasProblem(node.range[0], node.source, source !== undefined));
        return ((total += 1), 1);
      }
      total += size;
      if (total > budget)
        problems.push({
          offset: node.range[0],
          code: 'yaml-alias-bomb',
          // Past the budget, they repeat more values than the allowance beyond what is written.
          message: `the "*" aliases here repeat more than ${ALIAS_ALLOWANCE.toLocaleString('en-US')} values (an alias bomb)`,
          hint: 'write the values out instead of repeating them with "&" anchors and "*" aliases',
        });
      return size;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    total += 1;
    let size = 1;
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as ParsedNode | null;
        if (isScalar(key) && key.anchor) {
          anchors.set(key.anchor, key);
          sizes.set(key, 1);
        }
        const text = key === null ? undefined : keyText(key, anchors);
        const offset = key?.range[0] ?? (pair.value as ParsedNode | null)?.range[0] ?? 0;
        if (text === undefined || text === '') {
          problems.push(keyProblem(offset, key, anchors));
        } else if (keys.has(text)) {
          problems.push({
            offset,
            code: 'yaml-duplicate-key',
            message: `the key "${text}" appears twice`,
            hint: 'remove one of the two lines',
          });
        } else {
          keys.add(text);
        }
        size += visit(pair.value as ParsedNode | null);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) size += visit(item as ParsedNode | null);
    }
    if (node.anchor) sizes.set(node, size);
    return size;
  };
  visit(root);
  return problems;
}

/** A key gazette cannot name a field with: none, nothing (`~`, `null`), a list or a map. */
function keyProblem(
  offset: number,
  key: ParsedNode | null,
  anchors: ReadonlyMap<string, ParsedNode>,
): Problem {
  const node = isAlias(key) ? anchors.get(key.source) : key;
  const hint = 'write the field name before ":", e.g. title: …';
  if (isScalar(node) && node.value === null && node.source !== '')
    return {
      offset,
      code: 'yaml-key',
      message: `the key ${node.source} means "nothing" in YAML`,
      hint: `quote it to use it as a name: "${node.source}": …`,
    };
  if (isScalar(node) || node === null)
    return { offset, code: 'yaml-key', message: 'a key is missing before ":"', hint };
  return {
    offset,
    code: 'yaml-key',
    message: 'a key must be plain text, not a list or a map',
    hint,
  };
}

function aliasProblem(offset: number, name: string, inside: boolean): Problem {
  return inside
    ? {
        offset,
        code: 'yaml-alias',
        message: `the alias *${name} is inside the value it repeats`,
        hint: `an alias can only repeat a value that ends before it; write the value out`,
      }
    : {
        offset,
        code: 'yaml-alias',
        message: `the alias *${name} names no anchor`,
        hint: `mark the value to repeat with &${name} before this line, or quote text that starts with "*"`,
      };
}

/** The document's value as plain JavaScript, aliases shared by reference (as `yaml` gives them). */
export function toValue(root: ParsedNode | null): unknown {
  const anchors = new Map<string, ParsedNode>();
  const values = new Map<ParsedNode, unknown>();
  const convert = (node: ParsedNode | null): unknown => {
    if (node === null) return null;
    if (isAlias(node)) return values.get(anchors.get(node.source)!);
    if (node.anchor) anchors.set(node.anchor, node);
    let value: unknown;
    if (isMap(node)) {
      const record: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key as ParsedNode | null;
        if (isScalar(key) && key.anchor) {
          anchors.set(key.anchor, key);
          values.set(key, key.value);
        }
        const name = key === null ? '' : keyText(key, anchors)!;
        const entry = convert(pair.value as ParsedNode | null);
        if (name === '__proto__')
          Object.defineProperty(record, name, {
            value: entry,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else record[name] = entry;
      }
      value = record;
    } else if (isSeq(node)) {
      value = node.items.map((item) => convert(item as ParsedNode | null));
    } else {
      value = isScalar(node) ? node.value : null;
    }
    if (node.anchor) values.set(node, value);
    return value;
  };
  return convert(root);
}
