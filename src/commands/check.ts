import { resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { loadSite } from '../pipeline.js';
import { report, type Format } from './report.js';

const FORMATS: readonly Format[] = ['text', 'json', 'github'];

/** Validates the whole site without rendering or writing anything. */
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
  const result = await loadSite({
    root: resolve(String(values.root ?? '.')),
    drafts: values.drafts === true,
  });
  report(io, result.diagnostics, format);
  if (result.diagnostics.length > 0) return result.configError ? EXIT.usage : EXIT.content;
  if (format !== 'json') {
    const site = result.site!;
    io.out(
      `gazette: ${site.items.length} items and ${site.bulletins.length} bulletins are valid (${Math.round(performance.now() - started)} ms)`,
    );
  }
  return EXIT.ok;
}
