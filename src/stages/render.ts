import type { Diagnostic } from '../diagnostics.js';
import { absoluteUrl, basePath, linksFrom } from '../domain/urls.js';
import type { Site } from '../model.js';
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
    /** Feeds announced in every page's head: `{ type, title, url }`. */
    feeds: [
      { type: 'application/atom+xml', title: 'All items', url: '/feed.xml' },
      { type: 'application/feed+json', title: 'All items (JSON Feed)', url: '/feed.json' },
    ] as { type: string; title: string; url: string }[],
    absolute: (to: string) => absoluteUrl(site.config.baseUrl, to),
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
      page: { path: spec.path, title: spec.title, description: spec.description },
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
