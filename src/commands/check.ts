import { resolve } from 'node:path';
import { check } from '../api.js';
import { EXIT, noCache, type Io } from '../cli.js';
import { noteDrafts, noteFuture } from './build.js';
import { report, type Format } from './report.js';

const FORMATS: readonly Format[] = ['text', 'json', 'github'];

/** Validates the whole site as build would, templates included, without writing anything. */
export async function runCheck(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const format = String(values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    io.err(`gazette check: --format must be one of ${FORMATS.join(', ')}, not "${format}"`);
    return EXIT.usage;
  }
  const started = performance.now();
  const outcome = await check({
    root: resolve(String(values.root ?? '.')),
    drafts: values.drafts === true,
    future: values.future === true,
    cacheDir: noCache(values) ? false : (values['cache-dir'] as string | undefined),
  });
  report(io, outcome.diagnostics, format);
  if (outcome.diagnostics.length > 0) return outcome.usage ? EXIT.usage : EXIT.content;
  if (format !== 'json') {
    const site = outcome.site!;
    io.out(
      `gazette: ${site.items.length} items and ${site.bulletins.length} bulletins are valid (${Math.round(performance.now() - started)} ms)`,
    );
    noteFuture(io, outcome);
    noteDrafts(io, outcome);
  }
  return EXIT.ok;
}
