/**
 * What search engines and link previews read of a page besides its text:
 * schema.org data, written as JSON-LD in the page's head (layout.eta) when
 * the site has an origin, since every URL in it must be absolute. An item is a
 * `NewsArticle`; a bulletin a `CollectionPage` listing its items; the home
 * page names the `WebSite` and how to search it.
 */
import { formatPeriod, isoDate } from '../domain/dates.js';
import { absoluteUrl } from '../domain/urls.js';
import type { Bulletin, Item, Site } from '../model.js';

const CONTEXT = 'https://schema.org';

/** "January 2022 bulletin"; a title that already says "bulletin" stays as it is. */
export function bulletinName(bulletin: Bulletin): string {
  return /\bbulletin\b/i.test(bulletin.title) ? bulletin.title : `${bulletin.title} bulletin`;
}

function organization(site: Site) {
  return {
    '@type': 'Organization',
    name: site.config.title,
    url: absoluteUrl(site.config.baseUrl, '/'),
  };
}

export function websiteLd(site: Site): object {
  const url = absoluteUrl(site.config.baseUrl, '/');
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    name: site.config.title,
    description: site.config.description,
    url,
    inLanguage: site.config.language,
    potentialAction: {
      '@type': 'SearchAction',
      target: `${absoluteUrl(site.config.baseUrl, '/search/')}?q={search_term_string}`,
      'query-input': 'required name=search_term_string',
    },
  };
}

export function itemLd(site: Site, item: Item): object {
  const url = absoluteUrl(site.config.baseUrl, item.url);
  const bulletin = site.bulletinOf.get(item.file);
  return {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    headline: item.title,
    alternativeHeadline: item.titleOriginal,
    description: item.summary ?? item.rendered.summary,
    url,
    mainEntityOfPage: url,
    datePublished: isoDate(item.date),
    dateModified: isoDate(item.updated ?? item.date),
    articleSection: item.section.title,
    keywords: item.tags.length ? item.tags.map((t) => t.replace(/-/g, ' ')).join(', ') : undefined,
    about: item.authorities.map((id) => ({
      '@type': 'GovernmentOrganization',
      name: site.authorities.get(id)!.name,
    })),
    inLanguage: site.config.language,
    author: organization(site),
    publisher: organization(site),
    isPartOf: bulletin && {
      '@type': 'CollectionPage',
      name: bulletinName(bulletin),
      url: absoluteUrl(site.config.baseUrl, bulletin.url),
    },
  };
}

export function bulletinLd(site: Site, bulletin: Bulletin): object {
  return {
    '@context': CONTEXT,
    '@type': 'CollectionPage',
    name: bulletinName(bulletin),
    description: `${site.config.title}, ${formatPeriod(bulletin.covers)}`,
    url: absoluteUrl(site.config.baseUrl, bulletin.url),
    datePublished: isoDate(bulletin.date),
    inLanguage: site.config.language,
    publisher: organization(site),
    isPartOf: {
      '@type': 'WebSite',
      name: site.config.title,
      url: absoluteUrl(site.config.baseUrl, '/'),
    },
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: bulletin.items.length,
      itemListElement: bulletin.items.map((item, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        url: absoluteUrl(site.config.baseUrl, item.url),
        name: item.title,
      })),
    },
  };
}
