import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { main } from '../src/cli.js';
import { MANIFEST, manifestText, type Manifest } from '../src/output/manifest.js';

/** Writes a site into a new temporary folder: `{ 'content/items/a.md': '…' }`. */
export function makeSite(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'gazette-test-'));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function removeSite(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Runs the CLI in-process and captures what it prints. */
export async function run(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
  });
  return { code, stdout, stderr };
}

/** Parses a built page with a real HTML parser. */
export type HtmlDocument = ReturnType<typeof parseHTML>['document'];

export function page(root: string, path: string): HtmlDocument {
  return parseHTML(readFileSync(join(root, path), 'utf8')).document;
}

/** A row of the tracker's `/fines/table.json`, by name (it holds arrays; see finesTableJson). */
export interface FinesTableRow {
  dateSort: string;
  dateIso: string;
  dateText: string;
  dateLong: string;
  parties: string;
  authorities: string[];
  currency: string;
  kind: string;
  amount: string;
  display: string;
  amountTitle: string;
  title: string;
  url: string;
  about: string;
}

const FINES_TABLE_COLUMNS = [
  'dateSort',
  'dateIso',
  'dateText',
  'dateLong',
  'parties',
  'authorities',
  'currency',
  'kind',
  'amount',
  'display',
  'amountTitle',
  'title',
  'url',
  'about',
] as const;

/** The rows of a built site's `/fines/table.json`, in the table's order (newest first). */
export function finesTableRows(root: string): FinesTableRow[] {
  const { rows } = JSON.parse(readFileSync(join(root, 'fines/table.json'), 'utf8')) as {
    rows: unknown[][];
  };
  return rows.map(
    (row) =>
      Object.fromEntries(
        FINES_TABLE_COLUMNS.map((name, i) => [name, row[i]]),
      ) as unknown as FinesTableRow,
  );
}

/** A minimal valid item's front matter, with fields overridden or removed (undefined). */
export function item(
  fields: Record<string, string | undefined> = {},
  body = 'Some text.\n',
): string {
  const defaults: Record<string, string> = {
    title: 'A test item',
    date: '2022-01-10',
    category: 'enforcement',
  };
  const merged = { ...defaults, ...fields };
  const lines = Object.entries(merged)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

export const AUTHORITIES = `cac:
  name: Cyberspace Administration of China
  abbr: CAC
  kind: regulator
pboc-shanghai:
  name: Shanghai Branch of the People's Bank of China
  kind: regulator
bole-court:
  name: People's Court of Bole
  kind: court
`;

export const BULLETIN = '---\ndate: 2022-02-17\ncovers: 2022-01\n---\nThe month in brief.\n';

/**
 * Writes `files` into `dir` as if gazette had built them there (with the
 * manifest that marks an output folder as gazette's own): a previous site
 * that a failed build must leave alone and a good one may replace.
 */
export function previousSite(dir: string, files: Record<string, string>): void {
  const manifest: Manifest = new Map();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
    manifest.set(path, { fingerprint: 'previous', size: Buffer.byteLength(content) });
  }
  writeFileSync(join(dir, MANIFEST), manifestText(manifest));
}
