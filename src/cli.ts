import { parseArgs } from 'node:util';
import { COMMANDS, commandHelp, globalUsage } from './commands/index.js';
import { gazetteVersion } from './version.js';

/** Exit statuses (DESIGN.md): 0 success, 1 the content has errors, 2 wrong usage or config. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

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

/** Runs one command line and returns its exit status; the only place that chooses one. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(globalUsage());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.out(globalUsage());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`gazette ${gazetteVersion()}`);
    return EXIT.ok;
  }
  // `gazette help build` is `gazette build --help`.
  const wanted = name === 'help' ? rest[0]! : name;
  const command = COMMANDS.get(wanted);
  if (!command) {
    io.err(`gazette: unknown command "${wanted}"\n\n${globalUsage()}`);
    return EXIT.usage;
  }
  if (name === 'help') {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  const options = Object.fromEntries(
    Object.entries(command.options).map(([flag, o]) => [
      flag,
      o.short ? { type: o.type, short: o.short } : { type: o.type },
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...rest],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command.positionals === true,
    }));
  } catch (error) {
    io.err(`gazette ${name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(values, io, positionals);
}
