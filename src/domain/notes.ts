/**
 * Note numbering. An item's body is rendered once with placeholders where its
 * footnote references stand; each page that shows the item then numbers its
 * notes continuously in reading order (an item's inline footnotes, then its
 * sources) and fills the placeholders in.
 */

/**
 * What the Markdown renderer writes for a reference to the body's note `index`
 * (0-based), the `occurrence`-th reference to it (0-based). U+0000 delimits it:
 * markdown-it replaces that character in editors' text (typed, or as `&#0;`)
 * with U+FFFD, so no content can produce or forge a placeholder. It stays a
 * tag (`<` … `>`), so that text made by stripping tags drops it.
 */
export function refPlaceholder(index: number, occurrence: number): string {
  return `${REF_PLACEHOLDER}${index} ${occurrence}\u0000>`;
}

/** What every reference placeholder starts with. */
export const REF_PLACEHOLDER = '<\u0000ref ';

const PLACEHOLDER = /<\u0000ref (\d+) (\d+)\u0000>/g;

/** The link to note `number` from its `occurrence`-th reference (0-based). */
export function refHtml(number: number, occurrence: number): string {
  const id = occurrence === 0 ? `ref-${number}` : `ref-${number}-${occurrence + 1}`;
  return `<sup class="note-ref"><a href="#note-${number}" id="${id}" aria-describedby="notes-heading">${number}</a></sup>`;
}

/** Replaces the placeholders of a body whose first inline note is numbered `first`. */
export function fillRefs(html: string, first: number): string {
  if (!html.includes(REF_PLACEHOLDER)) return html;
  return html.replace(PLACEHOLDER, (_, n: string, o: string) =>
    refHtml(first + Number(n), Number(o)),
  );
}

/**
 * Appends references to an item's source notes at the end of its last
 * paragraph, or in a paragraph of their own when the body ends otherwise.
 */
export function appendSourceRefs(html: string, first: number, count: number): string {
  if (count === 0) return html;
  const refs = Array.from({ length: count }, (_, i) => refHtml(first + i, 0)).join('');
  const closing = html.lastIndexOf('</p>');
  if (closing >= 0 && html.slice(closing + 4).trim() === '') {
    return html.slice(0, closing) + refs + html.slice(closing);
  }
  return `${html}<p class="source-refs">${refs}</p>\n`;
}

/** Hands out note numbers through a page in reading order. */
export class NoteCounter {
  private next: number;

  constructor(first = 1) {
    this.next = first;
  }

  /** Reserves `count` consecutive numbers and returns the first of them. */
  take(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }

  get total(): number {
    return this.next - 1;
  }
}
