/**
 * RBAC rules decided from the claims alone, per type and operation. A type's
 * rule is its own AND those of every interface it implements (as the rules
 * stage merges them); a type without one admits everybody. Graph rules never
 * get here (sdl-rules.ts refuses them), so every rule settles to true or
 * false, and anything else would deny.
 */
import { isAbstractType, isInterfaceType, isObjectType } from 'graphql';
import type { GraphQLNamedType, GraphQLSchema } from 'graphql';
import { assess } from '../rules/assess.js';
import { settle } from '../rules/kleene.js';
import type { AuthOperation } from '../rules/policy.js';
import type { Rule, TypeRules } from '../rules/tree.js';
import type { Claims } from '../verifier/types.js';

export class LibraryRules {
  constructor(
    /** The SDL's types: which interfaces each type implements. */
    private readonly schema: GraphQLSchema,
    private readonly declared: ReadonlyMap<string, TypeRules>,
  ) {}

  /** Whether nodes of object type `type` are governed by a rule for `operation` (false for types the SDL lacks). */
  has(type: string, operation: AuthOperation): boolean {
    const named = this.schema.getType(type);
    return named !== undefined && named !== null && this.ruleOf(named, operation) !== undefined;
  }

  /** Whether any object type or interface has a rule for `operation`. */
  declares(operation: AuthOperation): boolean {
    return [...this.declared.values()].some((rules) => rules[operation] !== undefined);
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
    // Own rule first, then each interface's in declaration order, as the rules stage merges them.
    const parts = [type, ...type.getInterfaces()].flatMap((carrier) => {
      const rule = this.declared.get(carrier.name)?.[operation];
      return rule ? [rule] : [];
    });
    if (parts.length < 2) return parts[0];
    return { kind: 'and', items: parts };
  }

  private named(type: string): GraphQLNamedType {
    const named = this.schema.getType(type);
    if (!named) throw new TypeError(`authline: no type ${type} in the SDL`);
    return named;
  }
}
