import type { Io } from '../cli.js';

/** One option of a command: how `parseArgs` reads it, and its line in the command's help. */
export interface Option {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in the help (`DIR`, `N`); string options only. */
  value?: string;
  help: string;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  /** The synopsis lines, without the leading `gazette `. */
  usage: string[];
  /** What the command does, in a sentence or two. */
  summary: string;
  options: Record<string, Option>;
  positionals?: boolean;
  /** What to add below the options (notes on paths, exit status). */
  notes?: string;
  run: (values: Values, io: Io, positionals: string[]) => Promise<number>;
}

const root: Option = {
  type: 'string',
  value: 'DIR',
  help: 'the site folder (default: the current folder)',
};
const drafts: Option = {
  type: 'boolean',
  help: 'include items and bulletins marked draft: true',
};
const future: Option = {
  type: 'boolean',
  help: 'include items dated after the build date (SOURCE_DATE_EPOCH, else today)',
};
const cacheDir: Option = {
  type: 'string',
  value: 'DIR',
  help: 'where the persistent cache lives (default: <root>/.gazette-cache)',
};
const noCache: Option = {
  type: 'boolean',
  help: 'keep no persistent cache, and trust nothing the output folder holds',
};
const baseUrl: Option = {
  type: 'string',
  value: 'URL',
  help: "the site's public address, e.g. https://example.org/digest/ (overrides baseUrl)",
};
const port: Option = {
  type: 'string',
  value: 'N',
  help: 'the port to listen on (default: 8080, or the next free one)',
};

const EXIT_STATUS =
  'Exit status: 0 success, 1 the content has errors, 2 wrong usage or configuration.';

/**
 * Every command: its synopsis, options and help, and the module that runs
 * it. Each module loads only when its command runs, so `--help` stays instant.
 */
export const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  [
    'init',
    {
      usage: ['init [DIR]'],
      summary:
        'Starts a new digest site in DIR (default: the current folder), which must be empty: configuration, authorities, a draft bulletin and item, package.json, workflows for GitHub Pages and a README for its editors.',
      options: {},
      positionals: true,
      notes: `A folder holding only .git (a new clone) counts as empty.

Exit status: 0 written, 2 wrong usage, or a folder that is not empty.`,
      run: async (...args) => (await import('./init.js')).runInit(...args),
    },
  ],
  [
    'build',
    {
      usage: [
        'build [--root DIR] [--out DIR] [--base-url URL] [--drafts] [--future]',
        '  [--cache-dir DIR | --no-cache] [--empty-out-dir]',
      ],
      summary: 'Builds the site into a folder of static files.',
      options: {
        root,
        out: {
          type: 'string',
          value: 'DIR',
          help: 'the output folder (default: <root>/dist)',
        },
        'base-url': baseUrl,
        drafts,
        future,
        'cache-dir': cacheDir,
        'no-cache': noCache,
        'empty-out-dir': {
          type: 'boolean',
          help: 'replace a non-empty output folder that gazette did not write',
        },
      },
      notes: `--out is resolved against the current folder. gazette never replaces a
non-empty folder it did not write unless --empty-out-dir is given, nor a folder
that is, holds or lies inside the site's sources. A failed build leaves the
output folder as it was.

${EXIT_STATUS}`,
      run: async (values, io) => (await import('./build.js')).runBuild(values, io),
    },
  ],
  [
    'check',
    {
      usage: [
        'check [--root DIR] [--format text|json|github] [--drafts] [--future]',
        '  [--cache-dir DIR | --no-cache]',
      ],
      summary: 'Validates the whole site as build would, templates included, and writes nothing.',
      options: {
        root,
        format: {
          type: 'string',
          value: 'FORMAT',
          help: 'text (default), json, or github (annotations on a pull request)',
        },
        drafts,
        future,
        'cache-dir': cacheDir,
        'no-cache': noCache,
      },
      notes: EXIT_STATUS,
      run: async (values, io) => (await import('./check.js')).runCheck(values, io),
    },
  ],
  [
    'dev',
    {
      usage: [
        'dev [--root DIR] [--port N] [--host 127.0.0.1] [--drafts] [--future]',
        '  [--cache-dir DIR | --no-cache]',
      ],
      summary:
        'Previews the site: builds it into memory, serves it, and rebuilds and reloads the pages a change touches.',
      options: {
        root,
        port,
        host: {
          type: 'string',
          value: 'HOST',
          help: 'where to listen (default: 127.0.0.1); a name is also answered besides localhost',
        },
        drafts,
        future,
        'cache-dir': cacheDir,
        'no-cache': noCache,
      },
      notes: 'Stop it with Ctrl-C.',
      run: async (values, io) => (await import('./dev.js')).runDev(values, io),
    },
  ],
  [
    'serve',
    {
      usage: ['serve [--root DIR] [--out DIR] [--base-url URL] [--port N] [--host 127.0.0.1]'],
      summary:
        'Serves a built site from its folder as a static host would, for a last look before publishing.',
      options: {
        root,
        out: {
          type: 'string',
          value: 'DIR',
          help: 'the built folder (default: <root>/dist)',
        },
        'base-url': {
          type: 'string',
          value: 'URL',
          help: 'the address it was built for, whose path it is served under (default: baseUrl)',
        },
        port,
        host: {
          type: 'string',
          value: 'HOST',
          help: 'where to listen (default: 127.0.0.1); a name is also answered besides localhost',
        },
      },
      notes: `--out is resolved against the current folder. The site is served under the
path of its base URL (--base-url, else baseUrl in gazette.config.yaml, else /):
a folder by its index.html, a missing page by 404.html with status 404. Stop it
with Ctrl-C.

Exit status: 0 stopped, 2 wrong usage or configuration, or no built folder.`,
      run: async (values, io) => (await import('./serve.js')).runServe(values, io),
    },
  ],
  [
    'new',
    {
      usage: [
        'new item "Title" --category C [--date YYYY-MM-DD] [--authority ID] [--slug SLUG] [--root DIR]',
        'new bulletin YYYY-MM [--root DIR]',
      ],
      summary:
        'Writes a new item or bulletin as a draft (draft: true) that passes check at once; never overwrites a file.',
      options: {
        root,
        category: {
          type: 'string',
          value: 'C',
          help: "the item's section: legislation, enforcement, courts (or the config's)",
        },
        date: {
          type: 'string',
          value: 'DATE',
          help: 'when it happened, YYYY-MM-DD or YYYY-MM (default: today)',
        },
        authority: {
          type: 'string',
          value: 'ID',
          help: 'who issued, fined or ruled: an id from data/authorities.yaml',
        },
        slug: {
          type: 'string',
          value: 'SLUG',
          help: 'the URL name (default: made from the title); needed for a title without Latin letters',
        },
      },
      positionals: true,
      notes: 'Exit status: 0 written, 2 wrong usage, or a file of that name exists.',
      run: async (...args) => (await import('./new.js')).runNew(...args),
    },
  ],
]);

