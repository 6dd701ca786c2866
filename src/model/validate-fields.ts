/**
 * Dgraph's checks of each field (after GraphQL validation): shape and name,
 * then each of its directives in the order written.
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, directive, isNestedList, namedTypeOf, positionOf } from './ast.js';
import { isReservedName } from './builtins.js';
import type { SchemaContext } from './context.js';
import type { ExpandedType } from './expand.js';
import { validateDgraphField } from './validate-dgraph.js';
import { isRootType } from './validate-document.js';
import {
  validateDefault,
  validateEmbedding,
  validateExternal,
  validateId,
  validateProvides,
  validateRemoteResponse,
  validateRequires,
} from './validate-field-directives.js';
import { readCustom } from './custom/read-custom.js';
import { validateInverse } from './validate-inverse.js';
import { validateSearch } from './validate-search.js';

type DirectiveValidator = (ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode) => SchemaError[];

const DIRECTIVE_VALIDATORS: ReadonlyMap<string, DirectiveValidator> = new Map<string, DirectiveValidator>([
  ['hasInverse', validateInverse],
  ['search', validateSearch],
  ['embedding', (_ctx, typeName, field) => validateEmbedding(typeName, field)],
  ['dgraph', validateDgraphField],
  ['id', validateId],
  ['default', validateDefault],
  ['external', validateExternal],
  ['requires', validateRequires],
  ['provides', validateProvides],
  ['remoteResponse', validateRemoteResponse],
  ['custom', (ctx, typeName, field) => readCustom(ctx, typeName, field).errors],
  ['lambda', (ctx, typeName, field) => readCustom(ctx, typeName, field).errors],
]);

const RESERVED_ARGUMENTS = new Set(['first', 'offset', 'filter', 'order']);

export function validateFields(ctx: SchemaContext, { def, fields }: ExpandedType): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const field of fields) {
    errors.push(...fieldShape(ctx, def.name, field));
    for (const dir of field.directives ?? []) {
      errors.push(...(DIRECTIVE_VALIDATORS.get(dir.name.value)?.(ctx, def.name, field, dir) ?? []));
    }
  }
  return errors;
}

function fieldShape(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode): SchemaError[] {
  const def = ctx.definition(typeName);
  const name = field.name.value;
  const prefix = `Type ${typeName}; Field ${name}:`;
  const at = [positionOf(field.name)];
  const errors: SchemaError[] = [];
  if (isNestedList(field.type)) errors.push(new SchemaError(`${prefix} Nested lists are invalid.`, at));

  // Generated field arguments would clash with these.
  if (def && !isRootType(def) && !directive(def.directives, 'remote')) {
    const reserved = field.arguments?.find((a) => RESERVED_ARGUMENTS.has(a.name.value));
    if (reserved) {
      errors.push(new SchemaError(`Type ${typeName}; Field ${name}: can't have ${reserved.name.value} as an argument because it is a reserved argument.`, at));
    }
  }

  if (isReservedName(name)) {
    errors.push(new SchemaError(`${prefix} ${name} is a reserved keyword and you cannot declare a field with this name.`, at));
  } else if (name.endsWith('Aggregate')) {
    errors.push(new SchemaError(`${prefix} Aggregate is a reserved keyword and you cannot declare a field with Aggregate as suffix.`, at));
  }

  const list = field.type.kind === Kind.NON_NULL_TYPE ? field.type.type : field.type;
  if (list.kind === Kind.LIST_TYPE) {
    const item = namedTypeOf(list.type);
    if (item === 'ID' || item === 'Boolean') errors.push(new SchemaError(`${prefix} ${item} lists are invalid.`, at));
  }

  const subscription = directive(field.directives, 'withSubscription');
  if (subscription && typeName !== 'Query') {
    errors.push(new SchemaError(`${prefix} @withSubscription directive is applicable only on types and custom dql queries`, at));
  }
  const custom = directive(field.directives, 'custom');
  if (subscription && typeName === 'Query' && custom && !argument(custom, 'dql')) {
    errors.push(new SchemaError(`${prefix} custom query should have dql argument if @withSubscription directive is set`, at));
  }
  return errors;
}
