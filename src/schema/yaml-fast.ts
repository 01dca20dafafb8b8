import { FAILSAFE_SCHEMA, Type, load, type LoadOptions } from 'js-yaml';

/**
 * The fast path: js-yaml, about ten times faster than the `yaml` package, for
 * the ordinary front matter of almost every file. It answers only when it is
 * sure to read what the `yaml` package reads (see yaml-tree.ts); for anything
 * else — a syntax error, a tag, a directive, a complex key, too deep a value,
 * an alias bomb — it steps aside and the `yaml` package decides.
 */

/** Collections nested deeper than this are refused (see yaml-tree.ts). */
export const MAX_DEPTH = 64;

/** How many more values than it has characters a document's aliases may make. */
export const ALIAS_ALLOWANCE = 10_000;

/**
 * Values that a document may hold once its aliases are expanded: its length
 * plus ALIAS_ALLOWANCE. Without aliases a document holds at most one value per
 * character, so only aliases can pass this, by repeating what they name.
 */
export function valueBudget(text: string): number {
  return text.length + ALIAS_ALLOWANCE;
}

/** The `yaml` package's core schema (YAML 1.2): `2022-01-28` and `yes` stay text. */
const scalar = (tag: string, test: RegExp, construct: (text: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => text !== null && test.test(text),
    construct,
  });

const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)$/, () => null),
    scalar(
      'bool',
      /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      (text) => text[0] === 't' || text[0] === 'T',
    ),
    scalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (text) =>
      text.startsWith('0o')
        ? parseInt(text.slice(2), 8)
        : text.startsWith('0x')
          ? parseInt(text.slice(2), 16)
          : parseInt(text, 10),
    ),
    scalar(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (text) =>
        /nan$/i.test(text)
          ? NaN
          : /inf$/i.test(text)
            ? text.startsWith('-')
              ? -Infinity
              : Infinity
            : parseFloat(text),
    ),
  ],
});

/**
 * What js-yaml reads differently or not at all, found in the text: a tag
 * (`!` where a value starts), an alias (`*` there: js-yaml would take an
 * alias of a list as the key "1,2"), a directive (`%` starting a line), a key
 * that is a collection (`[a]: b`) or explicit (`? a`). The test errs on the
 * side of the slow path: "Wow ! " also sends a file there, which only costs
 * time.
 */
const SLOW_PATH = /(?:^|[\s[{,:])[!*]|^%|[\]}][ \t]*:|(?:^|[\s[{,])\?(?:\s|$)/m;

const OPTIONS: LoadOptions & { maxDepth: number } = {
  schema: CORE,
  // js-yaml's own guard against deep recursion, a little above our limit,
  // so that whatever passes it is judged by the walk below.
  maxDepth: MAX_DEPTH + 2,
};

/** The document's value, or undefined when the `yaml` package must decide. */
export function parseFast(text: string): { value: unknown } | undefined {
  if (SLOW_PATH.test(text) || hasLongLine(text)) return undefined;
  const read = readJsYaml(text);
  return read && isPlain(read.value, valueBudget(text)) ? read : undefined;
}

/**
 * A line over 1,024 characters: YAML limits an implicit key to that length,
 * and js-yaml does not (`yaml` does), so such a file takes the slow path.
 */
function hasLongLine(text: string): boolean {
  if (text.length <= 1024) return false;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > 1024) return true;
    start = stop + 1;
  }
  return false;
}

/** js-yaml alone, with the core schema: the value, or undefined when it refuses the text. */
export function readJsYaml(text: string): { value: unknown } | undefined {
  try {
    // An empty document: js-yaml says undefined, `yaml` says null.
    return { value: load(text, OPTIONS) ?? null };
  } catch {
    return undefined;
  }
}

/**
 * Walks the value as its readers will, counting every value an alias repeats
 * (js-yaml shares them by reference, so a "billion laughs" document is cheap
 * to parse and explodes whoever walks it): false past the budget, past
 * MAX_DEPTH, or on a key "null" (`~:` gives it too; `yaml` reads that as "") or
 * "" (both refused on the slow path: no field has no name).
 */
export function isPlain(root: unknown, budget: number): boolean {
  let count = 0;
  const visit = (value: unknown, depth: number): boolean => {
    if (++count > budget) return false;
    if (typeof value !== 'object' || value === null) return true;
    if (depth > MAX_DEPTH) return false;
    if (Array.isArray(value)) return value.every((entry) => visit(entry, depth + 1));
    if (
      Object.getPrototypeOf(value) !== Object.prototype ||
      Object.hasOwn(value, 'null') ||
      Object.hasOwn(value, '')
    )
      return false;
    for (const entry of Object.values(value)) if (!visit(entry, depth + 1)) return false;
    return true;
  };
  return visit(root, 1);
}
