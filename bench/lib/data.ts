/**
 * The bench's data set, generated the same way every time from its size
 * alone: users in teams, todos spread over their owners. authline receives
 * it as Dgraph JSON (explicit uids, both directions of the inverse edge, as
 * a Dgraph export has them); the yoga peer stores the same rows, with the
 * same ids, in tables of its own.
 */

export interface DataSize {
  readonly users: number;
  readonly todos: number;
  /** Users are spread round-robin over this many teams. */
  readonly teams: number;
}

export const FULL_SIZE: DataSize = { users: 10_000, todos: 100_000, teams: 100 };

export interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly team: string;
}

export interface TodoRow {
  readonly id: number;
  readonly title: string;
  readonly done: boolean;
  readonly ownerId: number;
}

export interface DataSet {
  readonly users: readonly UserRow[];
  readonly todos: readonly TodoRow[];
}

const WORDS = ['buy', 'milk', 'walk', 'dog', 'write', 'report', 'call', 'plumber', 'fix', 'bike', 'read', 'paper', 'plan', 'trip', 'pay', 'rent'];

/** A tiny linear congruential generator: the same seed gives the same data on every machine. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

/** Users get ids 1..users; todos the ids after them. */
export function generate(size: DataSize): DataSet {
  const next = lcg(7);
  const users: UserRow[] = [];
  for (let i = 1; i <= size.users; i++) {
    users.push({ id: i, username: `user${i}`, name: `User ${i}`, team: `team${i % size.teams}` });
  }
  const todos: TodoRow[] = [];
  for (let j = 1; j <= size.todos; j++) {
    const words = [WORDS[next() % WORDS.length], WORDS[next() % WORDS.length], WORDS[next() % WORDS.length]];
    // Round-robin owners: every user has todos/users of them, spread over the whole id range.
    todos.push({ id: size.users + j, title: `${words.join(' ')} #${j}`, done: next() % 3 === 0, ownerId: ((j - 1) % size.users) + 1 });
  }
  return { users, todos };
}

export function hexUid(id: number): string {
  return `0x${id.toString(16)}`;
}

/** The data set in Dgraph's JSON mutation format, for POST /admin/import. */
export function dgraphJson(data: DataSet): unknown[] {
  const todosOf = new Map<number, { uid: string }[]>();
  for (const t of data.todos) {
    const list = todosOf.get(t.ownerId) ?? [];
    list.push({ uid: hexUid(t.id) });
    todosOf.set(t.ownerId, list);
  }
  return [
    ...data.users.map((u) => ({
      uid: hexUid(u.id),
      'dgraph.type': 'User',
      'User.username': u.username,
      'User.name': u.name,
      'User.team': u.team,
      'User.todos': todosOf.get(u.id) ?? [],
    })),
    ...data.todos.map((t) => ({
      uid: hexUid(t.id),
      'dgraph.type': 'Todo',
      'Todo.title': t.title,
      'Todo.done': t.done,
      'Todo.owner': { uid: hexUid(t.ownerId) },
    })),
  ];
}
