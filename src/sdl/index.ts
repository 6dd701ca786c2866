/**
 * Stage 1: the uploaded text → a GraphQL document that keeps Dgraph's
 * tolerances, the `# Dgraph.Allow-Origin` and `# Dgraph.Secret` lines, and
 * located SchemaErrors.
 * The `# Dgraph.Authorization` line is an ordinary comment here (stage 2
 * reads it).
 */
import { GraphQLError, Kind, Lexer, Source, TokenKind } from 'graphql';
import { syntaxMessage } from './gqlparser-syntax.js';
import type { DocumentNode } from 'graphql';
import { SchemaError } from './errors.js';
import { readAllowedOrigins } from './origins.js';
import { readSecrets } from './secrets.js';
import { parseTolerant } from './tolerant-parse.js';

export { SchemaError, SchemaRejectedError } from './errors.js';
export type { SourcePosition } from './errors.js';
export { blankEmptyArguments, parseTolerant } from './tolerant-parse.js';

export interface ParsedSdl {
  /** null when the text does not parse. */
  readonly document: DocumentNode | null;
  /** Origins of `# Dgraph.Allow-Origin "..."` lines, deduplicated, in order. */
  readonly allowOrigins: string[];
  /** `# Dgraph.Secret NAME "value"` lines, for `@custom` headers. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly errors: SchemaError[];
}

export function parseSdl(text: string): ParsedSdl {
  const { origins, errors: originErrors } = readAllowedOrigins(text);
  const { secrets, errors: secretErrors } = readSecrets(text);
  const lines = { allowOrigins: origins, secrets };
  const errors = [...originErrors, ...secretErrors];
  if (text.trim() === '') {
    // Dgraph's wording for an empty upload.
    return { document: null, ...lines, errors: [...errors, new SchemaError('No schema specified')] };
  }
  if (onlyComments(text)) {
    // Not a syntax error for Dgraph: the model stage reports that nothing can be generated.
    return { document: { kind: Kind.DOCUMENT, definitions: [] }, ...lines, errors };
  }
  try {
    return { document: parseTolerant(text), ...lines, errors };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const locations = (error.locations ?? []).map(({ line, column }) => ({ line, column }));
    return { document: null, ...lines, errors: [...errors, new SchemaError(sdlSyntaxMessage(error, text), locations)] };
  }
}

/**
 * graphql-js's words for a syntax error, except where gqlparser's schema
 * parser (Dgraph's) says what is wrong in its own: an empty list of fields,
 * `type T {}`, is "expected at least one definition, found }".
 */
function sdlSyntaxMessage(error: GraphQLError, text: string): string {
  const offset = error.positions?.[0];
  const message = offset === undefined ? error.message : syntaxMessage(error.message.replace(/^Syntax Error: /, ''), text, offset);
  return message.startsWith('expected at least one definition') ? message : error.message;
}

function onlyComments(text: string): boolean {
  try {
    return new Lexer(new Source(text)).advance().kind === TokenKind.EOF;
  } catch {
    return false;
  }
}
