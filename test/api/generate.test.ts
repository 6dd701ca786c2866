/**
 * The generated API has Dgraph's names and shapes (graphql/schema/gqlschema.go
 * rules), checked on schemas exercising each rule, and on Dgraph's e2e auth
 * schema, whose every graph-traversal rule must validate against it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, lexicographicSortSchema, parse, printSchema, specifiedRules, validate, validateSchema } from 'graphql';
import { dgraphValidationRules, generateApi } from '../../src/api/index.js';
import { SchemaRejectedError, parseSdl } from '../../src/sdl/index.js';
import { buildModel } from '../../src/model/index.js';
import { apiOf, authRules, fieldsOf, has, valuesOf } from './helpers.js';
import { CONFORMANCE_SKIP, conformanceSchema } from '../support/conformance.js';

const BLOG = `
  enum Status { DRAFT PUBLISHED }
  type Post {
    postID: ID!
    title: String! @search(by: [term])
    body: String @search(by: [trigram, hash, fulltext])
    slug: String! @id
    tags: [String] @search(by: [exact])
    likes: Int @search
    views: Int64
    score: Float @search
    published: Boolean @search
    at: DateTime @search(by: [hour])
    status: Status @search(by: [regexp, exact])
    flags: [Status]
    author: Author
    comments: [Comment]
  }
  type Author { id: ID! name: String! @search(by: [hash]) posts: [Post] @hasInverse(field: author) }
  type Comment { text: String! }
`;

test('filters: one entry per index, merged inputs named in index order, enum filters, connectives', () => {
  const { schema } = apiOf(BLOG);
  assert.deepEqual(fieldsOf(schema, 'PostFilter'), {
    postID: '[ID!]',
    title: 'StringTermFilter',
    body: 'StringFullTextFilter_StringHashFilter_StringRegExpFilter',
    slug: 'StringHashFilter',
    tags: 'StringExactFilter',
    likes: 'IntFilter',
    score: 'FloatFilter',
    published: 'Boolean',
    at: 'DateTimeFilter',
    status: 'Status_exact_StringRegExpFilter',
    has: '[PostHasFilter]',
    and: '[PostFilter]',
    or: '[PostFilter]',
    not: 'PostFilter',
  });
  assert.deepEqual(fieldsOf(schema, 'StringFullTextFilter_StringHashFilter_StringRegExpFilter'), {
    alloftext: 'String',
    anyoftext: 'String',
    eq: 'String',
    in: '[String]',
    regexp: 'String',
  });
  // Dgraph swaps every String for the enum, `between` included.
  assert.deepEqual(fieldsOf(schema, 'Status_exact_StringRegExpFilter'), {
    eq: 'Status',
    in: '[Status]',
    le: 'Status',
    lt: 'Status',
    ge: 'Status',
    gt: 'Status',
    between: 'Status',
    regexp: 'String',
  });
  assert.deepEqual(fieldsOf(schema, 'IntFilter'), {
    eq: 'Int',
    in: '[Int]',
    le: 'Int',
    lt: 'Int',
    ge: 'Int',
    gt: 'Int',
    between: 'IntRange',
  });
  assert.deepEqual(valuesOf(schema, 'PostHasFilter'), [
    'title', 'body', 'slug', 'tags', 'likes', 'views', 'score', 'published', 'at', 'status', 'flags', 'author', 'comments',
  ]);
  // No ID, nothing searchable: only has and the connectives.
  assert.deepEqual(fieldsOf(schema, 'CommentFilter'), { has: '[CommentHasFilter]', and: '[CommentFilter]', or: '[CommentFilter]', not: 'CommentFilter' });
});

test('order, aggregates and nested field arguments', () => {
  const { schema } = apiOf(BLOG);
  assert.deepEqual(valuesOf(schema, 'PostOrderable'), ['title', 'body', 'slug', 'likes', 'views', 'score', 'at']);
  assert.deepEqual(fieldsOf(schema, 'PostOrder'), { asc: 'PostOrderable', desc: 'PostOrderable', then: 'PostOrder' });
  assert.deepEqual(fieldsOf(schema, 'PostAggregateResult'), {
    count: 'Int',
    titleMin: 'String',
    titleMax: 'String',
    bodyMin: 'String',
    bodyMax: 'String',
    slugMin: 'String',
    slugMax: 'String',
    likesMin: 'Int',
    likesMax: 'Int',
    likesSum: 'Int',
    likesAvg: 'Float',
    viewsMin: 'Int64',
    viewsMax: 'Int64',
    viewsSum: 'Int64',
    viewsAvg: 'Float',
    scoreMin: 'Float',
    scoreMax: 'Float',
    scoreSum: 'Float',
    scoreAvg: 'Float',
    atMin: 'DateTime',
    atMax: 'DateTime',
  });
  const post = fieldsOf(schema, 'Post');
  assert.equal(post.author, '(filter: AuthorFilter) Author');
  assert.equal(post.comments, '(filter: CommentFilter, order: CommentOrder, first: Int, offset: Int) [Comment]');
  assert.equal(post.commentsAggregate, '(filter: CommentFilter) CommentAggregateResult');
  assert.equal(post.flags, '[Status]');
  assert.equal(post.title, 'String!');
  assert.equal(fieldsOf(schema, 'Author').postsAggregate, '(filter: PostFilter) PostAggregateResult');
});

test('queries, mutations and payloads', () => {
  const { schema } = apiOf(BLOG);
  const query = fieldsOf(schema, 'Query');
  assert.equal(query.getPost, '(postID: ID, slug: String) Post');
  assert.equal(query.queryPost, '(filter: PostFilter, order: PostOrder, first: Int, offset: Int) [Post]');
  assert.equal(query.aggregatePost, '(filter: PostFilter) PostAggregateResult');
  assert.equal(query.getAuthor, '(id: ID!) Author');
  assert.equal(query.getComment, undefined, 'a type without ID or @id has no get');
  assert.equal(query.queryComment, '(filter: CommentFilter, order: CommentOrder, first: Int, offset: Int) [Comment]');
  const mutation = fieldsOf(schema, 'Mutation');
  assert.equal(mutation.addPost, '(input: [AddPostInput!]!, upsert: Boolean) AddPostPayload');
  assert.equal(mutation.addAuthor, '(input: [AddAuthorInput!]!) AddAuthorPayload');
  assert.equal(mutation.updatePost, '(input: UpdatePostInput!) UpdatePostPayload');
  assert.equal(mutation.deletePost, '(filter: PostFilter!) DeletePostPayload');
  assert.deepEqual(fieldsOf(schema, 'AddPostPayload'), {
    post: '(filter: PostFilter, order: PostOrder, first: Int, offset: Int) [Post]',
    numUids: 'Int',
  });
  assert.deepEqual(fieldsOf(schema, 'DeletePostPayload'), {
    post: '(filter: PostFilter, order: PostOrder, first: Int, offset: Int) [Post]',
    msg: 'String',
    numUids: 'Int',
  });
  assert.deepEqual(fieldsOf(schema, 'UpdatePostInput'), { filter: 'PostFilter!', set: 'PostPatch', remove: 'PostPatch' });
});

test('mutation inputs: AddTInput keeps non-null, TPatch none, TRef references by id or creates', () => {
  const { schema } = apiOf(BLOG);
  assert.deepEqual(fieldsOf(schema, 'AddPostInput'), {
    title: 'String!',
    body: 'String',
    slug: 'String!',
    tags: '[String]',
    likes: 'Int',
    views: 'Int64',
    score: 'Float',
    published: 'Boolean',
    at: 'DateTime',
    status: 'Status',
    flags: '[Status]',
    author: 'AuthorRef',
    comments: '[CommentRef]',
  });
  assert.ok(Object.values(fieldsOf(schema, 'PostPatch')).every((t) => !t.endsWith('!')));
  assert.equal(fieldsOf(schema, 'PostPatch').slug, 'String');
  assert.deepEqual(fieldsOf(schema, 'AuthorRef'), { id: 'ID', name: 'String', posts: '[PostRef]' });
  // A lone field that cannot identify a node stays optional.
  assert.deepEqual(fieldsOf(schema, 'CommentRef'), { text: 'String' });
});

const CAST = `
  interface Character { id: ID! name: String! @search(by: [exact]) friends: [Character] }
  type Human implements Character { credits: Int }
  type Droid implements Character { function: String }
  interface Tagged { label: String! @id tag: String }
  interface Keyed { key: String! @id(interface: true) }
  type Note implements Tagged & Keyed { body: String }
  union Resident = Human | Droid
  type Planet { id: ID! residents: [Resident!] best: Resident }
`;

test('interfaces: no add, references by ID or first @id, fields inherited with their arguments', () => {
  const { schema } = apiOf(CAST);
  const query = fieldsOf(schema, 'Query');
  const mutation = fieldsOf(schema, 'Mutation');
  assert.equal(query.getCharacter, '(id: ID!) Character');
  assert.equal(query.queryCharacter, '(filter: CharacterFilter, order: CharacterOrder, first: Int, offset: Int) [Character]');
  assert.equal(mutation.addCharacter, undefined);
  assert.equal(mutation.updateCharacter, '(input: UpdateCharacterInput!) UpdateCharacterPayload');
  assert.equal(mutation.deleteCharacter, '(filter: CharacterFilter!) DeleteCharacterPayload');
  assert.deepEqual(fieldsOf(schema, 'CharacterRef'), { id: 'ID!' });
  assert.deepEqual(fieldsOf(schema, 'TaggedRef'), { label: 'String!' });
  assert.deepEqual(fieldsOf(schema, 'Human'), {
    id: 'ID!',
    name: 'String!',
    friends: '(filter: CharacterFilter, order: CharacterOrder, first: Int, offset: Int) [Character]',
    credits: 'Int',
    friendsAggregate: '(filter: CharacterFilter) CharacterAggregateResult',
  });
  assert.deepEqual(fieldsOf(schema, 'AddHumanInput'), { name: 'String!', friends: '[CharacterRef]', credits: 'Int' });
  // Dgraph deprecates @id arguments of an interface's get unless @id(interface: true).
  const getTagged = schema.getQueryType()?.getFields().getTagged;
  assert.match(getTagged?.deprecationReason ?? '', /^@id argument for get query on interface is being deprecated/);
  assert.equal(schema.getQueryType()?.getFields().getKeyed.deprecationReason, undefined);
  // Fields of the last interface come first, as in Dgraph.
  assert.equal(query.getNote, '(key: String, label: String) Note');
});

test('unions: member filter, member type enum, references; union fields take filter and paging, no order or aggregate', () => {
  const { schema } = apiOf(CAST);
  assert.deepEqual(fieldsOf(schema, 'ResidentFilter'), { memberTypes: '[ResidentType!]', humanFilter: 'HumanFilter', droidFilter: 'DroidFilter' });
  assert.deepEqual(valuesOf(schema, 'ResidentType'), ['Human', 'Droid']);
  assert.deepEqual(fieldsOf(schema, 'ResidentRef'), { humanRef: 'HumanRef', droidRef: 'DroidRef' });
  assert.deepEqual(fieldsOf(schema, 'Planet'), {
    id: 'ID!',
    residents: '(filter: ResidentFilter, first: Int, offset: Int) [Resident!]',
    best: '(filter: ResidentFilter) Resident',
  });
  assert.deepEqual(fieldsOf(schema, 'AddPlanetInput'), { residents: '[ResidentRef!]', best: 'ResidentRef' });
  assert.deepEqual(valuesOf(schema, 'Resident'), ['Human', 'Droid']);
});

test('@secret, @generate, @default, reverse edges and Dgraph\'s clean-up of empty inputs', () => {
  const { schema } = apiOf(`
    type User @secret(field: "pwd") { name: String! @id age: Int }
    type Booking @generate(query: {aggregate: false}, mutation: {delete: false}) { id: ID! made: DateTime! @default(add: {value: "$now"}) note: String }
    type Y { xs: [X] @dgraph(pred: "~f") }
    type X { id: ID! f: [Y] @dgraph(pred: "f") }
  `);
  const query = fieldsOf(schema, 'Query');
  const mutation = fieldsOf(schema, 'Mutation');
  assert.equal(query.checkUserPassword, '(name: String!, pwd: String!) User');
  assert.equal(query.getUser, '(name: String!) User');
  assert.deepEqual(fieldsOf(schema, 'AddUserInput'), { name: 'String!', age: 'Int', pwd: 'String!' });
  assert.deepEqual(fieldsOf(schema, 'UserPatch'), { name: 'String', age: 'Int', pwd: 'String' });
  assert.equal(fieldsOf(schema, 'User').pwd, undefined, 'the password is never readable');

  assert.equal(query.aggregateBooking, undefined);
  assert.equal(mutation.deleteBooking, undefined);
  assert.equal(has(schema, 'DeleteBookingPayload'), false);
  assert.deepEqual(fieldsOf(schema, 'AddBookingInput'), { made: 'DateTime', note: 'String' });

  // Y only reads a reverse edge: nothing to add or set, so no add/update for X or Y.
  assert.deepEqual(Object.keys(mutation).filter((m) => /[XY]$/.test(m)), ['deleteY', 'deleteX']);
  assert.deepEqual(fieldsOf(schema, 'XRef'), { id: 'ID' });
  assert.deepEqual(fieldsOf(schema, 'YFilter'), { not: 'YFilter' });
  assert.equal(query.queryY, '(filter: YFilter, first: Int, offset: Int) [Y]');
  assert.equal(has(schema, 'AddXInput'), false);
  assert.equal(has(schema, 'UpdateXInput'), false);
});

test('subscriptions: @withSubscription or @generate(subscription: true) adds get, query and aggregate, printed last as Dgraph prints them', () => {
  // Dgraph's schemagen cases hasInverse_withSubscription and generate-directive.
  const inverse = apiOf(`
    type Post { id: ID! author: Author! @hasInverse(field: "posts") }
    type Author @withSubscription { id: ID! posts: [Post!]! @hasInverse(field: "author") }
  `);
  assert.ok(inverse.sdl.endsWith(`#######################
# Generated Subscriptions
#######################

type Subscription {
\tgetAuthor(id: ID!): Author
\tqueryAuthor(filter: AuthorFilter, first: Int, offset: Int): [Author]
\taggregateAuthor(filter: AuthorFilter): AuthorAggregateResult
}
`));
  assert.match(inverse.sdl, /\n}\n\n#######################\n# Generated Subscriptions\n/);
  assert.equal(inverse.schema.getSubscriptionType()?.name, 'Subscription');

  const { schema } = apiOf(`
    interface Character @secret(field: "password") @generate(query: { get: false, password: false }, subscription: false) {
      id: ID!
      name: String! @search(by: [exact])
      friends: [Character]
    }
    type Human implements Character @generate(query: { aggregate: true }, subscription: true) { totalCredits: Int }
    type Person @withSubscription @generate(query: { get: false, query: true, password: true, aggregate: false }, mutation: { add: false, delete: false }, subscription: false) {
      id: ID!
      name: String!
    }
  `);
  // No password check, and @generate's query flags apply; @withSubscription wins over subscription: false.
  assert.deepEqual(fieldsOf(schema, 'Subscription'), {
    getHuman: '(id: ID!) Human',
    queryHuman: '(filter: HumanFilter, order: HumanOrder, first: Int, offset: Int) [Human]',
    aggregateHuman: '(filter: HumanFilter) HumanAggregateResult',
    queryPerson: '(filter: PersonFilter, order: PersonOrder, first: Int, offset: Int) [Person]',
  });

  const without = apiOf('type Note { id: ID! text: String }');
  assert.equal(without.schema.getSubscriptionType(), undefined);
  assert.doesNotMatch(without.sdl, /type Subscription/);
});

test('Apollo federation: an extended type is added with its external key', () => {
  const { schema } = apiOf(`
    type Astronaut @key(fields: "id") @extends { id: ID! @external name: String @external missions: [Mission] }
    type Mission @key(fields: "id") { id: String! @id crew: [Astronaut] }
  `);
  assert.deepEqual(fieldsOf(schema, 'AddAstronautInput'), { id: 'ID!', missions: '[MissionRef]' });
  assert.equal(fieldsOf(schema, 'Query').getAstronaut, '(id: ID!) Astronaut');
  assert.deepEqual(fieldsOf(schema, 'AstronautFilter'), {
    id: '[ID!]',
    has: '[AstronautHasFilter]',
    and: '[AstronautFilter]',
    or: '[AstronautFilter]',
    not: 'AstronautFilter',
  });
  assert.deepEqual(valuesOf(schema, 'AstronautOrderable'), ['id']);
  // The external field stays on its type (nothing is stored for it), as in Dgraph.
  assert.deepEqual(Object.keys(fieldsOf(schema, 'Astronaut')), ['id', 'name', 'missions', 'missionsAggregate']);
  assert.ok(schema.getDirective('key'));
});

test('the printed SDL is the schema: it re-parses into the same API', () => {
  const { schema, sdl } = apiOf(BLOG + CAST.replace('type Planet', 'type Globe'));
  assert.match(sdl, /^#######################\n# Input Schema\n/);
  assert.match(sdl, /\ntype Post \{\n\tpostID: ID!\n\ttitle: String! @search\(by: \[term\]\)\n/);
  assert.match(sdl, /\n\tposts\(filter: PostFilter, order: PostOrder, first: Int, offset: Int\): \[Post\] @hasInverse\(field: author\)\n/);
  const reparsed = buildSchema(sdl, { assumeValidSDL: true });
  assert.equal(printSchema(lexicographicSortSchema(reparsed)), printSchema(lexicographicSortSchema(schema)));
  assert.deepEqual(validateSchema(schema), []);
});

test('Dgraph\'s request rules: one function per built-in filter, @cascade fields of the type', () => {
  const { schema } = apiOf(BLOG);
  const check = (query: string) => validate(schema, parse(query), [...specifiedRules, ...dgraphValidationRules]).map((e) => e.message);
  assert.deepEqual(check('{ queryPost(filter: {likes: {ge: 1, le: 5}}) { title } }'), ['IntFilter filter expects only one filter function, got: 2']);
  assert.deepEqual(check('{ queryPost(filter: {likes: {ge: 1}, and: {likes: {le: 5}}}) { title } }'), []);
  // Merged filters are not restricted, as in Dgraph.
  assert.deepEqual(check('{ queryPost(filter: {body: {eq: "a", regexp: "/a/"}}) { title } }'), []);
  assert.deepEqual(check('{ queryPost @cascade(fields: ["title", "likes"]) { title likes } }'), []);
  assert.deepEqual(check('{ queryPost { comments @cascade(fields: ["body"]) { text } } }'), [
    'Field `body` is not present in type `Comment`. You can only use fields in cascade which are in type `Comment`',
  ]);
});

test('the Dgraph e2e auth schema generates a valid API against which every graph rule validates', { skip: CONFORMANCE_SKIP }, () => {
  const sdl = conformanceSchema();
  const { schema } = apiOf(sdl);
  assert.deepEqual(validateSchema(schema), []);
  const rules = authRules(apiOf(sdl).model);
  const graphRules = rules.filter((r) => r.trimStart().startsWith('query'));
  assert.equal(rules.length, 112);
  assert.equal(graphRules.length, 62);
  for (const rule of graphRules) {
    assert.deepEqual(validate(schema, parse(rule), [...specifiedRules, ...dgraphValidationRules]).map((e) => e.message), [], rule);
  }
  const query = fieldsOf(schema, 'Query');
  assert.equal(query.checkLogPassword, '(id: ID!, pwd: String!) Log');
  assert.equal(query.checkPostPassword, '(id: ID!, pwd: String!) Post');
  assert.equal(query.getEmployer, '(company: String, companyId: String, name: String) Employer');
  assert.equal(query.getWorker, '(regNo: Int, uniqueId: Int, empId: String) Worker');
  assert.equal(fieldsOf(schema, 'Mutation').addTweets, '(input: [AddTweetsInput!]!, upsert: Boolean) AddTweetsPayload');
  assert.deepEqual(fieldsOf(schema, 'HomeMemberFilter'), {
    memberTypes: '[HomeMemberType!]',
    dogFilter: 'DogFilter',
    parrotFilter: 'ParrotFilter',
    plantFilter: 'PlantFilter',
  });
  assert.equal(fieldsOf(schema, 'ContactFilter').nickName, 'StringExactFilter_StringFullTextFilter_StringRegExpFilter_StringTermFilter');
  assert.deepEqual(fieldsOf(schema, 'AuthRule'), { and: '[AuthRule]', or: '[AuthRule]', not: 'AuthRule', rule: 'String' });
});

test('a type named like a generated type is refused, never a broken API', () => {
  const { document } = parseSdl('type Post { id: ID! title: String }\nenum PostHasFilter { A }');
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors, []);
  assert.throws(
    () => generateApi(model),
    (e: unknown) =>
      e instanceof SchemaRejectedError &&
      JSON.stringify(e.errors.map((x) => x.toJSON())) ===
        JSON.stringify([
          {
            message: "PostHasFilter is a reserved word, so you can't declare a ENUM with this name. Pick a different name for the ENUM.",
            locations: [{ line: 2, column: 6 }],
          },
        ]),
  );
  // Dgraph's own definitions cannot be redeclared either.
  const redeclared = buildModel(parseSdl('type T { id: ID! n: String }\ninput IntRange { min: Int }').document!);
  assert.deepEqual(redeclared.errors.map((e) => e.toJSON()), [{ message: 'Cannot redeclare type IntRange.', locations: [{ line: 2, column: 7 }] }]);
});

test('the built-in filter inputs and directive declarations, printed from the model\'s tables as Dgraph prints them', () => {
  const { sdl } = apiOf(BLOG);
  const block = (name: string) => sdl.slice(sdl.indexOf(`input ${name} {`), sdl.indexOf('}', sdl.indexOf(`input ${name} {`)) + 1);
  assert.equal(block('IntFilter'), 'input IntFilter {\n\teq: Int\n\tin: [Int]\n\tle: Int\n\tlt: Int\n\tge: Int\n\tgt: Int\n\tbetween: IntRange\n}');
  assert.equal(block('StringTermFilter'), 'input StringTermFilter {\n\tallofterms: String\n\tanyofterms: String\n}');
  assert.equal(block('StringRegExpFilter'), 'input StringRegExpFilter {\n\tregexp: String\n}');
  assert.equal(block('StringHashFilter'), 'input StringHashFilter {\n\teq: String\n\tin: [String]\n}');
  assert.match(sdl, /\ndirective @hasInverse\(field: String!\) on FIELD_DEFINITION\ndirective @search\(by: \[String!\]\) on FIELD_DEFINITION\n/);
  assert.match(sdl, /\ndirective @cascade\(fields: \[String\]\) on FIELD\n/);
  assert.doesNotMatch(sdl, /directive @(key|deprecated|skip)/);
  const federated = apiOf('type User @key(fields: "id") @extends { id: ID! @external name: String }').sdl;
  assert.match(federated, /\nunion _Entity = User\n\nscalar _Any\nscalar _FieldSet\n\ntype _Service \{\n\tsdl: String\n\}\n\ndirective @external on FIELD_DEFINITION\n[^]*directive @key\(fields: _FieldSet!\) on OBJECT \| INTERFACE\n/);
});
