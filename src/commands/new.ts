import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXIT, type Io } from '../cli.js';
import { formatText } from '../diagnostics.js';
import { isoDate, parseDate, previousMonth, type PartialDate } from '../domain/dates.js';
import { isSlug, slugFromPath, slugify, tooLong } from '../domain/slugs.js';
import { didYouMean } from '../domain/suggest.js';
import { loadConfig } from '../engine/inputs.js';
import { AUTHORITIES_FILE, parseAuthorities } from '../schema/authorities.js';
import { readSiteFile } from '../stages/read.js';
import { discover } from '../stages/discover.js';
import { isWithin, realPath } from '../output/place.js';

const USAGE = `usage: gazette new item "Title" --category C [--date YYYY-MM-DD] [--authority ID] [--slug SLUG]
       gazette new bulletin YYYY-MM

Both write a draft (draft: true): it passes check, and is published once an
editor removes that line (gazette build --drafts shows it before).`;

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
  const made = kind === 'item' ? await newItem(root, arg, values) : newBulletin(root, arg);
  if ('error' in made) {
    io.err(`gazette new: ${made.error}`);
    return EXIT.usage;
  }
  const path = join(root, made.file);
  if (lstatSync(path, { throwIfNoEntry: false })) {
    io.err(`gazette new: ${made.file} already exists; gazette does not overwrite it`);
    return EXIT.usage;
  }
  const folder = realPath(dirname(path));
  if (!isWithin(folder, realPath(root))) {
    io.err(
      `gazette new: ${dirname(made.file)} leads out of the site (to ${folder}); nothing written`,
    );
    return EXIT.usage;
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    // 'wx': never through a link, never over a file that appeared meanwhile.
    writeFileSync(path, made.text, { flag: 'wx' });
  } catch (error) {
    io.err(`gazette new: cannot write ${made.file}: ${(error as Error).message}`);
    return EXIT.usage;
  }
  io.out(`gazette: wrote ${relative(process.cwd(), path)}`);
  return EXIT.ok;
}

type Made = { file: string; text: string } | { error: string };

function today(): PartialDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

async function newItem(
  root: string,
  title: string,
  values: Record<string, unknown>,
): Promise<Made> {
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
    const file = readSiteFile(root, AUTHORITIES_FILE);
    if (file.text === undefined && file.diagnostics.length === 0) {
      return {
        error:
          `--authority ${authority}: the site has no ${AUTHORITIES_FILE} yet. Create it with one entry per authority, e.g.\n` +
          `  ${authority}:\n    name: Cyberspace Administration of China\n    abbr: CAC\n    kind: regulator`,
      };
    }
    const registry = parseAuthorities(file.text);
    if (!registry.authorities.has(authority)) {
      const known = [...registry.authorities.keys()];
      return {
        error: `unknown authority "${authority}": ${didYouMean(authority, known, 'authorities')} Authorities are defined in ${AUTHORITIES_FILE}.`,
      };
    }
  }
  let slug: string;
  if (typeof values.slug === 'string') {
    slug = values.slug;
    const why =
      tooLong('--slug', slug) ??
      (isSlug(slug) ? undefined : `--slug "${slug}" must be lowercase letters, digits and hyphens`);
    if (why)
      return {
        error: `${why}, e.g. --slug ${shorten(slugify(slug)) || 'cybersecurity-review-measures'}`,
      };
  } else {
    slug = shorten(slugify(title));
    if (slug === '')
      return {
        error: `no file name can be made from the title "${title}" (it has no Latin letters or digits): give one with --slug, e.g. --slug cybersecurity-review-measures`,
      };
  }
  const taken = (await existingSlugs(root)).get(slug);
  if (taken)
    return {
      error: `an item already has the URL name "${slug}": ${taken}. Choose another with --slug`,
    };
  const folder = `content/items/${String(date.year).padStart(4, '0')}/${String(date.month).padStart(2, '0')}`;
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${isoDate(date)}`,
    `category: ${category}`,
    'draft: true                    # TODO: remove this line to publish the item',
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
    'draft: true                    # TODO: remove this line to publish the bulletin',
    '---',
    "TODO: the editors' introduction to this bulletin.",
    '',
  ].join('\n');
  void root;
  return { file: `content/bulletins/${id}.md`, text };
}

/**
 * The URL names items already have: from a "slug:" field, else the file name.
 * (A quick reading of each file; check reads them exactly, and reports what
 * this misses.)
 */
async function existingSlugs(root: string): Promise<Map<string, string>> {
  const slugs = new Map<string, string>();
  for (const file of (await discover(root)).items) {
    let text = '';
    try {
      text = readFileSync(join(root, file), 'utf8').slice(0, 4096);
    } catch {
      /* unreadable: check says so */
    }
    const field = /^slug:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*$/m.exec(text.split(/\n---/)[0] ?? '');
    const slug = field?.[1] ?? slugFromPath(file);
    if (!slugs.has(slug)) slugs.set(slug, file);
  }
  return slugs;
}

/** Keeps file names readable: at most 60 characters, cut at a hyphen. */
function shorten(slug: string): string {
  if (slug.length <= 60) return slug;
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60);
}
