// Operators on the site's files as a tree: odd names, deep folders,
// symbolic links inside and outside the site, empty files, folders where
// files are expected, named pipes, templates with errors, public/ files at
// generated addresses, files removed, copied and multiplied.
//
// A case is written as <case>/site, beside <case>/outside.txt and
// <case>/outside-dir/, which links "outside the site" point to.
import { BAD_BYTES, NAMES } from './values.mjs';
import { insertBytes } from './edit.mjs';
import { file, filesWhere, isBulletin, isItem, remove, textOf } from './tree.mjs';

/** A relative link from `path` (in the site) to `target` (relative to the case folder). */
const up = (path, target) => `${'../'.repeat(path.split('/').length)}${target}`;

const pickItem = (r, tree) => {
  const items = filesWhere(tree, isItem);
  return items.length > 0 ? r.pick(items) : undefined;
};

const move = (tree, from, to) => {
  const entry = tree.get(from);
  tree.delete(from);
  tree.set(to, entry);
};

const LINKS = [
  (p) => ['content/items/link.md', up('content/items/link.md', 'outside.txt')],
  () => ['content/items/etc.md', '/etc/hostname'],
  () => ['content/items/inside.md', 'seed/legislation.md'],
  () => ['content/items/broken.md', 'nowhere.md'],
  () => ['content/items/self.md', 'self.md'],
  () => ['content/items/dir', '../bulletins'],
  (p) => ['content/items/out', up('content/items/out', 'outside-dir')],
  (p) => ['content', up('content', 'outside-dir')],
  (p) => ['data', up('data', 'outside-dir')],
  (p) => ['data/authorities.yaml', up('data/authorities.yaml', 'outside.txt')],
  () => ['data/authorities.yaml', '../gazette.config.yaml'],
  () => ['data/authorities.yaml', '.'],
  (p) => ['gazette.config.yaml', up('gazette.config.yaml', 'outside.txt')],
  () => ['gazette.config.yaml', 'data'],
  () => ['gazette.config.yaml', 'nowhere.yaml'],
  () => ['gazette.config.yaml', 'gazette.config.yaml'],
  (p) => ['templates/item.eta', up('templates/item.eta', 'outside.txt')],
  (p) => ['templates', up('templates', 'outside-dir')],
  () => ['templates/partials', '../content'],
  () => ['templates/item.eta', '../content/items/seed/legislation.md'],
  () => ['templates/assets/style.css', 'nowhere.css'],
  () => ['public/loop', '.'],
  () => ['public/up', '..'],
  () => ['public/deep/er/loop', '../..'],
  (p) => ['public/out', up('public/out', 'outside-dir')],
  () => ['public/etc', '/etc/hostname'],
  () => ['public/broken', 'nowhere'],
  () => ['public/items-link', '../content/items'],
  () => ['public/null', '/dev/null'],
  () => ['public/CNAME', 'CNAME'],
  () => ['public', '.'],
  () => ['content/bulletins/2000-07.md', '2000-05.md'],
];

const FOLDERS = [
  'gazette.config.yaml/x',
  'data/authorities.yaml/x',
  'content/items/folder.md/x.txt',
  'content/bulletins/2000-02.md/x',
  'templates/item.eta/x',
  'templates/assets/style.css/x',
  'public/CNAME/x',
  'content/bulletins/2000-08/x.md',
  'content/items/seed/every-field.md/x.md',
];

const AS_FILE = [
  'content',
  'data',
  'templates',
  'public',
  'content/items',
  'content/bulletins',
  'templates/assets',
];

