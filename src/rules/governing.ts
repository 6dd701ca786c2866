/**
 * Which rule governs a type: its own AND those of every interface it
 * implements, own first, then each interface's in declaration order
 * (Dgraph's merge, flattened). The upload's compiled rules and library mode
 * both merge this way; each knows its own carriers (a type model, a
 * GraphQLSchema).
 */
import type { AuthOperation } from './policy.js';
import type { Rule, TypeRules } from './tree.js';

/** @param carriers the `@auth` rules of the type and of each interface it implements, in that order (undefined: none) */
export function governingRule(carriers: readonly (TypeRules | undefined)[], operation: AuthOperation): Rule | undefined {
  const parts = carriers.flatMap((rules) => {
    const rule = rules?.[operation];
    return rule ? [rule] : [];
  });
  return parts.length > 1 ? { kind: 'and', items: parts } : parts[0];
}
