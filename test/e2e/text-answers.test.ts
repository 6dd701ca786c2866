/**
 * Answers written from the database's JSON text (engine/text-answer.ts)
 * are byte for byte graphql-js's: every query of a large generated corpus
 * is sent twice, on PGlite and on PostgreSQL — once with the admin's
 * `X-Authline-Text-Answers: 0` (graphql-js answers; the reads are compiled
 * and cached), once as a client (answered as text where the engine can) —
 * and the two statuses, media types and bodies must be equal.
 *
 * The corpus: for every read root field of Dgraph's e2e auth schema
 * (queryT, getT, aggregateT), each as one of several users sees it, selections
 * generated from the API itself (every stored field, a level of edges,
 * aliases, `__typename`, fragments, paging, order); and a small schema of
 * its own whose data holds the values SQL cannot write as graphql-js does
 * (a Float JavaScript writes with an exponent, 17 digits, an Int64 past
 * 2^53, DateTimes with fractions and offsets, missing non-null values,
 * values stored under a type the field no longer has), whose answers must
 * fall back and still be equal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, getNullableType, isEnumType, isInterfaceType, isListType,
  isNonNullType, isObjectType, isScalarType, isUnionType,
  type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';
import { conformanceData } from '../support/conformance.js';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Backend, type Served } from '../support/served.js';
import { conformanceSchema } from './support/fixture.js';
import { describeConformance } from '../support/conformance.js';
import { createSigner, HEADER, type Signer } from './support/tokens.js';

after(() => stopOwnCluster());

const ADMIN_TOKEN = 'text-answers-admin-token';

/** A running server, and how many operations it answered each way. */
interface Subject {
  readonly served: Served;
  readonly answered: { text: number; 'graphql-js': number };
}

async function start(backend: Backend, sdl: string, data: unknown): Promise<Subject> {
  const answered = { text: 0, 'graphql-js': 0 };
  const served = await serve({ backend, sdl, data, adminToken: ADMIN_TOKEN, observer: { operationAnswered: (by) => answered[by]++ } });
  return { served, answered };
}

async function raw(url: string, query: string, headers: Record<string, string>, variables?: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return `${res.status} ${res.headers.get('content-type')}\n${await res.text()}`;
}

/**
 * Sends `query` twice, asserting the same bytes: with the admin's
 * `X-Authline-Text-Answers: 0` (graphql-js answers, and the plan cache
 * keeps the compiled reads), then as a client (answered from the cache, as
 * text where the engine can).
 */
async function assertSameAnswers(subject: Subject, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<string> {
  const url = subject.served.url;
  const general = await raw(url, query, { ...headers, 'X-Authline-Admin-Token': ADMIN_TOKEN, 'X-Authline-Text-Answers': '0' }, variables);
  const cached = await raw(url, query, headers, variables);
  assert.equal(cached, general, `${query}\n  as ${JSON.stringify(headers)}`);
  return general;
}

// --- queries generated from the API ------------------------------------------------------------

/** A value for a required argument: any will do, the answer just has to be the same both ways. */
function argumentValue(type: GraphQLNamedType): string | undefined {
  if (isScalarType(type)) return type.name === 'Int' || type.name === 'Int64' || type.name === 'Float' ? '1' : type.name === 'Boolean' ? 'true' : '"0x2"';
  if (isEnumType(type)) return type.getValues()[0]?.name;
  return undefined;
}

function requiredArguments(field: GraphQLField<unknown, unknown>): string | undefined {
  const given: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    const value = argumentValue(getNamedType(arg.type));
    if (value === undefined) return undefined;
    given.push(`${arg.name}: ${value}`);
  }
  return given.length > 0 ? `(${given.join(', ')})` : '';
}

function leaves(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))) && requiredArguments(f) === '')
    .map((f) => f.name);
}