const TEMPLATES = [
  ['item', '<%= it.title'],
  ['item', '<% if (true) { %>open'],
  ['item', "<%~ include('@nope') %>"],
  ['item', '<%= it.item.nope.deeper %>'],
  ['item', '<% throw new Error("boom") %>'],
  ['item', '<% throw null %>'],
  ['item', '<% throw undefined %>'],
  ['item', '<% throw "a string" %>'],
  ['item', '<% throw { message: 5 } %>'],
  ['item', '<% throw Object.create(null) %>'],
  ['item', "<%~ include('@item', it) %>"],
  ['layout', '<%= it.nope.x %>'],
  ['layout', '%>'],
  ['home', '<% } %>'],
  ['partials/notes', '<%= x %>'],
  ['bulletin', '<%= await it %>'],
  ['feed-atom', '<%~ it.body %> <%= it.nope() %>'],
  ['unused', '<% if ( %>'],
  ['item', ''],
  ['item', '<%= it %>'],
  ['404', '<%= "\u0000" %>'],
  ['list', '<%= it.items.map(i => i.nope.x) %>'],
  ['partials/item-meta', '<%~ include("@partials/item-meta", it) %>'],
  ['item', '<%'],
  ['item', '<%= %>'],
  ['sitemap', '<% const e = new Error("x"); e.stack = undefined; throw e %>'],
  ['item', '<% const e = new Error("x"); e.message = undefined; throw e %>'],
  ['item', '<% throw new RangeError("\\u001b[2J") %>'],
  ['raw', '<%= it.content.nope.x %>'],
  ['email.txt', '<%= it.nope.x %>'],
  ['calendar-ics', '<% throw 42 %>'],
  ['tags', '<%= it..x %>'],
];

const PUBLIC = [
  'index.html',
  'feed.xml',
  'feed.json',
  'sitemap.xml',
  '404.html',
  'robots.txt',
  'items',
  'items/every-field/index.html',
  'assets/style.css',
  'Index.html',
  'FEED.XML',
  '.gazette-manifest.json',
  '.gazette-commit.json',
  'bulletins/2000-02/email.html',
  'search/2000.json',
  'fines.csv',
  'a\\b',
  'x.__proto__',
  '__proto__',
  ' space',
  'new\nline',
  '%2e',
  'old/every-field/index.html',
  '.well-known/security.txt',
  'a/b/c/d/e/f/g.txt',
  'tags',
  'authorities/cac/feed.xml',
  'img',
  'ITEMS/x',
  'calendar.ics',
  'bulletins',
  'enforcement/index.html',
  'esc\u001b',
  'tab\t',
  'Assets/Style.css',
  'items/every-field',
  'x'.repeat(250),
  'page/2/index.html',
  'fines.json',
];

const COPIES = [
  (item) => item.replace(/[^/]+\.md$/, 'copy/$&'),
  () => 'content/bulletins/item-as-bulletin.md',
  () => 'content/stray.md',
  () => 'content/item/typo.md',
  () => 'content/bulletins/sub/2000-09.md',
  () => 'content/items/README.md',
];

const BULLETIN_COPIES = [
  'content/bulletins/2000-13.md',
  'content/bulletins/2000-2.md',
  'content/bulletins/x.md',
  'content/bulletins/2000-10.md',
  'content/items/2000-02.md',
  'content/bulletins/2000-02.MD',
  'content/bulletins/0000-01.md',
  'content/bulletins/2000-01.md',
];

