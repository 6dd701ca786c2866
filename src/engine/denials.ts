/**
 * One request's auth refusals, told to the engine's observer once per type
 * and operation: the policy's deny decisions as the store asks for them, and
 * the root fields refused as a whole (a bad token, a mutation's rule failing
 * on the nodes it wrote). Rows a rule filters out of an answer are not
 * refusals.
 */
import type { AuthOperation, AuthPolicy } from '../rules/index.js';
import type { EngineObserver } from './observer.js';

export class DenialReport {
  /** `Type.operation` pairs already reported in this request. */
  readonly #seen = new Set<string>();

  constructor(private readonly observer: EngineObserver) {}

  /** Tells the observer, once per request, that `type` was refused for `operation`. */
  denied(type: string, operation: AuthOperation): void {
    const key = `${type}.${operation}`;
    if (!this.observer.accessDenied || this.#seen.has(key)) return;
    this.#seen.add(key);
    this.observer.accessDenied(type, operation);
  }

  /** `policy`, reporting each deny decision it makes. */
  watching(policy: AuthPolicy): AuthPolicy {
    if (!this.observer.accessDenied) return policy;
    return {
      decide: (type, operation) => {
        const decision = policy.decide(type, operation);
        if (decision.kind === 'deny') this.denied(type, operation);
        return decision;
      },
      hasRule: (type, operation) => policy.hasRule(type, operation),
    };
  }
}
