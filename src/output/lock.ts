import { randomBytes } from 'node:crypto';
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { OutputError } from './writer.js';

/**
 * One build at a time writes an output folder: the lock is a file beside it
 * (`dist.gazette-lock`) naming the process that holds it. A lock whose
 * process is gone (a build killed with kill -9) is taken over, so every
 * temporary folder found by the lock's holder is a dead build's leftover.
 */
export interface Lock {
  path: string;
  token: string;
  release(): void;
}

interface Holder {
  pid: number;
  /** The process's start time as the kernel counts it, to tell a reused pid apart. */
  start: string;
  token: string;
}

export function lockOutput(out: string): Lock {
  const path = `${out}.gazette-lock`;
  const me: Holder = { pid: process.pid, start: startTime(process.pid), token: token() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      return {
        path,
        token: me.token,
        release: () => {
          if (readHolder(path)?.token === me.token) unlinkSync(path);
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw writeFailure(out, error, 'lock the output folder');
    }
    const holder = readHolder(path);
    if (holder && alive(holder)) {
      throw new OutputError(
        `another gazette build (process ${holder.pid}) is writing ${out}`,
        `wait for it to finish; if no build is running, delete ${path}`,
      );
    }
    try {
      unlinkSync(path); // the holder died: its lock is void
    } catch {
      /* another process took it over first; the next attempt tells */
    }
  }
  throw new OutputError(`could not lock ${out}`, `delete ${path} if no build is running`);
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.token === 'string')
      return { pid: value.pid, start: String(value.start ?? ''), token: value.token };
  } catch {
    /* unreadable or half written: treated as void */
  }
  return undefined;
}

function alive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is in use; on Linux, by the same process only if it started at the same time.
  const now = startTime(holder.pid);
  return now === '' || holder.start === '' || now === holder.start;
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or '' where there is no /proc. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

export function token(): string {
  return randomBytes(4).toString('hex');
}

/** An I/O failure as the user needs to hear it: which folder, what the system said. */
export function writeFailure(dir: string, error: unknown, doing: string): OutputError {
  const e = error as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOSPC'
      ? 'the disk is full'
      : e.code === 'EROFS'
        ? 'the file system is read-only'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'permission denied'
          : e.code === 'ENAMETOOLONG'
            ? 'a file name is too long'
            : (e.code ?? e.message);
  const hint =
    e.code === 'ENOSPC'
      ? 'free some space and build again; the previous site is untouched'
      : 'choose an output folder gazette may write (--out), or fix its permissions; the previous site is untouched';
  return new OutputError(`cannot ${doing} in ${dir}: ${why}`, hint);
}
