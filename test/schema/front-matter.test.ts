import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import matter from 'gray-matter';
import { afterEach, describe, expect, it } from 'vitest';
import { matterOptions, readFrontMatter } from '../../src/stages/front-matter.js';
import { splitFrontMatter } from '../../src/stages/read.js';

/**
 * gray-matter behind a strict front door: each of gray-matter's quirks, shown
 * on gray-matter itself (so that the test notices if a new version changes
 * it), and what gazette does instead.
 */

const codes = (text: string) =>
  splitFrontMatter('x.md', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);

describe('the closing delimiter must be a whole line', () => {
  const dashes = '---\ntitle: A\n---x\ndate: 2022-01-10\n---\nBody.\n';
  const four = '---\ntitle: A\n----\ndate: 2022-01-10\n---\nBody.\n';

  it('gray-matter closes the block at "---x" and at "----"', () => {
    expect(matter(dashes, {}).data).toEqual({ title: 'A' });
    expect(matter(dashes, {}).content).toBe('x\ndate: 2022-01-10\n---\nBody.\n');
    expect(matter(four, {}).data).toEqual({ title: 'A' });
  });

  it('gazette refuses such a line inside the front matter, at its line', () => {
    expect(codes(dashes)).toEqual(['3:1 frontmatter-delimiter']);
    expect(codes(four)).toEqual(['3:1 frontmatter-delimiter']);
    const [d] = splitFrontMatter('x.md', dashes).diagnostics;
    expect(d!.message).toBe('the line "---x" neither closes the front matter nor is YAML');
  });

  it('and reads the block to the real closing line otherwise, trailing blanks allowed', () => {
    const { document } = splitFrontMatter('x.md', '---  \ntitle: A\n---\t \nBody\n---\nmore\n');
    expect(document!.yaml.value).toEqual({ title: 'A' });
    expect(document!.body).toBe('Body\n---\nmore\n');
    expect(document!.bodyLine).toBe(4);
  });

  it('accepts YAML\'s "..." as the closing line', () => {
    const { document } = splitFrontMatter('x.md', '---\ntitle: A\n...\nBody\n');
    expect(document!.yaml.value).toEqual({ title: 'A' });
    expect(document!.body).toBe('Body\n');
  });
});

describe('a block never closed', () => {
  const unclosed = '---\ntitle: A\ndate: 2022-01-10\n\nThe body, and no closing line.\n';

  it('gray-matter says nothing and reads the body as YAML', () => {
    const file = matter('---\ntitle: A\ndate: 2022-01-10\n', {});
    expect(file.data).toEqual({ title: 'A', date: new Date('2022-01-10') });
    expect(file.content).toBe('');
  });

  it('gazette reports it at the opening line', () => {
    expect(codes(unclosed)).toEqual(['1:1 frontmatter-unclosed']);
  });

  it('and names the line that looks like a closing line but is not one', () => {
    const [d] = splitFrontMatter('x.md', '---\ntitle: A\n--- \u00a0\nBody\n').diagnostics;
    expect(d!.code).toBe('frontmatter-unclosed');
    expect(d!.hint).toBe('line 3 does not close it: the closing line must be exactly "---"');
  });
});

describe('another language after the opening "---"', () => {
  const marker = '__gazette_front_matter_ran__';
  let dir: string | undefined;
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[marker];
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A `---js` block that, run, sets a global and writes a file. */
  function hostile(): { text: string; proof: string } {
    dir = mkdtempSync(join(tmpdir(), 'gazette-js-'));
    const proof = join(dir, 'ran');
    const code = `(globalThis.${marker} = true, require('fs').writeFileSync(${JSON.stringify(proof)}, 'ran'), { title: 'A' })`;
    return { text: `---js\n${code}\n---\nBody.\n`, proof };
  }

  it('gray-matter runs ---js as code, even with its own YAML engine and js: false', () => {
    const { text, proof } = hostile();
    const file = matter(text, { engines: { yaml: () => ({}), js: false as never } });
    expect(file.data).toEqual({ title: 'A' });
    expect((globalThis as Record<string, unknown>)[marker]).toBe(true);
    expect(existsSync(proof)).toBe(true);
  });

  it('gazette refuses it without running it', () => {
    const { text, proof } = hostile();
    const { document, diagnostics } = splitFrontMatter('x.md', text);
    expect(document).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        file: 'x.md',
        line: 1,
        column: 4,
        code: 'frontmatter-language',
        message: 'front matter in "js" is not read: only YAML is',
        hint: 'write "---" alone on the first line, and the fields below it in YAML (title: …)',
      },
    ]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(existsSync(proof)).toBe(false);
  });

  it.each(['json', 'javascript', 'toml', 'coffee', 'yaml', 'yml'])('refuses ---%s', (language) => {
    expect(codes(`---${language}\ntitle: A\n---\n`)).toEqual(['1:4 frontmatter-language']);
  });

  it('a malformed opening line is named as such', () => {
    expect(codes('----\ntitle: A\n---\n')).toEqual(['1:1 frontmatter-delimiter']);
    expect(codes('--- #x\ntitle: A\n---\n')).toEqual(['1:1 frontmatter-delimiter']);
    expect(codes('title: A\n')).toEqual(['1:1 frontmatter-missing']);
  });

  it("even past the door, gazette's gray-matter options refuse every engine but YAML", () => {
    const { text, proof } = hostile();
    const options = matterOptions(() => ({}));
    expect(() => matter(text, options)).toThrow('gazette reads front matter only in YAML');
    expect(() => matter('---json\n{"title": "A"}\n---\n', options)).toThrow(
      'gazette reads front matter only in YAML',
    );
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(existsSync(proof)).toBe(false);
  });
});

describe('gray-matter without options', () => {
  it('caches results by text in a module-level map; gazette always passes options', () => {
    const text = '---\ntitle: Cached\n---\nBody.\n';
    /** What gray-matter's typings leave out. */
    const cached = matter as unknown as { cache: Record<string, unknown>; clearCache(): void };
    cached.clearCache();
    const first = matter(text);
    first.data.title = 'changed by a caller';
    expect(matter(text).data.title).toBe('changed by a caller');
    cached.clearCache();

    const read = readFrontMatter('x.md', text);
    expect(read.frontMatter!.parsed.source!.value).toEqual({ title: 'Cached' });
    expect(Object.keys(cached.cache)).toEqual([]);
  });
});

describe('positions', () => {
  it('are the lines and columns of the file, also after an opening line with trailing blanks', () => {
    const { document } = splitFrontMatter('x.md', '--- \ntitle: A\ndate: 2022-01-10\n---\n');
    expect(document!.yaml.at(['date'])).toEqual({ line: 3, column: 7 });
    expect(document!.yaml.at(['date'], 'key')).toEqual({ line: 3, column: 1 });
  });

  it('of a YAML error are the lines of the file', () => {
    expect(codes('---\ntitle: A\ntags: [a\n---\n')).toEqual(['3:7 yaml-syntax']);
  });
});
