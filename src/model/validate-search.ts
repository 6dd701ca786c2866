/**
 * `@search(by: [...])`: each argument must exist, suit the field's type, and
 * not duplicate or collide with another (Dgraph's rules and messages). Which
 * indexes authline can serve is checked separately (validate-unsupported.ts).
 */
import { Kind } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { argument, directive, namedTypeOf, positionOf, rawValue } from './ast.js';
import { GEO_TYPES } from './builtins.js';
import { COLLIDING_FILTERS, ENUM_SEARCHES, SEARCH_INDEXES, defaultSearch, isVectorSearch, searchIndex, searchTypeOf } from './search.js';
import { VECTOR_INDEX, VECTOR_METRICS, searchOptions, type VectorMetric } from './vectors.js';
import type { SchemaContext } from './context.js';

/**
 * The search arguments of a field as Dgraph reads them: the written list
 * (hash added for an `@id` field that lacks hash and exact), the type's
 * default for a bare `@search` or `by: []`, and for an `@id` field without
 * `@search` its hash (or numeric) index. Sorted, as Dgraph sorts them.
 */
export function searchArguments(field: FieldDefinitionNode): string[] {
  const search = directive(field.directives, 'search');
  const typeName = namedTypeOf(field.type);
  const isId = directive(field.directives, 'id') !== undefined;
  if (!search) {
    if (!isId) return [];
    return [typeName === 'String' ? 'hash' : defaultSearch(typeName)];
  }
  const by = argument(search, 'by');
  if (!by || by.kind !== Kind.LIST || by.values.length === 0) return [defaultSearch(typeName)];
  const args = by.values.map((v) => rawValue(v));
  if (isId && !args.includes('hash') && !args.includes('exact')) args.push('hash');
  return args.sort();
}

export function validateSearch(ctx: SchemaContext, typeName: string, field: FieldDefinitionNode, dir: DirectiveNode): SchemaError[] {
  const fieldType = namedTypeOf(field.type);
  const kind = ctx.kindOf(fieldType);
  const prefix = `Type ${typeName}; Field ${field.name.value}:`;
  const at = [positionOf(dir.name)];
  const by = argument(dir, 'by');
  if (!by) {
    if (kind === 'ENUM' || GEO_TYPES.has(fieldType) || (kind === 'SCALAR' && fieldType !== 'ID')) return [];
    return [new SchemaError(`${prefix} has the @search directive but fields of type ${fieldType} can't have the @search directive.`, at)];
  }
  if (by.kind !== Kind.LIST) {
    return [new SchemaError(`${prefix} the @search directive requires a list argument, like @search(by: ["hash"])`, at)];
  }

  const filters = new Map<string, string>();
  for (const arg of searchArguments(field)) {
    const problem = argumentProblem(ctx, prefix, arg, field);
    if (problem) return [new SchemaError(problem, at)];
    const searchType = searchTypeOf(arg);
    const filter = searchIndex(searchType)?.filter ?? '';
    const previous = filters.get(filter);
    if (previous !== undefined) {
      const message =
        fieldType === 'String' || kind === 'ENUM'
          ? `${prefix} the argument to @search '${arg}' is the same as the index '${previous}' provided before and shouldn't be used together`
          : `${prefix} has the search directive on ${fieldType}. ${fieldType} allows only one argument for @search.`;
      return [new SchemaError(message, at)];
    }
    for (const other of COLLIDING_FILTERS.get(filter) ?? []) {
      const clash = filters.get(other);
      if (clash !== undefined) {
        return [new SchemaError(`${prefix} the arguments '${arg}' and '${clash}' can't be used together as arguments to @search.`, at)];
      }
    }
    filters.set(filter, searchType);
  }
  return [];
}

function argumentProblem(ctx: SchemaContext, prefix: string, arg: string, field: FieldDefinitionNode): string | undefined {
  const fieldType = namedTypeOf(field.type);
  const isEnum = ctx.kindOf(fieldType) === 'ENUM';
  const appliesTo = searchIndex(searchTypeOf(arg))?.appliesTo;
  if (appliesTo === undefined) {
    return `${prefix} the argument to @search ${arg} isn't valid.Fields of type ${fieldType} ${searchMessage(ctx, fieldType)}.`;
  }
  if (appliesTo !== fieldType && !isEnum) {
    return (
      `${prefix} has the @search directive but the argument ${arg} doesn't apply to field type ${fieldType}.  ` +
      `Search by ${arg} applies to fields of type ${searchIndex(arg)?.appliesTo ?? ''}. Fields of type ${fieldType} ${searchMessage(ctx, fieldType)}.`
    );
  }
  if (isEnum && !ENUM_SEARCHES.has(arg)) {
    return (
      `${prefix} has the @search directive but the argument ${arg} doesn't apply to field type ${fieldType} which is an Enum. ` +
      'Enum only supports hash, exact, regexp and trigram'
    );
  }
  return isVectorSearch(arg) ? vectorIndexProblem(prefix, arg, field) : undefined;
}

/** Dgraph's checks of a vector index (rules.go validateSearchArg), then those of its options (DQL's index factory). */
function vectorIndexProblem(prefix: string, arg: string, field: FieldDefinitionNode): string | undefined {
  if (!directive(field.directives, 'embedding')) {
    return `${prefix} has the @search directive but the argument ${arg} requires the field also has @embedding directive.`;
  }
  const options = searchOptions(arg);
  if (!options) {
    return (
      `${prefix} has the @search directive but the argument '${arg}' with search options is malformed. ` +
      'Search options are comma-separated key-value pairs in YAML format => <optionName><COLON><SPACE><VALUE>'
    );
  }
  // Dgraph refuses these when it alters the DQL schema (tok/hnsw/persistent_factory.go AllowedOptions).
  for (const [name, value] of options) {
    const problem = !HNSW_OPTIONS.has(name)
      ? `option ${name} is not allowed!`
      : name === 'metric'
        ? VECTOR_METRICS.includes(value as VectorMetric) ? undefined : `Can't create a vector index for ${value}`
        : /^[+-]?\d+$/.test(value) ? undefined : `strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`;
    if (problem) return `${prefix} IndexFactory: ${VECTOR_INDEX} issues this error: '${problem}'`;
  }
  return undefined;
}

const HNSW_OPTIONS: ReadonlySet<string> = new Set(['metric', 'exponent', 'maxLevels', 'efConstruction', 'efSearch']);

/** How Dgraph explains what a type may be searched by. */
function searchMessage(ctx: SchemaContext, fieldType: string): string {
  const possible = Object.entries(SEARCH_INDEXES).filter(([, index]) => index.appliesTo === fieldType).map(([arg]) => arg).sort();
  if (possible.length === 1 || ctx.kindOf(fieldType) === 'ENUM') return 'are searchable by just @search';
  if (possible.length === 0) return "can't have the @search directive";
  return `can have @search by ${possible.slice(0, -1).join(', ')} and ${possible[possible.length - 1]}`;
}
