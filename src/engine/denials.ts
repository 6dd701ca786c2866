/**
 * One request's auth refusals, told to the engine's observer once per type
 * and operation: the policy's deny decisions as the store asks for them, and
 * the root fields refused as a whole (a bad token, a mutation's rule failing
 * on the nodes it wrote). Rows a rule filters out of an answer are not
 * refusals.
 */
import type { AuthOperation, AuthPolicy, FieldAuthOperation } from '../rules/index.js';
import type { EngineObserver } from './observer.js';

/**
 * How a field's rule came out for a request: `false` when the claims deny it
 * outright, `sql` when it was left to the database node by node (a graph
 * rule), as explain's verdicts are named.
 */
export interface FieldVerdict {
  readonly type: string;
  readonly field: string;
  readonly operation: FieldAuthOperation;
  readonly verdict: 'false' | 'sql';
}

export class DenialReport {
  /** `Type.operation` pairs already reported in this request. */
  readonly #seen = new Set<string>();
  /** Field rules that did not simply allow, by `Type.field.operation`. */
  readonly #fields = new Map<string, FieldVerdict>();

  constructor(private readonly observer: EngineObserver) {}

  /** Tells the observer, once per request, that `type` was refused for `operation`. */
  denied(type: string, operation: AuthOperation): void {
    const key = `${type}.${operation}`;
    if (!this.observer.accessDenied || this.#seen.has(key)) return;
    this.#seen.add(key);
    this.observer.accessDenied(type, operation);
  }

  /** Notes a field rule that denies (told to the observer once per request) or that the database decides. */
  fieldDecided(verdict: FieldVerdict): void {
    const key = `${verdict.type}.${verdict.field}.${verdict.operation}`;
    const known = this.#fields.get(key);
    if (known?.verdict === 'false' || known?.verdict === verdict.verdict) return;
    this.#fields.set(key, verdict);
    if (verdict.verdict === 'false') this.observer.fieldAccessDenied?.(verdict.type, verdict.field, verdict.operation);
  }

  /** The field rules of this request that did not simply allow, in the order they were first decided. */
  get fieldVerdicts(): readonly FieldVerdict[] {
    return [...this.#fields.values()];
  }

  /** `policy`, reporting each deny decision it makes (and each field rule left to the database). */
  watching(policy: AuthPolicy): AuthPolicy {
    return {
      decide: (type, operation) => {
        const decision = policy.decide(type, operation);
        if (decision.kind === 'deny') this.denied(type, operation);
        return decision;
      },
      hasRule: (type, operation) => policy.hasRule(type, operation),
      decideField: (type, field, operation) => {
        const decision = policy.decideField(type, field, operation);
        if (decision.kind !== 'allow') this.fieldDecided({ type, field, operation, verdict: decision.kind === 'deny' ? 'false' : 'sql' });
        return decision;
      },
      ruledFields: (type, operation) => policy.ruledFields(type, operation),
    };
  }
}
