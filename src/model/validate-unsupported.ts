/**
 * What Dgraph accepts but authline cannot store or search faithfully yet.
 * These are rejected at upload with a plain statement instead of being
 * silently served differently. (Directives that change nothing about storage,
 * like `@custom` or `@withSubscription`, are accepted instead: see
 * directives.ts.)
 */
import type { FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { directive, positionOf } from './ast.js';
import { isSupportedSearch, searchIndex, searchTypeOf } from './search.js';
import type { SchemaContext } from './context.js';
import { searchArguments } from './validate-search.js';

export function validateUnsupported(ctx: SchemaContext): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const { def, fields } of ctx.types.values()) {
    if (def.kind !== 'OBJECT' && def.kind !== 'INTERFACE') continue;
    for (const field of fields) errors.push(...unsupportedField(def.name, field));
  }
  return errors;
}

function unsupportedField(typeName: string, field: FieldDefinitionNode): SchemaError[] {
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const errors: SchemaError[] = [];
  const search = directive(field.directives, 'search');
  // Only indexes Dgraph knows: unknown ones were reported by the @search checks.
  const unsupported = search
    ? searchArguments(field).find((arg) => searchIndex(searchTypeOf(arg)) !== undefined && !isSupportedSearch(searchTypeOf(arg)))
    : undefined;
  if (unsupported !== undefined) {
    errors.push(new SchemaError(`${prefix} @search(by: [${searchTypeOf(unsupported)}]) is not supported by authline yet.`, [positionOf(search?.name)]));
  }
  return errors;
}