/** Selections on `type`, in several shapes: leaves; leaves and one level of edges; aliases, `__typename` and a fragment. */
function selections(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  if (isInterfaceType(type) || isUnionType(type)) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    const own = isInterfaceType(type) ? leaves(type as unknown as GraphQLObjectType) : [];
    const fragments = members.map((m) => `... on ${m.name} { ${leaves(m).join(' ')} }`).join(' ');
    return [`{ __typename ${own.join(' ')} }`, `{ ${own.join(' ')} ${fragments} }`];
  }
  if (!isObjectType(type)) return [];
  const flat = leaves(type);
  const edges = Object.values(type.getFields()).flatMap((f) => {
    const target = getNamedType(f.type);
    const args = requiredArguments(f);
    if (args !== '' || !isObjectType(target)) return [];
    const paging = isListType(getNullableType(f.type)) && f.args.some((a) => a.name === 'first') ? '(first: 2)' : '';
    const inner = leaves(target);
    return inner.length > 0 ? [`${f.name}${paging} { ${inner.join(' ')} }`] : [];
  });
  const shapes = [`{ ${flat.join(' ')} }`];
  if (edges.length > 0) shapes.push(`{ ${flat.join(' ')} ${edges.join(' ')} }`);
  if (flat.length > 0) {
    const [head, ...rest] = flat;
    shapes.push(`{ first: ${head} __typename ... on ${type.name} { ${rest.join(' ')} } ...${type.name}Parts }`);
  }
  return shapes;
}

/** Every read root field's queries, with a fragment definition where a shape spreads one. */
function generatedQueries(schema: GraphQLSchema): string[] {
  const queries: string[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const args = requiredArguments(field);
    if (args === undefined) continue;
    const type = getNamedType(field.type);
    const list = isListType(getNullableType(field.type));
    const variants = list
      ? ['', field.args.some((a) => a.name === 'first') ? '(first: 2, offset: 1)' : '']
      : [args];
    if (field.name.startsWith('aggregate') && isObjectType(type)) {
      queries.push(`query { ${field.name} { ${leaves(type).join(' ')} } }`);
      continue;
    }
    for (const selection of selections(schema, type)) {
      const spread = selection.includes(`...${type.name}Parts`);
      const fragment = spread && isObjectType(type) ? ` fragment ${type.name}Parts on ${type.name} { ${leaves(type).slice(-1).join(' ')} }` : '';
      for (const variant of new Set(variants)) {
        const withArgs = list ? variant : args;
        queries.push(`query { ${field.name}${withArgs} ${selection} }${fragment}`);
      }
    }
  }
  return queries.filter((q) => !q.includes('{  }'));
}

async function apiSchema(url: string): Promise<GraphQLSchema> {
  const answer = JSON.parse((await raw(url, getIntrospectionQuery(), {})).replace(/^.*\n/, '')) as { data: IntrospectionQuery };
  return buildClientSchema(answer.data);
}

/** Users of the fixture, as Dgraph's e2e tests send them. */
const CLAIMS: readonly (Record<string, unknown> | undefined)[] = [
  undefined,
  { USER: 'user1', ROLE: 'USER', ANS: true },
  { USER: 'user2', ROLE: 'ADMIN', ANS: false },
];

describeConformance('Dgraph\'s e2e auth fixture: text answers are graphql-js\'s, byte for byte', () => {
  for (const backend of BACKENDS) {
    describe(backend, () => {
      let signer: Signer;
      let subject: Subject;
      before(async () => {
        signer = await createSigner('HS256');
        subject = await start(backend, conformanceSchema(signer, false), conformanceData());
      });
      after(() => subject?.served.close());

      test('every generated query, as each user', async () => {
        const queries = generatedQueries(await apiSchema(subject.served.url));
        assert.ok(queries.length > 100, `only ${queries.length} queries generated`);
        const tokens = await Promise.all(CLAIMS.map(async (claims): Promise<Record<string, string>> => (claims ? { [HEADER]: await signer.token(claims) } : {})));
        // Each query as one of the users in turn: every user meets every kind of root field.
        for (const [i, query] of queries.entries()) await assertSameAnswers(subject, query, tokens[i % tokens.length]);
        // A third of the corpus is plain reads of object types: those are answered as text, not all falling back.
        const { text, 'graphql-js': general } = subject.answered;
        assert.ok(text > queries.length / 4, `only ${text} text answers (${general} by graphql-js) for ${queries.length} queries`);
      });
    });
  }
});

// --- values SQL cannot write as graphql-js does --------------------------------------------------

const EDGE_SDL = `
enum Mood { HAPPY SAD }
type Thing {
  id: ID!
  name: String! @id
  count: Int
  big: Int64
  ratio: Float
  when: DateTime
  flag: Boolean
  mood: Mood
  tags: [String]
  scores: [Int]
  label: String!
  parts: [Part] @hasInverse(field: thing)
  main: Part
}
type Part {
  id: ID!
  title: String
  thing: Thing!
}
`;

