// Operators on Markdown bodies (items and bulletins): links of every
// scheme, footnotes in odd places, nested constructs, long lines,
// entities, control characters, bytes that are not UTF-8.
import { editDoc, havoc, insertBytes, insertPiece, MD_STRUCTURE } from './edit.mjs';
import { pickDoc } from './ops-front.mjs';
import { BAD_BYTES, LINKS, longLine, MARKDOWN, NOTE_LABELS, NOTES, UNICODE } from './values.mjs';

const onBody = (name, change) => (r, tree, n) => {
  const path = pickDoc(r, tree, 0.15);
  if (!path) return false;
  let what = '';
  const ok = editDoc(tree, path, (doc) => {
    const made = change(r, doc.body, n);
    doc.body = made.body;
    what = made.what;
  });
  return ok && `${name} ${path}${what ? `: ${what}` : ''}`;
};

/** Inserts 1–3 pieces drawn from `pool` (with `x` as a note label when `label`). */
const pieces = (name, pool, label = false) =>
  onBody(name, (r, body) => {
    const shown = [];
    for (let k = r.int(1, 3); k > 0; k--) {
      let piece = r.pick(pool);
      if (label) {
        const a = r.pick(NOTE_LABELS);
        const b = r.pick(NOTE_LABELS);
        piece = piece.replace(/\^x/g, `^${a}`).replace(/\^y/g, `^${b}`);
      }
      shown.push(piece);
      body = insertPiece(r, body, piece);
    }
    return { body, what: shown.map((p) => JSON.stringify(p)).join(', ') };
  });

export const BODY_OPS = [
  { name: 'body.link', weight: 6, apply: pieces('body.link', LINKS) },
  { name: 'body.note', weight: 6, apply: pieces('body.note', NOTES, true) },
  { name: 'body.markdown', weight: 6, apply: pieces('body.markdown', MARKDOWN) },
  { name: 'body.unicode', weight: 3, apply: pieces('body.unicode', UNICODE) },
  {
    name: 'body.havoc',
    weight: 4,
    apply: onBody('body.havoc', (r, body) => {
      const k = r.int(1, 12);
      return { body: havoc(r, body, MD_STRUCTURE, k), what: `${k} edits` };
    }),
  },
  {
    name: 'body.empty',
    weight: 2,
    apply: onBody('body.empty', (r) => {
      const body = r.pick([
        '',
        '\n',
        '   \n',
        '\n\n\n',
        '[^1]: only a note\n',
        '<!-- -->\n',
        '\\\n',
        '---\n',
      ]);
      return { body, what: JSON.stringify(body) };
    }),
  },
  {
    name: 'body.bytes',
    weight: 3,
    apply: (r, tree) => {
      const path = pickDoc(r, tree);
      if (!path) return false;
      const bytes = r.pick(BAD_BYTES);
      tree.set(path, insertBytes(r, tree.get(path), bytes));
      return `body.bytes ${path}: ${bytes.map((b) => b.toString(16)).join(' ')}`;
    },
  },
  // Scalable.
  {
    name: 'body.nest',
    weight: 3,
    scale: [50, 50000],
    apply: onBody('body.nest', (r, body, n) => {
      const kind = r.pick([
        'quote',
        'list',
        'emphasis',
        'brackets',
        'images',
        'links',
        'code-ticks',
        'angle',
        'ordered',
        'mixed',
      ]);
      const make = {
        quote: () => `${'>'.repeat(n)} deep`,
        list: () =>
          Array.from({ length: Math.min(n, 2000) }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join(
            '\n',
          ),
        ordered: () =>
          Array.from(
            { length: Math.min(n, 2000) },
            (_, i) => `${'   '.repeat(i)}1. level ${i}`,
          ).join('\n'),
        emphasis: () => `${'*_'.repeat(n)}x${'_*'.repeat(n)}`,
        brackets: () => `${'['.repeat(n)}x${']'.repeat(n)}`,
        images: () => `${'![a'.repeat(n)}${'](https://example.org/i.png)'.repeat(n)}`,
        links: () => `${'[a'.repeat(n)}${'](https://example.org)'.repeat(n)}`,
        'code-ticks': () => `${'`'.repeat(n)}x${'`'.repeat(n - 1)}`,
        angle: () => `${'<a '.repeat(n)}`,
        mixed: () =>
          Array.from({ length: Math.min(n, 2000) }, (_, i) => `${'> - '.repeat(i % 20)}x`).join(
            '\n',
          ),
      };
      return { body: `${body}\n${make[kind]()}\n`, what: `${kind} × ${n}` };
    }),
  },
  {
    name: 'body.longLine',
    weight: 3,
    scale: [5000, 2000000],
    apply: onBody('body.longLine', (r, body, n) => {
      const line = longLine(r, n);
      return {
        body: insertPiece(r, body, line),
        what: `${n} × ${JSON.stringify(line.slice(0, 4))}`,
      };
    }),
  },
  {
    name: 'body.notes',
    weight: 3,
    scale: [50, 20000],
    apply: onBody('body.notes', (r, body, n) => {
      const kind = r.pick([
        'pairs',
        'refs-to-one',
        'undefined',
        'unused',
        'duplicates',
        'nested-chain',
      ]);
      const list = (f) => Array.from({ length: n }, (_, i) => f(i)).join('');
      const add = {
        pairs: () => `${list((i) => `a[^n${i}] `)}\n\n${list((i) => `[^n${i}]: note ${i}\n`)}`,
        'refs-to-one': () => `${list(() => 'a[^one] ')}\n\n[^one]: the note\n`,
        undefined: () => list((i) => `a[^u${i}] `),
        unused: () => list((i) => `[^d${i}]: unused\n`),
        duplicates: () => `a[^d]\n\n${list(() => '[^d]: again\n')}`,
        'nested-chain': () =>
          `a[^c0]\n\n${list((i) => `[^c${i}]: see[^c${i + 1}]\n`)}[^c${n}]: end\n`,
      };
      return { body: `${body}\n${add[kind]()}\n`, what: `${kind} × ${n}` };
    }),
  },
  {
    name: 'body.lines',
    weight: 2,
    scale: [1000, 400000],
    apply: onBody('body.lines', (r, body, n) => {
      const kind = r.pick([
        'blank',
        'items',
        'rows',
        'paragraphs',
        'fence-blank',
        'refdefs',
        'html',
      ]);
      const list = (f) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
      const add = {
        blank: () => list(() => ''),
        items: () => list((i) => `- item ${i}`),
        rows: () => `| a | b |\n|---|---|\n${list((i) => `| ${i} | x |`)}`,
        paragraphs: () => list((i) => `Paragraph ${i}.\n`),
        'fence-blank': () => `\`\`\`\n${list(() => '')}\n\`\`\``,
        refdefs: () => `[x][r${n - 1}]\n\n${list((i) => `[r${i}]: https://example.org/${i}`)}`,
        html: () => list(() => '<div>'),
      };
      return { body: `${body}\n${add[kind]()}\n`, what: `${kind} × ${n}` };
    }),
  },
];
