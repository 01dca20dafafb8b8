import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { formatText } from '../diagnostics.js';
import { isoDate, parseDate, previousMonth, type PartialDate } from '../domain/dates.js';
import { slugify } from '../domain/slugs.js';
import { didYouMean } from '../domain/suggest.js';
import { loadConfig } from '../pipeline.js';
import { AUTHORITIES_FILE, parseAuthorities } from '../schema/authorities.js';
import { readSiteFile } from '../stages/read.js';

const USAGE = `usage: gazette new item "Title" --category C [--date YYYY-MM-DD] [--authority ID]
       gazette new bulletin YYYY-MM`;

/** Scaffolds a valid item or bulletin file, never overwriting one. */
export async function runNew(
  values: Record<string, string | boolean | undefined>,
  io: Io,
  positionals: string[],
): Promise<number> {
  const root = resolve(String(values.root ?? '.'));
  const [kind, arg, ...extra] = positionals;
  if ((kind !== 'item' && kind !== 'bulletin') || arg === undefined || extra.length > 0) {
    io.err(USAGE);
    return EXIT.usage;
  }
  const made = kind === 'item' ? newItem(root, arg, values) : newBulletin(root, arg);
  if ('error' in made) {
    io.err(`gazette new: ${made.error}`);
    return EXIT.usage;
  }
  const path = join(root, made.file);
  if (existsSync(path)) {
    io.err(`gazette new: ${made.file} already exists; gazette does not overwrite it`);
    return EXIT.usage;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, made.text);
  io.out(`gazette: wrote ${relative(process.cwd(), path)}`);
  return EXIT.ok;
}

type Made = { file: string; text: string } | { error: string };

function today(): PartialDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function newItem(root: string, title: string, values: Record<string, unknown>): Made {
  const config = loadConfig({ root });
  if (config.diagnostics.length > 0)
    return { error: config.diagnostics.map(formatText).join('\n') };
  const sections = config.config.sections.map((s) => s.id);
  const category = values.category;
  if (typeof category !== 'string') {
    return { error: `--category is required: one of ${sections.join(', ')}` };
  }
  if (!sections.includes(category)) {
    return {
      error: `unknown category "${category}": ${didYouMean(category, sections, 'categories')}`,
    };
  }
  let date = today();
  if (typeof values.date === 'string') {
    const parsed = parseDate(values.date, 'month');
    if (!parsed.ok) return { error: `--date: ${parsed.reason}` };
    date = parsed.date;
  }
  const authority = values.authority;
  if (typeof authority === 'string') {
    const registry = parseAuthorities(readSiteFile(root, AUTHORITIES_FILE).text);
    if (!registry.authorities.has(authority)) {
      const known = [...registry.authorities.keys()];
      return {
        error: `unknown authority "${authority}": ${didYouMean(authority, known, 'authorities')}`,
      };
    }
  }
  const slug = shorten(slugify(title));
  if (slug === '') return { error: `no file name can be made from the title "${title}"` };
  const folder = `content/items/${String(date.year).padStart(4, '0')}/${String(date.month).padStart(2, '0')}`;
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${isoDate(date)}`,
    `category: ${category}`,
    typeof authority === 'string'
      ? `authority: ${authority}`
      : '# authority: cac              # TODO: who issued, fined or ruled (ids in data/authorities.yaml)',
    '# party: "…"                   # TODO: who was fined, prosecuted or sued',
    '# fine: "RMB 300,000"          # TODO: the amount, as the source gives it',
    '# status: draft                # legislation: draft | adopted | effective | repealed',
    '# effective: YYYY-MM-DD        # legislation: when it takes effect',
    '# tags: [personal-information]',
    '# sources:                     # TODO: each source becomes a numbered note',
    '#   - title: "…"',
    '#     url: https://…',
    '---',
    'TODO: write the item in your own words. The first paragraph is its summary.',
    '',
  ];
  return { file: `${folder}/${slug}.md`, text: lines.join('\n') };
}

function newBulletin(root: string, id: string): Made {
  const parsed = parseDate(id, 'month');
  if (!/^\d{4}-\d{2}$/.test(id) || !parsed.ok) {
    return { error: `"${id}" is not a bulletin id: write the publication month as YYYY-MM` };
  }
  const now = today();
  const sameMonth = now.year === parsed.date.year && now.month === parsed.date.month;
  const date = sameMonth ? now : { ...parsed.date, day: 1 };
  const covers = previousMonth(parsed.date);
  const text = [
    '---',
    `date: ${isoDate(date)}                # TODO: the publication date`,
    `covers: ${isoDate(covers)}                 # the month (or {from, to}) whose items it gathers`,
    '---',
    "TODO: the editors' introduction to this bulletin.",
    '',
  ].join('\n');
  void root;
  return { file: `content/bulletins/${id}.md`, text };
}

/** Keeps file names readable: at most 60 characters, cut at a hyphen. */
function shorten(slug: string): string {
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60);
}
