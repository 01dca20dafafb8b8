import type { Code } from '../codes.js';
/**
 * What one render's rules share, kept in the `env` markdown-it hands to every
 * rule of that call (never in a module variable): the problems found, the
 * footnotes, and where the inline parser stands in the source.
 */
import type { Env, Token } from 'markdown-it';
import type { InlineSource, Where } from './positions.js';
import type { CoreStep } from './render-inline.js';

/** A content problem, placed but not yet turned into a file position. */
export interface Problem {
  code: Code;
  message: string;
  hint: string;
  at: Where;
}

/** A footnote definition `[^label]: …`: the first one of its label. */
export interface Definition {
  label: string;
  /** Where its `[^` stands in the source. */
  offset: number;
  /** The index of its note among the body's notes, once referenced. */
  index: number | undefined;
  /** How many references have linked to it so far. */
  count: number;
  /** Referenced at all, even from where a reference is refused. */
  used: boolean;
  /** Its blocks, cut out of the body once parsed. */
  tokens: Token[];
}

/** Ours, beside what markdown-it keeps there (its link reference definitions). */
export interface RenderEnv extends Env {
  /** The site path the body is written for: its relative links start there. */
  sitePath: string;
  /** markdown-it's core steps after its inline step, run per inline token (render-inline). */
  stepsAfterInline: CoreStep[];
  /** The first paragraph as plain text, once parsed. */
  summary: string | undefined;
  /** The source as markdown-it normalised it: the body, NUL replaced. */
  src: string;
  problems: Problem[];
  definitions: Map<string, Definition>;
  /** The body's notes in order of first reference: definitions and inline notes' tokens. */
  notes: Array<Definition | Token[]>;
  /** How many of the final tokens are the body's; the notes' follow (see footnotes). */
  bodyLength?: number;
  /** Footnote definitions open while the block parser runs. */
  definitionDepth: number;
  /** The inline token being parsed. */
  inline: InlineSource | undefined;
  /** Where the inline parser's text starts within that token's content. */
  base: number;
  /** Open images (their description is parsed apart) and inline notes. */
  image: number;
  inlineNote: number;
  /** Link destinations refused, one list per link rule call open (see unsafe-links). */
  refusals: string[][];
  /** Refusals made outside any rule we watch (not expected): reported at the body's start. */
  strays: string[];
  /** Where each table row's text starts, by source line. */
  rowStarts: Map<number, number>;
}

export function renderEnv(sitePath: string, stepsAfterInline: CoreStep[]): RenderEnv {
  return {
    sitePath,
    stepsAfterInline,
    summary: undefined,
    src: '',
    problems: [],
    definitions: new Map(),
    notes: [],
    definitionDepth: 0,
    inline: undefined,
    base: 0,
    image: 0,
    inlineNote: 0,
    refusals: [],
    strays: [],
    rowStarts: new Map(),
  };
}

export function envOf(state: { env: unknown }): RenderEnv {
  return state.env as RenderEnv;
}

/** A place in the inline text being parsed: `pos` is the inline parser's `state.pos`. */
export function inlineAt(env: RenderEnv, pos: number): Where {
  return env.inline ? { inline: env.inline, offset: env.base + pos } : { offset: 0 };
}

export function report(env: RenderEnv, at: Where, code: Code, message: string, hint: string): void {
  env.problems.push({ code, message, hint, at });
}
