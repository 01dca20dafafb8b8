import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';

/**
 * Where a build's files go. The engine asks what the output already holds
 * (`previous`: path → fingerprint of the content it wrote there), then for
 * every file of the new site either writes it (new or changed) or keeps it
 * (same fingerprint). `commit` publishes the new site at once — files neither
 * written nor kept are removed — and `abort` leaves the output as it was.
 */
export interface Writer {
  /** The files the output holds from the last build, intact: path → fingerprint. */
  readonly previous: ReadonlyMap<string, string>;
  /**
   * A new or changed file (`items/x/index.html`: no leading slash). Returns a
   * promise when the caller should wait before the next one (the disk is behind).
   */
  write(path: string, content: string | Uint8Array, fingerprint: string): Promise<void> | undefined;
  /** A file that stays as it is: its fingerprint equals `previous.get(path)`. */
  keep(path: string): void;
  /**
   * A writer that can make a file later, when it is first asked for (dev: a
   * page nobody is looking at), takes `make` and returns true; the others
   * return false or lack the method, and the engine makes the file now.
   */
  lazy?(path: string, fingerprint: string, make: () => string | Uint8Array | Diagnostic): boolean;
  /**
   * A writer whose files other threads may write themselves: the folder they
   * write into (created on first call), and `adopt` to take each in.
   */
  stage?(): string | undefined;
  adopt?(path: string, fingerprint: string, size: number): void;
  commit(): Promise<CommitSummary>;
  abort(): Promise<void>;
}

export interface CommitSummary {
  written: number;
  kept: number;
  removed: number;
}

/**
 * A problem with the output folder itself (it holds the sources, it is a
 * file, the disk is full…): the build cannot run or finish, and the user must
 * act. Reported with exit status 2; never a content error.
 */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The fingerprint of a file's content, for files made without declared inputs. */
export function contentFingerprint(content: string | Uint8Array): string {
  return createHash('sha1').update(content).digest('base64url').slice(0, 22);
}
