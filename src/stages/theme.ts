import { createHash } from 'node:crypto';
import { Eta, type TemplateFunction } from 'eta/core';
import fg from 'fast-glob';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { checkFolder, checkLink, reportingFs, unreadable } from './source.js';
import { renderProblem, syntaxProblem } from './template-errors.js';
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
  /** The digest of every template and asset: what each page's fingerprint takes from the theme. */
  digest: string;
  /** Whether the site has templates of its own (beside, or instead of, built-in ones). */
  own: boolean;
  /** Which file each template came from, relative to the site or as `(built-in)/…`. */
  sources: Map<string, string>;
}

/**
 * Loads the built-in templates, each replaced by the site's own file of the
 * same name in `templates/` when there is one.
 */
export function loadTheme(root: string): Theme {
  const files = new Map<string, { abs: string; shown: string }>();
  const diagnostics: Diagnostic[] = [];
  for (const rel of fg.globSync('**/*', { cwd: BUILTIN_TEMPLATES, onlyFiles: true })) {
    files.set(rel, { abs: join(BUILTIN_TEMPLATES, rel), shown: `(built-in)/templates/${rel}` });
  }
  const own = join(root, 'templates');
  const folder = checkFolder(root, 'templates');
  if (folder) diagnostics.push(folder);
  else if (existsSync(own)) {
    const realRoot = realpathSync(root);
    for (const entry of fg.globSync('**/*', {
      cwd: own,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      fs: reportingFs(root, diagnostics),
    })) {
      const shown = `templates/${entry.path}`;
      if (entry.dirent.isSymbolicLink()) {
        // A link to a template is followed while it stays inside the site.
        const problem = checkLink(root, realRoot, shown);
        if (problem) {
          diagnostics.push(problem);
          continue;
        }
        if (!statSync(join(own, entry.path)).isFile()) {
          diagnostics.push(
            diagnostic(
              shown,
              START,
              'symlink-folder',
              'gazette does not follow links to folders',
              'move the files into the folder, or link each file',
            ),
          );
          continue;
        }
      } else if (!entry.dirent.isFile()) continue;
      files.set(entry.path, { abs: join(own, entry.path), shown });
    }
  }
  diagnostics.push(...assetConflicts(files));
  const eta = new Eta({ autoEscape: true, cache: true, useWith: false, varName: 'it' });
  const sources = new Map<string, string>();
  /** The site's own templates' text, to place their errors. */
  const texts = new Map<string, string>();
  const assets: Asset[] = [];
  const hash = createHash('sha1');
  for (const [rel, { abs, shown }] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(shown).update('\0');
    if (rel.endsWith('.eta')) {
      const name = `@${rel.slice(0, -4)}`;
      sources.set(name, shown);
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch (error) {
        diagnostics.push(unreadable(shown, error));
        continue;
      }
      hash.update(text).update('\0');
      if (shown.startsWith('templates/')) texts.set(shown, text);
      try {
        eta.loadTemplate(name, attributed(name, eta.compile(text)));
      } catch (error) {
        diagnostics.push(syntaxProblem(shown, text, error as Error));
      }
    } else if (rel.startsWith('assets/')) {
      try {
        const bytes = readFileSync(abs);
        hash.update(bytes).update('\0');
        assets.push({ path: `/${rel}`, bytes });
      } catch (error) {
        diagnostics.push(unreadable(shown, error));
      }
    }
  }
  return {
    assets,
    diagnostics,
    digest: hash.digest('base64url'),
    own: [...files.values()].some(
      (f) => f.shown.startsWith('templates/') && f.shown.endsWith('.eta'),
    ),
    sources,
    render(name: string, data: object): string {
      try {
        return eta.render(`@${name}`, data);
      } catch (error) {
        // Where it failed: the innermost template (an included layout or partial), not the page's.
        const failure =
          error instanceof TemplateFailure ? error : new TemplateFailure(`@${name}`, error);
        const inner = failure.template.slice(1);
        const file = sources.get(failure.template) ?? `templates/${inner}.eta`;
        throw new TemplateError(renderProblem(file, inner, texts.get(file), failure.thrown));
      }
    },
  };
}

/** What a template threw, with the name of the template it was thrown in. */
class TemplateFailure extends Error {
  constructor(
    readonly template: string,
    readonly thrown: unknown,
  ) {
    super(`failed in ${template}`);
  }
}

/** A compiled template that names itself in what it throws, unless a template it includes did. */
function attributed(name: string, template: TemplateFunction): TemplateFunction {
  return function (this: Eta, data, options) {
    try {
      return template.call(this, data, options);
    } catch (error) {
      throw error instanceof TemplateFailure ? error : new TemplateFailure(name, error);
    }
  };
}

/** Thrown by `render` and turned back into a diagnostic by the render stage. */
export class TemplateError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * A site's asset whose path runs through another asset's file
 * (`templates/assets/style.css/x` beside the built-in `assets/style.css`), or a
 * file where another asset needs a folder: the two cannot both be written.
 */
function assetConflicts(files: Map<string, { shown: string }>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [rel, { shown }] of files) {
    if (!rel.startsWith('assets/')) continue;
    const parts = rel.split('/');
    for (let i = 2; i < parts.length; i++) {
      const other = files.get(parts.slice(0, i).join('/'));
      if (!other) continue;
      // Blamed on the site's own file; of two site files, on the one inside.
      problems.push(
        diagnostic(
          shown.startsWith('templates/') ? shown : other.shown,
          START,
          'asset-conflict',
          shown.startsWith('templates/')
            ? `${shown} cannot be written: /${parts.slice(0, i).join('/')} is a file, ${other.shown}`
            : `${other.shown} cannot be written as a file: the theme needs /${parts.slice(0, i).join('/')} as a folder for ${shown}`,
          'rename or move the file in templates/assets/',
        ),
      );
      break;
    }
  }
  return problems;
}
