/** The edit distance between two strings: insertions, deletions and substitutions, one each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The candidate closest to `typed`, when it is close enough to be what was meant. */
export function nearest(typed: string, candidates: string[]): string | undefined {
  const [best] = candidates.map((candidate) => ({ candidate, distance: editDistance(typed, candidate) })).sort((x, y) => x.distance - y.distance);
  // Beyond a third of the word, a suggestion is a guess, not a correction.
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.candidate : undefined;
}
