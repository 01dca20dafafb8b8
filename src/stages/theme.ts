import { Eta } from 'eta/core';
import fg from 'fast-glob';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, START, type Diagnostic } from '../diagnostics.js';

/** The built-in theme, shipped with gazette. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface Asset {
  /** Site path, e.g. `/assets/style.css`. */
  path: string;
  bytes: Buffer;
}

export interface Theme {
  /** Renders template `name` (e.g. "item"); a template error becomes a diagnostic. */
  render(name: string, data: object): string;
  assets: Asset[];
  diagnostics: Diagnostic[];
  /** Which file each template came from, relative to the site or as `(built-in)/…`. */
  sources: Map<string, string>;
}

/**
 * Loads the built-in templates, each replaced by the site's own file of the
 * same name in `templates/` when there is one.
 */
export function loadTheme(root: string): Theme {
  const files = new Map<string, { abs: string; shown: string }>();
  for (const [dir, label] of [
    [BUILTIN_TEMPLATES, '(built-in)/templates/'],
    [join(root, 'templates'), 'templates/'],
  ] as const) {
    if (!existsSync(dir)) continue;
    for (const rel of fg.globSync('**/*', {
      cwd: dir,
      onlyFiles: true,
      followSymbolicLinks: false,
    })) {
      files.set(rel, { abs: join(dir, rel), shown: label + rel });
    }
  }
  const eta = new Eta({ autoEscape: true, cache: true, useWith: false, varName: 'it' });
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const assets: Asset[] = [];
  for (const [rel, { abs, shown }] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (rel.endsWith('.eta')) {
      const name = `@${rel.slice(0, -4)}`;
      sources.set(name, shown);
      try {
        eta.loadTemplate(name, readFileSync(abs, 'utf8'));
      } catch (error) {
        diagnostics.push(
          diagnostic(
            shown,
            START,
            'template-syntax',
            `template error: ${(error as Error).message.split('\n')[0]}`,
            'check that every <% has its %>',
          ),
        );
      }
    } else if (rel.startsWith('assets/')) {
      assets.push({ path: `/${rel}`, bytes: readFileSync(abs) });
    }
  }
  return {
    assets,
    diagnostics,
    sources,
    render(name: string, data: object): string {
      try {
        return eta.render(`@${name}`, data);
      } catch (error) {
        const file = sources.get(`@${name}`) ?? `templates/${name}.eta`;
        throw new TemplateError(
          diagnostic(
            file,
            START,
            'template-render',
            `template "${name}" failed: ${(error as Error).message.split('\n')[0]}`,
          ),
        );
      }
    },
  };
}

/** Thrown by `render` and turned back into a diagnostic by the render stage. */
export class TemplateError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}
