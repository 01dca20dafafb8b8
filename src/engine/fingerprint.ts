import { createHash } from 'node:crypto';
import type { Site } from '../model.js';
import type { PagePlan } from '../pages/index.js';

/**
 * A page's fingerprint: everything it shows, as a digest. What it takes from
 * the whole site (gazette's code, the configuration, the authority registry,
 * the theme) is `site`; the rest is what the page declares — the items and
 * bulletins it shows (each by its digest, and an item with the bulletin the
 * model put it in) and its key. Two builds that give a page the same
 * fingerprint give it the same bytes, so a page whose fingerprint the output
 * already holds is not made again.
 */
export function fingerprint(site: Site, siteDigest: string, page: PagePlan): string {
  const hash = createHash('sha1').update(siteDigest).update(page.path).update('\0');
  hash.update(page.key).update('\0');
  for (const input of page.inputs) {
    hash.update(input.digest);
    if (!('covers' in input)) hash.update(site.bulletinOf.get(input.file)?.digest ?? '-');
    hash.update(',');
  }
  return hash.digest('base64url').slice(0, 22);
}

/** The fingerprint of a file copied as it is (an asset, a file of `public/`). */
export function contentFingerprint(bytes: string | Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url').slice(0, 22);
}
