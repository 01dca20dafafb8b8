import { createHash } from 'node:crypto';
import type { Memo } from '../model.js';
/**
 * CSS inlining for the e-mail edition, with juice as the CSS engine.
 *
 * juice parses the whole document and matches every rule against it: about
 * 12 ms for a 40-item bulletin, 3 s for the 253 bulletins of a 10,000-item
 * site. When every selector outside `@media` is a simple one (`p`, `.cell`,
 * `td.note-n`), an element's inline style depends only on its tag, its class
 * and its own style, so juice runs on a small sample holding one element of
 * each such kind and the result is copied onto every element of that kind,
 * in one pass over the document. Any other stylesheet (a site's own e-mail
 * template with descendant selectors, say) goes through juice whole.
 */

export type InlineOptions = Record<string, unknown>;
export type JuiceFn = (html: string, options: InlineOptions) => string;

const SIMPLE_SELECTOR = /^(?:[a-z][a-z0-9-]*|(?:[a-z][a-z0-9-]*)?(?:\.[a-z_][\w-]*)+)$/i;

/** The selectors of a stylesheet outside `@media`, or undefined if it holds another at-rule. */
export function topLevelSelectors(css: string): string[] | undefined {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const prelude = text.slice(i, open).trim();
    // Skip the block, nested blocks included.
    let depth = 1;
    let j = open + 1;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    if (prelude.startsWith('@')) {
      if (!/^@media\b/i.test(prelude)) return undefined;
    } else {
      selectors.push(...prelude.split(',').map((s) => s.trim()));
    }
    i = j;
  }
  return selectors;
}

const TAG = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*?)?\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

interface Attribute {
  name: string;
  /** As written: ` name="value"`. */
  raw: string;
}

function attributes(text: string | undefined): Attribute[] {
  return [...(text ?? '').matchAll(ATTRIBUTE)].map((m) => ({
    name: m[1]!.toLowerCase(),
    raw: ` ${m[0].trim()}`,
  }));
}

const CLASS_OR_STYLE = /\s(?:class|style)\s*=\s*(?:"[^"]*"|'[^']*')/gi;

/** An element's kind: what a simple selector can see of it (its tag, class and style). */
function kindOf(tag: string, raw: string | undefined): string {
  const own = raw?.match(CLASS_OR_STYLE)?.map((a) => ` ${a.trim()}`) ?? [];
  return `${tag.toLowerCase()}${own.join('')}`;
}

interface Styled {
  /**
   * Per kind: the class and style juice gave a sample element of that kind, as
   * written, and the other attributes it added (table elements' `align`…).
   */
  made: Map<string, { own: string; extra: Attribute[] }>;
  /** The `<style>` juice left in the head (media queries). */
  styles: string;
}

type Made = Styled['made'] extends Map<string, infer V> ? V : never;

/**
 * The styles of each kind of element under a stylesheet. Each kind's result
 * is kept in the site's memo (by the stylesheet's digest and the kind), so
 * juice runs — and loads, which costs more than it runs — only for kinds no
 * build has met before.
 */
function styleKinds(
  css: string,
  kinds: string[],
  juice: () => JuiceFn,
  options: InlineOptions,
  memo: Memo,
): Styled {
  const sheet = createHash('sha1')
    .update(css)
    .update('\0')
    .update(JSON.stringify(options))
    .digest('base64url');
  const made: Styled['made'] = new Map();
  const missing: string[] = [];
  for (const kind of kinds) {
    const known = memo.get(`email-style ${sheet} ${kind}`) as Made | undefined;
    if (known) made.set(kind, known);
    else missing.push(kind);
  }
  let styles = memo.get(`email-head ${sheet}`) as string | undefined;
  if (missing.length === 0 && styles !== undefined) return { made, styles };
  const juiced = juiceKinds(css, missing, juice(), options);
  for (const [kind, result] of juiced.made) {
    made.set(kind, result);
    memo.set(`email-style ${sheet} ${kind}`, result);
  }
  styles = juiced.styles;
  memo.set(`email-head ${sheet}`, styles);
  return { made, styles };
}

