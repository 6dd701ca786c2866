/**
 * RBAC rules decided from the claims alone, per type and operation. A type's
 * rule is its own AND those of every interface it implements (the rules
 * stage's governingRule); a type without one admits everybody. Graph rules never
 * get here (sdl-rules.ts refuses them), so every rule settles to true or
 * false, and anything else would deny.
 */
import { isAbstractType, isInterfaceType, isObjectType } from 'graphql';
import type { GraphQLNamedType, GraphQLSchema } from 'graphql';
import { assess } from '../rules/assess.js';
import { governingRule } from '../rules/governing.js';
import { settle } from '../rules/kleene.js';
import type { AuthOperation, FieldAuthOperation } from '../rules/policy.js';
import { memoised, type PolicySource } from '../rules/request-auth.js';
import type { FieldRules, Rule, TypeRules } from '../rules/tree.js';
import type { Claims } from '../verifier/types.js';

/** One request's decisions. */
export interface LibraryPolicy {
  /** Whether the claims pass `operation` of `type`'s rules (see LibraryRules.allows). */
  allows(type: string, operation: AuthOperation): boolean;
  /** Whether the claims pass `operation` of the rules of field `field` of `type` (see LibraryRules.allowsField). */
  allowsField(type: string, field: string, operation: FieldAuthOperation): boolean;
}

export class LibraryRules implements PolicySource<LibraryPolicy> {
  constructor(
    /** The SDL's types: which interfaces each type implements. */
    private readonly schema: GraphQLSchema,
    private readonly declared: ReadonlyMap<string, TypeRules>,
    /** The rules written on fields, by the type or interface declaring them. */
    private readonly declaredFields: ReadonlyMap<string, FieldRules> = new Map(),
  ) {}

  /** The fields of `type` (an interface: of any type it may hold) with a rule for `operation`. */
  ruledFields(type: string, operation: FieldAuthOperation): string[] {
    const named = this.schema.getType(type);
    if (!named || !(isObjectType(named) || isInterfaceType(named))) return [];
    const holders = isAbstractType(named) ? [named, ...this.schema.getPossibleTypes(named)] : [named];
    const fields = new Set(holders.flatMap((t) => Object.keys(t.getFields())));
    return [...fields].filter((field) => holders.some((t) => this.fieldRuleOf(t, field, operation) !== undefined));
  }

  /**
   * Whether the claims pass `operation` of the rules of field `field` of
   * `type`: the field's own AND those of the interfaces declaring it. For an
   * interface, every type it may hold must pass.
   */
  allowsField(type: string, field: string, operation: FieldAuthOperation, claims: Claims | null): boolean {
    const named = this.named(type);
    const own = this.fieldRuleOf(named, field, operation);
    if (own && settle(assess(own, claims)) !== true) return false;
    return !isAbstractType(named) || this.schema.getPossibleTypes(named).every((t) => this.allowsField(t.name, field, operation, claims));
  }

  private fieldRuleOf(type: GraphQLNamedType, field: string, operation: FieldAuthOperation): Rule | undefined {
    if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
    return governingRule([type, ...type.getInterfaces()].map((carrier) => this.declaredFields.get(carrier.name)?.get(field)), operation);
  }

  /** Whether nodes of object type `type` are governed by a rule for `operation` (false for types the SDL lacks). */
  has(type: string, operation: AuthOperation): boolean {
    const named = this.schema.getType(type);
    return named !== undefined && named !== null && this.ruleOf(named, operation) !== undefined;
  }

  /** Whether any object type or interface has a rule for `operation`. */
  declares(operation: AuthOperation): boolean {
    return [...this.declared.values()].some((rules) => rules[operation] !== undefined);
  }

  policyFor(claims: Claims | null): LibraryPolicy {
    const allowsField = memoised((type, key: string) => {
      const [operation, field] = key.split(' ') as [FieldAuthOperation, string];
      return this.allowsField(type, field, operation, claims);
    });
    return {
      allows: memoised((type, operation) => this.allows(type, operation, claims)),
      allowsField: (type, field, operation) => allowsField(type, `${operation} ${field}`),
    };
  }

  /**
   * Whether the claims pass `operation` of `type`'s rules. For an interface
   * or union, every type it may hold must pass (and the interface's own
   * rules): library mode cannot narrow what a resolver does to each node.
   */
  allows(type: string, operation: AuthOperation, claims: Claims | null): boolean {
    const named = this.named(type);
    const own = this.ruleOf(named, operation);
    if (own && settle(assess(own, claims)) !== true) return false;
    return !isAbstractType(named) || this.schema.getPossibleTypes(named).every((t) => this.allows(t.name, operation, claims));
  }

  private ruleOf(type: GraphQLNamedType, operation: AuthOperation): Rule | undefined {
    if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
    return governingRule([type, ...type.getInterfaces()].map((carrier) => this.declared.get(carrier.name)), operation);
  }

  private named(type: string): GraphQLNamedType {
    const named = this.schema.getType(type);
    if (!named) throw new TypeError(`authline: no type ${type} in the SDL`);
    return named;
  }
}
