// Types of scripts/fuzz/index.mjs, for the TypeScript tests.
import type { Diagnostic } from '../../src/diagnostics.js';

export type Entry =
  | { kind: 'file'; data: Uint8Array }
  | { kind: 'dir' }
  | { kind: 'link'; target: string }
  | { kind: 'fifo' };
export type Tree = Map<string, Entry>;

export interface Outcome {
  diagnostics: Diagnostic[];
  usage: boolean;
  site?: unknown;
}

export interface Targets {
  build(options: { root: string; out?: string; cacheDir?: string | false }): Promise<Outcome>;
  check(options: { root: string; out?: string; cacheDir?: string | false }): Promise<Outcome>;
  DevSession: new (options: { root: string; cacheDir?: string | false }) => {
    start(): Promise<{ diagnostics: Diagnostic[] }>;
    update(paths: readonly string[] | undefined): Promise<{ diagnostics: Diagnostic[] }>;
    settle(): Promise<Diagnostic[]>;
  };
  main(
    argv: readonly string[],
    io: { out(t: string): void; err(t: string): void },
  ): Promise<number>;
  isCode(code: string): boolean;
}

export interface Operator {
  name: string;
  weight: number;
  scale?: [number, number];
  apply(r: unknown, tree: Tree, n?: number): string | false;
}

export interface Failure {
  check: string;
  message: string;
  detail?: unknown;
  key: string;
}

export interface Executor {
  run(kase: { tree: Tree; options: object }): Promise<unknown>;
  close(): Promise<void>;
}

export interface Summary {
  seed: string;
  cases: number;
  failed: {
    seed: string;
    index: number;
    steps: string[];
    failures: Failure[];
    minimal?: { tree: Tree; attempts: number; key: string };
  }[];
  harness: { index: number; error: string }[];
  outcomes: { ok: number; content: number; usage: number };
}

export const OPS: Operator[];
export function baseTree(): Tree;
export function inProcess(
  targets: Targets,
  base: Tree,
  dir: string,
  options?: { slowMs?: number },
): Executor;
export function loadTargets(lib: string): Promise<Targets>;
export function fuzz(options: {
  seed?: string;
  cases?: number;
  seconds?: number;
  executor: Executor;
  base?: Tree;
  ops?: Operator[];
  devShare?: number;
  cliShare?: number;
  minimiseAttempts?: number;
}): Promise<Summary>;
export function file(text: string | Uint8Array): Entry;
export function textOf(entry: Entry | undefined): string | undefined;
