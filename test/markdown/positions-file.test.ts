import { describe, expect, it } from 'vitest';
import { AUTHORITIES, BULLETIN, item, makeSite, removeSite, run } from '../helpers.js';

/**
 * A body's problems through `gazette check`: positions in the file, below
 * its front matter, the same with a BOM and CRLF line endings as with LF.
 */
const BODY = [
  'The CAC fined the platform.[^1] See ![the notice](javascript:alert(1)).',
  '',
  '- In a list[^missing]',
  '  > and a quote with [a link](jav&#x61;script:x)',
  '',
  '| Fine | Source |',
  '|---|---|',
  '| RMB 1 | `[^code]` [^cell] |',
  '',
  '[^1]: CAC notice; see also [^2].',
  '[^2]: CAC report.',
  '[^1]: Defined again.',
  '[^3]: Never referred to.',
  '',
].join('\n');

// The front matter takes lines 1 to 7.
const EXPECTED = [
  '8:51 url-unsafe',
  '10:12 footnote-undefined',
  '11:31 url-unsafe',
  '15:21 footnote-undefined',
  '17:28 footnote-nested',
  '19:1 footnote-duplicate',
  '20:1 footnote-unused',
];

async function check(text: string): Promise<string[]> {
  const root = makeSite({
    'data/authorities.yaml': AUTHORITIES,
    'content/bulletins/2022-02.md': BULLETIN,
    'content/items/x.md': text,
  });
  try {
    const result = await run('check', '--root', root, '--format', 'json');
    expect(result.code).toBe(1);
    const { errors } = JSON.parse(result.stdout) as {
      errors: { file: string; line: number; column: number; code: string }[];
    };
    return errors.map((e) => `${e.line}:${e.column} ${e.code}`);
  } finally {
    removeSite(root);
  }
}

describe('positions in the file', () => {
  const file = item({ title: 'Positions', authority: 'cac', tags: '[minors]' }, BODY);

  it('count the front matter above the body', async () => {
    expect(await check(file)).toEqual(EXPECTED);
  });

  it('are the same with a BOM and CRLF line endings', async () => {
    expect(await check(`\uFEFF${file.replace(/\n/g, '\r\n')}`)).toEqual(EXPECTED);
  });
});
