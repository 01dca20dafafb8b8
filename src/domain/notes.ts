/**
 * Note numbering. An item's body is rendered once with placeholders where its
 * footnote references stand; each page that shows the item then numbers its
 * notes continuously in reading order (an item's inline footnotes, then its
 * sources) and fills the placeholders in.
 */

/** What the Markdown renderer writes for the k-th footnote reference (0-based). */
export function refPlaceholder(index: number, occurrence: number): string {
  // Raw HTML is off, so editors' text can never produce a `<gz-ref` tag.
  return `<gz-ref n="${index}" o="${occurrence}">`;
}

const PLACEHOLDER = /<gz-ref n="(\d+)" o="(\d+)">/g;

/** The link to note `number` from its `occurrence`-th reference (0-based). */
export function refHtml(number: number, occurrence: number): string {
  const id = occurrence === 0 ? `ref-${number}` : `ref-${number}-${occurrence + 1}`;
  return `<sup class="note-ref"><a href="#note-${number}" id="${id}" aria-describedby="notes-heading">${number}</a></sup>`;
}

/** Replaces the placeholders of a body whose first inline note is numbered `first`. */
export function fillRefs(html: string, first: number): string {
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
