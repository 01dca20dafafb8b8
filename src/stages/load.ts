import type { Diagnostic } from '../diagnostics.js';
import { renderMarkdown } from '../markdown/index.js';
import type { LoadedBulletin, LoadedItem } from '../model.js';
import { bulletinId, validateBulletin } from '../schema/bulletin.js';
import { slugFromPath } from '../domain/slugs.js';
import { validateItem, type ItemContext } from '../schema/item.js';
import { readDocument } from './read.js';

/**
 * Everything that one file alone decides: read → validate → render its
 * Markdown. The result depends only on the file's bytes and the context, so
 * `dev` can cache it per file.
 */
export function loadItem(
  file: string,
  bytes: Uint8Array,
  ctx: ItemContext,
  /** The file's digest (engine/loader.ts `fileKey`), which the item carries. */
  digest: string,
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
      digest,
      rendered: markdown.body,
      url: `/items/${item.slug}/`,
      section,
    },
    diagnostics,
  };
}

export function loadBulletin(
  file: string,
  bytes: Uint8Array,
  digest: string,
): { bulletin?: LoadedBulletin; diagnostics: Diagnostic[] } {
  const read = readDocument(file, bytes);
  if (!read.document) return { diagnostics: read.diagnostics };
  const valid = validateBulletin(read.document);
  const base = `/bulletins/${bulletinId(file)}/`;
  const markdown = renderMarkdown(file, read.document.body, read.document.bodyLine, base);
  const diagnostics = [...valid.diagnostics, ...markdown.diagnostics];
  if (!valid.bulletin || diagnostics.length > 0) return { diagnostics };
  return { bulletin: { ...valid.bulletin, digest, intro: markdown.body }, diagnostics };
}
