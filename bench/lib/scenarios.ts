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

export async function scenarios(size: DataSize): Promise<{ timed: Scenario[]; forbidden: Forbidden[] }> {
  const user = Math.min(42, size.users);
  const adder = Math.min(7, size.users - 1);
  const team = (n: number) => `team${n % size.teams}`;
  const member = { USER: `user${user}`, TEAM: team(user), ROLE: 'USER' };
  const admin = await hs256({ ROLE: 'ADMIN' });
  const owner = await rs256(member);
  const writer = await rs256({ USER: `user${adder}`, TEAM: team(adder), ROLE: 'USER' });
  const addFor = (n: number) =>
    `mutation { addTodo(input: [{ title: "bench todo", done: false, owner: { username: "user${n}" } }]) { numUids todo { title done owner { username } } } }`;

  const timed: Scenario[] = [
    { name: 'list-noauth', title: '1. list, auth disabled', variant: 'noauth', request: graphql(LIST), field: 'queryTodo' },
    { name: 'list-hs256-rbac', title: '2. list, HS256 + RBAC', variant: 'hs256', request: graphql(LIST, admin), field: 'queryTodo' },
    { name: 'list-rs256-jwks-owner', title: '3. list, RS256/JWKS + owner', variant: 'jwks', request: graphql(LIST, owner), field: 'queryTodo' },
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

/** The items an answer shows under `field`: the list itself, or a payload's `todo` list. */
export function itemsOf(answer: Answer, field: string): unknown[] {
  const value = answer.json.data?.[field];
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { todo?: unknown }).todo)) return (value as { todo: unknown[] }).todo;
  return [];
}
