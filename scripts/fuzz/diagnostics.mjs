// What every list of diagnostics must be, whatever the input: each one a
// plain object with a file of the site, a code of the catalogue, a line and
// column ≥ 1 inside the file, a message; the list sorted; a usage error
// only for the configuration (or the root, or --base-url).
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONFIG = 'gazette.config.yaml';
const USAGE_FILES = new Set([CONFIG, '--base-url']);

const order = (a, b) =>
  cmp(a.file, b.file) ||
  a.line - b.line ||
  a.column - b.column ||
  cmp(a.code, b.code) ||
  cmp(a.message, b.message);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The problems with one outcome's diagnostics, as failures `{check, message, detail}`. */
export function diagnosticProblems(outcome, { root, isCode, where }) {
  const problems = [];
  const bad = (check, message, d) =>
    problems.push({
      check,
      message: `${where}: ${message}`,
      detail: d,
      key: `${check}:${d?.code ?? ''}`,
    });
  const list = outcome?.diagnostics;
  if (!Array.isArray(list)) {
    bad('diagnostic-shape', 'the outcome has no list of diagnostics');
    return problems;
  }
  const lines = new Map();
  list.forEach((d, i) => {
    if (d === null || typeof d !== 'object')
      return bad('diagnostic-shape', `diagnostic ${i} is not an object`, d);
    if (typeof d.file !== 'string' || d.file === '')
      return bad('diagnostic-file', 'a diagnostic without a file', d);
    if (typeof d.code !== 'string' || !isCode(d.code))
      bad('diagnostic-code', `code ${JSON.stringify(d.code)} is not in the catalogue`, d);
    for (const key of ['line', 'column'])
      if (!Number.isInteger(d[key]) || d[key] < 1)
        bad('diagnostic-position', `${key} ${d[key]} is not a whole number ≥ 1`, d);
    if (typeof d.message !== 'string' || d.message.trim() === '')
      bad('diagnostic-message', 'an empty message', d);
    if (d.hint !== undefined && (typeof d.hint !== 'string' || d.hint.trim() === ''))
      bad('diagnostic-message', 'a hint that is not text', d);
    if (d.code === 'root-missing' || d.file === '--base-url') return;
    if (d.file.startsWith('/') || d.file.split('/').includes('..'))
      return bad('diagnostic-file', `file ${JSON.stringify(d.file)} is not a path in the site`, d);
    const abs = join(root, d.file);
    let stat;
    try {
      stat = lstatSync(abs, { throwIfNoEntry: false });
    } catch {
      /* ENOTDIR: a file stands where a folder of the path should */
    }
    if (!stat)
      return bad('diagnostic-file', `file ${JSON.stringify(d.file)} does not exist in the site`, d);
    if (!stat.isFile()) return;
    if (!lines.has(d.file)) lines.set(d.file, textLines(abs));
    const text = lines.get(d.file);
    if (text && Number.isInteger(d.line) && d.line > text.length + 1)
      bad(
        'diagnostic-position',
        `line ${d.line} is past the end of the file (${text.length} lines)`,
        d,
      );
    else if (
      text &&
      Number.isInteger(d.column) &&
      d.line <= text.length &&
      d.column > text[d.line - 1].length + 1
    )
      bad(
        'diagnostic-position',
        `column ${d.column} is past the end of line ${d.line} (${text[d.line - 1].length} characters)`,
        d,
      );
  });
  for (let i = 1; i < list.length; i++) {
    if (order(list[i - 1], list[i]) > 0) {
      bad('diagnostic-order', `diagnostics ${i - 1} and ${i} are out of order`, [
        list[i - 1],
        list[i],
      ]);
      break;
    }
  }
  const seen = new Set();
  for (const d of list) {
    const k = JSON.stringify(d);
    if (seen.has(k)) bad('diagnostic-duplicate', 'the same diagnostic twice', d);
    seen.add(k);
  }
  if (list.length > 0) {
    const usageFiles = list.filter((d) => USAGE_FILES.has(d.file) || d.code === 'root-missing');
    if (outcome.usage === true && usageFiles.length < list.length)
      bad(
        'exit-status',
        'a usage error (exit 2) for a problem outside the configuration',
        list.find((d) => !usageFiles.includes(d)),
      );
    if (outcome.usage !== true && usageFiles.length > 0)
      bad(
        'exit-status',
        'a configuration problem that is not a usage error (exit 1, not 2)',
        usageFiles[0],
      );
  } else if (outcome.site === undefined) bad('outcome', 'no diagnostics and no site');
  return problems;
}

/** A file's lines as gazette counts them (line breaks normalised), or undefined. */
function textLines(abs) {
  try {
    const text = new TextDecoder().decode(readFileSync(abs)).replace(/\r\n?/g, '\n');
    return text.split('\n');
  } catch {
    return undefined;
  }
}

/** Two lists of diagnostics are the same (order included). */
export function sameDiagnostics(a, b) {
  return JSON.stringify(a.map(plain)) === JSON.stringify(b.map(plain));
}

const plain = (d) => ({
  file: d.file,
  line: d.line,
  column: d.column,
  code: d.code,
  message: d.message,
  hint: d.hint,
});

/** What one list has that the other has not, for a report. */
export function diagnosticsDiff(a, b) {
  const ka = new Set(a.map((d) => JSON.stringify(plain(d))));
  const kb = new Set(b.map((d) => JSON.stringify(plain(d))));
  return {
    onlyFirst: [...ka].filter((k) => !kb.has(k)).map((k) => JSON.parse(k)),
    onlySecond: [...kb].filter((k) => !ka.has(k)).map((k) => JSON.parse(k)),
  };
}
