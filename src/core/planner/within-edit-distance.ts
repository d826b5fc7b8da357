/**
 * A bounded edit-distance check, used to read common typos of Ward's keywords ("compromized", "riksy") as the
 * keyword. It answers "is `a` within `max` edits of `b`?" and stops as soon as the answer is no, so it stays
 * cheap on the short words it is given. It must never be used on unbounded text: callers pass single words.
 */

/** Options for {@link withinEditDistance}. */
export interface EditDistanceOptions {
  /**
   * What replacing one character costs. 1 is the usual Damerau (optimal string alignment) distance; 2 makes a
   * substitution count as a deletion plus an insertion, so that only dropped, doubled or swapped letters are
   * forgiven (useful for short words, where one substituted letter often makes another real word or a name).
   */
  substitutionCost?: 1 | 2;
}

/**
 * Whether `a` can be turned into `b` with at most `max` single-character insertions, deletions,
 * substitutions or swaps of two adjacent characters (optimal string alignment distance).
 * Runs in O(|a| · |b|) time and returns early once every path costs more than `max`.
 */
export function withinEditDistance(
  a: string,
  b: string,
  max: number,
  options?: EditDistanceOptions,
): boolean {
  if (a === b) return true;
  if (max <= 0) return false;
  if (Math.abs(a.length - b.length) > max) return false;
  const substitutionCost = options?.substitutionCost ?? 1;

  // Three rolling rows of the dynamic-programming table: two rows back (for swaps), previous and current.
  let beforePrevious: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      let cost = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (same ? 0 : substitutionCost),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && !same) {
        cost = Math.min(cost, beforePrevious[j - 2]! + 1);
      }
      current.push(cost);
      if (cost < rowMinimum) rowMinimum = cost;
    }
    if (rowMinimum > max) return false;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]! <= max;
}
