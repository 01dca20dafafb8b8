// Operators on front matter (items and bulletins): fields dropped, renamed,
// doubled, given odd values and types; YAML syntax broken; delimiters
// changed; aliases, nesting, many fields and huge values.
import { editDoc, havoc, insertPiece, setField, STRUCTURE, topFields } from './edit.mjs';
import { filesWhere, isBulletin, isItem } from './tree.mjs';
import { FIELD_NAMES, FIELD_VALUES, ITEM_FIELDS, SCALARS, UNICODE } from './values.mjs';

/** An item (mostly) or a bulletin of the tree. */
export function pickDoc(r, tree, bulletinShare = 0.2) {
  const bulletins = filesWhere(tree, isBulletin);
  const items = filesWhere(tree, isItem);
  const list =
    bulletins.length > 0 && (r.chance(bulletinShare) || items.length === 0) ? bulletins : items;
  return list.length > 0 ? r.pick(list) : undefined;
}

const valueFor = (r, key) =>
  Object.hasOwn(FIELD_VALUES, key) && r.chance(0.6) ? r.pick(FIELD_VALUES[key]) : r.pick(SCALARS);

/** Applies `change(doc, r)` to a picked document; a description, or false. */
const onDoc = (name, change) => (r, tree, n) => {
  const path = pickDoc(r, tree);
  if (!path) return false;
  let what = '';
  const ok = editDoc(tree, path, (doc) => (what = change(r, doc, n, path) ?? ''));
  return ok && what !== false ? `${name} ${path}${what ? `: ${what}` : ''}` : false;
};

const SYNTAX = [
  '  bad indent: x',
  '\tkey: tab',
  'key: "unclosed',
  '- list item at top',
  ': no key',
  '? complex key\n: value',
  '%YAML 1.2',
  '--- ',
  '...',
  '&anchor',
  'k1: &a [1, 2]\nk2: *a',
  '<<: {title: merged}',
  '<<: *nowhere',
  '[a, b]: flow key',
  '{a: 1}: x',
  '"\\ud800": x',
  'key: !!python/object:os.system x',
  'key: |\n  block\nkey2: >\n folded',
  '---x',
  '--- #',
  'title: &t T\nsummary: *t',
  '"title": quoted',
  'title:no-space',
  'a: b: c',
  '- - -',
  '&a',
  '!!map',
  'k: [a, *b]',
  'k: {a: *a, b: &a x}',
  'k: &a\n  - *a',
  '? [a]\n: b',
  'k: @x',
  'k: `x`',
  'k: "\\q"',
  "k: 'a\n  b'",
  'k: "a\n  b"',
  'k:\n- a\n-b',
  'k: [a,\n]',
  '\ufeffk: v',
];

