import { formatGithub, formatSummary, formatText, type Diagnostic } from '../diagnostics.js';
import type { Io } from '../cli.js';

export type Format = 'text' | 'json' | 'github';

/** Prints diagnostics in the chosen format: text and GitHub lines to stderr, JSON to stdout. */
export function report(io: Io, diagnostics: readonly Diagnostic[], format: Format = 'text'): void {
  if (format === 'json') {
    io.out(JSON.stringify({ errors: diagnostics, count: diagnostics.length }, null, 2));
    return;
  }
  if (diagnostics.length === 0) return;
  const line = format === 'github' ? formatGithub : formatText;
  io.err(diagnostics.map(line).join('\n'));
  io.err(formatSummary(diagnostics));
}