/** juice on a sample holding one element of each kind. */
function juiceKinds(css: string, kinds: string[], juice: JuiceFn, options: InlineOptions): Styled {
  const sample = kinds.map((kind, i) => {
    const tag = /^[^\s]+/.exec(kind)![0];
    const mark = ` data-gz-kind="${i}"`;
    return VOID.has(tag) || tag === 'body' ? `<${kind}${mark}>` : `<${kind}${mark}></${tag}>`;
  });
  const bodyKind = kinds.findIndex((k) => /^body\b/.test(k));
  const juiced = juice(
    `<!doctype html><html><head><style>${css}</style></head>${bodyKind < 0 ? '<body>' : ''}` +
      `${sample.join('')}</body></html>`,
    options,
  );
  const made: Styled['made'] = new Map();
  const own = (a: Attribute) => a.name === 'class' || a.name === 'style';
  for (const m of juiced.matchAll(TAG)) {
    const attrs = attributes(m[2]);
    const mark = attrs.find((a) => a.name === 'data-gz-kind');
    if (!mark) continue;
    made.set(kinds[Number(/\d+/.exec(mark.raw)![0])]!, {
      own: attrs
        .filter(own)
        .map((a) => a.raw)
        .join(''),
      extra: attrs.filter((a) => a !== mark && !own(a)),
    });
  }
  const styles = [...juiced.matchAll(/<style[^>]*>[\s\S]*?<\/style>/gi)].map((m) => m[0]).join('');
  return { made, styles };
}

/** Inlines the document's `<style>` with juice, by element kind when the CSS allows it. */
export function inlineByKind(
  html: string,
  juice: () => JuiceFn,
  options: InlineOptions,
  memo: Memo,
): string {
  const bodyAt = html.search(/<body[\s>]/i);
  if (bodyAt < 0) return juice()(html, options);
  const head = html.slice(0, bodyAt);
  const STYLE = /<style[^>]*>([\s\S]*?)<\/style>/gi;
  const css = [...head.matchAll(STYLE)].map((m) => m[1]).join('\n');
  const selectors = topLevelSelectors(css);
  // Custom properties resolve through ancestors: not a matter of the element alone.
  const simple = selectors?.every((s) => SIMPLE_SELECTOR.test(s)) && !css.includes('var(');
  if (!simple) return juice()(html, options);
  const body = html.slice(bodyAt);

  // One pass to find the tags and their kinds; most tags repeat (`<p>`, `<li>`).
  const tags: { at: number; end: number; key: string }[] = [];
  const found = new Map<string, { tag: string; raw: string; slash: string; kind: string }>();
  for (const m of body.matchAll(TAG)) {
    if (m[1] === undefined) continue;
    const key = m[0];
    if (!found.has(key)) {
      const kind = kindOf(m[1], m[2]);
      found.set(key, { tag: m[1], raw: m[2] ?? '', slash: m[3] ?? '', kind });
    }
    tags.push({ at: m.index, end: m.index + key.length, key });
  }
  const kinds = [...new Set([...found.values()].map((f) => f.kind))].sort();
  const { made, styles } = styleKinds(css, kinds, juice, options, memo);

  // Each distinct tag rewritten once. The element keeps its own attributes; class and
  // style come from juice, as do the attributes juice adds to table elements, unless
  // the element has them.
  const rewritten = new Map<string, string>();
  for (const [key, { tag, raw, slash, kind }] of found) {
    const result = made.get(kind);
    if (!result) continue;
    const kept = raw.replace(CLASS_OR_STYLE, '').trimEnd();
    let added = result.own;
    for (const a of result.extra) {
      if (!new RegExp(`\\s${a.name}(\\s*=|\\s|$)`, 'i').test(kept)) added += a.raw;
    }
    rewritten.set(key, `<${tag}${kept}${added}${slash ? ' /' : ''}>`);
  }
  const parts: string[] = [];
  let from = 0;
  for (const { at, end, key } of tags) {
    const tag = rewritten.get(key);
    if (tag === undefined) continue;
    parts.push(body.slice(from, at), tag);
    from = end;
  }
  parts.push(body.slice(from));

  let first = true;
  const newHead = head.replace(STYLE, () => {
    const keep = first ? styles : '';
    first = false;
    return keep;
  });
  return newHead + parts.join('');
}
