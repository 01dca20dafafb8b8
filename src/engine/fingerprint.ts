import { createHash } from 'node:crypto';
import type { Site } from '../model.js';
import type { PageInput, PagePlan } from '../pages/index.js';

/**
 * A page's fingerprint: everything it shows, as a digest. What it takes from
 * the whole site (gazette's code, the configuration, the authority registry,
 * the theme) is `site`; the rest is what the page declares — the items and
 * bulletins it shows (each by its digest, and an item with the bulletin the
 * model put it in) and its key. Two builds that give a page the same
 * fingerprint give it the same bytes, so a page whose fingerprint the output
 * already holds is not made again.
 */
export function fingerprints(site: Site, siteDigest: string, pages: readonly PagePlan[]): string[] {
  // What each input brings, worked out once for all the pages that show it.
  const of = new Map<PageInput, string>();
  const inputDigest = (input: PageInput) => {
    let text = of.get(input);
    if (text === undefined) {
      text =
        'covers' in input
          ? `${input.digest},`
          : `${input.digest}${site.bulletinOf.get(input.file)?.digest ?? '-'},`;
      of.set(input, text);
    }
    return text;
  };
  return pages.map((page) => {
    const parts = [siteDigest, page.path, page.key];
    for (const input of page.inputs) parts.push(inputDigest(input));
    return createHash('sha1').update(parts.join('\0')).digest('base64url').slice(0, 22);
  });
}

/** The fingerprint of a file copied as it is (an asset, a file of `public/`). */
export function contentFingerprint(bytes: string | Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url').slice(0, 22);
}
