/**
 * The e-mail edition of each bulletin: `/bulletins/<id>/email.html`, the whole
 * bulletin as one self-contained HTML e-mail (a single 640px column in a
 * table, CSS inlined by juice, no scripts, every link absolute), and
 * `/bulletins/<id>/email.txt`, its plain-text part wrapped at 72 columns.
 * Notes are numbered as on the bulletin page, and link to it.
 */
import { createRequire } from 'node:module';
import { memoryMemo, type Memo, type Site } from '../model.js';
import { absolute, absoluteLinks } from './feeds-content.js';
import { inlineByKind } from './email-inline.js';
import { htmlToText, TEXT_WIDTH, wrap } from './email-text.js';
import { bulletinInputs, type Add, type PageSpec } from './index.js';
import { bulletinView } from './view.js';

export function emailPages(site: Site, add: Add): void {
  site.bulletins.forEach((bulletin, i) => {
    // The two editions show one view: made for the first, handed to the second, then let go.
    let shared: EmailView | undefined;
    add(`${bulletin.url}email.html`, bulletinInputs(site, i), () => {
      shared = emailView(site, i);
      return emailHtmlPage(shared, site.memo);
    });
    add(`${bulletin.url}email.txt`, bulletinInputs(site, i), () => {
      const view = shared ?? emailView(site, i);
      shared = undefined;
      return emailTextPage(site, view);
    });
  });
}

type Juice = typeof import('juice');
let juice: Juice | undefined;

const JUICE_OPTIONS = {
  removeStyleTags: true,
  preserveMediaQueries: true,
  preserveFontFaces: false,
  applyWidthAttributes: false,
  applyHeightAttributes: false,
  applyAttributesTableElements: true,
};

/**
 * Inlines a page's `<style>` into `style` attributes; media queries stay in the
 * head. juice (and cheerio under it) takes ~100 ms to load, so it is loaded on
 * first use, not by `gazette check` or `--help`; see email-inline for how it is
 * kept fast.
 */
export function inlineCss(html: string, memo: Memo = memoryMemo()): string {
  const load = () => (juice ??= createRequire(import.meta.url)('juice') as Juice);
  return inlineByKind(html, load, JUICE_OPTIONS, memo);
}

/** A note reference's link gets a class of its own, for a simple selector to style. */
const NOTE_LINK = /<sup class="note-ref"><a /g;
const NOTE_LINK_CLASSED = '<sup class="note-ref"><a class="note-link" ';

/** The bulletin with every link absolute: what both editions show. */
export function emailView(site: Site, index: number) {
  const view = bulletinView(site, index);
  const page = absolute(site, view.bulletin.url);
  const abs = (html: string) => absoluteLinks(html, page);
  const total = view.sections.reduce((n, s) => n + s.items.length, 0);
  return {
    ...view,
    total,
    webUrl: page,
    homeUrl: absolute(site, '/'),
    feedUrl: absolute(site, '/feed.xml'),
    intro: abs(view.intro).replace(NOTE_LINK, NOTE_LINK_CLASSED),
    sections: view.sections.map((s) => ({
      section: s.section,
      items: s.items.map((entry) => {
        const url = absolute(site, entry.item.url);
        // The body's own links were written from the item's page; its note
        // references point to the notes of the bulletin page.
        const html = absoluteLinks(entry.html, url, page).replace(NOTE_LINK, NOTE_LINK_CLASSED);
        return { ...entry, url, html };
      }),
    })),
    notes: view.notes.map((n) => ({ number: n.number, html: abs(n.html) })),
  };
}

function emailHtmlPage(view: EmailView, memo: Memo): PageSpec {
  return {
    path: `${view.bulletin.url}email.html`,
    template: 'email',
    title: view.bulletin.title,
    data: { view, inlineCss: (html: string) => inlineCss(html, memo) },
  };
}

/** "Date · Authority · Fine · Status · Effective …": an entry's facts on one line. */
function factsLine(meta: EmailView['sections'][number]['items'][number]['meta']) {
  return [
    meta.date,
    meta.authorities.map((a) => a.text).join(', '),
    meta.parties.join('; '),
    meta.fines.join(' + '),
    meta.status,
    meta.effective && `effective ${meta.effective}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export type EmailView = ReturnType<typeof emailView>;

/** The plain-text edition: the same bulletin, wrapped at 72 columns, notes as `[1] …`. */
export function emailText(site: Site, view: EmailView): string {
  const rule = '='.repeat(TEXT_WIDTH);
  const thin = '-'.repeat(TEXT_WIDTH);
  const title =
    view.bulletin.title === view.coversText
      ? view.bulletin.title
      : `${view.bulletin.title} (${view.coversText})`;
  const blocks: string[] = [
    // Without an origin every link is root-relative: say so where the editor will see it.
    ...(site.config.baseUrl.origin
      ? []
      : [
          wrap(
            "NOT READY TO SEND: this e-mail edition was built without the site's public address, so its links lead nowhere from a mail program. Build it again with --base-url https://your.site/ (or baseUrl in gazette.config.yaml).",
          ),
        ]),
    site.config.title,
    wrap(title),
    `Published ${view.dateText} · ${view.total} ${view.total === 1 ? 'item' : 'items'}\n` +
      `Read it on the web: ${view.webUrl}`,
  ];
  const intro = htmlToText(view.intro);
  if (intro) blocks.push(intro);
  for (const s of view.sections) {
    blocks.push(`${rule}\n${s.section.title.toUpperCase()}\n${rule}`);
    s.items.forEach((entry, i) => {
      if (i > 0) blocks.push(thin);
      const head = [wrap(entry.item.title)];
      if (entry.item.titleOriginal) head.push(wrap(entry.item.titleOriginal));
      head.push(wrap(factsLine(entry.meta)), entry.url);
      blocks.push(head.join('\n'), htmlToText(entry.html));
    });
  }
  if (view.notes.length > 0) {
    blocks.push(`${rule}\nNOTES`);
    for (const n of view.notes) {
      const label = `[${n.number}] `;
      blocks.push(
        htmlToText(n.html, TEXT_WIDTH - label.length)
          .split('\n')
          .map((line, i) => (i === 0 ? label : ' '.repeat(label.length)) + line)
          .join('\n'),
      );
    }
  }
  blocks.push(`${thin}\n${site.config.title}: ${view.homeUrl}`);
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}

function emailTextPage(site: Site, view: EmailView): PageSpec {
  return {
    path: `${view.bulletin.url}email.txt`,
    template: 'email.txt',
    title: view.bulletin.title,
    data: { text: emailText(site, view) },
  };
}
