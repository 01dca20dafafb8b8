import type { YAMLParseError } from 'yaml';
import type { Problem } from './yaml-tree.js';

/**
 * The `yaml` package's syntax errors, told for editors: where it gives up on
 * an unclosed bracket or quote, the editor needs to see where it was opened.
 */
export function syntaxProblems(text: string, errors: readonly YAMLParseError[]): Problem[] {
  const openers = unclosedAt(
    text,
    errors.map((e) => e.pos[0]),
  );
  const problems = errors.map((e, i): Problem => {
    // An error with a cause of its own (a tab, a bad escape) is not about a bracket left open.
    const own = ownHint(e.code);
    const opener = own === undefined ? openers[i] : undefined;
    return {
      offset: opener ?? e.pos[0],
      code: 'yaml-syntax',
      message: `YAML syntax: ${firstLine(e.message)}`,
      hint: own ?? (opener === undefined ? yamlHint(e.code) : closingHint(text[opener]!)),
    };
  });
  // Two errors placed at the one bracket they are both about are one error for the editor.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.offset}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * For each offset, the offset of a bracket or quote opened before it and not
 * closed by then — in one pass over the text however many offsets there are.
 */
export function unclosedAt(text: string, offsets: readonly number[]): (number | undefined)[] {
  const order = offsets.map((offset, i) => [offset, i] as const).sort((a, b) => a[0] - b[0]);
  const result: (number | undefined)[] = new Array<number | undefined>(offsets.length);
  const open: number[] = [];
  let quote: number | undefined;
  let comment = false;
  let k = 0;
  for (let i = 0; k < order.length; i++) {
    while (k < order.length && (order[k]![0] <= i || i >= text.length)) {
      result[order[k]![1]] = quote ?? open[open.length - 1];
      k++;
    }
    if (i >= text.length) break;
    const c = text[i]!;
    if (comment) {
      if (c === '\n') comment = false;
    } else if (quote !== undefined) {
      if (c === text[quote] && !(c === '"' && text[i - 1] === '\\')) quote = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      comment = true;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{]/.test(text[i - 1]!))) {
      quote = i;
    } else if (c === '[' || c === '{') {
      open.push(i);
    } else if ((c === ']' || c === '}') && open.length > 0) {
      open.pop();
    }
  }
  return result;
}

function closingHint(opener: string): string {
  if (opener === '[') return 'add the "]" that closes this "["';
  if (opener === '{') return 'add the "}" that closes this "{"';
  return `add the closing ${opener} of the value that starts here`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\.$/, '');
}

function ownHint(code: string): string | undefined {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'indent with spaces: YAML does not allow tabs there';
    case 'BAD_SCALAR_START':
      return 'a value starting with "@" or "`" must be quoted, e.g. party: "@example"';
    case 'BAD_DQ_ESCAPE':
      return 'in double quotes a backslash starts an escape: write "\\\\" for one, or use single quotes';
    case 'KEY_OVER_1024_CHARS':
      return 'a field name is at most 1,024 characters: check for a missing line break or ": "';
    default:
      return undefined;
  }
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
