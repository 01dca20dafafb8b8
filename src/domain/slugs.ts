/** URL names of items: `[a-z0-9-]+`, never anything that could leave its folder. */

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The longest name a page address may take from content (a slug, a tag, an
 * id): file systems allow 255 bytes for a name, and a reader must be able to
 * read the address.
 */
export const MAX_NAME = 100;

/** Why a name cannot be used in an address because of its length, or undefined. */
export function tooLong(what: string, name: string): string | undefined {
  return name.length > MAX_NAME
    ? `${what} is ${name.length} characters long; names in addresses are limited to ${MAX_NAME}`
    : undefined;
}

export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

/** `content/items/2022/01/CAC Deep_Synthesis.md` → `cac-deep-synthesis`. */
export function slugFromPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  return slugify(name);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
