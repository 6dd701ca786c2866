/**
 * Every error authline answers carries a stable `extensions.code`
 * (docs/http.md). Codes are set where an error is born; this gives one to
 * an error that came without (graphql-js's parser and validator, or a
 * failure nobody foresaw), leaving any code already set alone.
 */
import { GraphQLError } from 'graphql';

export function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
