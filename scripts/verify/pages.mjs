// Which pages of a build the browser checks visit. Every page is checked by
// the HTML and link checks; axe and the console check visit a sample that
// covers every kind of page (each template) with its largest instance.
import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { walk } from './links.mjs';
import { axeRulesOff } from './policy.mjs';

/** The page kinds of DESIGN.md, by the first segment of the path; their index pages. */
const INDEXES = {
  bulletins: 'bulletin archive',
  authorities: 'authority registry',
  tags: 'topic index',
  instruments: 'instrument index',
};
const KINDS = {
  bulletins: 'bulletin',
  items: 'item',
  authorities: 'authority',
  tags: 'tag',
  fines: 'fines',
  calendar: 'calendar',
  search: 'search',
  instruments: 'instrument',
  statistics: 'statistics',
  corrections: 'corrections',
};

/**
 * @param {string} out output folder
 * @param {{all?: boolean}} [options] all: every HTML page rather than a sample
 * @returns {{name: string, kind: string, path: string, rulesOff: string[], expectStatus?: number}[]}
 *   path is relative to the site's base URL ('' for the home page)
 */
export function pickPages(out, { all = false } = {}) {
  const files = walk(out)
    .map((f) => relative(out, f).split(sep).join('/'))
    .filter((f) => f.endsWith('.html') && f !== '404.html')
    .sort();
  const toPath = (file) => file.replace(/(^|\/)index\.html$/, '$1');
  const kindOf = (file) => {
    if (file === 'index.html') return 'home';
    const [first = ''] = file.split('/');
    if (file === `${first}/index.html` && INDEXES[first]) return INDEXES[first];
    if (file.endsWith('/email.html')) return 'email edition';
    return (
      KINDS[first] ?? (file.split('/').length <= 2 || file.includes('/page/') ? 'section' : first)
    );
  };
  const picked = new Map(); // file → kind
  if (all) for (const file of files) picked.set(file, kindOf(file));
  else {
    // By folder: its index page, its second listing page, and its largest page.
    const groups = new Map();
    for (const file of files) {
      const group = file === 'index.html' ? '' : (file.split('/')[0] ?? '');
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push(file);
    }
    for (const [group, members] of groups) {
      const prefix = group ? `${group}/` : '';
      const wanted = [`${prefix}index.html`, `${prefix}page/2/index.html`];
      const deeper = members.filter((f) => !wanted.includes(f) && !f.includes('/page/'));
      const emails = deeper.filter((f) => f.endsWith('/email.html'));
      const pages = deeper.filter((f) => !f.endsWith('/email.html'));
      const largest = (list) =>
        list.reduce((a, b) => (size(out, b) > size(out, a) ? b : a), list[0] ?? '');
      for (const file of [...wanted, largest(pages), pages[0] ?? '', largest(emails)]) {
        if (file && members.includes(file)) picked.set(file, kindOf(file));
      }
    }
  }
  const pages = [...picked]
    .sort(([a], [b]) => (toPath(a) < toPath(b) ? -1 : 1))
    .map(([file, kind]) => ({
      name: toPath(file) || '(home)',
      kind,
      path: toPath(file),
      rulesOff: axeRulesOff(file),
    }));
  // The 404 page as a host serves it: at a missing address, deep in the site.
  if (statSafe(join(out, '404.html'))) {
    pages.push({
      name: '404 (at no/such/page/)',
      kind: '404',
      path: 'no/such/page/',
      expectStatus: 404,
    });
  }
  return pages;
}

function size(out, file) {
  return statSafe(join(out, file))?.size ?? 0;
}

function statSafe(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
