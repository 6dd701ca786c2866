/**
 * What is measured: five requests, each sent to authline and to the yoga
 * peer in the phase (auth line) it belongs to, and the forbidden cases both
 * must refuse. The users named are picked from the data set's size, so the
 * tiny set of the test asks the same questions as the full one.
 */
import type { DataSize } from './data.js';
import { graphql, type Answer, type Request } from './http.js';
import type { Variant } from './schema.js';
import { hs256, rs256 } from './tokens.js';

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly variant: Variant;
  readonly request: Request;
  /** The root field whose list must not be empty: an empty answer on both sides would prove nothing. */
  readonly field: string;
}

export interface Forbidden {
  readonly name: string;
  readonly variant: Variant;
  readonly request: Request;
  readonly field: string;
}

const LIST = '{ queryTodo(first: 20) { id title done } }';

const team = (size: DataSize, n: number) => `team${n % size.teams}`;
/** A USER's token under the JWKS line (RS256). */
const userToken = (size: DataSize, n: number) => rs256({ USER: `user${n}`, TEAM: team(size, n), ROLE: 'USER' });
const addFor = (n: number) =>
  `mutation { addTodo(input: [{ title: "bench todo", done: false, owner: { username: "user${n}" } }]) { numUids todo { title done owner { username } } } }`;

export async function scenarios(size: DataSize): Promise<{ timed: Scenario[]; forbidden: Forbidden[] }> {
  const adder = Math.min(7, size.users - 1);
  const admin = await hs256({ ROLE: 'ADMIN' });
  const owner = await userToken(size, ownerOfList(size));
  const writer = await userToken(size, adder);

  const timed: Scenario[] = [
    { name: 'list-noauth', title: '1. list, auth disabled', variant: 'noauth', request: graphql(LIST), field: 'queryTodo' },
    { name: 'list-hs256-rbac', title: '2. list, HS256 + RBAC', variant: 'hs256', request: graphql(LIST, admin), field: 'queryTodo' },
    await ownerList(size),
    {
      name: 'nested-two-levels',
      title: '4. nested, rules on 2 levels',
      variant: 'jwks',
      request: graphql('{ queryUser(first: 10) { username name todos(first: 5) { id title done } } }', owner),
      field: 'queryUser',
    },
    { name: 'add-mutation', title: '5. add under an add rule', variant: 'jwks', request: graphql(addFor(adder), writer), field: 'addTodo' },
  ];

  const guest = await hs256({ ROLE: 'GUEST' });
  const jwksAdmin = await rs256({ ROLE: 'ADMIN' });
  // Checked in this order, each phase before its timed requests: the last
  // one proves the refused add wrote nothing (no todo after the data set's).
  const forbidden: Forbidden[] = [
    { name: 'list, HS256 token with the wrong role', variant: 'hs256', request: graphql(LIST, guest), field: 'queryTodo' },
    { name: 'list, no token', variant: 'jwks', request: graphql(LIST), field: 'queryTodo' },
    { name: 'add a todo for someone else', variant: 'jwks', request: graphql(addFor(adder + 1), writer), field: 'addTodo' },
    {
      name: 'the refused add wrote nothing (admin lists past the data set)',
      variant: 'jwks',
      request: graphql(`{ queryTodo(offset: ${size.todos}) { title } }`, jwksAdmin),
      field: 'queryTodo',
    },
  ];
  return { timed, forbidden };
}

/** Scenario 3: the todos a USER may see, theirs (the series of sizes asks the same question of smaller data sets). */
export async function ownerList(size: DataSize): Promise<Scenario> {
  const user = ownerOfList(size);
  return { name: 'list-rs256-jwks-owner', title: '3. list, RS256/JWKS + owner', variant: 'jwks', request: graphql(LIST, await userToken(size, user)), field: 'queryTodo' };
}

/** The user whose todos scenario 3 lists. */
export const ownerOfList = (size: DataSize) => Math.min(42, size.users);

/** Scenario 5 for two owners who add nothing else: one with the data set's todos, one given many more first. */
export interface OwnerGrowth {
  /** Adds for an owner with the data set's todos (todos ÷ users of them). */
  readonly small: Scenario;
  /** The same for an owner given `bigOwnerTodos` more first, by `load`. */
  readonly big: Scenario;
  /** addTodo mutations, run once before `big` is timed, that give its owner `bigOwnerTodos` more todos; each answers its numUids. */
  readonly load: readonly { readonly request: Request; readonly count: number }[];
}

const LOAD_BATCH = 500;

export async function ownerGrowth(size: DataSize, bigOwnerTodos: number): Promise<OwnerGrowth> {
  // Owners no other scenario or check writes for (7 adds, 8 is refused, 42 lists).
  const smallOwner = Math.min(9, size.users);
  const bigOwner = Math.min(10, size.users);
  const add = async (n: number, name: string, title: string): Promise<Scenario> => ({
    name,
    title,
    variant: 'jwks',
    request: graphql(addFor(n), await userToken(size, n)),
    field: 'addTodo',
  });
  const bigToken = await userToken(size, bigOwner);
  const load = [];
  for (let done = 0; done < bigOwnerTodos; done += LOAD_BATCH) {
    const count = Math.min(LOAD_BATCH, bigOwnerTodos - done);
    const input = Array.from({ length: count }, (_, i) => ({ title: `loaded todo ${done + i}`, done: i % 2 === 0, owner: { username: `user${bigOwner}` } }));
    load.push({ request: graphql('mutation($input: [AddTodoInput!]!) { addTodo(input: $input) { numUids } }', bigToken, { input }), count });
  }
  const perOwner = Math.round(size.todos / size.users);
  return {
    small: await add(smallOwner, 'add-small-owner', `5a. add, owner of ${perOwner} todos`),
    big: await add(bigOwner, 'add-big-owner', `5b. add, owner of ${perOwner + bigOwnerTodos} todos`),
    load,
  };
}

/** The items an answer shows under `field`: the list itself, or a payload's `todo` list. */
export function itemsOf(answer: Answer, field: string): unknown[] {
  const value = answer.json.data?.[field];
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { todo?: unknown }).todo)) return (value as { todo: unknown[] }).todo;
  return [];
}
