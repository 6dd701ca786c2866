/**
 * What an import read but did not load as given (facets, language tags,
 * other namespaces, Dgraph's internal predicates): counted by kind and
 * predicate, so that a billion facets make one line, not a billion.
 */
export class ImportWarnings {
  private readonly counts = new Map<string, { count: number; readonly say: (count: number) => string }>();

  /** One more occurrence of the warning `key`; `say` words it for the final count. */
  note(key: string, say: (count: number) => string): void {
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { count: 1, say });
  }

  list(): string[] {
    return [...this.counts.values()].map(({ count, say }) => say(count));
  }
}

/** "1 value", "3 values". */
export function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
