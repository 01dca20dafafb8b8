import type { Diagnostic } from '../diagnostics.js';
import { renderMarkdown } from '../markdown/index.js';
import type { LoadedBulletin, LoadedItem } from '../model.js';
import { bulletinId, validateBulletin } from '../schema/bulletin.js';
import { slugFromPath } from '../domain/slugs.js';
import { validateItem, type ItemContext } from '../schema/item.js';
import { readDocument } from './read.js';
import { readSource } from './source.js';

/**
 * Everything that one file alone decides: read → validate → render its
 * Markdown. The result depends only on the file's bytes and the context, so
 * `dev` can cache it per file.
 */
export function loadItem(
  file: string,
  bytes: Uint8Array,
  ctx: ItemContext,
): { item?: LoadedItem; diagnostics: Diagnostic[] } {
  const read = readDocument(file, bytes);
  if (!read.document) return { diagnostics: read.diagnostics };
  const valid = validateItem(read.document, ctx);
  const base = `/items/${valid.item?.slug ?? slugFromPath(file)}/`;
  const markdown = renderMarkdown(file, read.document.body, read.document.bodyLine, base);
  const diagnostics = [...valid.diagnostics, ...markdown.diagnostics];
  if (!valid.item || diagnostics.length > 0) return { diagnostics };
  const item = valid.item;
  const section = ctx.sections.find((s) => s.id === item.category)!;
  return {
    item: {
      ...item,
      rendered: markdown.body,
      url: `/items/${item.slug}/`,
      section,
      bulletinRef: undefined,
    },
    diagnostics,
  };
}

export function loadBulletin(
  file: string,
  bytes: Uint8Array,
): { bulletin?: LoadedBulletin; diagnostics: Diagnostic[] } {
  const read = readDocument(file, bytes);
  if (!read.document) return { diagnostics: read.diagnostics };
  const valid = validateBulletin(read.document);
  const base = `/bulletins/${bulletinId(file)}/`;
  const markdown = renderMarkdown(file, read.document.body, read.document.bodyLine, base);
  const diagnostics = [...valid.diagnostics, ...markdown.diagnostics];
  if (!valid.bulletin || diagnostics.length > 0) return { diagnostics };
  return { bulletin: { ...valid.bulletin, intro: markdown.body }, diagnostics };
}

/** Reads an item file of the site (refusing what cannot be read) and loads it. */
export function loadItemFile(
  root: string,
  file: string,
  ctx: ItemContext,
): { item?: LoadedItem; diagnostics: Diagnostic[] } {
  const read = readSource(root, file);
  return read.bytes ? loadItem(file, read.bytes, ctx) : { diagnostics: read.diagnostics };
}

/** Reads a bulletin file of the site and loads it. */
export function loadBulletinFile(
  root: string,
  file: string,
): { bulletin?: LoadedBulletin; diagnostics: Diagnostic[] } {
  const read = readSource(root, file);
  return read.bytes ? loadBulletin(file, read.bytes) : { diagnostics: read.diagnostics };
}
