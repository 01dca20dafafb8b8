import { relative, resolve } from 'node:path';
import { build } from '../api.js';
import { EXIT, noCache, type Io } from '../cli.js';
import { isoDate } from '../domain/dates.js';
import type { Outcome } from '../engine/engine.js';
import { OutputError } from '../output/writer.js';
import { report } from './report.js';

export async function runBuild(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const started = performance.now();
  const root = resolve(String(values.root ?? '.'));
  const out = values.out as string | undefined;
  let outcome: Outcome;
  try {
    outcome = await build({
      root,
      out,
      drafts: values.drafts === true,
      future: values.future === true,
      baseUrl: values['base-url'] as string | undefined,
      cacheDir: noCache(values) ? false : (values['cache-dir'] as string | undefined),
      emptyOutDir: values['empty-out-dir'] === true,
    });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.err(`gazette build: ${error.message}\n  hint: ${error.hint}`);
    return EXIT.usage;
  }
  const shown = relative(process.cwd(), resolve(out ?? resolve(root, 'dist'))) || '.';
  if (outcome.diagnostics.length > 0) {
    report(io, outcome.diagnostics);
    io.err(`gazette build: nothing written; ${shown} keeps the previous site`);
    return outcome.usage ? EXIT.usage : EXIT.content;
  }
  const site = outcome.site!;
  const ms = Math.round(performance.now() - started);
  io.out(
    `gazette: built ${site.items.length} items, ${site.bulletins.length} bulletins, ${outcome.pages} pages ` +
      `(${outcome.rendered} made, ${outcome.written} written, ${outcome.kept} unchanged, ${outcome.removed} removed) in ${ms} ms → ${shown}`,
  );
  if (!site.config.baseUrl.origin) {
    io.out(
      'gazette: no --base-url with an origin: sitemap.xml not written; feeds use root-relative links; ' +
        'set baseUrl in gazette.config.yaml (or pass --base-url) to the public address, e.g. https://example.org/digest/',
    );
  }
  noteFuture(io, outcome);
  noteDrafts(io, outcome);
  return EXIT.ok;
}

/** Says which items were left out for being dated after the build date. */
export function noteFuture(io: Io, outcome: Outcome): void {
  if (outcome.future.length === 0) return;
  const n = outcome.future.length;
  const shown = outcome.future.slice(0, 5).map((i) => `  ${i.file} (${isoDate(i.date)})`);
  if (n > 5) shown.push(`  … and ${n - 5} more`);
  io.out(
    `gazette: ${n} ${n === 1 ? 'item is' : 'items are'} dated after the build date and left out (publish them with --future):\n${shown.join('\n')}`,
  );
}

/** Says which drafts were left out, and how to publish or preview them. */
export function noteDrafts(io: Io, outcome: Outcome): void {
  if (outcome.drafts.length === 0) return;
  const n = outcome.drafts.length;
  const shown = outcome.drafts.slice(0, 5).map((file) => `  ${file}`);
  if (n > 5) shown.push(`  … and ${n - 5} more`);
  io.out(
    `gazette: ${n} ${n === 1 ? 'draft is' : 'drafts are'} left out (draft: true); to publish one, delete that line from its file (gazette build --drafts and gazette dev --drafts show them):\n${shown.join('\n')}`,
  );
}
