// Internal links of a built site: every href/src that stays inside the site
// must name a file of the output folder and, with a #fragment, an element with
// that id on the target page. Plain-JS port of test/linkcheck.ts (which the
// unit tests keep using), extended to srcset, <use href> and the element's
// markup in each report, so that a failure says which element to fix.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parseHTML } from 'linkedom';

const LINKING =
  'a[href], area[href], link[href], img[src], img[srcset], source[src], source[srcset], script[src], iframe[src], use[href], form[action]';

/**
 * @param {string} out the output folder
 * @param {string} basePath the path the site is served under ('/' or '/digest/')
 * @returns {{pages: number, links: number, broken: {page: string, href: string, reason: string, element: string}[]}}
 */
export function checkLinks(out, basePath = '/') {
  const files = walk(out).map((f) => relative(out, f).split(sep).join('/'));
  const existing = new Set(files);
  const htmlFiles = files.filter((f) => f.endsWith('.html')).sort();
  /** @type {Map<string, Set<string>>} */
  const ids = new Map();
  const docs = new Map();
  for (const file of htmlFiles) {
    const { document } = parseHTML(readFileSync(join(out, file), 'utf8'));
    docs.set(file, document);
    ids.set(file, new Set([...document.querySelectorAll('[id]')].map((e) => e.getAttribute('id'))));
  }
  const broken = [];
  let links = 0;
  for (const [file, document] of docs) {
    const base = document.querySelector('base[href]')?.getAttribute('href') ?? null;
    for (const el of document.querySelectorAll(LINKING)) {
      for (const href of targetsOf(el)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // external
        links++;
        const reason = resolveLink(file, href, basePath, existing, ids, base);
        if (reason) broken.push({ page: file, href, reason, element: describe(el) });
      }
    }
  }
  return { pages: htmlFiles.length, links, broken };
}

/**
 * Why `href` on page `file` does not resolve, or '' when it does. `base` is the
 * page's <base href> if it has one (an absolute path or URL), else null.
 */
export function resolveLink(file, href, basePath, existing, ids, base = null) {
  const hash = href.indexOf('#');
  const path = (hash < 0 ? href : href.slice(0, hash)).replace(/\?.*$/, '');
  const fragment = hash < 0 ? '' : href.slice(hash + 1);
  let target;
  if (path === '') target = file;
  else {
    let resolved;
    if (path.startsWith('/')) {
      if (!path.startsWith(basePath)) return `absolute path outside the base path ${basePath}`;
      resolved = path.slice(basePath.length);
    } else if (base !== null) {
      const basePathname = new URL(base, `http://site${basePath}${file}`).pathname;
      if (!basePathname.startsWith(basePath)) return `<base href="${base}"> is outside ${basePath}`;
      const dir = basePathname.slice(basePath.length).replace(/[^/]*$/, '');
      resolved = posix.normalize(posix.join(dir || '.', decodePath(path)));
    } else {
      // 404.html is served at any depth: a relative link on it breaks somewhere.
      if (file === '404.html') return 'relative link on the 404 page (it is served at any depth)';
      resolved = posix.normalize(posix.join(posix.dirname(file), decodePath(path)));
    }
    if (resolved === '..' || resolved.startsWith('../')) return 'leaves the site';
    resolved = resolved.replace(/^\.\/?/, '');
    if (path.endsWith('/') && resolved !== '' && !resolved.endsWith('/')) resolved += '/';
    target = resolved === '' || resolved.endsWith('/') ? `${resolved}index.html` : resolved;
    if (!existing.has(target) && existing.has(`${target}/index.html`)) {
      return `${target} is a folder: link to ${path}/ (without the slash a static host redirects or fails)`;
    }
  }
  if (!existing.has(target)) return `no file ${target}`;
  if (fragment && target.endsWith('.html')) {
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      return `fragment #${fragment} is not valid percent-encoding`;
    }
    if (!ids.get(target)?.has(id)) return `no id "${id}" in ${target}`;
  }
  return '';
}

function decodePath(path) {
  try {
    return decodeURI(path);
  } catch {
    return path; // left as written: it then names no file and is reported
  }
}

function targetsOf(el) {
  const out = [];
  for (const attr of ['href', 'src', 'action']) {
    const value = el.getAttribute(attr);
    if (value != null) out.push(value.trim());
  }
  const srcset = el.getAttribute('srcset');
  if (srcset) for (const part of srcset.split(',')) out.push(part.trim().split(/\s+/)[0] ?? '');
  return out.filter((v) => v !== '');
}

/** The element's opening tag, shortened: what to search for in the template. */
export function describe(el) {
  const tag = el.outerHTML.match(/^<[^>]*>/)?.[0] ?? `<${el.localName}>`;
  const text = el.textContent.trim().replace(/\s+/g, ' ');
  const shortTag = tag.length > 160 ? `${tag.slice(0, 157)}…>` : tag;
  return text ? `${shortTag}${text.length > 60 ? `${text.slice(0, 57)}…` : text}` : shortTag;
}

export function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
