/**
 * Links inside the site (`../other-item/`, `/bulletins/2022-02/`). A body is
 * rendered once but shown on its item page, a bulletin, the home page, feeds
 * and e-mails, at different depths; so such a link is written as a marker
 * holding its site path, and each page turns it into a link from where it
 * stands (`siteLinks`). The marker is delimited by U+0000, which no editor's
 * Markdown can produce: markdown-it replaces it, typed or as `&#0;`, with
 * U+FFFD.
 */
import type { Token } from 'markdown-it';

/** What a marked link starts with. */
export const SITE_LINK = '\u0000link:';

const MARKED = /\u0000link:([^\u0000]*)\u0000/g;

/** The marker for site path `path` (`/items/x/#note-1`). */
export function siteLinkMarker(path: string): string {
  return `${SITE_LINK}${path}\u0000`;
}

export function isSiteLinkMarker(value: string): boolean {
  return value.startsWith(SITE_LINK);
}

/** Replaces every marked site link in a page's text with `link(sitePath)`. */
export function siteLinks(text: string, link: (path: string) => string): string {
  return text.includes(SITE_LINK) ? text.replace(MARKED, (_, path: string) => link(path)) : text;
}

/** Marks the relative and root-relative links and images of `tokens`, read from `base`. */
export function markSiteLinks(tokens: Token[], base: string): void {
  for (const token of tokens) {
    if (token.children) markSiteLinks(token.children, base);
    const name = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
    const raw = name && token.attrGet(name);
    const value = typeof raw === 'string' ? raw : undefined;
    if (!name || !value || value.startsWith('#') || value.startsWith('//')) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
    const url = new URL(value, `http://site${base}`);
    token.attrSet(name, siteLinkMarker(`${url.pathname}${url.search}${url.hash}`));
  }
}
