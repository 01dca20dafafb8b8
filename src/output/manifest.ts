import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The manifest gazette writes into every output folder: the marker that says
 * "gazette wrote this" (a non-empty folder without one is never replaced
 * unless the user says so) and, for each file, the fingerprint of what was
 * written and its size, so that the next build leaves unchanged files alone.
 * Sorted by path and free of times, so that the same input still gives a
 * byte-identical output.
 */
export const MANIFEST = '.gazette-manifest.json';

export interface ManifestEntry {
  fingerprint: string;
  size: number;
}

export type Manifest = Map<string, ManifestEntry>;

const FORMAT = 'gazette-output 1';

export function manifestText(manifest: Manifest): string {
  const files = [...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = files.map(([path, e]) => JSON.stringify([path, e.fingerprint, e.size]));
  return `{"format":${JSON.stringify(FORMAT)},"files":[\n${lines.join(',\n')}\n]}\n`;
}

/** The manifest of an output folder, or undefined when it has none (or one gazette cannot read). */
export function readManifest(dir: string): Manifest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const value = parsed as { format?: unknown; files?: unknown };
  if (value.format !== FORMAT || !Array.isArray(value.files)) return undefined;
  const manifest: Manifest = new Map();
  for (const entry of value.files as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) return undefined;
    const [path, fingerprint, size] = entry as unknown[];
    if (typeof path !== 'string' || typeof fingerprint !== 'string' || typeof size !== 'number')
      return undefined;
    if (!isOutputPath(path)) return undefined;
    manifest.set(path, { fingerprint, size });
  }
  return manifest;
}

/** A relative path that stays inside the output: no `..`, no absolute path, no empty part. */
export function isOutputPath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !path.includes('\0') &&
    path.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/**
 * The manifest's files that are still as gazette wrote them (present, with
 * the recorded size): path → fingerprint. A file changed or deleted by hand
 * is left out, so that the build writes it again.
 */
export function intactFiles(dir: string, manifest: Manifest): Map<string, string> {
  const intact = new Map<string, string>();
  for (const [path, entry] of manifest) {
    const stat = statSync(join(dir, path), { throwIfNoEntry: false });
    if (stat?.isFile() && stat.size === entry.size) intact.set(path, entry.fingerprint);
  }
  return intact;
}
