import { describe, expect, it } from 'vitest';
import { unclosedAt } from '../../src/schema/yaml-errors.js';
import { splitFrontMatter } from '../../src/stages/read.js';

/** Where a YAML mistake is reported in the file, and what the editor is told to do. */

const reported = (yaml: string) =>
  splitFrontMatter('x.md', `---\n${yaml}\n---\n`).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.code}: ${d.hint}`,
  );

describe('YAML mistakes', () => {
  it.each([
    [
      'a colon in a title',
      'title: CAC: New Rules',
      '2:8 yaml-syntax: a value containing ": " must be quoted, e.g. title: "A: B"',
    ],
    [
      'an unclosed quote',
      'title: "Draft\ndate: 2022-01-10',
      '2:8 yaml-syntax: add the closing " of the value that starts here',
    ],
    [
      'an unclosed bracket',
      'title: A\ntags: [a, b\ndate: 2022-01-10',
      '3:7 yaml-syntax: add the "]" that closes this "["',
    ],
    ['an unclosed brace', 'fine: {amount: 1', '2:7 yaml-syntax: add the "}" that closes this "{"'],
    [
      'a tab as indentation',
      'title: A\n\tdate: 2022-01-10',
      '3:1 yaml-syntax: indent with spaces: YAML does not allow tabs there',
    ],
    [
      'a value starting with @',
      'party: @example',
      '2:8 yaml-syntax: a value starting with "@" or "`" must be quoted, e.g. party: "@example"',
    ],
    [
      'a bad escape',
      'title: "C:\\Data"',
      '2:11 yaml-syntax: in double quotes a backslash starts an escape: write "\\\\" for one, or use single quotes',
    ],
    [
      'a duplicate field',
      'title: A\ntitle: B',
      '3:1 yaml-duplicate-key: remove one of the two lines',
    ],
    [
      'deep nesting',
      `tags: ${'['.repeat(100)}`,
      '2:70 yaml-too-deep: a field needs a few levels at most (a list of maps); remove the extra brackets or indentation',
    ],
  ])('%s', (_, yaml, first) => expect(reported(yaml)[0]).toBe(first));
});

describe('the opener of an unclosed bracket or quote', () => {
  it('is found for every error offset in one pass', () => {
    const text = 'a: [1, "x"\nb: {c\n# [ not this\nd: \'q\'';
    expect(unclosedAt(text, [36, 2, 8, 14, 16, 20, 34])).toEqual([14, undefined, 7, 3, 14, 14, 33]);
  });
});
