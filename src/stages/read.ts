import { isUtf8 } from 'node:buffer';
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { checkLink, readSource, unreadable } from './source.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { fileProblem } from '../domain/text.js';
import type { YamlSource } from '../schema/yaml.js';
import { readFrontMatter } from './front-matter.js';

/** A Markdown file split into its front matter (parsed, with positions) and body. */
export interface Document {
  file: string;
  yaml: YamlSource;
  body: string;
  /** The line of the file on which the body starts (1-based). */
  bodyLine: number;
}

export interface ReadResult {
  document: Document | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Decodes a file's bytes as UTF-8 (refusing anything else), with a BOM and CRLF
 * line endings accepted as ordinary input.
 */
export function decode(
  file: string,
  bytes: Uint8Array,
): { text?: string; diagnostics: Diagnostic[] } {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const at = {
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
    };
    return {
      diagnostics: [
        diagnostic(
          file,
          at,
          'encoding',
          `the file is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad})`,
          'save the file as UTF-8 in your editor',
        ),
      ],
    };
  }
  let text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  text = text.replace(/\r\n?/g, '\n');
  const unpublishable = fileProblem(text);
  if (unpublishable) return { diagnostics: [{ file, ...unpublishable }] };
  return { text, diagnostics: [] };
}

/** The offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1;
    if (need < 0) return i;
    if (need > 0 && !isUtf8(bytes.subarray(i, i + need + 1))) return i;
    i += need + 1;
  }
  return -1;
}

/** Splits `---` front matter from the body and parses it (see front-matter.ts). */
export function splitFrontMatter(file: string, text: string): ReadResult {
  const { frontMatter, diagnostics } = readFrontMatter(file, text);
  const source = frontMatter?.parsed.source;
  if (!frontMatter || !source) return { document: undefined, diagnostics };
  return {
    document: {
      file,
      yaml: source,
      body: frontMatter.body,
      bodyLine: frontMatter.bodyLine,
    },
    diagnostics,
  };
}

export function readDocument(file: string, bytes: Uint8Array): ReadResult {
  const decoded = decode(file, bytes);
  if (decoded.text === undefined) return { document: undefined, diagnostics: decoded.diagnostics };
  return splitFrontMatter(file, decoded.text);
}

/**
 * Reads a site file that may be absent (the config, the authority registry) with
 * the same rules as content: UTF-8 only, no link out of the site.
 */
export function readSiteFile(
  root: string,
  file: string,
): { text?: string; diagnostics: Diagnostic[] } {
  let present: boolean;
  try {
    present = lstatSync(join(root, file), { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    return { diagnostics: [unreadable(file, error, root)] };
  }
  if (!present) return { diagnostics: [] };
  // Through a linked folder too (data/ → elsewhere): the file must lie inside the site.
  const outside = checkLink(root, realpathSync(root), file);
  if (outside) return { diagnostics: [outside] };
  const read = readSource(root, file);
  return read.bytes ? decode(file, read.bytes) : { diagnostics: read.diagnostics };
}
