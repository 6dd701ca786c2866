/**
 * A validated field definition → FieldDef: what it holds, where it is
 * stored, how it is searched and identified.
 */
import type { FieldDefinitionNode } from 'graphql';
import { argument, directive, namedTypeOf, objectField, positionOf, rawValue, typeRefOf } from './ast.js';
import { GEO_TYPES, SCALARS } from './builtins.js';
import type { SchemaContext } from './context.js';
import { readCustom } from './custom/read-custom.js';
import { UNSUPPORTED_FIELD_DIRECTIVES } from './directives.js';
import { writtenPredicate } from './naming.js';
import { forwardPredicate, isReversePredicate } from './validate-dgraph.js';
import { hasInterfaceArgument, isKeyField } from './validate-field-directives.js';
import { isServedSearch, isVectorSearch } from './search.js';
import { metricOf } from './vectors.js';
import { searchArguments } from './validate-search.js';
import type { FieldDef, FieldKind, ScalarName } from './types.js';

export function buildField(ctx: SchemaContext, typeName: string, node: FieldDefinitionNode): FieldDef {
  const name = node.name.value;
  const type = typeRefOf(node.type);
  const federated = federatedRole(ctx, typeName, node);
  const kind = kindOf(ctx, type.name, federated === 'key');
  const written = kind === 'id' ? 'uid' : writtenPredicate(ctx, typeName, node);
  const reverse = isReversePredicate(written);
  const unsupported = UNSUPPORTED_FIELD_DIRECTIVES.find((d) => directive(node.directives, d)) ?? (federated === 'external' ? 'external' : undefined);
  const custom = readCustom(ctx, typeName, node).spec;
  return {
    name,
    declaredIn: declaringType(ctx, typeName, name),
    type,
    kind,
    ...(kind === 'scalar' || kind === 'id' ? { scalar: type.name as ScalarName } : kind === 'enum' ? { scalar: 'String' as const } : {}),
    predicate: reverse ? forwardPredicate(written) : written,
    reverse,
    ...searchOf(node, federated === 'key'),
    xid: directive(node.directives, 'id') !== undefined || federated === 'key',
    xidInterface: hasInterfaceArgument(node),
    ...inverseOf(ctx, typeName, name),
    ...(unsupported ? { unsupported } : {}),
    ...(custom ? { custom } : {}),
    ...defaultsOf(node),
    ...embeddingOf(node),
    loc: positionOf(node.name),
    astNode: node,
  };
}

/**
 * The field's effective indexes: those authline searches by, and when some
 * are not (ngram, geo), all of them as the API offers their filters.
 */
function searchOf(node: FieldDefinitionNode, externalKey: boolean): Pick<FieldDef, 'search' | 'declaredSearch'> {
  // Dgraph hash-indexes an external ID key like any string key.
  if (externalKey) return { search: ['hash'] };
  // A vector index gives no filter: it ranks the type's similarity queries (FieldDef.embedding).
  const declared = searchArguments(node).filter((arg) => !isVectorSearch(arg));
  const search = declared.filter(isServedSearch);
  return search.length === declared.length ? { search } : { search, declaredSearch: declared };
}

function kindOf(ctx: SchemaContext, typeName: string, externalKey: boolean): FieldKind {
  if (typeName === 'ID') return externalKey ? 'scalar' : 'id';
  if (SCALARS.has(typeName) || GEO_TYPES.has(typeName)) return 'scalar';
  switch (ctx.kindOf(typeName)) {
    case 'ENUM':
      return 'enum';
    case 'INTERFACE':
      return 'interface';
    case 'UNION':
      return 'union';
    default:
      return 'object';
  }
}

/**
 * Apollo federation: on an extended type, an `@external` field belongs to
 * another service ('external', not stored here) unless it is the `@key`, which
 * Dgraph stores ('key'; an `ID` key then is a string, not the uid).
 */
function federatedRole(ctx: SchemaContext, typeName: string, node: FieldDefinitionNode): 'key' | 'external' | undefined {
  if (!directive(node.directives, 'external')) return undefined;
  if (isKeyField(ctx, typeName, node.name.value)) return namedTypeOf(node.type) === 'ID' ? 'key' : undefined;
  // A field another type `@provides` is stored here after all.
  return isProvided(ctx, typeName, node.name.value) ? undefined : 'external';
}

function isProvided(ctx: SchemaContext, typeName: string, fieldName: string): boolean {
  for (const { fields } of ctx.types.values()) {
    for (const field of fields) {
      const provides = directive(field.directives, 'provides');
      if (provides && namedTypeOf(field.type) === typeName && rawValue(argument(provides, 'fields')).split(/\s+/).includes(fieldName)) return true;
    }
  }
  return false;
}

/** The interface a field was first declared in, following interfaces that inherit it. */
function declaringType(ctx: SchemaContext, typeName: string, fieldName: string): string {
  const parent = ctx.parentInterface(typeName, fieldName);
  return parent ? declaringType(ctx, parent.name, fieldName) : typeName;
}

function inverseOf(ctx: SchemaContext, typeName: string, fieldName: string): { inverse?: string } {
  const inverse = ctx.inverseOf(typeName, fieldName);
  return inverse ? { inverse } : {};
}

/** `@embedding`: the metric its `hnsw` index names (euclidean without one, as Dgraph ranks). */
function embeddingOf(node: FieldDefinitionNode): Pick<FieldDef, 'embedding'> {
  if (!directive(node.directives, 'embedding')) return {};
  const index = searchArguments(node).find(isVectorSearch);
  return { embedding: { metric: metricOf(index), indexed: index !== undefined } };
}

function defaultsOf(node: FieldDefinitionNode): Pick<FieldDef, 'defaults'> {
  const dir = directive(node.directives, 'default');
  if (!dir) return {};
  const read = (action: string) => {
    const value = objectField(argument(dir, action), 'value');
    return value ? rawValue(value) : undefined;
  };
  const add = read('add');
  const update = read('update');
  return { defaults: { ...(add !== undefined ? { add } : {}), ...(update !== undefined ? { update } : {}) } };
}
