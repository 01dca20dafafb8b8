import type { Code } from '../codes.js';
import type { Diagnostic } from '../diagnostics.js';
import { ID, tooLong } from '../domain/slugs.js';
import { FieldReader, isRecord } from './fields.js';
import { parseYaml } from './yaml.js';

/** What a registry of `data/` calls its entries, for the messages about their ids and form. */
export interface RegistryKind {
  /** "authority", "instrument". */
  noun: string;
  /** The code for an id in the wrong form. */
  idCode: Code;
  /** An id in the right form, for the hint. */
  idExample: string;
  /** An entry's fields, for the hint when an entry is not a map. */
  entryExample: string;
  fields: readonly string[];
}

/**
 * A registry file of `data/` (`id: {field: value, …}` at the top level),
 * read as far as its entries: each id checked (length, form), each entry a
 * map with no unknown field. The entries that pass, for the caller to read
 * their fields with `reader`; `failed` when the file is no registry at all.
 */
export function registryEntries(
  file: string,
  text: string,
  kind: RegistryKind,
):
  { reader: FieldReader; entries: [string, Record<string, unknown>][] } | { failed: Diagnostic[] } {
  const parsed = parseYaml(file, text);
  if (!parsed.source) return { failed: parsed.diagnostics };
  const reader = new FieldReader(parsed.source, `${kind.noun} registry`);
  const raw = reader.root();
  if (!raw) return { failed: reader.diagnostics };
  const entries: [string, Record<string, unknown>][] = [];
  for (const [id, entry] of Object.entries(raw)) {
    const long = tooLong(`the ${kind.noun} id`, id);
    if (long) {
      reader.diagnostics.push(parsed.source.keyError([id], 'name-too-long', long, 'shorten it'));
      continue;
    }
    if (!ID.test(id)) {
      reader.diagnostics.push(
        parsed.source.keyError(
          [id],
          kind.idCode,
          `"${id}" is not a valid ${kind.noun} id`,
          `use lowercase letters, digits and hyphens, e.g. ${kind.idExample}`,
        ),
      );
      continue;
    }
    if (!isRecord(entry)) {
      reader.fail(
        [id],
        'field-type',
        `${kind.noun} "${id}" must be a map of fields`,
        `e.g.\n    ${kind.entryExample}`,
      );
      continue;
    }
    reader.denyUnknown(entry, kind.fields, [id]);
    entries.push([id, entry]);
  }
  return { reader, entries };
}
