import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A short digest of text or bytes (SHA-1, base64url, 27 characters). */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url');
}

let code: string | undefined;

/**
 * The digest of gazette itself: its compiled (or source) modules and its
 * built-in theme. Part of every fingerprint and cache key, so that output
 * made by another version of gazette is never taken for this one's.
 */
export function codeDigest(): string {
  if (code !== undefined) return code;
  const hash = createHash('sha1');
  const here = fileURLToPath(new URL('..', import.meta.url));
  const templates = fileURLToPath(new URL('../../templates/', import.meta.url));
  for (const dir of [here, templates]) {
    for (const file of listFiles(dir)) {
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(join(dir, file)))
        .update('\0');
    }
  }
  code = hash.digest('base64url');
  return code;
}

function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) files.push(...listFiles(join(dir, entry.name), `${rel}/`));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}
