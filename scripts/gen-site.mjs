#!/usr/bin/env node
// node scripts/gen-site.mjs --items N --out DIR [--seed S] [--per-month P] [--start YYYY-MM]
//
// Writes a synthetic gazette site of N items, for the benchmark, verify, the
// tests, and anyone who wants to see gazette at scale:
//
//   DIR/content/items/YYYY/MM/<slug>.md   one per item, in the month of its date
//   DIR/content/bulletins/YYYY-MM.md      one per month, named by its publication
//                                         month: 2022-02.md is dated 2022-02-17
//                                         and covers 2022-01
//   DIR/data/authorities.yaml             40 authorities: 23 regulators, 9 courts,
//                                         8 procuratorates
//   DIR/corpus.json                       the options and what was written
//
// The corpus has the shape of the peer benchmark's (README, "Benchmark"):
// N items over ceil(N / P) months from --start (P = --per-month, 40; 2000-01),
// 75–125 % of P a month; categories legislation / enforcement / courts
// 60 / 25 / 15 %; 5 % of dates to the month only; bodies of 120–350 words.
// The same options give a byte-identical tree. Plain Node, no dependencies.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeBody, countWords } from './gen-site/body.mjs';
import { monthId, monthName, nextMonth } from './gen-site/calendar.mjs';
import { makeItem } from './gen-site/item.mjs';
import { Random } from './gen-site/random.mjs';
import { AUTHORITIES, WORRIES } from './gen-site/vocabulary.mjs';

const USAGE =
  'usage: node scripts/gen-site.mjs --items N --out DIR [--seed S] [--per-month P] [--start YYYY-MM]';

/**
 * Writes the site into `out` and returns its manifest (also written as corpus.json).
 * `out` must be missing, empty or a site this generator wrote before (it is replaced).
 */
