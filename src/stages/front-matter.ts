import matter from 'gray-matter';
import { diagnostic, START, type Diagnostic, type Position } from '../diagnostics.js';
import { parseYaml, type YamlParse } from '../schema/yaml.js';

/**
 * Front matter: a strict front door, then gray-matter. gray-matter splits and
 * dispatches to an engine, but its closing delimiter is not line-exact
 * ("---x" and "----" close a block), it says nothing of a block never closed,
 * "---js" or "---json" after the opening switches language ("---js" runs the
 * block as code, whatever YAML engine it is given), and called without
 * options it caches results in a module-level map. So the door checks the
 * delimiters line by line first, reports what is wrong with its line, and
 * lets through only YAML whose every line gray-matter will split where the
 * door did; gray-matter is always given options, and every engine but ours
 * throws.
 */

export interface FrontMatter {
  /** The YAML between the delimiters, parsed (undefined when it has errors). */
  parsed: YamlParse;
  body: string;
  /** The line of the file on which the body starts (1-based). */
  bodyLine: number;
}

/** The opening line: exactly "---" (trailing blanks allowed). */
const OPENING = /^---[ \t]*$/;
/** The closing line: exactly "---" or YAML's "..." (trailing blanks allowed). */
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;
/** What gray-matter would take for a closing line. */
const LOOKS_CLOSING = /^(?:---|\.\.\.)/;

interface Door {
  closer: '---' | '...';
  /** Offsets of the closing line's start and end (its newline, or the end of the text). */
  closeStart: number;
  closeEnd: number;
  closeLine: number;
}

/** Splits `---` front matter from the body and parses it as YAML. */
export function readFrontMatter(
  file: string,
  text: string,
): { frontMatter?: FrontMatter; diagnostics: Diagnostic[] } {
  const door = frontDoor(file, text);
  if (!('closer' in door)) return { diagnostics: door };

  let parsed: YamlParse | undefined;
  // gray-matter is given the front matter alone: it hashes and copies what it
  // is given, and the body is no business of its.
  const result = matter(text.slice(0, door.closeEnd), {
    ...matterOptions((yaml) => {
      parsed = parseYaml(file, yaml);
      return {};
    }),
    delimiters: ['---', door.closer],
  });
  // The door made sure that gray-matter splits where it does; anything else is a bug.
  if (
    result.matter !== text.slice(3, door.closeStart - 1) ||
    result.content !== text.slice(door.closeStart + 3, door.closeEnd)
  )
    throw new Error(`gray-matter split ${file} elsewhere than its front matter's delimiters`);
  const body = text.slice(door.closeEnd + 1);
  // gray-matter calls no engine for a block of blank lines and comments.
  parsed ??= parseYaml(file, result.matter);
  return {
    frontMatter: { parsed, body, bodyLine: door.closeLine + 1 },
    diagnostics: parsed.diagnostics,
  };
}

/**
 * gray-matter's options: our YAML engine, and every other language's engine
 * throws instead of running (gray-matter falls back from `js: false` to its
 * own `javascript` engine, so each name is overridden). The door refuses a
 * language after the opening "---" before gray-matter ever sees it.
 */
export function matterOptions(yaml: (text: string) => object) {
  const refuse = (): never => {
    throw new Error('gazette reads front matter only in YAML');
  };
  const refused = { parse: refuse, stringify: refuse };
  return {
    language: 'yaml',
    engines: {
      yaml: { parse: yaml, stringify: refuse },
      yml: { parse: yaml, stringify: refuse },
      javascript: refused,
      js: refused,
      json: refused,
      coffee: refused,
      coffeescript: refused,
      cson: refused,
      toml: refused,
    },
  };
}

/** The closing line, or what is wrong with the delimiters, each at its line. */
function frontDoor(file: string, text: string): Door | Diagnostic[] {
  const firstEnd = lineEnd(text, 0);
  const first = text.slice(0, firstEnd);
  if (!first.startsWith('---')) {
    return [
      diagnostic(
        file,
        START,
        'frontmatter-missing',
        'the file does not start with front matter',
        'begin the file with a line "---", the fields (title: …), and another line "---"',
      ),
    ];
  }
  if (!OPENING.test(first)) {
    const language = first.slice(3).trim();
    return [
      /^[A-Za-z][\w+-]*$/.test(language)
        ? diagnostic(
            file,
            { line: 1, column: 4 },
            'frontmatter-language',
            `front matter in "${language}" is not read: only YAML is`,
            'write "---" alone on the first line, and the fields below it in YAML (title: …)',
          )
        : delimiterError(file, START, first),
    ];
  }
  const nearMisses: Diagnostic[] = [];
  for (let start = firstEnd + 1, line = 2; start <= text.length; line++) {
    const end = lineEnd(text, start);
    const c = text[start];
    const content = c === '-' || c === '.' ? text.slice(start, end) : '';
    if (CLOSING.test(content)) {
      if (nearMisses.length > 0) return nearMisses;
      return {
        closer: content.startsWith('---') ? '---' : '...',
        closeStart: start,
        closeEnd: end,
        closeLine: line,
      };
    }
    if (LOOKS_CLOSING.test(content))
      nearMisses.push(delimiterError(file, { line, column: 1 }, content));
    start = end + 1;
  }
  const miss = nearMisses[0];
  return [
    diagnostic(
      file,
      START,
      'frontmatter-unclosed',
      'the front matter opened here is never closed',
      miss === undefined
        ? 'add a line "---" after the last field'
        : `line ${miss.line} does not close it: the closing line must be exactly "---"`,
    ),
  ];
}

function delimiterError(file: string, at: Position, line: string): Diagnostic {
  const shown = line.length > 20 ? `${line.slice(0, 20)}…` : line;
  return diagnostic(
    file,
    at,
    'frontmatter-delimiter',
    at.line === 1
      ? `the first line "${shown}" is not "---"`
      : `the line "${shown}" neither closes the front matter nor is YAML`,
    at.line === 1
      ? 'front matter starts with a line that is exactly "---"'
      : 'front matter ends with a line that is exactly "---"; remove what follows the dashes, or indent the line under its field',
  );
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}
