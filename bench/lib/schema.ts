/**
 * The SDL authline serves in each phase of the bench. The types and their
 * @search indexes are the same in all three, so a schema swap keeps the data
 * and needs no new index; only the auth line and the @auth rules change.
 *
 * Rules (the yoga peer enforces the same ones by hand, bench/servers/yoga.ts):
 * - a Todo is visible to an ADMIN, or to its owner ($USER);
 * - a User is visible to an ADMIN, or to members of the same team ($TEAM);
 * - a Todo may be added only for oneself (its owner is $USER).
 */
import { secret } from '../../fixtures/index.js';

export const HEADER = 'X-Auth';
export const NAMESPACE = 'https://bench.authline.dev/claims';
export const AUDIENCE = 'authline-bench';
export const HS256_SECRET = secret('HS256');

export type Variant = 'noauth' | 'hs256' | 'jwks';

const TYPES = (todoAuth: string, userAuth: string) => `
type User${userAuth} {
  username: String! @id
  name: String!
  team: String! @search(by: [hash])
  todos: [Todo] @hasInverse(field: owner)
}

type Todo${todoAuth} {
  id: ID!
  title: String! @search(by: [term])
  done: Boolean! @search
  owner: User!
}
`;

const ADMIN = String.raw`{ rule: "{$ROLE: {eq: \"ADMIN\"}}" }`;
const OWNER = 'query($USER: String!) { queryTodo { owner(filter: { username: { eq: $USER } }) { __typename } } }';
const TEAM = 'query($TEAM: String!) { queryUser(filter: { team: { eq: $TEAM } }) { __typename } }';

const TODO_AUTH = ` @auth(
  query: { or: [
    ${ADMIN},
    { rule: """${OWNER}""" }
  ] },
  add: { rule: """${OWNER}""" }
)`;
const USER_AUTH = ` @auth(
  query: { or: [
    ${ADMIN},
    { rule: """${TEAM}""" }
  ] }
)`;

export function authlineSdl(variant: Variant, jwksUrl?: string): string {
  if (variant === 'noauth') return TYPES('', '');
  const key =
    variant === 'hs256'
      ? { Algo: 'HS256', VerificationKey: HS256_SECRET }
      : { JWKUrl: required(jwksUrl) };
  const line = { Header: HEADER, Namespace: NAMESPACE, Audience: [AUDIENCE], ...key };
  return `${TYPES(TODO_AUTH, USER_AUTH)}\n# Dgraph.Authorization ${JSON.stringify(line)}\n`;
}

function required(url: string | undefined): string {
  if (!url) throw new Error('the jwks variant needs the JWKS URL');
  return url;
}
