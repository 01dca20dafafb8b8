import type { Diagnostic } from '../diagnostics.js';
import { absoluteUrl, basePath, linksFrom } from '../domain/urls.js';
import type { Site } from '../model.js';
import { siteFeeds } from '../pages/follow.js';
import { scriptJson } from '../pages/html.js';
import type { PageSpec } from '../pages/index.js';
import { siteLinks } from '../markdown/index.js';
import { memoryGuard } from './memory.js';
import { TemplateError, type Theme } from './theme.js';

/** A file of the built site: its path inside the output folder and its bytes. */
export interface OutputFile {
  /** `items/x/index.html`, `sitemap.xml`: no leading slash. */
  path: string;
  content: string | Uint8Array;
}

/** `/items/x/` → `items/x/index.html`; `/sitemap.xml` → `sitemap.xml`. */
export function outputPath(sitePath: string): string {
  const path = sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
  return path.slice(1);
}

/** What every template sees besides its page's own data. */
export function sharedData(site: Site) {
  const sections = site.config.sections.map((s) => ({ title: s.title, url: `/${s.id}/` }));
  return {
    title: site.config.title,
    description: site.config.description,
    language: site.config.language,
    sections,
    /** The site's navigation, in order. */
    nav: [
      { title: 'Bulletins', url: '/bulletins/' },
      ...sections,
      { title: 'Authorities', url: '/authorities/' },
      { title: 'Topics', url: '/tags/' },
      { title: 'Calendar', url: '/calendar/' },
      { title: 'Fines', url: '/fines/' },
      { title: 'Search', url: '/search/' },
    ],
    /** Feeds announced in every page's head (a page adds its own, `page.feeds`): the site's two. */
    feeds: siteFeeds(site).filter((f) => f.type !== 'text/calendar'),
    /** Whether links can be absolute: canonical links, Open Graph and JSON-LD need an origin. */
    origin: site.config.baseUrl.origin !== '',
    newsletter: site.config.newsletter,
    absolute: (to: string) => absoluteUrl(site.config.baseUrl, to),
  };
}

/** What the layout's head shows of a page: see PageHead. */
function pageHead(site: Site, spec: PageSpec, shared: ReturnType<typeof sharedData>) {
  const head = spec.head ?? {};
  // The 404 page is served at every missing address: it is no page's canonical.
  const canonical =
    shared.origin && spec.path !== '/404.html' ? absoluteUrl(site.config.baseUrl, spec.path) : '';
  const own = head.feeds ?? [];
  return {
    path: spec.path,
    title: spec.title,
    description: spec.description,
    documentTitle: head.documentTitle,
    type: head.type ?? 'website',
    published: head.published,
    modified: head.modified,
    canonical,
    jsonLd: canonical && head.jsonLd ? scriptJson(head.jsonLd) : '',
    /** The page's own feeds, then the site's (each once). */
    feeds: [...own, ...shared.feeds.filter((f) => !own.some((o) => o.url === f.url))],
    ownFeeds: own,
  };
}

/** Renders one page with its template (the theme's layout wraps HTML pages). */
export function renderPage(
  site: Site,
  theme: Theme,
  spec: PageSpec,
  shared: ReturnType<typeof sharedData>,
): OutputFile | Diagnostic {
  // The 404 page is served at any address, so its links start from the base path.
  const url =
    spec.path === '/404.html'
      ? (to: string) => basePath(site.config.baseUrl, to)
      : linksFrom(spec.path);
  try {
    const content = theme.render(spec.template, {
      ...spec.data,
      site: shared,
      page: pageHead(site, spec, shared),
      url,
    });
    // Links inside bodies: relative on a site page, absolute where the reader
    // is elsewhere (feeds, data, e-mail editions).
    const elsewhere = !spec.path.endsWith('/') && !/^\/[^/]*\.html$/.test(spec.path);
    const link = elsewhere ? (to: string) => absoluteUrl(site.config.baseUrl, to) : url;
    return { path: outputPath(spec.path), content: siteLinks(content, link) };
  } catch (error) {
    if (error instanceof TemplateError) return error.diagnostic;
    throw error;
  }
}

/**
 * Renders every page and hands it to `emit`, waiting whenever `emit` asks to
 * (a writer that has fallen behind); returns the template errors met (each once).
 */
export async function renderPages(
  site: Site,
  theme: Theme,
  specs: Iterable<PageSpec>,
  emit: (file: OutputFile) => Promise<void> | undefined,
): Promise<Diagnostic[]> {
  const shared = sharedData(site);
  const diagnostics: Diagnostic[] = [];
  const withinBudget = memoryGuard();
  for (const spec of specs) {
    withinBudget();
    const result = renderPage(site, theme, spec, shared);
    if ('content' in result) await emit(result);
    else if (!diagnostics.some((d) => d.message === result.message)) diagnostics.push(result);
  }
  for (const asset of theme.assets)
    await emit({ path: outputPath(asset.path), content: asset.bytes });
  return diagnostics;
}
