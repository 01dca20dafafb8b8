import { parseArgs } from 'node:util';

/** Exit statuses (DESIGN.md): 0 success, 1 the content has errors, 2 wrong usage or config. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

export const USAGE = `gazette — a static site generator for regulatory-news digests

Usage:
  gazette build [--root DIR] [--out DIR] [--base-url URL] [--drafts] [--empty-out-dir]
  gazette check [--root DIR] [--format text|json|github] [--drafts]
  gazette dev   [--root DIR] [--port N] [--host 127.0.0.1] [--drafts]
  gazette new item "Title" --category C [--date YYYY-MM-DD] [--authority ID] [--slug SLUG] [--root DIR]
  gazette new bulletin YYYY-MM [--root DIR]
  gazette --help | --version

--out is resolved against the current folder (default: <root>/dist). gazette
never replaces a non-empty folder it did not write unless --empty-out-dir is
given, nor a folder that is, holds or lies inside the site's sources.

Exit status: 0 success, 1 the content has errors, 2 wrong usage or configuration.`;

/**
 * `--no-cache`, or GAZETTE_NO_CACHE=1 in the environment (for harnesses that
 * run gazette with fixed arguments, such as the peer benchmark's).
 */
export function noCache(values: Record<string, string | boolean | undefined>): boolean {
  return values['no-cache'] === true || process.env.GAZETTE_NO_CACHE === '1';
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

type Flags = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const COMMANDS: Record<
  string,
  {
    flags: Flags;
    positionals?: boolean;
    run: (
      values: Record<string, string | boolean | undefined>,
      io: Io,
      positionals: string[],
    ) => Promise<number>;
  }
> = {
  build: {
    flags: {
      root: { type: 'string' },
      out: { type: 'string' },
      'base-url': { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'empty-out-dir': { type: 'boolean' },
    },
    // Each command's modules load only when it runs: `--help` stays instant.
    run: async (...args) => (await import('./commands/build.js')).runBuild(args[0], args[1]),
  },
  check: {
    flags: {
      root: { type: 'string' },
      format: { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    run: async (...args) => (await import('./commands/check.js')).runCheck(args[0], args[1]),
  },
  new: {
    flags: {
      root: { type: 'string' },
      category: { type: 'string' },
      date: { type: 'string' },
      authority: { type: 'string' },
      slug: { type: 'string' },
    },
    positionals: true,
    run: async (...args) => (await import('./commands/new.js')).runNew(...args),
  },
  dev: {
    flags: {
      root: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      drafts: { type: 'boolean' },
      future: { type: 'boolean' },
      'cache-dir': { type: 'string' },
      'no-cache': { type: 'boolean' },
    },
    run: async (...args) => (await import('./commands/dev.js')).runDev(args[0], args[1]),
  },
};

/** Runs one command line and returns its exit status; the only place that chooses one. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.out('gazette 0.1.0');
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`gazette: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.flags, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.positionals === true,
    }));
  } catch (error) {
    io.err(`gazette ${name}: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  return command.run(values, io, positionals);
}
