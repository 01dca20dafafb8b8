import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parseHTML } from 'linkedom';

export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

/**
 * Checks every internal href/src of every HTML page in a built site: the target
 * file exists and, for `#fragment`, an element with that id exists there.
 * `basePath` is the path the site is served under (links may start with it).
 */
export function checkLinks(
  out: string,
  basePath = '/',
): { pages: number; links: number; broken: BrokenLink[] } {
  const files = walk(out).map((f) => relative(out, f).split(sep).join('/'));
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const docs = new Map<string, ReturnType<typeof parseHTML>['document']>();
  for (const file of htmlFiles) {
    const { document } = parseHTML(readFileSync(join(out, file), 'utf8'));
    docs.set(file, document);
    ids.set(
      file,
      new Set([...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id')!)),
    );
  }
  const existing = new Set(files);
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const [file, document] of docs) {
    for (const el of document.querySelectorAll('a[href], link[href], img[src], script[src]')) {
      const href = el.getAttribute('href') ?? el.getAttribute('src')!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // external
      links++;
      const [path = '', fragment] = href.split('#', 2);
      let target: string;
      if (path === '') target = file;
      else {
        const dir = file === '404.html' ? '' : posix.dirname(file);
        let resolved = path.startsWith('/')
          ? path.startsWith(basePath)
            ? path.slice(basePath.length)
            : `\u0000outside-base${path}`
          : posix.normalize(posix.join(dir, path));
        resolved = resolved.replace(/^\.\/?/, '');
        if (path.endsWith('/') && resolved !== '' && !resolved.endsWith('/')) resolved += '/';
        target = resolved === '' || resolved.endsWith('/') ? `${resolved}index.html` : resolved;
        if (resolved.startsWith('..')) target = `\u0000${resolved}`;
      }
      if (!existing.has(target)) {
        broken.push({ page: file, href, reason: `no file ${target.replace('\u0000', '')}` });
        continue;
      }
      if (
        fragment &&
        target.endsWith('.html') &&
        !ids.get(target)?.has(decodeURIComponent(fragment))
      ) {
        broken.push({ page: file, href, reason: `no id "${fragment}" in ${target}` });
      }
    }
  }
  return { pages: htmlFiles.length, links, broken };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
