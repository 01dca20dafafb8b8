/** Nearest-match suggestions for misspelt names ("autority" → "authority"). */

/** Edit distance counting a swap of two neighbouring letters as one edit ("titel" → "title"). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo:
 * at most a third of the word's length in edits (and at least one), or a
 * candidate that starts with or contains what was written.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (
      distance < bestScore ||
      (distance === bestScore && best !== undefined && candidate < best)
    ) {
      best = candidate;
      bestScore = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3));
  if (bestScore <= limit) return best;
  for (const candidate of [...candidates].sort()) {
    if (lower.length >= 3 && candidate.toLowerCase().includes(lower)) return candidate;
  }
  return undefined;
}

/** `did you mean "authority"?` or a list of what is allowed. */
export function didYouMean(word: string, candidates: readonly string[], noun: string): string {
  const match = nearest(word, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  const sorted = [...candidates].sort();
  const shown = sorted.slice(0, 12).map((c) => `"${c}"`);
  const more = sorted.length > 12 ? `, … (${sorted.length} in all)` : '';
  return sorted.length === 0
    ? `no ${noun} is defined`
    : `known ${noun}: ${shown.join(', ')}${more}`;
}
