import { resolve, relative, sep } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { buildSite } from '../pipeline.js';
import { DiskWriter } from '../stages/write.js';
import { report } from './report.js';

export async function runBuild(
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<number> {
  const started = performance.now();
  const root = resolve(String(values.root ?? '.'));
  const out = resolve(root, String(values.out ?? 'dist'));
  const unsafe = unsafeOutput(root, out);
  if (unsafe) {
    io.err(`gazette build: --out ${out} ${unsafe}`);
    return EXIT.usage;
  }
  const result = await buildSite(
    { root, drafts: values.drafts === true, baseUrl: values['base-url'] as string | undefined },
    new DiskWriter(out),
  );
  if (result.diagnostics.length > 0) {
    report(io, result.diagnostics);
    io.err(
      `gazette build: nothing written; ${relative(process.cwd(), out) || '.'} keeps the previous site`,
    );
    return result.configError ? EXIT.usage : EXIT.content;
  }
  const ms = Math.round(performance.now() - started);
  io.out(
    `gazette: built ${result.site!.items.length} items, ${result.site!.bulletins.length} bulletins, ${result.written} files in ${ms} ms → ${relative(process.cwd(), out) || '.'}`,
  );
  return EXIT.ok;
}

/** The output folder is replaced whole, so it must not hold the site itself. */
function unsafeOutput(root: string, out: string): string | undefined {
  const fromOut = relative(out, root);
  if (fromOut === '' || !(fromOut.startsWith('..') || fromOut.startsWith(sep)))
    return 'would replace the site folder itself; choose a folder inside it, such as dist';
  const inside = relative(root, out).split(sep)[0];
  if (inside && ['content', 'data', 'templates', 'public', 'node_modules', '.git'].includes(inside))
    return `is inside the site's ${inside}/ folder; choose another, such as dist`;
  return undefined;
}
