/** Nearest-match suggestions for misspelt names ("autority" → "authority"). */

/**
 * Edit distance counting a swap of two neighbouring letters as one edit
 * ("titel" → "title"). With `limit`, it stops as soon as the distance must
 * exceed it and returns `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  return new Rows(b.length).distance(a, b, limit);
}

/** The three rows of the distance table, kept to be reused for many words. */
class Rows {
  private before: Uint32Array;
  private previous: Uint32Array;
  private row: Uint32Array;

  constructor(width: number) {
    this.before = new Uint32Array(width + 1);
    this.previous = new Uint32Array(width + 1);
    this.row = new Uint32Array(width + 1);
  }

  distance(a: string, b: string, limit: number): number {
    if (a === b) return 0;
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    const n = b.length;
    let [before, previous, row] = [this.before, this.previous, this.row];
    for (let j = 0; j <= n; j++) previous[j] = j;
    let previousLeast = 0;
    for (let i = 1; i <= a.length; i++) {
      row[0] = i;
      let least = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j <= n; j++) {
        const cb = b.charCodeAt(j - 1);
        let best = Math.min(
          previous[j]! + 1,
          row[j - 1]! + 1,
          previous[j - 1]! + (ca === cb ? 0 : 1),
        );
        // A swap of two neighbouring letters: two rows back.
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
          best = Math.min(best, before[j - 2]! + 1);
        row[j] = best;
        if (best < least) least = best;
      }
      // A swap can jump one row, so two rows past the limit settle it.
      if (least > limit && previousLeast > limit) return limit + 1;
      previousLeast = least;
      [before, previous, row] = [previous, row, before];
    }
    return Math.min(previous[n]!, limit + 1);
  }
}

/**
 * Suggestions from one list of candidates, prepared once: each word's answer
 * is computed once, so that 20,000 misspellings cost 20,000 look-ups, not
 * 20,000 sorts of the list.
 */
export class Suggestions {
  private readonly sorted: readonly string[];
  private readonly lower: readonly string[];
  private readonly longest: number;
  private readonly rows: Rows;
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly candidates: readonly string[],
    private readonly noun: string,
  ) {
    this.sorted = [...candidates].sort();
    this.lower = this.sorted.map((c) => c.toLowerCase());
    this.longest = this.lower.reduce((longest, c) => Math.max(longest, c.length), 0);
    this.rows = new Rows(this.longest);
  }

  /**
   * The closest candidate, if it is close enough to be a plausible typo:
   * at most a third of the word's length in edits (and at least one), or a
   * candidate that starts with or contains what was written.
   */
  nearest(word: string): string | undefined {
    const lower = word.toLowerCase();
    // No candidate further than this can be close enough, whichever is nearest.
    const reach = Math.max(1, Math.floor(Math.max(lower.length, this.longest) / 3));
    let best: string | undefined;
    let bestScore = reach + 1;
    // In sorted order, so that of two equally near candidates the first wins.
    this.sorted.forEach((candidate, i) => {
      const distance = this.rows.distance(lower, this.lower[i]!, bestScore);
      if (distance < bestScore) {
        best = candidate;
        bestScore = distance;
      }
    });
    if (best !== undefined) {
      const limit = Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3));
      if (bestScore <= limit) return best;
    }
    if (lower.length < 3) return undefined;
    return this.sorted.find((_, i) => this.lower[i]!.includes(lower));
  }

  /** `did you mean "authority"?` or a list of what is allowed. */
  hint(word: string): string {
    let answer = this.answers.get(word);
    if (answer === undefined) {
      answer = this.describe(word);
      this.answers.set(word, answer);
    }
    return answer;
  }

  private describe(word: string): string {
    const match = this.nearest(word);
    if (match !== undefined) return `did you mean "${match}"?`;
    const shown = this.sorted.slice(0, 12).map((c) => `"${c}"`);
    const more = this.sorted.length > 12 ? `, … (${this.sorted.length} in all)` : '';
    return this.candidates.length === 0
      ? `no ${this.noun} are defined.`
      : `known ${this.noun}: ${shown.join(', ')}${more}`;
  }
}

export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggestions([...candidates], '').nearest(word);
}

/** `did you mean "authority"?` or a list of what is allowed. */
export function didYouMean(word: string, candidates: readonly string[], noun: string): string {
  return new Suggestions(candidates, noun).hint(word);
}
