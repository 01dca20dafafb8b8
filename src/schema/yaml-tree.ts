import {
  Composer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type CST,
  type ParsedNode,
} from 'yaml';
import { ALIAS_ALLOWANCE, MAX_DEPTH, valueBudget } from './yaml-fast.js';
import { syntaxProblems } from './yaml-errors.js';

/**
 * The slow path: the `yaml` package, which knows where everything is. Its
 * token stream is read first (the tokenizer does not recurse), so that a
 * document nested thousands deep or tagged `!!js/function` is refused before
 * anything recurses into it or builds what a tag asks for; the document it
 * composes is then checked for what `yaml` lets through (duplicate keys,
 * aliases that repeat too much or name nothing) in one pass over its nodes.
 */

/** A problem at an offset of the YAML text, with what to tell the editor. */
export interface Problem {
  offset: number;
  code: string;
  message: string;
  hint: string;
}

export interface YamlTree {
  contents: ParsedNode | null;
  counter: LineCounter;
}

export function composeTree(text: string): {
  tree?: YamlTree;
  counter: LineCounter;
  problems: Problem[];
} {
  const counter = new LineCounter();
  const tokens = Array.from(new Parser(counter.addNewLine).parse(text));
  const tags = new Map<number, string>();
  const refused = scanTokens(tokens, tags);
  if (refused.length > 0) return { counter, problems: refused };

  const composer = new Composer({ schema: 'core', uniqueKeys: false, resolveKnownTags: false });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  const doc = docs[0]!;
  const problems = syntaxProblems(text, doc.errors);
  // A tag it knows on a value it does not fit (`!!bool yes`): `yaml` warns and keeps the text.
  for (const warning of doc.warnings)
    if (warning.code === 'TAG_RESOLVE_FAILED')
      problems.push({
        offset: warning.pos[0],
        code: 'yaml-tag',
        message: `the value does not fit its YAML tag ${tags.get(warning.pos[0]) ?? ''}`.trim(),
        hint: 'remove the tag, or write a value of the type it names',
      });
  if (docs.length > 1)
    problems.push({
      offset: docs[1]!.range[0],
      code: 'yaml-syntax',
      message: 'the text holds a second YAML document',
      hint: 'remove the line "---" or "..." that starts it',
    });
  if (problems.length > 0) return { counter, problems };
  const contents = doc.contents as ParsedNode | null;
  const checked = checkNodes(contents, valueBudget(text));
  if (checked.length > 0) return { counter, problems: checked };
  return { tree: { contents, counter }, counter, problems: [] };
}

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map']);

/**
 * Depth and tags, from the tokens, in document order; a document too deep
 * stops there. Every tag's offset goes into `tags`.
 */
function scanTokens(tokens: readonly CST.Token[], tags: Map<number, string>): Problem[] {
  const problems: Problem[] = [];
  const stack: [CST.Token, number][] = [];
  const push = (token: CST.Token | null | undefined, depth: number) => {
    if (token) stack.push([token, depth]);
  };
  const pushAll = (list: readonly CST.Token[] | undefined, depth: number) => {
    for (let i = (list?.length ?? 0) - 1; i >= 0; i--) push(list![i], depth);
  };
  pushAll(tokens, 0);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        pushAll(token.end, depth);
        push(token.value, depth);
        pushAll(token.start, depth);
        break;
      case 'doc-end':
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        pushAll(token.end, depth);
        break;
      case 'block-scalar':
        pushAll(token.props, depth);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const inner = depth + 1;
        if (inner > MAX_DEPTH) return [tooDeep(token.offset)];
        if (token.type === 'flow-collection') pushAll(token.end, inner);
        for (let i = token.items.length - 1; i >= 0; i--) {
          const item = token.items[i]! as CST.CollectionItem;
          push(item.value, inner);
          pushAll(item.sep, inner);
          push(item.key, inner);
          pushAll(item.start, inner);
        }
        if (token.type === 'flow-collection') push(token.start, inner);
        break;
      }
      case 'tag': {
        tags.set(token.offset, token.source);
        const problem = tagProblem(token.offset, token.source);
        if (problem) problems.push(problem);
        break;
      }
      case 'directive':
        if (token.source.startsWith('%TAG'))
          problems.push({
            offset: token.offset,
            code: 'yaml-tag',
            message: 'YAML %TAG directives are not supported here',
            hint: 'remove the line; values are plain text, numbers, lists and maps',
          });
        break;
    }
  }
  return problems;
}

function tooDeep(offset: number): Problem {
  return {
    offset,
    code: 'yaml-too-deep',
    message: `the YAML is nested more than ${MAX_DEPTH} levels deep here`,
    hint: 'a field needs a few levels at most (a list of maps); remove the extra brackets or indentation',
  };
}

function tagProblem(offset: number, tag: string): Problem | undefined {
  if (tag === '!') return undefined; // "not a number": plain text
  const name = /^!!(.+)$/.exec(tag)?.[1] ?? /^!<tag:yaml\.org,2002:(.+)>$/.exec(tag)?.[1];
  if (name !== undefined && CORE_TAGS.has(name)) return undefined;
  const what =
    name === 'binary'
      ? 'binary data'
      : name === 'timestamp'
        ? 'a date and time'
        : name === 'set' || name === 'omap' || name === 'pairs'
          ? 'a YAML 1.1 collection'
          : name?.startsWith('js/')
            ? 'JavaScript'
            : undefined;
  const hint =
    name === 'timestamp'
      ? 'write the date as plain text, e.g. 2022-01-28'
      : what === 'a YAML 1.1 collection'
        ? 'write a plain list ("- …") or map ("key: value")'
        : 'write the value as plain text';
  return {
    offset,
    code: 'yaml-tag',
    message:
      what === undefined
        ? `unknown YAML tag ${tag}`
        : `YAML tag ${tag} (${what}) is not supported here`,
    hint: what === undefined ? `remove ${tag} and ${hint}` : hint,
  };
}

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
function checkNodes(root: ParsedNode | null, budget: number): Problem[] {
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
