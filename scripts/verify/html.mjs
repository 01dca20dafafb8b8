// HTML validity: the Nu HTML Checker (npm vnu-jar) on every page of one or
// more built sites, in a single JVM start (a start costs ~2 s; a page ~10 ms).
// The theme's CSS files are checked too (--also-check-css).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walk } from './links.mjs';

const require = createRequire(import.meta.url);

/** The path of vnu.jar inside the vnu-jar package. */
export function vnuJar() {
  return require('vnu-jar');
}

/**
 * @param {string[]} dirs output folders
 * @returns {Promise<{files: number, css: number, errors: {dir: string, page: string, line: number, column: number, message: string, extract: string}[]}>}
 */
export async function checkHtml(dirs) {
  const html = [];
  const css = [];
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      if (file.endsWith('.html')) html.push(file);
      else if (file.endsWith('.css')) css.push(file);
    }
  }
  const files = [...html, ...css];
  const errors = [];
  if (files.length > 0) {
    // Many files: pass them through a response file would be nicer, but vnu has
    // none; chunk the argument list well under the kernel's limit instead.
    for (const chunk of chunks(files, 2000)) errors.push(...(await runVnu(chunk)));
  }
  return {
    files: html.length,
    css: css.length,
    errors: errors.map((m) => {
      const path = m.url ? fileURLToPath(m.url) : '(unknown file)';
      const dir = dirs.find((d) => path.startsWith(`${d}/`)) ?? '';
      return {
        dir,
        page: dir ? relative(dir, path) : path,
        line: m.lastLine ?? m.firstLine ?? 0,
        column: m.firstColumn ?? m.lastColumn ?? 0,
        message: m.message,
        extract: (m.extract ?? '').replace(/\s+/g, ' ').trim(),
      };
    }),
  };
}

function runVnu(files) {
  return new Promise((resolve, reject) => {
    const args = [
      '-Xss8m',
      '-jar',
      vnuJar(),
      '--errors-only',
      '--also-check-css',
      '--format',
      'json',
      ...files,
    ];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d)); // vnu writes its report to stderr
    child.on('error', (err) =>
      reject(new Error(`cannot run java (${err.message}): the Nu HTML Checker needs Java 11+`)),
    );
    child.on('close', (code) => {
      const json = out.slice(out.indexOf('{"'));
      try {
        const report = JSON.parse(json);
        // Errors, and also "non-document-error"s (a file it could not read).
        resolve(report.messages.filter((m) => m.type !== 'info'));
      } catch {
        reject(new Error(`the Nu HTML Checker failed (exit ${code}):\n${out.slice(0, 2000)}`));
      }
    });
  });
}

function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
