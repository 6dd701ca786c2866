/**
 * Answers worked out from the data set itself, for the servers the bench
 * has no peer for at that size (the series of sizes): the same rows, in the
 * same order and shape, as authline must list them.
 */
import { generate, hexUid, type DataSize } from './data.js';
import type { Answer } from './http.js';

/** `queryTodo(first) { id title done }` as user `n` sees it under the owner rule: their todos in id order. */
export function ownTodos(size: DataSize, n: number, first = 20): Answer {
  const rows = generate(size)
    .todos.filter((t) => t.ownerId === n)
    .slice(0, first)
    .map((t) => ({ id: hexUid(t.id), title: t.title, done: t.done }));
  return { status: 200, json: { data: { queryTodo: rows } } };
}
