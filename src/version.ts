import { readFileSync } from 'node:fs';

/**
 * gazette's own package.json: one folder above this module, in `src/` (tests)
 * as in the compiled `lib/` (the installed package).
 */
const PACKAGE_JSON = new URL('../package.json', import.meta.url);

let version: string | undefined;

/** The version of gazette that is running, as its package.json says. */
export function gazetteVersion(): string {
  version ??= (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  return version;
}
