// Small text edits the operators share: a Markdown file split into its
// front matter lines and body, top-level YAML fields found by their lines,
// and random edits at random places.
import { file, textOf } from './tree.mjs';

/** `---\n<front matter>\n---\n<body>` → { head, fields (lines), tail, body }, or undefined. */
export function splitDoc(text) {
  const m = /^(---[^\n]*\n)([\s\S]*?\n)?(---[ \t]*\n|---[ \t]*$)([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  return { head: m[1], lines: (m[2] ?? '').replace(/\n$/, '').split('\n'), tail: m[3], body: m[4] };
}

export function joinDoc(doc) {
  const fm = doc.lines.length === 0 ? '' : `${doc.lines.join('\n')}\n`;
  return `${doc.head}${fm}${doc.tail}${doc.body}`;
}

/** The top-level fields of YAML lines: { key, start, end } (end exclusive, with its block). */
export function topFields(lines) {
  const fields = [];
  lines.forEach((line, i) => {
    const m = /^([^\s#:-][^:]*):(\s|$)/.exec(line);
    if (m) fields.push({ key: m[1], start: i, end: lines.length });
    else if (fields.length > 0 && !/^(\s|$)/.test(line) && !line.startsWith('-')) {
      fields[fields.length - 1].end = Math.min(fields[fields.length - 1].end, i);
    }
  });
  for (let k = 0; k + 1 < fields.length; k++)
    fields[k].end = Math.min(fields[k].end, fields[k + 1].start);
  return fields;
}

/** Sets a top-level field of YAML lines (adds it at a random place when absent). */
export function setField(r, lines, key, value) {
  const found = topFields(lines).find((f) => f.key === key);
  const text = `${key}: ${value}`.split('\n');
  if (found) lines.splice(found.start, found.end - found.start, ...text);
  else lines.splice(r.int(0, lines.length), 0, ...text);
}

/** Edits a Markdown file of the tree through its parts; false when it has no front matter. */
export function editDoc(tree, path, change) {
  const text = textOf(tree.get(path));
  const doc = text === undefined ? undefined : splitDoc(text);
  if (!doc) return false;
  change(doc);
  tree.set(path, file(joinDoc(doc)));
  return true;
}

/** Edits a text file of the tree; false when it is none. */
export function editText(tree, path, change) {
  const text = textOf(tree.get(path));
  if (text === undefined) return false;
  tree.set(path, file(change(text)));
  return true;
}

/** Inserts `piece` at a random line boundary of `text`, or inside a line. */
export function insertPiece(r, text, piece) {
  const lines = text.split('\n');
  const i = r.int(0, lines.length);
  if (r.chance(0.3) && i < lines.length && lines[i].length > 0) {
    const at = r.int(0, lines[i].length);
    lines[i] = `${lines[i].slice(0, at)}${piece}${lines[i].slice(at)}`;
  } else lines.splice(i, 0, piece);
  return lines.join('\n');
}

/** `k` random one-character edits (insert, delete, replace) drawn from `chars`. */
export function havoc(r, text, chars, k) {
  let s = text;
  for (let n = 0; n < k; n++) {
    const at = r.int(0, s.length);
    const c = r.pick(chars);
    const op = r.int(0, 2);
    if (op === 0) s = s.slice(0, at) + c + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1);
    else s = s.slice(0, at) + c + s.slice(at + 1);
  }
  return s;
}

/** Bytes inserted at a random offset of a file entry. */
export function insertBytes(r, entry, bytes) {
  const at = r.int(0, entry.data.length);
  const out = new Uint8Array(entry.data.length + bytes.length);
  out.set(entry.data.subarray(0, at), 0);
  out.set(bytes, at);
  out.set(entry.data.subarray(at), at + bytes.length);
  return { kind: 'file', data: out };
}

export const STRUCTURE = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  ' ',
  '  ',
  '\n',
  '\t',
  ',',
  '?',
  '\\',
  '---',
  '\n---\n',
  '~',
  '=',
];

export const MD_STRUCTURE = [
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '!',
  '`',
  '<',
  '>',
  '&',
  '#',
  '\\',
  '|',
  '-',
  '^',
  ':',
  '\n',
  '\n\n',
  '    ',
  '~',
  '"',
  '[^',
  ']:',
  '](',
  '&#',
  ';',
];
