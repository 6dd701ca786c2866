/**
 * gqlparser's "Did you mean ...?" suggestions. They differ from graphql-js's
 * (another distance threshold, no tie-break by name), and Dgraph's messages
 * show gqlparser's: `Did you mean userRole or username?`.
 */

/** The options close to `input`, closest first (ties keep their order). */
export function suggestionList(input: string, options: readonly string[]): string[] {
  const scored = options
    .map((option) => ({ option, distance: lexicalDistance(input, option) }))
    .filter(({ option, distance }) => distance <= Math.max(1, Math.floor(Math.max(input.length, option.length) / 2)));
  return scored.sort((a, b) => a.distance - b.distance).map(({ option }) => option);
}

/** Levenshtein distance, where a change of case alone counts as one edit. */
function lexicalDistance(a: string, b: string): number {
  if (a === b) return 0;
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA === lowerB) return 1;
  return levenshtein([...lowerA], [...lowerB]);
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** ` Did you mean a or b?` (up to five, `a, b, or c`), or nothing when there is no suggestion. */
export function didYouMean(prefix: string, suggestions: readonly string[], quoted: boolean): string {
  if (suggestions.length === 0) return '';
  const items = suggestions.slice(0, 5).map((s) => (quoted ? `"${s}"` : s));
  const list =
    items.length === 2 ? `${items[0]} or ${items[1]}` : items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
  return ` ${prefix} ${list}?`;
}