export const TREE_OPS = [
  {
    name: 'tree.rename',
    weight: 4,
    apply: (r, tree) => {
      const from = pickItem(r, tree);
      if (!from) return false;
      const name = r.pick(NAMES);
      const to = r.chance(0.2)
        ? `content/items/${name.replace(/\.md$/i, '')}/x.md`
        : from.replace(/[^/]+$/, name);
      move(tree, from, to);
      return `tree.rename ${from} → ${JSON.stringify(to)}`;
    },
  },
  {
    name: 'tree.symlink',
    weight: 6,
    apply: (r, tree) => {
      const [path, target] = r.pick(LINKS)();
      remove(tree, path);
      tree.set(path, { kind: 'link', target });
      return `tree.symlink ${path} -> ${target}`;
    },
  },
  {
    name: 'tree.empty',
    weight: 3,
    apply: (r, tree) => {
      const files = filesWhere(tree, () => true);
      const path = r.chance(0.5)
        ? r.pick([
            'gazette.config.yaml',
            'data/authorities.yaml',
            'templates/item.eta',
            'templates/assets/style.css',
            'content/bulletins/2000-02.md',
          ])
        : r.pick(files);
      remove(tree, path);
      tree.set(path, file(''));
      return `tree.empty ${path}`;
    },
  },
  {
    name: 'tree.folder',
    weight: 3,
    apply: (r, tree) => {
      if (r.chance(0.6)) {
        const inner = r.pick(FOLDERS);
        remove(tree, inner.replace(/\/[^/]+$/, ''));
        tree.set(inner, file('x\n'));
        return `tree.folder ${inner}`;
      }
      const path = r.pick(AS_FILE);
      remove(tree, path);
      tree.set(path, file('a file where a folder belongs\n'));
      return `tree.folder file ${path}`;
    },
  },
  {
    name: 'tree.fifo',
    weight: 1,
    apply: (r, tree) => {
      const path = r.pick([
        'gazette.config.yaml',
        'data/authorities.yaml',
        'content/items/pipe.md',
        'content/bulletins/2000-02.md',
        'templates/item.eta',
        'templates/assets/pipe.css',
        'public/pipe',
      ]);
      remove(tree, path);
      tree.set(path, { kind: 'fifo' });
      return `tree.fifo ${path}`;
    },
  },
  {
    name: 'tree.bytes',
    weight: 2,
    apply: (r, tree) => {
      const files = filesWhere(tree, (p) => !p.startsWith('public/'));
      if (files.length === 0) return false;
      const path = r.chance(0.3)
        ? r.pick(files)
        : r.pick(['gazette.config.yaml', 'data/authorities.yaml', 'content/bulletins/2000-02.md']);
      if (tree.get(path)?.kind !== 'file') return false;
      const bytes = r.pick(BAD_BYTES);
      tree.set(path, insertBytes(r, tree.get(path), bytes));
      return `tree.bytes ${path}: ${bytes.map((b) => b.toString(16)).join(' ')}`;
    },
  },
  {
    name: 'tree.template',
    weight: 4,
    apply: (r, tree) => {
      const [name, text] = r.pick(TEMPLATES);
      const path = `templates/${name}.eta`;
      tree.set(path, file(text));
      if (r.chance(0.2))
        tree.set('templates/assets/style.css', {
          kind: 'file',
          data: new Uint8Array(BAD_BYTES.flat()),
        });
      return `tree.template ${path}: ${JSON.stringify(text)}`;
    },
  },
  {
    name: 'tree.public',
    weight: 4,
    apply: (r, tree) => {
      const name = r.pick(PUBLIC);
      const path = `public/${name}`;
      remove(tree, path);
      tree.set(path, file(r.chance(0.2) ? '' : `public file ${name}\n`));
      return `tree.public ${JSON.stringify(path)}`;
    },
  },
  {
    name: 'tree.remove',
    weight: 2,
    apply: (r, tree) => {
      const path = r.pick([
        'data/authorities.yaml',
        'data',
        'content/bulletins',
        'content',
        'content/items',
        'public',
        'content/bulletins/2000-05.md',
        'content/items/seed',
      ]);
      remove(tree, path);
      if (r.chance(0.3)) tree.set(path, { kind: 'dir' });
      return `tree.remove ${path}`;
    },
  },
  {
    name: 'tree.copy',
    weight: 3,
    apply: (r, tree) => {
      if (r.chance(0.4)) {
        const bulletins = filesWhere(tree, isBulletin);
        if (bulletins.length === 0) return false;
        const from = r.pick(bulletins);
        const to = r.pick(BULLETIN_COPIES);
        tree.set(to, tree.get(from));
        return `tree.copy ${from} → ${to}`;
      }
      const from = pickItem(r, tree);
      if (!from) return false;
      const to = r.pick(COPIES)(from);
      tree.set(to, tree.get(from));
      return `tree.copy ${from} → ${to}`;
    },
  },
  {
    name: 'tree.deep',
    weight: 1,
    scale: [20, 1000],
    apply: (r, tree, n) => {
      const from = pickItem(r, tree);
      if (!from) return false;
      // Folder names short enough that n levels stay under PATH_MAX.
      const depth = Math.min(n, 1500);
      const to = `content/items/${Array(depth).fill('d').join('/')}/deep.md`;
      move(tree, from, to);
      return `tree.deep ${from} → ${depth} folders deep`;
    },
  },
  {
    name: 'tree.many',
    weight: 1,
    // Both sizes of the scaling check at or over the 600 files from which loading takes a second thread.
    scale: [150, 2400],
    apply: (r, tree, n) => {
      const from = pickItem(r, tree);
      if (!from) return false;
      const text = textOf(tree.get(from));
      for (let i = 0; i < n; i++) {
        const t = text?.replace(/^slug: .*$/m, `slug: many-${i}`).replace(/^aliases: .*$/m, '');
        tree.set(`content/items/many/${i}.md`, t === undefined ? tree.get(from) : file(t));
      }
      return `tree.many ${n} copies of ${from}`;
    },
  },
];
