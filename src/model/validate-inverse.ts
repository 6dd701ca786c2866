/**
 * `@hasInverse(field: f)`: the two fields of an inverse pair must point at
 * each other's types, and when both sides name a partner the names must
 * agree. A side that names none gets the link inferred (as Dgraph adds the
 * directive to it), which later pairs are checked against.
 */
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, directive, namedTypeOf, positionOf, rawValue, typeString } from './ast.js';
import type { SchemaContext } from './context.js';

export function validateInverse(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const fieldName = field.name.value;
  const targetType = namedTypeOf(field.type);
  const targetKind = ctx.kindOf(targetType);
  if (targetKind !== 'OBJECT' && targetKind !== 'INTERFACE') {
    return [
      new SchemaError(
        `Type ${typeName}; Field ${fieldName}: Field ${fieldName} is of type ${targetType}, but @hasInverse directive only applies to fields with object types.`,
        [positionOf(field.name)],
      ),
    ];
  }
  const at = [positionOf(dir.name)];
  const partnerArg = argument(dir, 'field');
  if (!partnerArg) {
    return [new SchemaError(`Type ${typeName}; Field ${fieldName}: @hasInverse directive doesn't have field argument.`, at)];
  }
  const partnerName = rawValue(partnerArg);
  const partner = ctx.field(targetType, partnerName);
  if (!partner) {
    return [new SchemaError(`Type ${typeName}; Field ${fieldName}: inverse field ${partnerName} doesn't exist for type ${targetType}.`, at)];
  }
  const problem = mismatch(ctx, typeName, fieldName, targetType, partner);
  if (problem) return [new SchemaError(problem, at)];
  ctx.inferInverse(targetType, partnerName, fieldName);
  return [];
}

function mismatch(ctx: SchemaContext, typeName: string, fieldName: string, partnerType: string, partner: FieldDefinitionNode): string | undefined {
  let expectedType = typeName;
  // The link may have been written on the interface this field comes from.
  const parent = ctx.parentInterface(typeName, fieldName);
  if (parent && directive(parent.fields.find((f) => f.name.value === fieldName)?.directives, 'hasInverse')) {
    expectedType = parent.name;
  }
  const partnerName = partner.name.value;
  if (namedTypeOf(partner.type) !== expectedType) {
    return (
      `Type ${expectedType}; Field ${fieldName}: @hasInverse is required to link the fields of same type, ` +
      `but the field ${partnerName} is of the type ${typeString(partner.type)} instead of ${expectedType}. ` +
      'To link these make sure the fields are of the same type.'
    );
  }
  const partnerInverse = ctx.inverseOf(partnerType, partnerName);
  if (partnerInverse === undefined || partnerInverse === fieldName) return undefined;
  return (
    `Type ${expectedType}; Field ${fieldName}: @hasInverse should be consistant. ` +
    `${expectedType}.${fieldName} is the inverse of ${partnerType}.${partnerName}, ` +
    `but ${partnerType}.${partnerName} is the inverse of ${expectedType}.${partnerInverse}.`
  );
}
