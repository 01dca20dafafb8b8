import type { Code } from './codes.js';
/**
 * A content or configuration problem, as plain data. Positions are 1-based and
 * formatted only at the edges (terminal, JSON, the dev overlay).
 *
 * `code` is stable: once published, a code never changes meaning.
 */
export interface Diagnostic {
  /** Path relative to the site root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  code: Code;
  message: string;
  /** How to fix it, written for editors. */
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

export const START: Position = { line: 1, column: 1 };

export function diagnostic(
  file: string,
  at: Position,
  code: Code,
  message: string,
  hint?: string,
): Diagnostic {
  return hint === undefined
    ? { file, line: at.line, column: at.column, code, message }
    : { file, line: at.line, column: at.column, code, message, hint };
}

/** Total order: file, line, column, code — so reports are stable between runs. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `path:line:column: error[code]: message`, then `  hint: …`, for a terminal.
 * Control characters from content (a field name holding ESC `[2J`, a value
 * with a line break) are shown as escapes, so that content can neither drive
 * the terminal nor fake a line of the report.
 */
export function formatText(d: Diagnostic): string {
  const head = `${visible(d.file)}:${d.line}:${d.column}: error[${visible(d.code)}]: ${visible(d.message)}`;
  return d.hint === undefined ? head : `${head}\n  hint: ${visible(d.hint)}`;
}

const NAMED = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/** C0 and C1 controls and DEL as `\n`, `\r`, `\t` or `\x1b`. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => NAMED.get(c) ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function formatSummary(list: readonly Diagnostic[]): string {
  const files = new Set(list.map((d) => d.file)).size;
  const errors = list.length === 1 ? '1 error' : `${list.length} errors`;
  return `${errors} in ${files === 1 ? '1 file' : `${files} files`}`;
}

/** GitHub Actions workflow commands: errors appear on the pull request's lines. */
export function formatGithub(d: Diagnostic): string {
  const message = d.hint === undefined ? d.message : `${d.message} (hint: ${d.hint})`;
  return `::error file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(
    `gazette ${d.code}`,
  )}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
