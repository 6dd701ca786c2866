/**
 * A rule read against one request's claims, without the database: RBAC
 * rules are decided, graph rules get their variables bound, and Kleene's
 * logic combines them. A graph rule with a missing or null variable is
 * unknown (Dgraph: never satisfied; also `not` of it is never satisfied).
 */
import type { Value } from '../plan/types.js';
import type { Claims } from '../verifier/types.js';
import { and, not, or, UNKNOWN } from './kleene.js';
import type { Kleene } from './kleene.js';
import { claimValue, matchesRbac } from './rbac-eval.js';
import type { GraphRule, Rule } from './tree.js';

/** A graph rule whose variables all have values in the claims. */
export interface BoundGraphRule {
  readonly kind: 'graph';
  readonly rule: GraphRule;
  /** Claim values, as the token carried them (no coercion, as in Dgraph). */
  readonly variables: Readonly<Record<string, Value>>;
}

export function assess(rule: Rule, claims: Claims | null): Kleene<BoundGraphRule> {
  switch (rule.kind) {
    case 'and':
      return and(rule.items.map((item) => assess(item, claims)));
    case 'or':
      return or(rule.items.map((item) => assess(item, claims)));
    case 'not':
      return not(assess(rule.item, claims));
    case 'rbac':
      return matchesRbac(rule, claims);
    case 'graph':
      return bind(rule, claims);
  }
}

function bind(rule: GraphRule, claims: Claims | null): Kleene<BoundGraphRule> {
  const variables: Record<string, Value> = {};
  for (const name of rule.variables) {
    const value = claimValue(claims, name);
    if (value === undefined) return UNKNOWN;
    variables[name] = value as Value;
  }
  return { kind: 'graph', rule, variables };
}