/** The usage of every command, for `gazette --help`. */
export function globalUsage(): string {
  const lines = [...COMMANDS.values()].flatMap((c) => synopsis(c, '  '));
  return `gazette — a static site generator for regulatory-news digests

Usage:
${lines.join('\n')}
  gazette COMMAND --help   that command's options
  gazette --version

${EXIT_STATUS}`;
}

/**
 * A command's synopsis, one line per form; a line that starts with spaces
 * goes on from the one before, aligned after the command's name.
 */
function synopsis(command: Command, lead: string): string[] {
  let indent = '';
  return command.usage.map((u) => {
    if (u.startsWith(' ')) return `${indent}${u.trimStart()}`;
    const line = `${lead}gazette ${u}`;
    indent = ' '.repeat(line.indexOf(' ', lead.length + 'gazette '.length) + 1);
    return line;
  });
}

/** One command's help: its synopsis, what it does, and one line per option. */
export function commandHelp(command: Command): string {
  // A second form is aligned under the first: `usage: gazette new item …`, `       gazette new bulletin …`.
  const usage = synopsis(command, 'usage: ').map((line, i) =>
    i === 0 || !line.startsWith('usage: ') ? line : `       ${line.slice('usage: '.length)}`,
  );
  const options = Object.entries(command.options).map(([flag, o]) => [
    `--${flag}${o.value ? ` ${o.value}` : ''}`,
    o.help,
  ]);
  options.push(['-h, --help', 'print this help']);
  const width = Math.max(...options.map(([left]) => left!.length)) + 2;
  const table = options.map(([left, help]) => `  ${left!.padEnd(width)}${help}`);
  return [
    usage.join('\n'),
    '',
    wrap(command.summary),
    '',
    'Options:',
    ...table,
    ...(command.notes ? ['', command.notes] : []),
  ].join('\n');
}

/** Wraps a paragraph at 80 columns. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > 80) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
