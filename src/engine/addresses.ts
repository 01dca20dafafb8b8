import { START, type Diagnostic } from '../diagnostics.js';
import type { Site } from '../model.js';
import { addressConflicts, type Address, type ChosenAddress } from '../pages/addresses.js';
import { planPages, type PagePlan } from '../pages/index.js';
import { aliasPosition } from '../schema/item.js';
import type { Theme } from '../stages/theme.js';

/** `/items/x/` → `items/x/index.html`; `/sitemap.xml` → `sitemap.xml`. */
export function outputOf(sitePath: string): string {
  const path = sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
  return path.slice(1);
}

/**
 * The addresses content chooses (aliases, `public/`) against every file the
 * site generates: one check, for check, build and dev alike.
 */
export function siteAddressConflicts(
  site: Site,
  theme: Theme,
  publicFiles: readonly { path: string }[],
  /** The site's pages (aliases aside), when they are planned already. */
  pages: readonly PagePlan[] = planPages(site),
): Diagnostic[] {
  const generated: Address[] = pages.map((page) => {
    const first = page.inputs[0];
    const item =
      page.path.startsWith('/items/') && first && !('covers' in first) ? first : undefined;
    return { path: outputOf(page.path), file: item?.file };
  });
  for (const asset of theme.assets) generated.push({ path: outputOf(asset.path) });
  const chosen: ChosenAddress[] = [];
  for (const item of site.items) {
    for (const alias of item.aliases) {
      chosen.push({
        path: outputOf(alias),
        shown: alias,
        file: item.file,
        at: item.positions[aliasPosition(alias)] ?? item.positions.aliases ?? START,
        kind: 'alias',
        target: outputOf(item.url),
      });
    }
  }
  for (const file of publicFiles) {
    const shown = `public/${file.path}`;
    chosen.push({ path: file.path, shown, file: shown, at: START, kind: 'public' });
  }
  return addressConflicts(generated, chosen);
}
