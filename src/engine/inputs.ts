import { parseConfig, withBaseUrl, CONFIG_FILE, DEFAULT_CONFIG, type Config } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { AUTHORITIES_FILE, parseAuthorities, type Authority } from '../schema/authorities.js';
import { INSTRUMENTS_FILE, parseInstruments, type Instrument } from '../schema/instruments.js';
import { readPublic } from '../stages/public.js';
import { readSiteFile } from '../stages/read.js';
import { loadTheme, type Theme } from '../stages/theme.js';
import { digest } from './digest.js';
import { contentFingerprint } from './fingerprint.js';

/**
 * The site's inputs besides its content, each read whole with its digest:
 * the configuration, the authority registry, the theme and `public/`.
 */

export interface ConfigInput {
  /** Undefined when the configuration has problems (a usage error). */
  config: Config | undefined;
  digest: string;
  diagnostics: Diagnostic[];
}

export function readConfigInput(root: string, options: { baseUrl?: string }): ConfigInput {
  const file = readSiteFile(root, CONFIG_FILE);
  const key = digest(file.text ?? '', options.baseUrl ?? '');
  if (file.diagnostics.length > 0)
    return { config: undefined, digest: key, diagnostics: file.diagnostics };
  let result = parseConfig(file.text);
  if (result.diagnostics.length === 0 && options.baseUrl !== undefined)
    result = withBaseUrl(result.config, options.baseUrl);
  return {
    config: result.diagnostics.length === 0 ? result.config : undefined,
    digest: key,
    diagnostics: result.diagnostics,
  };
}

/** The configuration alone, as `gazette new` needs it. */
export function loadConfig(options: { root: string; baseUrl?: string }): {
  config: Config;
  diagnostics: Diagnostic[];
} {
  const input = readConfigInput(options.root, options);
  return { config: input.config ?? DEFAULT_CONFIG, diagnostics: input.diagnostics };
}

export interface RegistryInput {
  authorities: ReadonlyMap<string, Authority>;
  digest: string;
  diagnostics: Diagnostic[];
}

export function readRegistryInput(root: string): RegistryInput {
  const file = readSiteFile(root, AUTHORITIES_FILE);
  const parsed = parseAuthorities(file.text);
  return {
    authorities: parsed.authorities,
    digest: digest(file.text ?? ''),
    diagnostics: [...file.diagnostics, ...parsed.diagnostics],
  };
}

export interface InstrumentsInput {
  /** Undefined when the site has no `data/instruments.yaml`. */
  instruments: ReadonlyMap<string, Instrument> | undefined;
  digest: string;
  diagnostics: Diagnostic[];
}

/** The optional registry of instruments, checked against the authorities it names. */
export function readInstrumentsInput(
  root: string,
  authorities: ReadonlyMap<string, Authority>,
): InstrumentsInput {
  const file = readSiteFile(root, INSTRUMENTS_FILE);
  const parsed = parseInstruments(file.text, new Set(authorities.keys()));
  return {
    instruments: parsed.instruments,
    digest: digest(file.text ?? ''),
    // A file named `data` is reported once, by the authorities' registry.
    diagnostics: [
      ...file.diagnostics.filter((d) => d.file === INSTRUMENTS_FILE),
      ...parsed.diagnostics,
    ],
  };
}

export interface ThemeInput {
  theme: Theme;
  diagnostics: Diagnostic[];
}

export function readThemeInput(root: string): ThemeInput {
  const theme = loadTheme(root);
  return { theme, diagnostics: theme.diagnostics };
}

export interface PublicFile {
  /** Output path, e.g. `CNAME`, `img/logo.png`. */
  path: string;
  content: Uint8Array;
  fingerprint: string;
}

export interface PublicInput {
  files: PublicFile[];
  diagnostics: Diagnostic[];
}

export function readPublicInput(root: string): PublicInput {
  const { files, diagnostics } = readPublic(root);
  return {
    files: files.map((f) => ({
      path: f.path,
      content: f.content as Uint8Array,
      fingerprint: contentFingerprint(f.content),
    })),
    diagnostics,
  };
}
