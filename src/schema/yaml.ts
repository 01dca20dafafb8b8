import type { Code } from '../codes.js';
import {
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Pair,
  type ParsedNode,
  type YAMLMap,
} from 'yaml';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { parseFast } from './yaml-fast.js';
import { keyText, toValue } from './yaml-nodes.js';
import { composeTree, type Problem, type YamlTree } from './yaml-tree.js';

/** A key path into a YAML document: `['sources', 0, 'url']`. */
export type YamlPath = readonly (string | number)[];

/**
 * A parsed YAML block that can still say where everything came from, so that
 * every later error can name the line and column of the field at fault. The
 * positions come from the `yaml` package, read only when a diagnostic first
 * asks for one: a file without errors never pays for them.
 */
export class YamlSource {
  private tree: YamlTree | undefined;
  private readonly pairs = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly text: string,
    /** Lines before the YAML block in its file. */
    private readonly lineOffset: number,
    tree?: YamlTree,
  ) {
    this.tree = tree;
  }

  /** Where the value at `path` starts (or its key, with `part: 'key'`); the nearest parent otherwise. */
  at(path: YamlPath, part: 'key' | 'value' = 'value'): Position {
    const tree = (this.tree ??= composeTree(this.text).tree);
    let node: ParsedNode | null = tree?.contents ?? null;
    let keyOffset: number | undefined;
    for (const step of path) {
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(String(step));
        if (!pair) break;
        keyOffset = (pair.key as ParsedNode | null)?.range[0];
        node = (pair.value as ParsedNode | null) ?? null;
        if (node === null) return this.position(keyOffset ?? 0);
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as ParsedNode | undefined;
        if (!item) break;
        keyOffset = undefined;
        node = item;
      } else {
        break;
      }
    }
    const offset =
      part === 'key' && keyOffset !== undefined ? keyOffset : (node?.range[0] ?? keyOffset ?? 0);
    return this.position(offset);
  }

  /**
   * Positions of top-level fields, kept with an item for errors that only the
   * whole site finds: each is found only when it is read (a structured clone
   * reads them all). The getters keep a copy of this YAML alone, since the
   * text is a slice that would keep the whole file alive as long as the item.
   */
  positions(keys: readonly (string | readonly [string, YamlPath])[]): Record<string, Position> {
    const positions: Record<string, Position> = {};
    if (keys.length === 0) return positions;
    const entries = keys.map((k) => (typeof k === 'string' ? ([k, [k]] as const) : k));
    if (this.tree) {
      for (const [key, path] of entries) positions[key] = this.at(path);
      return positions;
    }
    const own = new YamlSource(this.file, null, Buffer.from(this.text).toString(), this.lineOffset);
    for (const [key, path] of entries) {
      let at: Position | undefined;
      Object.defineProperty(positions, key, {
        enumerable: true,
        get: () => (at ??= own.at(path)),
      });
    }
    return positions;
  }

  /**
   * The text a scalar at `path` was written as ("2.000" for the number 2), so
   * that a number can be read from what the editor typed; undefined for
   * anything else. (It reads the positioned parse, as positions do.)
   */
  written(path: YamlPath): string | undefined {
    const tree = (this.tree ??= composeTree(this.text).tree);
    let node: unknown = tree?.contents ?? null;
    for (const step of path) {
      if (isMap(node)) node = this.pairsOf(node as YAMLMap).get(String(step))?.value;
      else if (isSeq(node) && typeof step === 'number') node = node.items[step];
      else return undefined;
    }
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  error(path: YamlPath, code: Code, message: string, hint?: string): Diagnostic {
    return diagnostic(this.file, this.at(path), code, message, hint);
  }

  keyError(path: YamlPath, code: Code, message: string, hint?: string): Diagnostic {
    return diagnostic(this.file, this.at(path, 'key'), code, message, hint);
  }

  private position(offset: number): Position {
    const { line, col } = this.tree?.counter.linePos(offset) ?? { line: 1, col: 1 };
    return { line: line + this.lineOffset, column: col };
  }

  /** A map's pairs by key, indexed once, so that finding every key of a map is linear. */
  private pairsOf(map: YAMLMap): Map<string, Pair> {
    let index = this.pairs.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? keyText(pair.key, NO_ANCHORS) : undefined;
        if (key !== undefined && !index.has(key)) index.set(key, pair);
      }
      this.pairs.set(map, index);
    }
    return index;
  }
}

const NO_ANCHORS: ReadonlyMap<string, ParsedNode> = new Map();

export interface YamlParse {
  source: YamlSource | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML 1.2 (core schema: dates stay strings, `yes` stays a string).
 * js-yaml reads ordinary files; whatever it refuses or might read otherwise
 * goes to the `yaml` package, which reports syntax errors, duplicate keys,
 * tags, too deep nesting and alias bombs with their positions.
 */
export function parseYaml(file: string, text: string, lineOffset = 0): YamlParse {
  const fast = parseFast(text);
  if (fast) return { source: new YamlSource(file, fast.value, text, lineOffset), diagnostics: [] };
  const { tree, counter, problems } = composeTree(text);
  if (!tree)
    return {
      source: undefined,
      diagnostics: problems.map((p) => toDiagnostic(file, counter, lineOffset, p)),
    };
  return {
    source: new YamlSource(file, toValue(tree.contents), text, lineOffset, tree),
    diagnostics: [],
  };
}

function toDiagnostic(
  file: string,
  counter: LineCounter,
  lineOffset: number,
  problem: Problem,
): Diagnostic {
  const { line, col } = counter.linePos(problem.offset);
  return diagnostic(
    file,
    { line: line + lineOffset, column: col },
    problem.code,
    problem.message,
    problem.hint,
  );
}
