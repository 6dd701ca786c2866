/**
 * A request's variables checked as Dgraph checks them before graphql-js
 * would: gqlparser's VariableValues (validator/vars.go in dgraph-io's
 * gqlparser), with the range checks Dgraph's fork adds for Int and Int64.
 * The first problem found is the answer, worded and placed as Dgraph's
 * (graphql/e2e/common/error_test.yaml): a message and a path from
 * `variable`, with no location:
 *
 *   must be defined / cannot be null / must be a AuthorFilter / unknown field
 *   cannot use string as Int / X is not a valid Enum / enums must be ints or strings
 *   Out of range value '2147483648', for type `Int`
 *   Type mismatched for Value `180143985094.0`, expected:`Int64`
 *
 * Values this check lets through still go through graphql-js's coercion
 * (its words then answer what gqlparser would also have let through).
 * Go decodes every JSON number as json.Number, a string kind, so gqlparser
 * calls a number given for a String or Boolean a "string".
 */
import {
  GraphQLError,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { INT64_MAX, INT64_MIN } from '../../model/builtins.js';

/** The text of the number at `key` of `container` as the client wrote it, when JavaScript's number says it differently. */
export type NumberText = (container: object, key: string | number) => string | undefined;

type Path = readonly (string | number)[];

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function variablesError(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  values: Readonly<Record<string, unknown>>,
  numberText: NumberText = () => undefined,
): GraphQLError | undefined {
  const fail = (path: Path, message: string) => new GraphQLError(message, { path: ['variable', ...path] });

  function check(type: GraphQLInputType, value: unknown, path: Path, text: string | undefined): GraphQLError | undefined {
    if (value === null || value === undefined) return isNonNullType(type) ? fail(path, 'cannot be null') : undefined;
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) {
      const items = Array.isArray(value) ? value : [value];
      for (const [i, item] of items.entries()) {
        const found = check(nullable.ofType, item, [...path, i], Array.isArray(value) ? numberText(value, i) : text);
        if (found) return found;
      }
      return undefined;
    }
    const named = getNamedType(nullable);
    if (isEnumType(named)) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) return fail(path, 'enums must be ints or strings');
      const given = String(value).toLowerCase();
      return named.getValues().some((v) => v.name.toLowerCase() === given) ? undefined : fail(path, `${String(value)} is not a valid ${named.name}`);
    }
    if (isScalarType(named)) {
      const message = scalarMessage(named.name, value, text ?? (typeof value === 'number' ? String(value) : undefined));
      return message === undefined ? undefined : fail(path, message);
    }
    if (isInputObjectType(named)) {
      if (typeof value !== 'object' || Array.isArray(value)) return fail(path, `must be a ${named.name}`);
      const object = value as Record<string, unknown>;
      const fields = named.getFields();
      const unknown = Object.keys(object).find((key) => key !== '__typename' && !(key in fields));
      if (unknown !== undefined) return fail([...path, unknown], 'unknown field');
      for (const field of Object.values(fields)) {
        const given = object[field.name];
        if (given === undefined) {
          if (isNonNullType(field.type) && field.defaultValue === undefined) return fail([...path, field.name], 'must be defined');
          continue;
        }
        if (given === null && !isNonNullType(field.type)) continue;
        const found = check(field.type, given, [...path, field.name], numberText(object, field.name));
        if (found) return found;
      }
    }
    return undefined;
  }

  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue; // validation has refused the document already
    if (!(name in values)) {
      if (definition.defaultValue === undefined && isNonNullType(type)) return fail([name], 'must be defined');
      continue;
    }
    const found = check(type, values[name], [name], numberText(values, name));
    if (found) return found;
  }
  return undefined;
}

/** What gqlparser (with Dgraph's range checks) says of `value` for scalar `scalar`; undefined when it lets it through. */
function scalarMessage(scalar: string, value: unknown, text: string | undefined): string | undefined {
  const kind = goKind(value);
  switch (scalar) {
    case 'Int':
    case 'Int64': {
      // Dgraph takes an Int64 written as a string too (the scalar's own parsing checks it).
      if (typeof value !== 'number' || text === undefined) return scalar === 'Int' ? `cannot use ${kind} as Int` : undefined;
      if (!/^-?\d+$/.test(text)) return `Type mismatched for Value \`${text}\`, expected:\`${scalar}\``;
      const n = BigInt(text);
      const [min, max] = scalar === 'Int' ? [BigInt(INT32_MIN), BigInt(INT32_MAX)] : [INT64_MIN, INT64_MAX];
      return n < min || n > max ? `Out of range value '${text}', for type \`${scalar}\`` : undefined;
    }
    case 'Float':
      return typeof value === 'number' || kind === 'string' ? undefined : `cannot use ${kind} as Float`;
    case 'String':
      return kind === 'string' ? undefined : `cannot use ${kind} as String`;
    case 'Boolean':
      return kind === 'bool' ? undefined : `cannot use ${kind} as Boolean`;
    case 'ID':
      return kind === 'string' ? undefined : `cannot use ${kind} as ID`;
    default:
      return undefined; // gqlparser assumes custom scalars are fine; their own parsing decides
  }
}

/** The Go kind of a JSON value decoded with json.Number: numbers are strings to Go's reflection. */
function goKind(value: unknown): string {
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'object' && value !== null) return 'map';
  return 'string';
}
