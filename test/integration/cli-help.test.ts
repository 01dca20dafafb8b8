import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

/** Every command's options as DESIGN.md and the README name them. */
const OPTIONS: Record<string, string[]> = {
  init: [],
  build: ['root', 'out', 'base-url', 'drafts', 'future', 'cache-dir', 'no-cache', 'empty-out-dir'],
  check: ['root', 'format', 'drafts', 'future', 'cache-dir', 'no-cache'],
  dev: ['root', 'port', 'host', 'drafts', 'future', 'cache-dir', 'no-cache'],
  serve: ['root', 'out', 'base-url', 'port', 'host'],
  new: ['root', 'category', 'date', 'authority', 'slug'],
};

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('gazette COMMAND --help', () => {
  it.each(Object.entries(OPTIONS))(
    '%s prints its own usage and one line per option',
    async (name, flags) => {
      const help = await run(name, '--help');
      expect(help.code).toBe(0);
      expect(help.stderr).toBe('');
      expect(help.stdout).toMatch(new RegExp(`^usage: gazette ${name}\\b`));
      const lines = help.stdout.split('\n');
      const options = lines.slice(lines.indexOf('Options:') + 1);
      const shown = options
        .map((line) => /^ {2}(?:-\w, )?--([a-z-]+)(?: [A-Z|-]+)? {2,}\S/.exec(line)?.[1])
        .filter((flag) => flag !== undefined);
      expect(shown).toEqual([...flags, 'help']);
      // Another command's options are not listed: this is not the global usage.
      for (const [other] of Object.entries(OPTIONS)) {
        if (other !== name) expect(help.stdout).not.toContain(`gazette ${other} `);
      }
      expect((await run(name, '-h')).stdout).toBe(help.stdout);
      expect((await run('help', name)).stdout).toBe(help.stdout);
    },
  );

  it('accepts every option its help lists, and no other (exit 2 with its help)', async () => {
    for (const [name, flags] of Object.entries(OPTIONS)) {
      for (const flag of flags) {
        // A boolean option, or a string option given a value: known, so --help answers.
        const bool = await run(name, `--${flag}`, '--help');
        const result = bool.code === 0 ? bool : await run(name, `--${flag}=x`, '--help');
        expect(result.code, `${name} --${flag}: ${result.stderr}`).toBe(0);
        expect(result.stdout).toMatch(new RegExp(`^usage: gazette ${name}\\b`));
      }
      const unknown = await run(name, '--frobnicate');
      expect(unknown.code, name).toBe(2);
      expect(unknown.stderr, name).toContain("Unknown option '--frobnicate'");
      expect(unknown.stderr, name).toContain(`usage: gazette ${name}`);
    }
  });

  it('the global usage names every command, and how to get its help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(help.stdout).toContain(`gazette ${name}`);
    expect(help.stdout).toContain('gazette COMMAND --help');
    expect((await run('help')).stdout).toBe(help.stdout);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(help.stdout);
    const unknown = await run('help', 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('gazette --version', () => {
  it('prints the version of package.json, with -v too', async () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v']) {
      const result = await run(flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`gazette ${version}\n`);
    }
  });
});
