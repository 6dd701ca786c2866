/**
 * Dgraph parses GraphQL with gqlparser, which accepts a few spellings the
 * specification (and so graphql-js) rejects. The one that matters in practice
 * is an empty argument list, `@auth()` in schemas and `queryX()` in queries.
 * Rather than fork the parser, the text is rewritten so graphql-js accepts it
 * while every character keeps its offset: error locations and AST locations
 * still point into the text the user wrote.
 */
import { Lexer, Source, TokenKind, parse } from 'graphql';
import type { DocumentNode, ParseOptions } from 'graphql';

/**
 * Blanks `()` that directly follows a name (a directive or a field) with
 * spaces. Tokens come from graphql-js's own lexer, so parentheses inside
 * strings, block strings and comments are never touched. Text the lexer
 * cannot read is returned as it is, for the parser to report.
 */
export function blankEmptyArguments(text: string): string {
  const lexer = new Lexer(new Source(text));
  const blanks: number[] = [];
  let previous = lexer.token;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (previous.kind === TokenKind.NAME && token.kind === TokenKind.PAREN_L) {
        const next = lexer.lookahead();
        if (next.kind === TokenKind.PAREN_R) blanks.push(token.start, next.start);
      }
      previous = token;
    }
  } catch {
    // A lexical error: the parser below reports it with its location.
  }
  if (blanks.length === 0) return text;
  const chars = text.split('');
  for (const offset of blanks) chars[offset] = ' ';
  return chars.join('');
}

/**
 * graphql-js `parse` after `blankEmptyArguments`. Throws graphql-js's
 * GraphQLError on syntax errors, located in the original text. Usable for
 * schemas, client operations and `@auth` rule queries alike.
 */
export function parseTolerant(text: string, options?: ParseOptions): DocumentNode {
  return parse(new Source(blankEmptyArguments(text)), options);
}