export function generateSite({ items, out, seed = '1', perMonth = 40, start = '2000-01' }) {
  out = resolve(out);
  clearOutput(out);
  const months = monthCounts(new Random(`gazette-site/${seed}/months`), items, perMonth);
  const r = new Random(`gazette-site/${seed}/items`);
  const slugs = new Set();
  const categories = { legislation: 0, enforcement: 0, courts: 0 };
  let words = 0;
  let [y, m] = start.split('-').map(Number);
  mkdirSync(join(out, 'content/bulletins'), { recursive: true });
  for (const count of months) {
    const dir = join(out, 'content/items', ...monthId(y, m).split('-'));
    mkdirSync(dir, { recursive: true });
    for (let k = 0; k < count; k++) {
      const item = makeItem(r, y, m);
      const body = makeBody(r, item);
      const slug = unique(slugs, slugify(item.title));
      writeFileSync(join(dir, `${slug}.md`), `${frontMatter(item)}${body}`);
      categories[item.category]++;
      words += countWords(body);
    }
    const [py, pm] = nextMonth(y, m);
    writeFileSync(
      join(out, 'content/bulletins', `${monthId(py, pm)}.md`),
      bulletin(r, y, m, count),
    );
    [y, m] = [py, pm];
  }
  mkdirSync(join(out, 'data'));
  writeFileSync(join(out, 'data/authorities.yaml'), registry());
  const manifest = {
    generator: 'gazette scripts/gen-site.mjs',
    seed: String(seed),
    items,
    bulletins: months.length,
    perMonth,
    start,
    authorities: AUTHORITIES.length,
    categories,
    bodyWordsMean: Math.round(words / items),
  };
  writeFileSync(join(out, 'corpus.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * How many items each month gets: ceil(N / P) months, each from 75 % to 125 %
 * of P, adding up to N. So N items always make the same number of bulletins
 * (1,000 → 25, 10,000 → 250 at 40 a month); below 75 % of P a month (fewer
 * than about 120 items) the months are split evenly.
 */
export function monthCounts(r, items, perMonth) {
  const n = Math.ceil(items / perMonth);
  const lo = Math.max(1, Math.round(perMonth * 0.75));
  const hi = Math.max(lo, Math.round(perMonth * 1.25));
  if (items < lo * n)
    return Array.from({ length: n }, (_, i) => Math.floor(items / n) + (i < items % n ? 1 : 0));
  const counts = Array.from({ length: n }, () => r.int(lo, hi));
  let excess = counts.reduce((a, b) => a + b, 0) - items;
  while (excess !== 0) {
    const i = r.int(0, n - 1);
    if (excess > 0 && counts[i] > lo) (counts[i]--, excess--);
    else if (excess < 0 && counts[i] < hi) (counts[i]++, excess++);
  }
  return counts;
}

function clearOutput(out) {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, 'corpus.json')))
      throw new UsageError(`${out} is not empty and holds no corpus.json: not overwriting it`);
    for (const name of ['content', 'data', 'corpus.json'])
      rmSync(join(out, name), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

// ------------------------------------------------------------ files
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null)$/i;
/** A YAML scalar: plain when that cannot be misread, otherwise double-quoted. */
const scalar = (s) =>
  /^[A-Za-z][\w ,.()'&-]*[\w.)]$/.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);

function frontMatter(item) {
  const ids = item.authorities.map((a) => a.id);
  const lines = [
    '---',
    `title: ${scalar(item.title)}`,
    `date: ${item.date}`,
    `category: ${item.category}`,
    `authority: ${ids.length === 1 ? ids[0] : `[${ids.join(', ')}]`}`,
  ];
  if (item.party) lines.push(`party: ${scalar(item.party)}`);
  if (item.fine) lines.push(`fine: ${scalar(item.fine)}`);
  if (item.status) lines.push(`status: ${item.status}`);
  if (item.effective) lines.push(`effective: ${item.effective}`);
  lines.push('sources:');
  for (const s of item.sources) lines.push(`  - title: ${scalar(s.title)}`, `    url: ${s.url}`);
  lines.push(`tags: [${item.tags.join(', ')}]`, '---', '');
  return lines.join('\n');
}

function bulletin(r, y, m, count) {
  const [py, pm] = nextMonth(y, m);
  const intro = [
    `This issue covers ${monthName(y, m)}: ${count} items from regulators, courts and procuratorates.`,
    `The month's main theme was ${r.pick(WORRIES)}, with new texts, penalty decisions and judgments to match.`,
    'Each paragraph ends with numbered notes that lead to the original sources.',
  ].join(' ');
  return `---\ntitle: ${monthName(y, m)}\ndate: ${monthId(py, pm)}-17\ncovers: ${monthId(y, m)}\n---\n${intro}\n`;
}

function registry() {
  const lines = ['# Authorities of a generated gazette site (scripts/gen-site.mjs)'];
  for (const a of AUTHORITIES)
    lines.push(
      `${a.id}:`,
      `  name: ${scalar(a.name)}`,
      `  abbr: ${scalar(a.abbr)}`,
      `  kind: ${a.kind}`,
    );
  return `${lines.join('\n')}\n`;
}

function slugify(title) {
  const slug = title
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= 60) return slug || 'item';
  const cut = slug.lastIndexOf('-', 60);
  return slug.slice(0, cut > 20 ? cut : 60);
}

function unique(taken, base) {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

// ------------------------------------------------------------ command line
class UsageError extends Error {}

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      items: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'per-month': { type: 'string', default: '40' },
      start: { type: 'string', default: '2000-01' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const items = Number(values.items);
  const perMonth = Number(values['per-month']);
  if (!Number.isInteger(items) || items < 1)
    throw new UsageError('--items N (a whole number ≥ 1) is required');
  if (!values.out) throw new UsageError('--out DIR is required');
  if (!Number.isInteger(perMonth) || perMonth < 1)
    throw new UsageError('--per-month must be a whole number ≥ 1');
  if (!/^(1\d|[2-9]\d)\d\d-(0[1-9]|1[0-2])$/.test(values.start))
    throw new UsageError('--start must be YYYY-MM, from 1000-01');
  return { items, out: values.out, seed: values.seed, perMonth, start: values.start };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const opts = options(process.argv.slice(2));
    if (opts === null) {
      process.stdout.write(`${USAGE}\n`);
    } else {
      const m = generateSite(opts);
      const bulletins = `${m.bulletins} bulletin${m.bulletins === 1 ? '' : 's'}`;
      process.stdout.write(`gen-site: ${m.items} items, ${bulletins} → ${resolve(opts.out)}\n`);
    }
  } catch (err) {
    if (!(err instanceof UsageError || err?.code?.startsWith?.('ERR_PARSE_ARGS'))) throw err;
    process.stderr.write(`gen-site: ${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
