/**
 * `@auth` on fields (beyond Dgraph, which refuses it): the rules of each
 * field of each type or interface, read as a type's are, with the checks a
 * field adds: only query, add and update rules; no rule on the ID field (the
 * node's identity is its type's to guard); and no query rule on a non-null
 * field, whose value a rule could not hide.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode, GraphQLSchema } from 'graphql';
import { typeString } from '../model/ast.js';
import type { SchemaModel, TypeDef } from '../model/types.js';
import { SchemaError } from '../sdl/errors.js';
import { readAuthDirective } from './directive.js';
import { positionOf } from './positions.js';
import type { FieldRules, TypeRules } from './tree.js';

/** Every type's or interface's field rules (only those with any), and every mistake. */
export function readFieldRules(model: SchemaModel, api: GraphQLSchema): { declared: Map<string, FieldRules>; errors: SchemaError[] } {
  const declared = new Map<string, FieldRules>();
  const errors: SchemaError[] = [];
  for (const type of model.types.values()) {
    const rules = new Map<string, TypeRules>();
    for (const node of ownFieldNodes(type)) {
      const directive = node.directives?.find((d) => d.name.value === 'auth');
      if (!directive) continue;
      const name = node.name.value;
      const problems = fieldProblems(type.name, node, directive, type.fieldMap.get(name)?.kind === 'id');
      if (problems.length > 0) {
        errors.push(...problems);
        continue;
      }
      const read = readAuthDirective(directive, type.name, api, name);
      errors.push(...read.errors);
      rules.set(name, read.rules);
    }
    if (rules.size > 0) declared.set(type.name, rules);
  }
  return { declared, errors };
}

/**
 * The field definitions a type writes itself: those it declares, and those it
 * repeats from an interface (the model keeps the interface's definition of
 * those, as Dgraph does; a rule written on the repetition still counts).
 */
function ownFieldNodes(type: TypeDef): FieldDefinitionNode[] {
  const nodes = new Set<FieldDefinitionNode>();
  for (const field of type.fields) if (field.declaredIn === type.name && field.astNode) nodes.add(field.astNode);
  for (const node of type.astNode?.fields ?? []) nodes.add(node);
  return [...nodes];
}

/**
 * What is wrong with `@auth` on field `node` of type `typeName` beyond its
 * rules (which readAuthDirective reads): a rule on the ID field (`isId`), or a
 * query rule on a non-null field.
 */
export function fieldProblems(typeName: string, node: FieldDefinitionNode, directive: DirectiveNode, isId: boolean): SchemaError[] {
  const name = node.name.value;
  const prefix = `Type ${typeName}; Field ${name}: @auth:`;
  if (isId) {
    return [new SchemaError(`${prefix} the ID field is the node's identity: its type's @auth governs it, a field rule cannot`, positionOf(directive))];
  }
  const query = directive.arguments?.find((a) => a.name.value === 'query');
  if (query && node.type.kind === Kind.NON_NULL_TYPE) {
    const nullable = typeString(node.type.type);
    return [new SchemaError(
      `${prefix} a query rule hides the field's value (null, or [] for a list) where it does not hold, ` +
        `so the field must be nullable: declare it \`${name}: ${nullable}\`, not \`${typeString(node.type)}\``,
      positionOf(query),
    )];
  }
  return [];
}
