/**
 * Kleene's three-valued logic over rule trees. A rule evaluates to true,
 * false, unknown, or a formula whose leaves the claims cannot decide (graph
 * rules, decided per node by the store). Constants fold as Kleene says:
 * `and` with a false item is false, `or` with a true item is true,
 * `not unknown` is unknown. Only nodes for which the formula is TRUE pass,
 * which is also how SQL reads a WHERE clause with NULLs.
 */

/** What a leaf of a formula may be: a graph rule, bound or planned. */
export interface Leaf {
  readonly kind: 'graph' | 'reach';
}

export type Formula<L extends Leaf> =
  | { readonly kind: 'and'; readonly items: readonly Formula<L>[] }
  | { readonly kind: 'or'; readonly items: readonly Formula<L>[] }
  | { readonly kind: 'not'; readonly item: Formula<L> }
  | { readonly kind: 'unknown' }
  | L;

/** A value of the logic: decided (true or false), or not yet. */
export type Kleene<L extends Leaf> = boolean | Formula<L>;

export const UNKNOWN = { kind: 'unknown' } as const;

export function and<L extends Leaf>(items: readonly Kleene<L>[]): Kleene<L> {
  return junction('and', items);
}

export function or<L extends Leaf>(items: readonly Kleene<L>[]): Kleene<L> {
  return junction('or', items);
}

function junction<L extends Leaf>(kind: 'and' | 'or', items: readonly Kleene<L>[]): Kleene<L> {
  // `and` is decided by a false item, `or` by a true one; the other constant is neutral.
  const absorbing = kind === 'or';
  const kept: Formula<L>[] = [];
  for (const item of items) {
    if (typeof item === 'boolean') {
      if (item === absorbing) return absorbing;
      continue;
    }
    const f = item as Formula<L>;
    for (const part of f.kind === kind ? f.items : [f]) {
      if (part.kind === 'unknown' && kept.some((k) => k.kind === 'unknown')) continue;
      kept.push(part);
    }
  }
  if (kept.length === 0) return !absorbing;
  if (kept.length === 1) return kept[0];
  return { kind, items: kept };
}

export function not<L extends Leaf>(item: Kleene<L>): Kleene<L> {
  if (typeof item === 'boolean') return !item;
  const f = item as Formula<L>;
  if (f.kind === 'unknown') return f;
  if (f.kind === 'not') return f.item;
  return { kind: 'not', item: f };
}

/** Rebuilds a formula with each leaf replaced, folding constants on the way up. */
export function mapLeaves<L extends Leaf, M extends Leaf>(value: Kleene<L>, leaf: (leaf: L) => Kleene<M>): Kleene<M> {
  if (typeof value === 'boolean') return value;
  const f = value as Formula<L>;
  switch (f.kind) {
    case 'unknown':
      return UNKNOWN;
    case 'and':
      return and(f.items.map((i) => mapLeaves(i, leaf)));
    case 'or':
      return or(f.items.map((i) => mapLeaves(i, leaf)));
    case 'not':
      return not(mapLeaves(f.item, leaf));
    default:
      return leaf(f as L);
  }
}

/**
 * Removes every `unknown` without changing which nodes pass. Under an even
 * number of `not`s an unknown can only keep a formula from being true, so it
 * acts as false; under an odd number it acts as true (Kleene's connectives
 * are monotone and each unknown occurs once). What remains is decided, or a
 * two-valued formula over graph rules: the store gets the simplest predicate,
 * and `or[G1, G2-with-a-missing-variable]` becomes just G1.
 */
export function settle<L extends Leaf>(value: Kleene<L>, positive = true): Kleene<L> {
  if (typeof value === 'boolean') return value;
  const f = value as Formula<L>;
  switch (f.kind) {
    case 'unknown':
      return !positive;
    case 'and':
      return and(f.items.map((i) => settle(i, positive)));
    case 'or':
      return or(f.items.map((i) => settle(i, positive)));
    case 'not':
      return not(settle(f.item, !positive));
    default:
      return f;
  }
}