/** The same types, with values now read as other scalars than they were stored as. */
const CHANGED_SDL = EDGE_SDL.replace('count: Int', 'count: String').replace('flag: Boolean', 'flag: Int').replace('mood: Mood', 'mood: String').replace('label: String!', 'label: Float');

const THINGS = [
  { name: 'plain', count: 3, big: 42, ratio: 3.5, when: '2020-05-17T10:30:00Z', flag: true, mood: 'HAPPY', tags: ['a', 'b "quoted"'], scores: [1, 2], label: 'x' },
  { name: 'fraction', ratio: 0.000001, when: '2020-05-17T10:30:00.123456Z', label: 'tab\there\nnewline \\ slash / é 😀' },
  { name: 'offset', ratio: -1234.5, when: '2021-02-28T23:59:59.5+05:30', label: 'y', big: -9007199254740991 },
  { name: 'exponent', ratio: 1.5e-7, label: 'z' },
  { name: 'huge', ratio: 1e21, big: '1152921504606846976', label: 'w' },
  { name: 'digits', ratio: 0.1 + 0.2, count: -2147483648, label: 'v' },
  { name: 'integral', ratio: 100, when: '1999', label: 'u' },
  { name: 'nolabel', count: 1 },
];

const EDGE_QUERIES = [
  '{ queryThing(order: {asc: name}) { name count big ratio when flag mood tags label } }',
  '{ queryThing(order: {asc: name}) { id name scores } }',
  '{ queryThing(order: {asc: name}) { name parts { title thing { name } } main { title } } }',
  '{ queryPart(order: {asc: title}) { title thing { name label } } }',
  '{ queryPart(order: {asc: title}) { title thing { name } } }',
  '{ getThing(name: "plain") { name when ratio } a: getThing(name: "fraction") { when label } b: getThing(name: "none") { name } }',
  '{ queryThing(filter: {name: {eq: "nolabel"}}) { name label } }',
  '{ queryThing(filter: {name: {in: ["plain", "offset"]}}, order: {desc: name}) { n: name w: when r: ratio } }',
  '{ queryThing(first: 2, offset: 1, order: {asc: name}) @cascade { name count } }',
  '{ queryThing(order: {asc: name}) { name partsAggregate { count } } }',
  '{ aggregateThing { count } }',
];

describe('values SQL cannot write as graphql-js does: answered the general way, the same bytes', () => {
  for (const backend of BACKENDS) {
    test(backend, async () => {
      const data = [
        ...THINGS.map((t, i) => ({ uid: `_:t${i}`, 'dgraph.type': 'Thing', ...Object.fromEntries(Object.entries(t).map(([k, v]) => [`Thing.${k}`, v])) })),
        { uid: '_:p1', 'dgraph.type': 'Part', 'Part.title': 'p1', 'Part.thing': { uid: '_:t0' } },
        { uid: '_:p2', 'dgraph.type': 'Part', 'Part.title': 'p2' },
      ];
      const subject = await start(backend, EDGE_SDL, data);
      try {
        for (const query of EDGE_QUERIES) await assertSameAnswers(subject, query);
        assert.ok(subject.answered.text >= 4, `only ${subject.answered.text} of the edge queries answered as text`);
        // Exact values are answered as text; a list of Int never is.
        const before = subject.answered.text;
        const plain = await assertSameAnswers(subject, '{ getThing(name: "plain") { name count big ratio when flag mood tags scores label } }');
        assert.match(plain, /"when":"2020-05-17T10:30:00Z"/);
        const offset = await assertSameAnswers(subject, '{ getThing(name: "offset") { when big } }');
        assert.match(offset, /"when":"2021-02-28T23:59:59\+05:30","big":-9007199254740991/);
        assert.equal(subject.answered.text, before + 1, 'the second is answered as text, the first (a list of Int) by graphql-js');
        const uploaded = await subject.served.admin('/admin/schema', CHANGED_SDL);
        assert.equal(uploaded.status, 200);
        for (const query of EDGE_QUERIES.slice(0, 2)) await assertSameAnswers(subject, query);
      } finally {
        await subject.served.close();
      }
    });
  }
});

