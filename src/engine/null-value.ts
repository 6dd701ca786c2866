/**
 * Dgraph's "null value" of a field (graphql/schema/wrappers.go, NullValue):
 * what a field answers when there is nothing for it, whether it failed or
 * was simply never set. A list is `[]` (Dgraph's choice, so that "no friends
 * yet" does not trigger error propagation on a `[Person!]!`); anything else
 * is null.
 */
import { getNullableType, isListType, type GraphQLResolveInfo } from 'graphql';

export function nullValue(info: Pick<GraphQLResolveInfo, 'returnType'>): [] | null {
  return isListType(getNullableType(info.returnType)) ? [] : null;
}
