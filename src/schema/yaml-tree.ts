import type { Code } from '../codes.js';
import { Composer, LineCounter, Parser, type ParsedNode } from 'yaml';
import { valueBudget } from './yaml-fast.js';
import { syntaxProblems } from './yaml-errors.js';
import { checkNodes } from './yaml-nodes.js';
import { scanTokens } from './yaml-tokens.js';

/**
 * The slow path: the `yaml` package, which knows where everything is. It runs
 * parseDocument's own two steps (tokens, then a document with a LineCounter)
 * with a check after each: the tokens are read first (the tokenizer does not
 * recurse), so that a document nested thousands deep or tagged
 * `!!js/function` is refused before anything recurses into it or builds what
 * a tag asks for (yaml-tokens.ts); the document is then checked for what
 * `yaml` lets through, in one pass over its nodes (yaml-nodes.ts).
 */

/** A problem at an offset of the YAML text, with what to tell the editor. */
export interface Problem {
  offset: number;
  code: Code;
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
  const tokens = Array.from(new Parser().parse(text));
  const counter = lineCounter(text);
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

/**
 * Where each line of the text starts. Counted from the text itself: the
 * parser's own count skips the line breaks inside what it could not read
 * (`}  - id: a⏎  - id: b` put every later error on line 1).
 */
function lineCounter(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}
