/**
 * `@dgraph(pred: "...")` on a field: a usable predicate name, and for a
 * reverse edge (`~p`) a list of objects whose type has the forward edge `p`
 * declared with `@dgraph(pred: "p")` pointing back (Dgraph's rules).
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, directive, isListType, namedTypeOf, positionOf, rawValue } from './ast.js';
import { isReservedName } from './builtins.js';
import type { SchemaContext } from './context.js';

export function isReversePredicate(pred: string): boolean {
  return pred.startsWith('~') || pred.startsWith('<~');
}

/** `~p` and `<~p>` → `p`. */
export function forwardPredicate(pred: string): string {
  return pred.replace(/^[<~>]+|[<~>]+$/g, '');
}

export function validateDgraphField(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const at = [positionOf(dir.name)];
  if (namedTypeOf(field.type) === 'ID') {
    return [new SchemaError(`${prefix} has the @dgraph directive but fields of type ID can't have the @dgraph directive.`, at)];
  }
  const value = argument(dir, 'pred');
  const pred = rawValue(value);
  if (!value || pred === '') return [new SchemaError(`${prefix} pred argument for @dgraph directive should not be empty.`, at)];
  if (value.kind !== Kind.STRING) return [new SchemaError(`${prefix} pred argument for @dgraph directive should be of type String.`, at)];
  if (isReservedName(pred)) return [new SchemaError(`${prefix} pred argument '${pred}' for @dgraph directive is a reserved keyword.`, at)];
  if (isReversePredicate(pred) && ctx.kindOf(typeName) !== 'INTERFACE') return reverseEdge(ctx, typeName, field, dir, pred);
  return languageTagErrors(typeName, field, dir);
}

/**
 * Dgraph's checks of a language-tagged predicate (`Person.name@hi`,
 * `Person.name@hi:en`, `Person.name@.`): a String field, without `@id`,
 * searchable only when it names one language, one tag list that is neither
 * empty nor `*`. The first that fails is the error, as in Dgraph.
 */
export function languageTagErrors(typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const pred = rawValue(argument(dir, 'pred'));
  if (!pred.includes('@')) return [];
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const fail = (message: string, node: DirectiveNode | FieldDefinitionNode | undefined) => [new SchemaError(`${prefix} ${message}`, [positionOf(node?.name)])];
  const type = namedTypeOf(field.type);
  if (type !== 'String') return fail(`Expected type \`String\` for language tag field but got \`${type}\``, field);
  const id = directive(field.directives, 'id');
  if (id) return fail('@id directive not supported on language tag fields', id);
  const [, tags = '', ...more] = pred.split('@');
  const search = directive(field.directives, 'search');
  if (search && tags.includes(':')) return fail('@search directive not applicable on language tag field with multiple languages', search);
  if (tags === '*') return fail('`*` language tag not supported in GraphQL', dir);
  if (tags === '') return fail('empty language tag not supported', dir);
  if (more.length > 0) return fail('multiple language tag not supported', dir);
  return [];
}

function reverseEdge(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode, pred: string): SchemaError[] {
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const at = [positionOf(dir.name)];
  // Written, or inferred from the partner's @hasInverse (Dgraph adds it there).
  if (ctx.hasInverseDirective(typeName, field.name.value)) {
    return [new SchemaError(`${prefix} @hasInverse directive is not allowed when pred argument in @dgraph directive starts with a ~.`, at)];
  }
  const targetType = namedTypeOf(field.type);
  const targetKind = ctx.kindOf(targetType);
  if (targetKind !== 'OBJECT' && targetKind !== 'INTERFACE') {
    return [
      new SchemaError(
        `Type ${typeName}; Field ${field.name.value} is of type ${targetType}, but reverse predicate in @dgraph directive only applies to fields with object types.`,
        [positionOf(field.name)],
      ),
    ];
  }
  if (!isListType(field.type)) {
    return [new SchemaError(`${prefix} with a dgraph directive that starts with ~ should be of type list.`, at)];
  }
  const forward = forwardPredicate(pred);
  const accepted = [typeName, ...(ctx.definition(typeName)?.interfaces.map((i) => i.name.value) ?? [])];
  for (const candidate of ctx.fields(targetType)) {
    const candidateDir = directive(candidate.directives, 'dgraph');
    if (rawValue(argument(candidateDir, 'pred')) !== forward) continue;
    const candidateAt = [positionOf(candidateDir?.name)];
    if (!accepted.includes(namedTypeOf(candidate.type))) {
      const expected =
        accepted.length === 1 ? `of type ${accepted[0]}` : `any of types ${accepted.slice(0, -1).join(', ')} or ${accepted[accepted.length - 1]}`;
      return [
        new SchemaError(
          `Type ${targetType}; Field ${candidate.name.value}: should be ${expected} to be compatible with @dgraph reverse directive but is of type ${namedTypeOf(candidate.type)}.`,
          candidateAt,
        ),
      ];
    }
    if (ctx.hasInverseDirective(targetType, candidate.name.value)) {
      return [
        new SchemaError(
          `Type ${targetType}; Field ${candidate.name.value}: @hasInverse directive is not allowed because field is forward edge of another field with reverse directive.`,
          candidateAt,
        ),
      ];
    }
    return [];
  }
  return [new SchemaError(`${prefix} pred argument: ${pred} is not supported as forward edge doesn't exist for type ${targetType}.`, at)];
}
