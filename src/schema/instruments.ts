import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../domain/suggest.js';
import { registryEntries } from './registry.js';

/**
 * The optional registry of legal instruments, `data/instruments.yaml`: what
 * each instrument an item names is called by the law itself ("Cybersecurity
 * Review Measures", not the headline "Revised Cybersecurity Review Measures
 * Released"), its kind and who issued it. Read like the authority registry:
 * ids checked, unknown fields refused, an unknown authority suggested.
 *
 * Once the file exists it is the list of instruments: an item naming an id
 * it lacks is an error (stages/model.ts). Without it, any id is an
 * instrument, named after its latest item, as before.
 */

export const INSTRUMENTS_FILE = 'data/instruments.yaml';

export const INSTRUMENT_KINDS = [
  'law',
  'regulation',
  'rules',
  'measures',
  'provisions',
  'standard',
  'guidelines',
  'opinions',
  'judicial-interpretation',
  'decision',
  'other',
] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export interface Instrument {
  id: string;
  name: string;
  nameOriginal: string | undefined;
  kind: InstrumentKind | undefined;
  /** The issuing authority's id in data/authorities.yaml. */
  authority: string | undefined;
}

const FIELDS = ['name', 'name_original', 'kind', 'authority'] as const;

export interface InstrumentsResult {
  /** Undefined when the site has no registry of instruments. */
  instruments: Map<string, Instrument> | undefined;
  diagnostics: Diagnostic[];
}

/** Reads the registry (text, or undefined when the site has none) against the authorities. */
export function parseInstruments(
  text: string | undefined,
  authorities: ReadonlySet<string>,
  file = INSTRUMENTS_FILE,
): InstrumentsResult {
  if (text === undefined) return { instruments: undefined, diagnostics: [] };
  const instruments = new Map<string, Instrument>();
  const read = registryEntries(file, text, {
    noun: 'instrument',
    idCode: 'id-invalid',
    idExample: 'cybersecurity-review-measures',
    entryExample: 'name: Cybersecurity Review Measures\n    kind: measures\n    authority: cac',
    fields: FIELDS,
  });
  if ('failed' in read) return { instruments, diagnostics: read.failed };
  const r = read.reader;
  for (const [id, entry] of read.entries) {
    const name =
      entry.name === undefined || entry.name === null
        ? r.fail(
            [id],
            'field-required',
            `instrument "${id}" has no "name"`,
            'add name: <its name, as the law itself gives it>',
          )
        : r.string(entry.name, [id, 'name'], '"name"');
    const text = (key: string) =>
      entry[key] === undefined || entry[key] === null
        ? undefined
        : r.string(entry[key], [id, key], `"${key}"`);
    const kind =
      entry.kind === undefined || entry.kind === null
        ? undefined
        : r.oneOf(entry.kind, [id, 'kind'], INSTRUMENT_KINDS, 'kind', 'kind-unknown');
    const authority = text('authority');
    if (authority !== undefined && !authorities.has(authority))
      r.fail(
        [id, 'authority'],
        'authority-unknown',
        `unknown authority "${authority}"`,
        `${didYouMean(authority, [...authorities], 'authorities')} Authorities are defined in data/authorities.yaml.`,
      );
    // An entry with problems is still an instrument the items may name: its own errors are enough.
    instruments.set(id, {
      id,
      name: name ?? id,
      nameOriginal: text('name_original'),
      kind,
      authority: authority !== undefined && authorities.has(authority) ? authority : undefined,
    });
  }
  return { instruments, diagnostics: r.diagnostics };
}
