import { describe, expect, it } from 'vitest';
import { ITEM_FIELDS } from '../../src/schema/item.js';
import { Suggestions, didYouMean, editDistance, nearest } from '../../src/domain/suggest.js';

/**
 * Suggestions are prepared once per list and bounded by how near a candidate
 * can be: they must still give exactly the answers of the plain definition.
 */

/** The plain definition: every distance computed in full. */
function plainDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

function plainNearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const distance = plainDistance(lower, candidate.toLowerCase());
    if (
      distance < bestScore ||
      (distance === bestScore && best !== undefined && candidate < best)
    ) {
      best = candidate;
      bestScore = distance;
    }
  }
  if (best === undefined) return undefined;
  if (bestScore <= Math.max(1, Math.floor(Math.max(lower.length, best.length) / 3))) return best;
  return [...candidates].sort().find((c) => lower.length >= 3 && c.toLowerCase().includes(lower));
}

/** Deterministic pseudo-random words: typos of the candidates and noise. */
function words(candidates: readonly string[], count: number): string[] {
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const letters = 'abcdefghijklmnopqrstuvwxyz_-';
  return Array.from({ length: count }, () => {
    const chars = [...candidates[next(candidates.length)]!];
    for (let edits = next(4); edits > 0; edits--) {
      const at = next(chars.length + 1);
      const kind = next(4);
      if (kind === 0) chars.splice(at, 1);
      else if (kind === 1) chars.splice(at, 0, letters[next(letters.length)]!);
      else if (kind === 2) chars[at] = letters[next(letters.length)]!;
      else [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    }
    return next(5) === 0 ? letters.slice(next(20), 20 + next(8)) : chars.join('');
  });
}

describe('suggestions', () => {
  it('the bounded distance is the distance, or says it is past the limit', () => {
    for (const [a, b] of [
      ['titel', 'title'],
      ['autority', 'authority'],
      ['', 'abc'],
      ['abc', ''],
      ['kitten', 'sitting'],
      ['ca', 'abc'],
    ] as const) {
      expect(editDistance(a, b)).toBe(plainDistance(a, b));
      for (const limit of [0, 1, 2, 3]) {
        const bounded = editDistance(a, b, limit);
        expect(bounded <= limit ? bounded : limit + 1).toBe(
          Math.min(plainDistance(a, b), limit + 1),
        );
      }
    }
  });

  it.each([
    ['the item fields', [...ITEM_FIELDS]],
    [
      'authority ids',
      [
        'cac',
        'miit',
        'samr',
        'pboc',
        'pboc-shanghai',
        'sh-cac',
        'bj-cac',
        'spc',
        'sh-hpc',
        'bj-internet-court',
      ],
    ],
  ])('give the plain answers for 2,000 words against %s', (_, candidates) => {
    const suggestions = new Suggestions(candidates, 'fields');
    for (const word of words(candidates, 2000))
      expect(suggestions.nearest(word), word).toBe(plainNearest(word, candidates));
  });

  it('answer each word once, and list what is known when nothing is near', () => {
    const suggestions = new Suggestions(['b', 'a'], 'sections');
    expect(suggestions.hint('zzzzzz')).toBe('known sections: "a", "b"');
    expect(suggestions.hint('zzzzzz')).toBe('known sections: "a", "b"');
    expect(didYouMean('titel', [...ITEM_FIELDS], 'fields')).toBe('did you mean "title"?');
    expect(nearest('zzzzzz', [])).toBeUndefined();
    expect(didYouMean('x', [], 'authorities')).toBe('no authorities are defined.');
  });
});
