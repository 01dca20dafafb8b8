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
export class Fingerprints {
  /** Keep what each fingerprint was made from, for the next run (dev); a build runs once. */
  constructor(private readonly keep: boolean) {}

  /** Each input's part of a fingerprint, kept while its object and its bulletin are the same. */
  private readonly parts = new WeakMap<PageInput, { bulletin: string; text: string }>();
  /** The last fingerprints made, by page path, with what they were made from. */
  private last = new Map<string, { from: readonly string[]; print: string }>();

  /**
   * The fingerprints of `pages`. A page whose inputs, key and site digest are
   * those of its last fingerprint (the same objects, as under `gazette dev`
   * where only what changed is loaded again) keeps it without hashing.
   */
  of(
    site: Site,
    siteDigest: string,
    pages: readonly PagePlan[],
    /** The inputs that changed since the last call, when that is all that changed (dev). */
    changed?: ReadonlySet<PageInput>,
  ): string[] {
    const next = new Map<string, { from: readonly string[]; print: string }>();
    const prints = pages.map((page) => {
      const known = changed && this.last.get(page.path);
      if (
        known &&
        known.from[0] === siteDigest &&
        known.from[2] === page.key &&
        !page.inputs.some((input) => changed.has(input))
      ) {
        next.set(page.path, known);
        return known.print;
      }
      const from = [siteDigest, page.path, page.key];
      for (const input of page.inputs) from.push(this.part(site, input));
      const before = this.last.get(page.path);
      const print =
        before && same(before.from, from)
          ? before.print
          : createHash('sha1').update(from.join('\0')).digest('base64url').slice(0, 22);
      if (this.keep) next.set(page.path, { from, print });
      return print;
    });
    this.last = next;
    return prints;
  }

  private part(site: Site, input: PageInput): string {
    const bulletin = 'covers' in input ? '' : (site.bulletinOf.get(input.file)?.digest ?? '-');
    const known = this.parts.get(input);
    if (known && known.bulletin === bulletin) return known.text;
    const text = `${input.digest}${bulletin},`;
    this.parts.set(input, { bulletin, text });
    return text;
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The fingerprint of a file copied as it is (an asset, a file of `public/`). */
export function contentFingerprint(bytes: string | Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url').slice(0, 22);
}
