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
import type { AuthOperation, AuthPolicy, Decision, FieldAuthOperation } from './policy.js';
import { memoised, type PolicySource } from './request-auth.js';
import { AUTH_OPERATIONS, FIELD_AUTH_OPERATIONS } from './tree.js';
import type { FieldRules, GraphRule, Rule, TypeRules } from './tree.js';

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
/** No fields: the answer for most types, shared. */
const NONE: readonly string[] = Object.freeze([]);
const DENY: Decision = { kind: 'deny' };

interface ReachLeaf {
  readonly kind: 'reach';
  readonly query: NodeQuery;
}

export class CompiledRules implements PolicySource<AuthPolicy> {
  /** Each concrete object type's governing rule per operation. */
  private readonly governing = new Map<string, ReadonlyMap<AuthOperation, Rule>>();
  /** Each concrete object type's governing field rules: operation → field → rule (only fields with one). */
  private readonly governingFields = new Map<string, ReadonlyMap<FieldAuthOperation, ReadonlyMap<string, Rule>>>();
  private readonly planned: LRUCache<string, NodeQuery>;
  private readonly ruleIds = new Map<GraphRule, number>();
  /**
   * The claims some rule of the upload reads ($VARIABLES of RBAC rules and
   * of graph rules), sorted: no other claim of a token can change a decision.
   */
  readonly claimsRead: readonly string[];

  /**
   * @param declared the rules as written: every type or interface carrying `@auth` (maybe with no rules)
   * @param declaredFields the rules written on fields, by the type or interface declaring them
   */
  constructor(
    readonly model: SchemaModel,
    readonly api: GraphQLSchema,
    readonly declared: ReadonlyMap<string, TypeRules>,
    private readonly options: CompiledRulesOptions,
    readonly declaredFields: ReadonlyMap<string, FieldRules> = new Map(),
  ) {
    this.planned = new LRUCache({ max: options.planCacheSize ?? 1000 });
    for (const type of model.types.values()) {
      if (type.kind !== 'object') continue;
      const carriers = [type.name, ...type.interfaces];
      const rules = new Map<AuthOperation, Rule>();
      for (const operation of AUTH_OPERATIONS) {
        const rule = governingRule(carriers.map((name) => declared.get(name)), operation);
        if (rule) rules.set(operation, rule);
      }
      this.governing.set(type.name, rules);
      this.governingFields.set(type.name, this.fieldRulesOf(type.fields.map((f) => f.name), carriers));
    }
    const read = new Set<string>();
    for (const rules of [...declared.values(), ...[...declaredFields.values()].flatMap((fields) => [...fields.values()])]) {
      for (const rule of Object.values(rules)) if (rule) claimsOf(rule, read);
    }
    this.claimsRead = [...read].sort();
  }

  /**
   * The claims of `claims` a rule reads (null for no token, which ClosedByDefault
   * tells apart from a token without them): what a compiled read depends on.
   */
  claimsReadFrom(claims: Claims | null): Claims | null {
    if (claims === null) return null;
    const read: Record<string, unknown> = {};
    for (const name of this.claimsRead) if (Object.hasOwn(claims, name)) read[name] = claims[name];
    return read;
  }

  /** A field's rule is its own AND those of the interfaces declaring it, merged as type rules are. */
  private fieldRulesOf(fields: readonly string[], carriers: readonly string[]): Map<FieldAuthOperation, Map<string, Rule>> {
    const byOperation = new Map<FieldAuthOperation, Map<string, Rule>>();
    for (const operation of FIELD_AUTH_OPERATIONS) {
      const rules = new Map<string, Rule>();
      for (const field of fields) {
        const rule = governingRule(carriers.map((name) => this.declaredFields.get(name)?.get(field)), operation);
        if (rule) rules.set(field, rule);
      }
      if (rules.size > 0) byOperation.set(operation, rules);
    }
    return byOperation;
  }

  /** The rule field `field` of concrete object type `type` must satisfy for `operation`; undefined when there is none. */
  fieldRuleFor(type: string, field: string, operation: FieldAuthOperation): Rule | undefined {
    return this.governingFields.get(this.concrete(type))?.get(operation)?.get(field);
  }

  /** The fields of concrete object type `type` with a rule for `operation`. */
  ruledFields(type: string, operation: FieldAuthOperation): readonly string[] {
    const rules = this.governingFields.get(this.concrete(type))?.get(operation);
    return rules ? [...rules.keys()] : NONE;
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
    const decideField = memoised((type, key: string) => {
      const [operation, field] = splitFieldKey(key);
      return this.decide(this.fieldRuleFor(type, field, operation), claims);
    });
    return {
      decide: memoised((type, operation) => this.decide(this.ruleFor(type, operation), claims)),
      hasRule: (type, operation) => this.hasRule(type, operation),
      decideField: (type, field, operation) => decideField(type, `${operation} ${field}`),
      ruledFields: (type, operation) => this.ruledFields(type, operation),
    };
  }

  /** A rule (none: everybody passes) as the claims decide it, or the residual the store decides per node. */
  private decide(rule: Rule | undefined, claims: Claims | null): Decision {
    const claimed = rule ? settle(assess(rule, claims)) : true;
    if (typeof claimed === 'boolean') return claimed ? ALLOW : DENY;
    // Planning can fail on claim values the rule's variables cannot take; such a rule is unknown.
    const planned = settle(mapLeaves<BoundGraphRule, ReachLeaf>(claimed, (leaf) => this.plan(leaf)));
    if (typeof planned === 'boolean') return planned ? ALLOW : DENY;
    return { kind: 'filter', residual: planned };
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

/** Adds the claims `rule` reads to `into`. */
function claimsOf(rule: Rule, into: Set<string>): void {
  switch (rule.kind) {
    case 'and':
    case 'or':
      for (const item of rule.items) claimsOf(item, into);
      return;
    case 'not':
      return claimsOf(rule.item, into);
    case 'rbac':
      into.add(rule.variable);
      return;
    case 'graph':
      for (const name of rule.variables) into.add(name);
  }
}

/** `query salary` → ['query', 'salary'] (the memo key of a field decision). */
function splitFieldKey(key: string): [FieldAuthOperation, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space) as FieldAuthOperation, key.slice(space + 1)];
}
