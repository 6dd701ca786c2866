/**
 * Evaluating an RBAC rule against the claims, as Dgraph does: a claim that is
 * an array matches if any element matches; a missing or null claim matches
 * nothing; equality is Go's reflect.DeepEqual over JSON values.
 */
import type { Claims } from '../verifier/types.js';
import type { RbacRule } from './tree.js';

/** The claim a rule variable names, or undefined when it is missing or JSON null (the same thing to rules). */
export function claimValue(claims: Claims | null, name: string): unknown {
  if (claims === null || !Object.hasOwn(claims, name)) return undefined;
  return claims[name] ?? undefined;
}

export function matchesRbac(rule: RbacRule, claims: Claims | null): boolean {
  const value = claimValue(claims, rule.variable);
  if (value === undefined) return false;
  return Array.isArray(value) ? value.some((item) => matchesOne(rule, item)) : matchesOne(rule, value);
}

function matchesOne(rule: RbacRule, value: unknown): boolean {
  switch (rule.operator) {
    case 'eq':
      return jsonEqual(value, rule.operand);
    case 'in':
      return (rule.operand as readonly unknown[]).some((option) => jsonEqual(value, option));
    case 'regexp':
      return typeof value === 'string' && rule.pattern!.test(value);
  }
}

/**
 * Go's reflect.DeepEqual on decoded JSON: numbers are doubles (1234 equals
 * 1234.0), object key order is irrelevant, and types must agree (`true` is
 * not `"true"`).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]))
  );
}
