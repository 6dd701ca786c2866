/**
 * The rules of one upload, ready for requests: each concrete type's rule per
 * operation (its own AND those of every interface it implements), and from
 * a request's claims the decisions the store enforces.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { SchemaModel } from '../model/types.js';
import type { NodeQuery, Value } from '../plan/types.js';
import type { Claims } from '../verifier/types.js';
import { assess } from './assess.js';
import type { BoundGraphRule } from './assess.js';
import { governingRule } from './governing.js';
import { mapLeaves, settle, UNKNOWN } from './kleene.js';
import type { Kleene } from './kleene.js';
import type { AuthOperation, AuthPolicy, Decision } from './policy.js';
import { memoised, type PolicySource } from './request-auth.js';
import { AUTH_OPERATIONS } from './tree.js';
import type { GraphRule, Rule, TypeRules } from './tree.js';

/** Turns a graph rule with its variables bound into the query a node must be reached by (src/plan). */
export type PlanRuleQuery = (
  model: SchemaModel,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, Value>>,
) => NodeQuery;

export interface CompiledRulesOptions {
  readonly planRuleQuery: PlanRuleQuery;
  /** How many planned rule queries (per rule and variable values) are kept across requests. */
  readonly planCacheSize?: number;
}

const ALLOW: Decision = { kind: 'allow' };
const DENY: Decision = { kind: 'deny' };

interface ReachLeaf {
  readonly kind: 'reach';
  readonly query: NodeQuery;
}

export class CompiledRules implements PolicySource<AuthPolicy> {
  /** Each concrete object type's governing rule per operation. */
  private readonly governing = new Map<string, ReadonlyMap<AuthOperation, Rule>>();
  private readonly planned: LRUCache<string, NodeQuery>;
  private readonly ruleIds = new Map<GraphRule, number>();

  /**
   * @param declared the rules as written: every type or interface carrying `@auth` (maybe with no rules)
   */
  constructor(
    readonly model: SchemaModel,
    readonly api: GraphQLSchema,
    readonly declared: ReadonlyMap<string, TypeRules>,
    private readonly options: CompiledRulesOptions,
  ) {
    this.planned = new LRUCache({ max: options.planCacheSize ?? 1000 });
    for (const type of model.types.values()) {
      if (type.kind !== 'object') continue;
      const carriers = [type.name, ...type.interfaces].map((name) => declared.get(name));
      const rules = new Map<AuthOperation, Rule>();
      for (const operation of AUTH_OPERATIONS) {
        const rule = governingRule(carriers, operation);
        if (rule) rules.set(operation, rule);
      }
      this.governing.set(type.name, rules);
    }
  }

  /** The rule nodes of concrete object type `type` must satisfy for `operation`; undefined when there is none. */
  ruleFor(type: string, operation: AuthOperation): Rule | undefined {
    return this.governing.get(this.concrete(type))?.get(operation);
  }

  /**
   * Whether `type` has a rule for `operation`. For an interface: whether any
   * of its implementations has one (operations on an interface are decided
   * per implementation).
   */
  hasRule(type: string, operation: AuthOperation): boolean {
    const def = this.model.types.get(type);
    if (!def) return false;
    return def.implementations.some((t) => this.governing.get(t)?.has(operation) ?? false);
  }

  /** The decisions for one request; `null` claims mean no token (every variable missing). */
  policyFor(claims: Claims | null): AuthPolicy {
    return {
      decide: memoised((type, operation) => this.decide(type, operation, claims)),
      hasRule: (type, operation) => this.hasRule(type, operation),
    };
  }

  private decide(type: string, operation: AuthOperation, claims: Claims | null): Decision {
    const claimed = this.claimed(type, operation, claims);
    if (typeof claimed === 'boolean') return claimed ? ALLOW : DENY;
    // Planning can fail on claim values the rule's variables cannot take; such a rule is unknown.
    const planned = settle(mapLeaves<BoundGraphRule, ReachLeaf>(claimed, (leaf) => this.plan(leaf)));
    if (typeof planned === 'boolean') return planned ? ALLOW : DENY;
    return { kind: 'filter', residual: planned };
  }

  /** The rule as the claims leave it: decided, or a formula over graph rules with their variables bound. */
  private claimed(type: string, operation: AuthOperation, claims: Claims | null): Kleene<BoundGraphRule> {
    const rule = this.ruleFor(type, operation);
    return rule ? settle(assess(rule, claims)) : true;
  }

  private concrete(type: string): string {
    const def = this.model.types.get(type);
    if (!def) throw new TypeError(`authline rules: no type ${type} in the schema`);
    if (def.kind !== 'object') {
      throw new TypeError(`authline rules: ${type} is an interface; decisions are per implementing type (${def.implementations.join(', ')})`);
    }
    return type;
  }

  private plan(leaf: BoundGraphRule): Kleene<ReachLeaf> {
    const key = `${this.ruleId(leaf.rule)} ${JSON.stringify(leaf.variables)}`;
    let query = this.planned.get(key);
    if (!query) {
      try {
        query = this.options.planRuleQuery(this.model, this.api, leaf.rule.document, leaf.variables);
      } catch {
        return UNKNOWN;
      }
      this.planned.set(key, query);
    }
    return { kind: 'reach', query };
  }

  private ruleId(rule: GraphRule): number {
    let id = this.ruleIds.get(rule);
    if (id === undefined) {
      id = this.ruleIds.size;
      this.ruleIds.set(rule, id);
    }
    return id;
  }
}
