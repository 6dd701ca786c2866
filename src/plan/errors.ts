/**
 * A request the plan builder cannot turn into a plan: an unparsable ID, a
 * filter or order that does not fit the type (possible with `@auth` rule
 * variables, which are not type-checked), a malformed rule query. The message
 * is the one Dgraph gives where Dgraph has one; the code is BAD_USER_INPUT
 * (the request's values cannot be used). `nodes` (like GraphQLError's) lets
 * graphql-js locate the error when it is thrown from a resolver.
 */
import type { ASTNode } from 'graphql';

export class PlanError extends Error {
  override readonly name = 'PlanError';
  readonly code = 'BAD_USER_INPUT';
  readonly nodes?: readonly ASTNode[];

  constructor(message: string, nodes?: ASTNode | readonly ASTNode[]) {
    super(message);
    if (nodes) this.nodes = Array.isArray(nodes) ? nodes : [nodes as ASTNode];
  }
}
