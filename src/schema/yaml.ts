import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';

/** A key path into a YAML document: `['sources', 0, 'url']`. */
export type YamlPath = readonly (string | number)[];

/**
 * A parsed YAML block that still knows where everything came from, so that
 * every later error can name the line and column of the field at fault.
 */
export class YamlSource {
  constructor(
    readonly file: string,
    private readonly contents: Node | null,
    private readonly counter: LineCounter,
    /** Lines before the YAML block in its file (1 for front matter after `---`). */
    private readonly lineOffset: number,
    readonly value: unknown,
  ) {}

  /** Where the value at `path` starts (or its key, with `part: 'key'`); the nearest parent otherwise. */
  at(path: YamlPath, part: 'key' | 'value' = 'value'): Position {
    let node: Node | null = this.contents;
    let keyOffset: number | undefined;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
        if (!pair) break;
        keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        node = (pair.value as Node | null) ?? null;
        if (node === null) return this.position(keyOffset ?? 0);
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as Node | undefined;
        if (!item) break;
        keyOffset = undefined;
        node = item;
      } else {
        break;
      }
    }
    const offset =
      part === 'key' && keyOffset !== undefined ? keyOffset : (node?.range?.[0] ?? keyOffset ?? 0);
    return this.position(offset);
  }

  /**
   * The text a scalar at `path` was written as ("2.000" for the number 2), so
   * that a number can be read from what the editor typed; undefined for
   * anything else.
   */
  written(path: YamlPath): string | undefined {
    let node: unknown = this.contents;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
        node = pair?.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
      } else {
        return undefined;
      }
    }
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  position(offset: number): Position {
    const { line, col } = this.counter.linePos(offset);
    return { line: line + this.lineOffset, column: col };
  }

  error(path: YamlPath, code: string, message: string, hint?: string): Diagnostic {
    return diagnostic(this.file, this.at(path), code, message, hint);
  }

  keyError(path: YamlPath, code: string, message: string, hint?: string): Diagnostic {
    return diagnostic(this.file, this.at(path, 'key'), code, message, hint);
  }
}

export interface YamlParse {
  source: YamlSource | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML 1.2 (core schema: dates stay strings, `yes` stays a string),
 * reporting syntax errors and duplicate keys with their positions.
 */
export function parseYaml(file: string, text: string, lineOffset = 0): YamlParse {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const place = (offset: number): Position => {
    const { line, col } = counter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      source: undefined,
      diagnostics: doc.errors.map((e) => {
        if (e.code === 'DUPLICATE_KEY') {
          const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim();
          return diagnostic(
            file,
            place(e.pos[0]),
            'yaml-duplicate-key',
            `the key "${key}" appears twice`,
            'remove one of the two lines',
          );
        }
        // The parser notices an unclosed bracket or quote where it gives up;
        // the editor needs to see where it was opened.
        const opener = unclosedBefore(text, e.pos[0]);
        return diagnostic(
          file,
          place(opener ?? e.pos[0]),
          'yaml-syntax',
          `YAML syntax: ${firstLine(e.message)}`,
          opener === undefined ? yamlHint(e.code) : closingHint(text[opener]!),
        );
      }),
    };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    source: new YamlSource(file, doc.contents, counter, lineOffset, value),
    diagnostics: [],
  };
}

/** The offset of a bracket or quote opened before `offset` and not closed by then. */
export function unclosedBefore(text: string, offset: number): number | undefined {
  const open: number[] = [];
  let quote: number | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === text[quote] && !(c === '"' && text[i - 1] === '\\')) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < offset && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{]/.test(text[i - 1]!))) {
      quote = i;
    } else if (c === '[' || c === '{') {
      open.push(i);
    } else if ((c === ']' || c === '}') && open.length > 0) {
      open.pop();
    }
  }
  return quote ?? open[open.length - 1];
}

function closingHint(opener: string): string {
  if (opener === '[') return 'add the "]" that closes this "["';
  if (opener === '{') return 'add the "}" that closes this "{"';
  return `add the closing ${opener} of the value that starts here`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\.$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and that every bracket and quote is closed';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value containing ": " must be quoted, e.g. title: "A: B"';
    default:
      return 'values containing ": ", "#" or starting with a quote, "[" or "{" must be quoted';
  }
}
