/**
 * Graph-traversal rules: a GraphQL query over the generated API, checked at
 * upload in Dgraph's order and with Dgraph's messages: it parses, it is
 * exactly one query operation, it validates against the API, and it has
 * exactly one root field, `query<Type>` of the type carrying the directive.
 */
import { GraphQLError, Kind, Lexer, parse, Source, TokenKind, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { names } from '../model/names.js';
import { syntaxMessage, unexpectedToken } from '../sdl/gqlparser-syntax.js';
import { RULE_VALIDATION } from '../api/index.js';
import type { StringPositions } from './positions.js';
import type { SourcePosition } from '../sdl/errors.js';
import type { GraphRule } from './tree.js';

/** A mistake in a rule, without the "Type X: @auth: " every message starts with. */
export interface Problem {
  readonly message: string;
  readonly locations: readonly SourcePosition[];
}

/**
 * @param carrier the type or interface whose `@auth` holds the rule
 * @param api the generated API the rule queries
 * @param at where offsets in `text` are in the SDL
 */
export function compileGraphRule(text: string, carrier: string, api: GraphQLSchema, at: StringPositions): GraphRule | Problem[] {
  const parsed = parseRule(text, at);
  if (!('kind' in parsed)) return [parsed];
  const document = parsed;

  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) {
    return [{
      message: `a rule should be exactly one query, found ${operations.length} GraphQL operations`,
      locations: at.at(operations[1]?.loc?.start ?? 0),
    }];
  }
  const [operation] = operations;
  if (operation.operation !== 'query') {
    // Dgraph prints the operation's name here, which is usually empty.
    return [{ message: `a rule should be exactly one query, found an ${operation.name?.value ?? ''}`, locations: at.at(operation.loc?.start ?? 0) }];
  }

  const invalid = validate(api, document, RULE_VALIDATION);
  if (invalid.length > 0) {
    return invalid.map((error) => ({
      message: `failed to validate GraphQL rule [reason : ${error.message}]`,
      locations: locate(error, at),
    }));
  }

  const selections = operation.selectionSet.selections;
  if (selections.length !== 1) {
    return [{ message: `a rule should be exactly one query, found ${selections.length} queries`, locations: at.at(selections[1].loc?.start ?? 0) }];
  }
  const [root] = selections;
  if (root.kind !== Kind.FIELD) {
    return [{ message: "error couldn't generate query from rule", locations: at.at(root.loc?.start ?? 0) }];
  }
  const expected = names.query(carrier);
  if (root.name.value !== expected) {
    return [{ message: `expected only ${expected} rules,but found ${root.name.value}`, locations: at.at(root.name.loc?.start ?? 0) }];
  }

  return {
    kind: 'graph',
    source: text,
    document,
    variables: (operation.variableDefinitions ?? []).map((v) => v.variable.name.value),
  };
}

/** The rule as gqlparser's query parser reads it: nothing at all is an empty document, a type definition is a syntax error. */
function parseRule(text: string, at: StringPositions): DocumentNode | Problem {
  if (isBlank(text)) return { kind: Kind.DOCUMENT, definitions: [] };
  let document: DocumentNode;
  try {
    document = parse(new Source(text));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const description = error.message.replace(/^Syntax Error: /, '');
    return failedToParse(syntaxMessage(description, text, error.positions?.[0] ?? 0), locate(error, at));
  }
  const foreign = document.definitions.find((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION);
  if (foreign?.loc) return failedToParse(unexpectedToken(foreign.loc.startToken), at.at(foreign.loc.start));
  return document;
}

function failedToParse(reason: string, locations: readonly SourcePosition[]): Problem {
  return { message: `failed to parse GraphQL rule [reason : ${reason}]`, locations };
}

/** Only whitespace, commas and comments: gqlparser finds no operations (graphql-js would call it a syntax error). */
function isBlank(text: string): boolean {
  try {
    return new Lexer(new Source(text)).advance().kind === TokenKind.EOF;
  } catch {
    return false;
  }
}

function locate(error: GraphQLError, at: StringPositions): readonly SourcePosition[] {
  const first = error.locations?.[0];
  return first ? at.atLineColumn(first.line, first.column) : at.at(0);
}
