import { relative, resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { DiskWriter } from '../output/disk.js';
import { placeOutput } from '../output/place.js';
import { OutputError } from '../output/writer.js';
import { buildSite, missingRoot } from '../pipeline.js';
import { report } from './report.js';

export async function runBuild(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const started = performance.now();
  const root = resolve(String(values.root ?? '.'));
  const missing = missingRoot(root);
  if (missing) {
    report(io, [missing]);
    return EXIT.usage;
  }
  let writer: DiskWriter;
  try {
    const out = placeOutput(root, values.out as string | undefined);
    writer = DiskWriter.open(out, { emptyOutDir: values['empty-out-dir'] === true });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.err(`gazette build: ${error.message}\n  hint: ${error.hint}`);
    return EXIT.usage;
  }
  const shown = relative(process.cwd(), writer.out) || '.';
  let result;
  try {
    result = await buildSite(
      { root, drafts: values.drafts === true, baseUrl: values['base-url'] as string | undefined },
      writer,
    );
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.err(`gazette build: ${error.message}\n  hint: ${error.hint}`);
    return EXIT.usage;
  }
  if (result.diagnostics.length > 0) {
    report(io, result.diagnostics);
    io.err(`gazette build: nothing written; ${shown} keeps the previous site`);
    return result.configError ? EXIT.usage : EXIT.content;
  }
  const ms = Math.round(performance.now() - started);
  io.out(
    `gazette: built ${result.site!.items.length} items, ${result.site!.bulletins.length} bulletins, ${result.written} files in ${ms} ms → ${shown}`,
  );
  return EXIT.ok;
}