export const FRONT_OPS = [
  {
    name: 'front.drop',
    weight: 4,
    apply: onDoc('front.drop', (r, doc) => {
      const fields = topFields(doc.lines);
      if (fields.length === 0) return false;
      const f = r.pick(fields);
      doc.lines.splice(f.start, f.end - f.start);
      return f.key;
    }),
  },
  {
    name: 'front.rename',
    weight: 4,
    apply: onDoc('front.rename', (r, doc) => {
      const fields = topFields(doc.lines);
      if (fields.length === 0) return false;
      const f = r.pick(fields);
      const name = r.chance(0.3) ? r.pick(ITEM_FIELDS) : r.pick(FIELD_NAMES);
      doc.lines[f.start] = doc.lines[f.start].replace(f.key, name);
      return `${f.key} → ${JSON.stringify(name)}`;
    }),
  },
  {
    name: 'front.value',
    weight: 10,
    apply: onDoc('front.value', (r, doc) => {
      const fields = topFields(doc.lines);
      if (fields.length === 0) return false;
      const { key } = r.pick(fields);
      const value = valueFor(r, key);
      setField(r, doc.lines, key, value);
      return `${key}: ${JSON.stringify(value)}`;
    }),
  },
  {
    name: 'front.add',
    weight: 6,
    apply: onDoc('front.add', (r, doc, _n, path) => {
      const fields = isBulletin(path) ? ['title', 'date', 'covers', 'draft'] : ITEM_FIELDS;
      const key = r.chance(0.85) ? r.pick(fields) : r.pick(FIELD_NAMES);
      const value = valueFor(r, key);
      setField(r, doc.lines, key, value);
      return `${key}: ${JSON.stringify(value)}`;
    }),
  },
  {
    name: 'front.duplicate',
    weight: 2,
    apply: onDoc('front.duplicate', (r, doc) => {
      const fields = topFields(doc.lines);
      if (fields.length === 0) return false;
      const f = r.pick(fields);
      doc.lines.splice(r.int(0, doc.lines.length), 0, ...doc.lines.slice(f.start, f.end));
      return f.key;
    }),
  },
  {
    name: 'front.syntax',
    weight: 6,
    apply: onDoc('front.syntax', (r, doc) => {
      const piece = r.pick(SYNTAX);
      doc.lines.splice(r.int(0, doc.lines.length), 0, ...piece.split('\n'));
      return JSON.stringify(piece);
    }),
  },
  {
    name: 'front.havoc',
    weight: 5,
    apply: onDoc('front.havoc', (r, doc) => {
      const k = r.int(1, 6);
      doc.lines = havoc(r, doc.lines.join('\n'), STRUCTURE, k).split('\n');
      return `${k} edits`;
    }),
  },
  {
    name: 'front.delimiter',
    weight: 3,
    apply: onDoc('front.delimiter', (r, doc) => {
      const DELIMS = [
        '---js\n',
        '---json\n',
        '--- \n',
        '---\t\n',
        '----\n',
        '+++\n',
        '--\n',
        '',
        '\ufeff---\n',
        ' ---\n',
        '---yaml\n',
        '---x\n',
        '---\r\n',
        '\n---\n',
        '---coffee\n',
        '---\n---\n',
      ];
      const which = r.int(0, 3);
      const d = r.pick(DELIMS);
      if (which === 0) doc.head = d;
      else if (which === 1) doc.tail = d;
      else if (which === 2) doc.lines.splice(r.int(0, doc.lines.length), 0, d.replace(/\n$/, ''));
      else doc.body = `${doc.body}\n${d}title: again\n---\n`;
      return `${['opening', 'closing', 'inside', 'second block'][which]} ${JSON.stringify(d)}`;
    }),
  },
  {
    name: 'front.unicode',
    weight: 3,
    apply: onDoc('front.unicode', (r, doc) => {
      const piece = r.pick(UNICODE);
      doc.lines = insertPiece(r, doc.lines.join('\n'), piece).split('\n');
      return JSON.stringify(piece);
    }),
  },
  {
    name: 'front.lineEnds',
    weight: 1,
    apply: (r, tree) => {
      const path = pickDoc(r, tree);
      if (!path) return false;
      const ends = r.pick(['\r\n', '\r', '\n\n', '\u2028', '\u0085']);
      return (
        editDoc(tree, path, (doc) => {
          doc.lines = [doc.lines.join(ends)];
          if (r.chance(0.5)) doc.body = doc.body.split('\n').join(ends);
        }) && `front.lineEnds ${path}: ${JSON.stringify(ends)}`
      );
    },
  },
  // Scalable: n is the size of what they add.
  {
    name: 'front.aliases',
    weight: 2,
    scale: [20, 20000],
    apply: onDoc('front.aliases', (r, doc, n) => {
      const kind = r.int(0, 2);
      if (kind === 0) {
        // A billion-laughs ladder: each level repeats the one before.
        const levels = Math.max(2, Math.round(Math.log(n) / Math.log(4)));
        doc.lines.push('l0: &l0 [x, x, x, x]');
        for (let i = 1; i <= levels; i++)
          doc.lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}, *l${i - 1}, *l${i - 1}]`);
        return `${levels} levels of 4`;
      }
      if (kind === 1) {
        doc.lines.push('anchor: &t credit-information');
        setField(r, doc.lines, 'tags', `[${Array(n).fill('*t').join(', ')}]`);
        return `${n} aliases of one tag`;
      }
      doc.lines.push(
        ...Array.from({ length: n }, (_, i) => `k${i}: &a${i} *a${Math.max(0, i - 1)}`),
      );
      return `${n} chained aliases`;
    }),
  },
  {
    name: 'front.deep',
    weight: 2,
    scale: [60, 20000],
    apply: onDoc('front.deep', (r, doc, n) => {
      const key = r.pick(['title', 'fine', 'sources', 'party', 'zzz', 'tags']);
      const kind = r.int(0, 2);
      const d = r.chance(0.3) ? r.pick([63, 64, 65]) : n;
      if (kind === 0) setField(r, doc.lines, key, `${'['.repeat(d)}x${']'.repeat(d)}`);
      else if (kind === 1) setField(r, doc.lines, key, `${'{a: '.repeat(d)}x${'}'.repeat(d)}`);
      else
        setField(
          r,
          doc.lines,
          key,
          Array.from({ length: d }, (_, i) => `\n${' '.repeat(i + 1)}k:`)
            .join('')
            .concat(' x'),
        );
      return `${key} ${d} deep (${['flow lists', 'flow maps', 'indented maps'][kind]})`;
    }),
  },
  {
    name: 'front.many',
    weight: 3,
    scale: [50, 40000],
    apply: onDoc('front.many', (r, doc, n) => {
      const kind = r.pick([
        'unknown',
        'tags',
        'sources',
        'fines',
        'aliases',
        'parties',
        'authority',
        'bad-tags',
      ]);
      const list = (f) => Array.from({ length: n }, (_, i) => f(i));
      if (kind === 'unknown') doc.lines.push(...list((i) => `field${i}: x`));
      else if (kind === 'tags')
        setField(r, doc.lines, 'tags', `[${list((i) => `tag-${i}`).join(', ')}]`);
      else if (kind === 'bad-tags')
        setField(r, doc.lines, 'tags', `[${list((i) => `Tag ${i}`).join(', ')}]`);
      else if (kind === 'sources')
        setField(r, doc.lines, 'sources', list((i) => `\n  - https://example.org/${i}`).join(''));
      else if (kind === 'fines')
        setField(r, doc.lines, 'fine', `[${list((i) => `"RMB ${i + 1},000"`).join(', ')}]`);
      else if (kind === 'aliases')
        setField(r, doc.lines, 'aliases', `[${list((i) => `/old/${i}/`).join(', ')}]`);
      else if (kind === 'parties')
        setField(r, doc.lines, 'party', `[${list((i) => `Party ${i}`).join(', ')}]`);
      else setField(r, doc.lines, 'authority', `[${list((i) => `auth-${i}`).join(', ')}]`);
      return `${n} ${kind}`;
    }),
  },
  {
    name: 'front.huge',
    weight: 2,
    scale: [1000, 2000000],
    apply: onDoc('front.huge', (r, doc, n) => {
      const key = r.pick([
        'title',
        'summary',
        'party',
        'slug',
        'tags',
        'correction',
        'zzz',
        'fine',
        'date',
      ]);
      const unit = r.pick(['a', 'ab ', '中', '😀', '-', ',', '1', '\\\\', ' ']);
      const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      setField(r, doc.lines, key, key === 'tags' ? `[${text}]` : JSON.stringify(text));
      return `${key} of ${n} × ${JSON.stringify(unit)}`;
    }),
  },
];
