import type { CST } from 'yaml';
import { MAX_DEPTH } from './yaml-fast.js';
import type { Problem } from './yaml-tree.js';

/**
 * What the token stream alone shows, before anything recurses into it or
 * builds what a tag asks for: nesting past MAX_DEPTH, tags other than the
 * core schema's, %TAG directives. (The `yaml` tokenizer keeps a stack of its
 * own and does not recurse, however deep the text.)
 */

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map']);

/**
 * Depth and tags, from the tokens, in document order; a document too deep
 * stops there. Every tag's offset goes into `tags`.
 */
export function scanTokens(tokens: readonly CST.Token[], tags: Map<number, string>): Problem[] {
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
