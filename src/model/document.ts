/**
 * The upload's type system definitions, read into one uniform shape (the way
 * gqlparser's `Definition` looks to Dgraph's validators). `extend type T`
 * becomes a definition of T marked as extended, as Dgraph does for Apollo
 * federation.
 */
import { Kind } from 'graphql';
import type {
  DefinitionNode,
  DirectiveDefinitionNode,
  DirectiveNode,
  DocumentNode,
  EnumValueDefinitionNode,
  FieldDefinitionNode,
  InputValueDefinitionNode,
  NameNode,
  NamedTypeNode,
  TypeDefinitionNode,
  TypeExtensionNode,
} from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { positionOf } from './ast.js';

/** gqlparser's kind names; Dgraph prints them in messages. */
export type DefinitionKind = 'OBJECT' | 'INTERFACE' | 'UNION' | 'ENUM' | 'INPUT_OBJECT' | 'SCALAR';

export interface Definition {
  readonly kind: DefinitionKind;
  readonly name: string;
  readonly nameNode: NameNode;
  readonly node: TypeDefinitionNode | TypeExtensionNode;
  readonly directives: readonly DirectiveNode[];
  /** Written as `extend type T`: Dgraph treats it as `type T @extends`. */
  readonly extension: boolean;
  readonly interfaces: readonly NamedTypeNode[];
  /** Object and interface fields as written (inherited fields are added by expand.ts). */
  readonly fields: readonly FieldDefinitionNode[];
  readonly inputFields: readonly InputValueDefinitionNode[];
  readonly members: readonly NamedTypeNode[];
  readonly values: readonly EnumValueDefinitionNode[];
}

export interface SchemaDocument {
  /** Declaration order, extensions last (Dgraph appends them). */
  readonly definitions: readonly Definition[];
  readonly byName: ReadonlyMap<string, Definition>;
  readonly directiveDefinitions: readonly DirectiveDefinitionNode[];
}

const KIND_OF: Partial<Record<string, DefinitionKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'OBJECT',
  [Kind.OBJECT_TYPE_EXTENSION]: 'OBJECT',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'INTERFACE',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'INTERFACE',
  [Kind.UNION_TYPE_DEFINITION]: 'UNION',
  [Kind.UNION_TYPE_EXTENSION]: 'UNION',
  [Kind.ENUM_TYPE_DEFINITION]: 'ENUM',
  [Kind.ENUM_TYPE_EXTENSION]: 'ENUM',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'INPUT_OBJECT',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'INPUT_OBJECT',
  [Kind.SCALAR_TYPE_DEFINITION]: 'SCALAR',
  [Kind.SCALAR_TYPE_EXTENSION]: 'SCALAR',
};

export function readDocument(document: DocumentNode): { schema: SchemaDocument; errors: SchemaError[] } {
  const errors: SchemaError[] = [];
  const definitions: Definition[] = [];
  const extensions: Definition[] = [];
  const directiveDefinitions: DirectiveDefinitionNode[] = [];
  for (const node of document.definitions) {
    if (node.kind === Kind.DIRECTIVE_DEFINITION) {
      directiveDefinitions.push(node);
      continue;
    }
    const kind = KIND_OF[node.kind];
    if (kind === undefined) {
      errors.push(unsupportedDefinition(node));
      continue;
    }
    const typeNode = node as TypeDefinitionNode | TypeExtensionNode;
    const extension = typeNode.kind.endsWith('Extension');
    (extension ? extensions : definitions).push(toDefinition(kind, typeNode, extension));
  }

  const byName = new Map<string, Definition>();
  for (const def of [...definitions, ...extensions]) {
    if (byName.has(def.name)) {
      errors.push(new SchemaError(`Cannot redeclare type ${def.name}.`, [positionOf(def.nameNode)]));
      continue;
    }
    byName.set(def.name, def);
  }
  return {
    schema: { definitions: [...byName.values()], byName, directiveDefinitions },
    errors,
  };
}

function toDefinition(kind: DefinitionKind, node: TypeDefinitionNode | TypeExtensionNode, extension: boolean): Definition {
  const n = node as Partial<{
    directives: readonly DirectiveNode[];
    interfaces: readonly NamedTypeNode[];
    fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[];
    types: readonly NamedTypeNode[];
    values: readonly EnumValueDefinitionNode[];
  }>;
  const fields = n.fields ?? [];
  return {
    kind,
    name: node.name.value,
    nameNode: node.name,
    node,
    directives: n.directives ?? [],
    // `extend type Query` is just `type Query` for Dgraph.
    extension: extension && node.name.value !== 'Query' && node.name.value !== 'Mutation',
    interfaces: n.interfaces ?? [],
    fields: kind === 'INPUT_OBJECT' ? [] : (fields as FieldDefinitionNode[]),
    inputFields: kind === 'INPUT_OBJECT' ? (fields as InputValueDefinitionNode[]) : [],
    members: n.types ?? [],
    values: n.values ?? [],
  };
}

function unsupportedDefinition(node: DefinitionNode): SchemaError {
  const what =
    node.kind === Kind.SCHEMA_DEFINITION || node.kind === Kind.SCHEMA_EXTENSION
      ? 'schema definitions'
      : 'operations and fragments';
  return new SchemaError(`${what} are not allowed in a schema upload; only types, interfaces, unions, enums and inputs are.`, [
    positionOf(node),
  ]);
}
