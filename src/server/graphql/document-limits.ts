/**
 * Limits on a query text, checked before graphql-js parses it: parsing and
 * validating cost time on the event loop in proportion to the text (some
 * validation rules more), and the parser recurses once per nesting level,
 * so a few thousand nested brackets overflow its stack. One pass of the
 * lexer measures what the parser would meet: the size, the tokens (stopping
 * at the first one too many), how deep argument values nest and how deep
 * selection sets nest. After parsing, the root fields are counted before
 * validation. Each refusal names the limit and the flag that raises it.
 */
import { GraphQLError, Kind, Lexer, Source, TokenKind } from 'graphql';
import type { DocumentNode, SelectionSetNode } from 'graphql';
import type { RequestErrorCode } from '../errors.js';

export interface DocumentLimits {
  readonly maxDocumentSize: number;
  readonly maxTokens: number;
  readonly maxFilterDepth: number;
  readonly maxAliases: number;
  /** Field nesting (the depth-limit rule's); selection sets may nest twice that before parsing stops (inline fragments nest too). */
  readonly maxDepth: number;
}

export function limitError(message: string, code: RequestErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The first limit `query` passes, before parsing; null when within all. */
export function checkQueryText(query: string, limits: DocumentLimits): GraphQLError | null {
  // Each character is at least one byte: only a text that might be over is measured.
  const size = query.length > limits.maxDocumentSize / 3 ? Buffer.byteLength(query) : query.length;
  if (size > limits.maxDocumentSize) {
    return limitError(`The query is ${size} bytes, more than the limit of ${limits.maxDocumentSize} (--max-document-size).`, 'QUERY_TOO_LARGE');
  }
  return scan(query, limits);
}

/** Brackets open at this point of the text: a selection set, an argument list, or an object or list value. */
type Bracket = '{' | '(' | '[';

function scan(query: string, limits: DocumentLimits): GraphQLError | null {
  const lexer = new Lexer(new Source(query));
  const open: Bracket[] = [];
  // In an argument list: how many `{` were open before it (they are selection sets), and the value objects inside it.
  let argumentsAt = -1;
  let objects = 0;
  let selectionSets = 0;
  let tokens = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return limitError(`The query has more than ${limits.maxTokens} tokens, the limit (--max-tokens).`, 'QUERY_TOO_LARGE');
      }
      switch (token.kind) {
        case TokenKind.PAREN_L:
          if (argumentsAt < 0) argumentsAt = open.length;
          open.push('(');
          break;
        case TokenKind.BRACKET_L:
          open.push('[');
          if (open.length - argumentsAt - 1 > 2 * limits.maxFilterDepth + 2) return filterTooDeep(limits);
          break;
        case TokenKind.BRACE_L:
          open.push('{');
          if (argumentsAt >= 0) {
            if (++objects > limits.maxFilterDepth) return filterTooDeep(limits);
          } else if (++selectionSets > 2 * limits.maxDepth) {
            return limitError(`The query nests selection sets more than ${2 * limits.maxDepth} levels deep; fields may nest ${limits.maxDepth} (--max-depth).`, 'QUERY_TOO_DEEP');
          }
          break;
        case TokenKind.PAREN_R:
        case TokenKind.BRACKET_R:
        case TokenKind.BRACE_R: {
          const closed = open.pop();
          if (closed === '{') {
            if (argumentsAt >= 0) objects--;
            else selectionSets--;
          }
          if (open.length === argumentsAt) argumentsAt = -1;
          break;
        }
      }
    }
  } catch (error) {
    // A syntax error: the parser reports it, with its position.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}

function filterTooDeep(limits: DocumentLimits): GraphQLError {
  return limitError(`An argument of the query nests more than ${limits.maxFilterDepth} levels deep, the limit (--max-filter-depth).`, 'FILTER_TOO_DEEP');
}

/** Refuses an operation of `document` that selects more than `maxAliases` root fields (response keys, fragments expanded). */
export function checkRootFields(document: DocumentNode, maxAliases: number): GraphQLError | null {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const keys = new Set<string>();
    const collect = (selectionSet: SelectionSetNode, visited: Set<string>): boolean => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          keys.add((selection.alias ?? selection.name).value);
          if (keys.size > maxAliases) return false;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!collect(selection.selectionSet, visited)) return false;
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || visited.has(fragment.name.value)) continue;
          visited.add(fragment.name.value);
          if (!collect(fragment.selectionSet, visited)) return false;
        }
      }
      return true;
    };
    if (!collect(definition.selectionSet, new Set())) {
      const name = definition.name ? `Operation "${definition.name.value}"` : 'The operation';
      return limitError(`${name} selects more than ${maxAliases} root fields (aliases count each), the limit (--max-aliases).`, 'TOO_MANY_ALIASES');
    }
  }
  return null;
}
