/**
 * Why a request saw what it saw: every rule it touched, read against its
 * claims, with a verdict at each node of the rule's tree. Names only, never
 * a claim's value: an explanation may reach a client (`--debug`, or the
 * admin's `X-Authline-Explain`), and claim values are the token holder's.
 *
 * One place records verdicts for type rules (through `watching`, as the
 * store asks the policy) and for anything else that decides by a rule (a
 * field's rule calls `record` with its field name).
 */
import type { Claims } from '../verifier/types.js';
import { claimValue } from './rbac-eval.js';
import { assess } from './assess.js';
import type { AuthOperation, AuthPolicy, Decision, FieldAuthOperation } from './policy.js';
import type { Rule } from './tree.js';

/**
 * A rule's outcome for one request: decided by the claims (`true`,
 * `false`), `unknown` (Kleene's: a variable no claim provides; such a rule
 * lets nothing through), or `sql`: decided per node in the database (a
 * graph rule with its variables bound).
 */
export type Verdict = 'true' | 'false' | 'unknown' | 'sql';

export type VerdictTree =
  | { readonly kind: 'and' | 'or'; readonly verdict: Verdict; readonly items: readonly VerdictTree[] }
  | { readonly kind: 'not'; readonly verdict: Verdict; readonly item: VerdictTree }
  | {
      readonly kind: 'rbac' | 'graph';
      readonly verdict: Verdict;
      /** The rule as written in the schema. */
      readonly rule: string;
      /** The claim names the rule reads (its `$VARIABLES`, without the `$`). */
      readonly variables: readonly string[];
      /** Those no claim of the request provides. */
      readonly missing: readonly string[];
    };

export interface RuleVerdict {
  /** The concrete type whose nodes the rule governs. */
  readonly type: string;
  /** The field a field rule protects; null for the type's own rule. */
  readonly field: string | null;
  readonly operation: AuthOperation;
  readonly verdict: Verdict;
  /** Null: the type (or field) has no rule for the operation, so it is allowed. */
  readonly tree: VerdictTree | null;
}

/** Reads `rule` against `claims`, node by node (Kleene's logic, with `sql` for what only the database decides). */
export function explainRule(rule: Rule, claims: Claims | null): VerdictTree {
  switch (rule.kind) {
    case 'and':
    case 'or': {
      const items = rule.items.map((item) => explainRule(item, claims));
      return { kind: rule.kind, verdict: junction(rule.kind, items.map((i) => i.verdict)), items };
    }
    case 'not': {
      const item = explainRule(rule.item, claims);
      const flipped: Partial<Record<Verdict, Verdict>> = { true: 'false', false: 'true' };
      return { kind: 'not', verdict: flipped[item.verdict] ?? item.verdict, item };
    }
    case 'rbac':
    case 'graph': {
      const variables = rule.kind === 'rbac' ? [rule.variable] : [...rule.variables];
      const missing = variables.filter((name) => claimValue(claims, name) === undefined);
      const assessed = assess(rule, claims);
      const verdict: Verdict = typeof assessed === 'boolean' ? String(assessed) as Verdict : missing.length > 0 ? 'unknown' : 'sql';
      return { kind: rule.kind, verdict, rule: rule.source, variables, missing };
    }
  }
}

function junction(kind: 'and' | 'or', verdicts: readonly Verdict[]): Verdict {
  const [decisive, neutral]: Verdict[] = kind === 'and' ? ['false', 'true'] : ['true', 'false'];
  if (verdicts.includes(decisive)) return decisive;
  if (verdicts.every((v) => v === neutral)) return neutral;
  return verdicts.includes('sql') ? 'sql' : 'unknown';
}

/**
 * The verdict the request lived with: the decision's where there is one (a
 * graph rule whose claims cannot be planned is unknown, and denies).
 */
function finalVerdict(tree: VerdictTree | null, decision: Decision | undefined): Verdict {
  if (decision === undefined) return tree?.verdict ?? 'true';
  if (decision.kind === 'allow') return 'true';
  if (decision.kind === 'filter') return 'sql';
  return tree?.verdict === 'unknown' || tree?.verdict === 'sql' ? 'unknown' : 'false';
}

/** Where the governing rule of a type and operation comes from (CompiledRules). */
export interface RuleSource {
  ruleFor(type: string, operation: AuthOperation): Rule | undefined;
  fieldRuleFor(type: string, field: string, operation: FieldAuthOperation): Rule | undefined;
}

/** The verdicts of one request, each rule once, in the order they were first asked for. */
export class RuleVerdicts {
  readonly #entries = new Map<string, RuleVerdict>();

  constructor(private readonly claims: Claims | null) {}

  /**
   * Records the verdict of `rule` (undefined: none) on `type` (and `field`,
   * for a field's rule) for `operation`, unless already recorded.
   * `decision`, when given, is what the policy decided from it.
   */
  record(type: string, field: string | null, operation: AuthOperation, rule: Rule | undefined, decision?: Decision): void {
    const key = `${operation} ${type} ${field ?? ''}`;
    if (this.#entries.has(key)) return;
    const tree = rule === undefined ? null : explainRule(rule, this.claims);
    this.#entries.set(key, { type, field, operation, verdict: finalVerdict(tree, decision), tree });
  }

  /** `policy`, recording the verdict behind each decision it makes. */
  watching(policy: AuthPolicy, rules: RuleSource): AuthPolicy {
    return {
      decide: (type, operation) => {
        const decision = policy.decide(type, operation);
        this.record(type, null, operation, rules.ruleFor(type, operation), decision);
        return decision;
      },
      hasRule: (type, operation) => policy.hasRule(type, operation),
      decideField: (type, field, operation) => {
        const decision = policy.decideField(type, field, operation);
        this.record(type, field, operation, rules.fieldRuleFor(type, field, operation), decision);
        return decision;
      },
      ruledFields: (type, operation) => policy.ruledFields(type, operation),
    };
  }

  get entries(): readonly RuleVerdict[] {
    return [...this.#entries.values()];
  }

  /**
   * Every claim name read by the recorded rules that did not simply hold
   * (the ones a missing claim may explain), with where (`Type.operation`,
   * or `Type.field.operation`).
   */
  unmetVariables(): ReadonlyMap<string, readonly string[]> {
    const found = new Map<string, string[]>();
    for (const entry of this.#entries.values()) {
      if (entry.verdict === 'true') continue;
      const where = [entry.type, ...(entry.field === null ? [] : [entry.field]), entry.operation].join('.');
      for (const name of leafVariables(entry.tree)) {
        const places = found.get(name) ?? [];
        if (!places.includes(where)) places.push(where);
        found.set(name, places);
      }
    }
    return found;
  }
}

function leafVariables(tree: VerdictTree | null): string[] {
  if (tree === null) return [];
  switch (tree.kind) {
    case 'and':
    case 'or':
      return tree.items.flatMap(leafVariables);
    case 'not':
      return leafVariables(tree.item);
    default:
      return [...tree.variables];
  }
}
