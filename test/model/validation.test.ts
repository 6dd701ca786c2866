/**
 * Schema-time errors for types: Dgraph's messages (graphql/schema/rules.go,
 * gqlschema.go, gqlparser) and, beyond Dgraph, where each is in the upload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdl } from '../../src/sdl/index.js';
import { buildModel } from '../../src/model/index.js';

function errorsOf(sdl: string): { message: string; locations?: { line: number; column: number }[] }[] {
  const { document, errors } = parseSdl(sdl);
  assert.deepEqual(errors, [], 'the SDL parses');
  return buildModel(document!).errors.map((e) => e.toJSON());
}

function messagesOf(sdl: string): string[] {
  return errorsOf(sdl).map((e) => e.message);
}

test('a valid schema has no errors and a model', () => {
  const { document } = parseSdl('type Post { id: ID! title: String @search(by: [term]) }');
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors, []);
  assert.deepEqual([...model.types.keys()], ['Post']);
});

test('scalar definitions are refused', () => {
  assert.deepEqual(errorsOf('scalar Money\ntype T { id: ID! m: String }'), [
    {
      message: "You can't add scalar definitions. Only type, interface, union, input and enums are allowed in initial schema.",
      locations: [{ line: 1, column: 8 }],
    },
  ]);
});

test('reserved type names', () => {
  assert.deepEqual(errorsOf('type uid { id: ID! name: String }'), [
    {
      message: "uid is a reserved word, so you can't declare a type with this name. Pick a different name for the type.",
      locations: [{ line: 1, column: 6 }],
    },
  ]);
  assert.deepEqual(messagesOf('type As { id: ID! name: String }'), [
    "As is a reserved word, so you can't declare a type with this name. Pick a different name for the type.",
  ]);
  assert.deepEqual(messagesOf('type Query { getThings: [String] }\ntype T { id: ID! n: String }'), [
    'GraphQL Query and Mutation types are only allowed to have fields with @custom/@lambda directive. ' +
      'Other fields are built automatically for you. Found Query getThings without @custom/@lambda.',
  ]);
});

test('names Dgraph generates cannot be declared', () => {
  assert.deepEqual(errorsOf('type Post { id: ID! n: String }\ninput PostFilter { x: Int }'), [
    {
      message: "PostFilter is a reserved word, so you can't declare a INPUT_OBJECT with this name. Pick a different name for the INPUT_OBJECT.",
      locations: [{ line: 2, column: 7 }],
    },
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String }\nenum IntFilter { A }'), [
    "IntFilter is a reserved word, so you can't declare a ENUM with this name. Pick a different name for the ENUM.",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String }\ntype Query { queryT: [T] @custom(dql: "x") }'), [
    "queryT is a reserved word, so you can't declare a query with this name. Pick a different name for the query.",
  ]);
});

test('field-only directives at type level', () => {
  assert.deepEqual(errorsOf('type T @search { id: ID! n: String }'), [
    { message: 'Type T; has the @search directive, but it is not applicable at type level.', locations: [{ line: 1, column: 9 }] },
  ]);
  assert.deepEqual(messagesOf('union U @auth = A\ntype A { id: ID! n: String }'), [
    'Type U; has the @auth directive, but it is not applicable on types of UNION kind.',
  ]);
});

test("GraphQL validity, in gqlparser's words", () => {
  assert.deepEqual(errorsOf('type T {\n  id: ID!\n  p: Post\n}'), [{ message: 'Undefined type Post.', locations: [{ line: 3, column: 6 }] }]);
  assert.deepEqual(errorsOf('type T { id: ID! n: String @foo }'), [{ message: 'Undefined directive foo.', locations: [{ line: 1, column: 29 }] }]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @key(fields: "n") }'), ['Undefined directive key.']);
  // Beyond Dgraph, @auth applies to fields too (test/rules/field-rules.test.ts); @secret does not.
  assert.deepEqual(messagesOf('type T { id: ID! n: String @secret(field: "p") }'), ['Directive secret is not applicable on FIELD_DEFINITION.']);
  assert.deepEqual(messagesOf('type T { id: ID! n: String n: Int }'), ['Field T.n can only be defined once.']);
  assert.deepEqual(messagesOf('type T { id: ID! n: String }\ntype T { m: Int }'), ['Cannot redeclare type T.']);
  assert.deepEqual(messagesOf('type T { id: ID! i: I }\ninput I { x: Int }'), ['OBJECT field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.']);
  assert.deepEqual(messagesOf('type T { id: ID! n: String }\nunion U = T | E\nenum E { A }'), ['UNION type "E" must be OBJECT.']);
  assert.deepEqual(messagesOf('type T implements I { id: ID! }\ntype I { id: ID! n: String }'), ['"I" is a non interface type OBJECT.']);
  assert.deepEqual(messagesOf('interface I { id: ID! }\ninterface J implements I { n: String }\ntype T implements J & I { x: Int }'), [
    'For J to implement I it must have a field called id.',
  ]);
  assert.deepEqual(messagesOf('directive @search on FIELD_DEFINITION\ntype T { id: ID! n: String }'), ['Cannot redeclare directive search.']);
  assert.deepEqual(messagesOf('interface I implements I { f: String }\ntype T implements I { id: ID! }'), [
    'Type I cannot implement I because it would create a circular reference.',
  ]);
});

test('user-declared directives may be used', () => {
  assert.deepEqual(messagesOf('directive @note(text: String) on OBJECT | FIELD_DEFINITION\ntype T @note { id: ID! n: String @note(text: "x") }'), []);
});

test('a type implementing an interface may not change a field\'s type', () => {
  assert.deepEqual(errorsOf('interface I { id: ID! n: String }\ntype T implements I { n: Int }'), [
    { message: 'For type T to implement interface I the field n must have type String', locations: [{ line: 2, column: 6 }] },
  ]);
});

test('one ID field per type', () => {
  assert.deepEqual(errorsOf('type T {\n  a: ID!\n  b: ID\n  c: ID\n  n: String\n}'), [
    {
      message: 'Fields a, b and c are listed as IDs for type T, but a type can have only one ID field. Pick a single field as the ID for type T.',
      locations: [
        { line: 2, column: 3 },
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
    },
  ]);
});

test('a type needs a field that is not its ID', () => {
  assert.deepEqual(errorsOf('type T { id: ID! }'), [
    {
      message: "Type T; is invalid, a type must have atleast one field that is not of ID! type and doesn't have @custom/@lambda directive.",
      locations: [{ line: 1, column: 6 }],
    },
  ]);
});

test('field shapes and names', () => {
  assert.deepEqual(messagesOf('type T { id: ID! l: [[String]] }'), ['Type T; Field l: Nested lists are invalid.']);
  assert.deepEqual(messagesOf('type T { n: String ids: [ID] }'), ['Type T; Field ids: ID lists are invalid.']);
  // As in Dgraph, an [ID] list also counts as an ID field.
  assert.deepEqual(messagesOf('type T { id: ID! n: String ids: [ID] }'), [
    'Fields id and ids are listed as IDs for type T, but a type can have only one ID field. Pick a single field as the ID for type T.',
    'Type T; Field ids: ID lists are invalid.',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! flags: [Boolean] }'), ['Type T; Field flags: Boolean lists are invalid.']);
  assert.deepEqual(messagesOf('type T { id: ID! uid: String }'), ['Type T; Field uid: uid is a reserved keyword and you cannot declare a field with this name.']);
  assert.deepEqual(messagesOf('type T { id: ID! postsAggregate: Int }'), [
    'Type T; Field postsAggregate: Aggregate is a reserved keyword and you cannot declare a field with Aggregate as suffix.',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n(first: Int): String }'), [
    "Type T; Field n: can't have first as an argument because it is a reserved argument.",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @withSubscription }'), [
    'Type T; Field n: @withSubscription directive is applicable only on types and custom dql queries',
  ]);
});

test('@search arguments', () => {
  assert.deepEqual(errorsOf('type T {\n  id: ID!\n  n: Int @search(by: [hash])\n}'), [
    {
      message:
        'Type T; Field n: has the @search directive but the argument hash doesn\'t apply to field type Int.  ' +
        'Search by hash applies to fields of type String. Fields of type Int are searchable by just @search.',
      locations: [{ line: 3, column: 11 }],
    },
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @search(by: [foo]) }'), [
    "Type T; Field n: the argument to @search foo isn't valid.Fields of type String can have @search by exact, fulltext, hash, ngram, regexp, term and trigram.",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! d: DateTime @search(by: [term]) }'), [
    "Type T; Field d: has the @search directive but the argument term doesn't apply to field type DateTime.  " +
      'Search by term applies to fields of type String. Fields of type DateTime can have @search by day, hour, month and year.',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @search(by: [hash, exact]) }'), [
    "Type T; Field n: the arguments 'hash' and 'exact' can't be used together as arguments to @search.",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @search(by: [regexp, trigram]) }'), [
    "Type T; Field n: the argument to @search 'trigram' is the same as the index 'regexp' provided before and shouldn't be used together",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! d: DateTime @search(by: [day, year]) }'), [
    'Type T; Field d: has the search directive on DateTime. DateTime allows only one argument for @search.',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! e: E @search(by: [term]) }\nenum E { A }'), [
    "Type T; Field e: has the @search directive but the argument term doesn't apply to field type E which is an Enum. Enum only supports hash, exact, regexp and trigram",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! @search n: String }'), ["Type T; Field id: has the @search directive but fields of type ID can't have the @search directive."]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @search(by: hash) }'), [
    'Type T; Field n: the @search directive requires a list argument, like @search(by: ["hash"])',
  ]);
});

test('vector indexes: Dgraph\'s checks of hnsw and its options', () => {
  // graphql/schema/rules.go validateSearchArg
  assert.deepEqual(errorsOf('type T {\n  id: ID!\n  v: [Float] @search(by: ["hnsw"])\n}'), [
    { message: 'Type T; Field v: has the @search directive but the argument hnsw requires the field also has @embedding directive.', locations: [{ line: 3, column: 15 }] },
  ]);
  const malformed = (arg: string) =>
    `Type T; Field v: has the @search directive but the argument '${arg}' with search options is malformed. ` +
    'Search options are comma-separated key-value pairs in YAML format => <optionName><COLON><SPACE><VALUE>';
  for (const arg of ['hnsw()', 'hnsw(metric:cosine)', 'hnsw(metric: cosine', 'hnsw(metric: )', 'hnsw(metric: cosine, metric: euclidean)']) {
    assert.deepEqual(messagesOf(`type T { id: ID! v: [Float!] @embedding @search(by: ["${arg}"]) }`), [malformed(arg)], arg);
  }
  // Refused by Dgraph's DQL index factory (tok/hnsw/persistent_factory.go, tok/options).
  assert.deepEqual(messagesOf('type T { id: ID! v: [Float!] @embedding @search(by: ["hnsw(metric: manhattan)"]) }'), [
    "Type T; Field v: IndexFactory: hnsw issues this error: 'Can't create a vector index for manhattan'",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! v: [Float!] @embedding @search(by: ["hnsw(size: 4)"]) }'), [
    "Type T; Field v: IndexFactory: hnsw issues this error: 'option size is not allowed!'",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! v: [Float!] @embedding @search(by: ["hnsw(exponent: four)"]) }'), [
    `Type T; Field v: IndexFactory: hnsw issues this error: 'strconv.Atoi: parsing "four": invalid syntax'`,
  ]);
  for (const arg of ['hnsw', 'hnsw(metric: cosine)', "hnsw(metric: 'dotproduct', exponent: 4)", 'hnsw(exponent: 4,metric: euclidean, efSearch: 40)']) {
    assert.deepEqual(messagesOf(`type T { id: ID! v: [Float!] @embedding @search(by: ["${arg}"]) }`), [], arg);
  }
  assert.deepEqual(messagesOf('type T { id: ID! v: [Float!] @embedding @search(by: ["hnsw", "hnsw(metric: cosine)"]) }'), [
    'Type T; Field v: has the search directive on Float. Float allows only one argument for @search.',
  ]);
});

test('language tags Dgraph refuses are refused with its message', () => {
  // Language tags are served; a tag Dgraph refuses gets Dgraph's message.
  assert.deepEqual(messagesOf('type T { id: ID! n: String @dgraph(pred: "T.name@en") }'), []);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @dgraph(pred: "T.name@*") }'), ['Type T; Field n: `*` language tag not supported in GraphQL']);
});

test('geometry fields are stored values, searchable with their geo filters', () => {
  const { document } = parseSdl('type T { id: ID! at: Point @search area: Polygon shapes: MultiPolygon @search(by: [multiPolygon]) }');
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors, []);
  const fields = model.types.get('T')!.fields.filter((f) => f.kind !== 'id');
  assert.deepEqual(fields.map((f) => [f.name, f.kind, f.scalar, f.search, f.declaredSearch]), [
    ['at', 'scalar', 'Point', ['point'], undefined],
    ['area', 'scalar', 'Polygon', [], undefined],
    ['shapes', 'scalar', 'MultiPolygon', ['multiPolygon'], undefined],
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! at: Point @search(by: [int]) }'), [
    "Type T; Field at: has the @search directive but the argument int doesn't apply to field type Point.  Search by int applies to fields of type Int. Fields of type Point are searchable by just @search.",
  ]);
});

test('ngram is an index like the others', () => {
  const { document } = parseSdl('type T { id: ID! n: String @search(by: [ngram, hash]) }');
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors, []);
  const n = model.types.get('T')!.fieldMap.get('n')!;
  assert.deepEqual([n.search, n.declaredSearch], [['hash', 'ngram'], undefined]);
});

test('@id', () => {
  assert.deepEqual(messagesOf('type T { id: ID! n: Float @id }'), ['Type T; Field n: with @id directive must be of type String, Int or Int64, not Float']);
  assert.deepEqual(messagesOf('type T { id: ID! n: [String] @id }'), ['Type T; Field n: with @id directive must be of type String, Int or Int64, not [String]']);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @id(interface: true) }'), [
    'Type T; Field n: @id field with interface argument can only be defined in interface,not in Type',
  ]);
  assert.deepEqual(messagesOf('interface I { n: String! @id(interface: true) }\ntype T implements I { x: Int }'), []);
});

test('@hasInverse', () => {
  const posts = 'type Author { id: ID! name: String posts: [Post] @hasInverse(field: author) }\n';
  assert.deepEqual(messagesOf(`${posts}type Post { id: ID! author: Author }`), []);
  assert.deepEqual(messagesOf(`${posts}type Post { id: ID! writer: Author }`), ['Type Author; Field posts: inverse field author doesn\'t exist for type Post.']);
  assert.deepEqual(messagesOf(`${posts}type Post { id: ID! author: Post }`), [
    'Type Author; Field posts: @hasInverse is required to link the fields of same type, but the field author is of the type Post instead of Author. ' +
      'To link these make sure the fields are of the same type.',
  ]);
  assert.deepEqual(messagesOf(`${posts}type Post { id: ID! author: Author @hasInverse(field: name) }`), [
    'Type Author; Field posts: @hasInverse should be consistant. Author.posts is the inverse of Post.author, but Post.author is the inverse of Author.name.',
    'Type Post; Field author: @hasInverse is required to link the fields of same type, but the field name is of the type String instead of Post. ' +
      'To link these make sure the fields are of the same type.',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @hasInverse(field: x) }'), [
    'Type T; Field n: Field n is of type String, but @hasInverse directive only applies to fields with object types.',
  ]);
  // The side without the directive gets the link: a second field claiming it is inconsistent.
  assert.deepEqual(messagesOf(`${posts}type Post { id: ID! author: Author }\ntype Book { id: ID! by: Author @hasInverse(field: posts) }`), [
    'Type Book; Field by: @hasInverse is required to link the fields of same type, but the field posts is of the type [Post] instead of Book. To link these make sure the fields are of the same type.',
  ]);
});

test('@dgraph on types and fields', () => {
  assert.deepEqual(messagesOf('type T @dgraph(type: "") { id: ID! n: String }'), ['Type T; type argument for @dgraph directive should not be empty.']);
  assert.deepEqual(messagesOf('type T @dgraph(type: Foo) { id: ID! n: String }'), ['Type T; type argument for @dgraph directive should of type String.']);
  assert.deepEqual(messagesOf('type T @dgraph(type: "Query") { id: ID! n: String }'), ["Type T; type argument 'Query' for @dgraph directive is a reserved keyword."]);
  assert.deepEqual(messagesOf('type T { id: ID! @dgraph(pred: "x") n: String }'), [
    "Type T; Field id: has the @dgraph directive but fields of type ID can't have the @dgraph directive.",
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @dgraph(pred: "") }'), ['Type T; Field n: pred argument for @dgraph directive should not be empty.']);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @dgraph(pred: "uid") }'), ["Type T; Field n: pred argument 'uid' for @dgraph directive is a reserved keyword."]);
});

test('reverse edges through @dgraph(pred: "~p")', () => {
  const director = 'type MovieDirector { id: ID! name: String directed: [Movie] @dgraph(pred: "directed.movies") }\n';
  assert.deepEqual(messagesOf(`${director}type Movie { id: ID! name: String director: [MovieDirector] @dgraph(pred: "~directed.movies") }`), []);
  assert.deepEqual(messagesOf(`${director}type Movie { id: ID! name: String director: MovieDirector @dgraph(pred: "~directed.movies") }`), [
    'Type Movie; Field director: with a dgraph directive that starts with ~ should be of type list.',
  ]);
  assert.deepEqual(messagesOf(`${director}type Movie { id: ID! name: String director: [MovieDirector] @dgraph(pred: "~other") }`), [
    'Type Movie; Field director: pred argument: ~other is not supported as forward edge doesn\'t exist for type MovieDirector.',
  ]);
  assert.deepEqual(
    messagesOf(`${director}type Movie { id: ID! name: String director: [MovieDirector] @dgraph(pred: "~directed.movies") @hasInverse(field: directed) }`),
    ['Type Movie; Field director: @hasInverse directive is not allowed when pred argument in @dgraph directive starts with a ~.'],
  );
});

test('fields sharing a predicate must agree', () => {
  assert.deepEqual(errorsOf('type A { id: ID! n: String @dgraph(pred: "name") }\ntype B { id: ID! m: Int @dgraph(pred: "name") }'), [
    {
      message:
        'Type B; Field m: has type Int, which is different to type A; field n, which has the same @dgraph directive but type String. ' +
        'These fields must have either the same GraphQL types, or use different Dgraph predicates.',
      locations: [{ line: 2, column: 18 }],
    },
  ]);
  assert.deepEqual(messagesOf('type A { id: ID! n: String @id @dgraph(pred: "name") }\ntype B { id: ID! m: String @dgraph(pred: "name") }'), [
    "Type B; Field m: doesn't have @id directive, which conflicts with type A; field n, which has the same @dgraph directive along with @id directive. " +
      'Both these fields must either use @id directive, or use different Dgraph predicates.',
  ]);
  assert.deepEqual(messagesOf('interface I { n: String @dgraph(pred: "p") }\ntype T implements I { id: ID! m: String @dgraph(pred: "p") }'), [
    'Type T; Field m: has the @dgraph directive, which conflicts with interface I; field n, that this type implements. These fields must use different Dgraph predicates.',
  ]);
});

test('@secret', () => {
  assert.deepEqual(messagesOf('type T @secret(field: "pwd") { id: ID! pwd: String }'), ['Type T; has a secret directive and field of the same name pwd']);
  assert.deepEqual(messagesOf('type T @secret(field: "") { id: ID! n: String }'), ['Type T; Argument "field" of secret directive is empty']);
  assert.deepEqual(messagesOf('interface I @secret(field: "a") { n: String }\ntype T implements I @secret(field: "b") { id: ID! }'), [
    'Type T; has more than one secret fields b,a',
  ]);
});

test('@generate, @default, @lambdaOnMutate arguments', () => {
  assert.deepEqual(messagesOf('type T @generate(query: {get: 1}) { id: ID! n: String }'), [
    'Type T; get field inside query argument of @generate directive can only be true/false, found: `1',
  ]);
  assert.deepEqual(messagesOf('type T @generate(mutation: true) { id: ID! n: String }'), ['Type T; mutation argument for @generate directive should be of type Object.']);
  assert.deepEqual(messagesOf('type T { id: ID! n: Int @default(add: {value: "x"}) }'), [
    'Type T; Field n: @default directive provides value "x" which cannot be used with Int',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: String @default(add: {value: "$now"}) }'), [
    'Type T; Field n: @default directive provides value "$now" which cannot be used with String',
  ]);
  assert.deepEqual(messagesOf('type T { id: ID! n: [String] @default(add: {value: "x"}) }'), [
    'Type T; Field n: cannot use @default directive on field with list type [String]',
  ]);
  assert.deepEqual(messagesOf('type T @lambdaOnMutate(add: "yes") { id: ID! n: String }'), [
    'Type T; add argument in @lambdaOnMutate directive can only be true/false, found: `"yes"`.',
  ]);
});

test('@remote types are only reachable through @custom fields', () => {
  assert.deepEqual(messagesOf('type R @remote { n: String }\ntype T { id: ID! r: R }'), [
    'Type T; field r; is of a type that has @remote directive. Those would need to be resolved by a @custom/@lambda directive.',
  ]);
  assert.deepEqual(messagesOf('type R @remote @auth(query: {rule: "{$X: {eq: 1}}"}) { n: String }\ntype T { id: ID! n: String }'), [
    'Type R; cannot have both @auth and @remote directive',
  ]);
});

test('Apollo federation directives', () => {
  assert.deepEqual(messagesOf('type T @key(fields: "n") { id: ID! n: String }'), ['Type T: Field n: used inside @key directive should be of type ID or have @id directive.']);
  assert.deepEqual(messagesOf('type T @key(fields: "x") { id: ID! n: String }'), ['Type T; @key directive uses a field x which is not defined inside the type.']);
  assert.deepEqual(messagesOf('type T @key(fields: "id") { id: ID! n: String @external }'), [
    'Type T: Field n: @external directive can only be defined on fields in type extensions. i.e., the type must have `@extends` or use `extend` keyword.',
  ]);
  assert.deepEqual(messagesOf('extend type T { id: ID! n: String }\ntype U @key(fields: "id") { id: ID! m: Int }'), ['Type T; Type Extension cannot be defined without @key directive']);
  assert.deepEqual(messagesOf('extend type T @key(fields: "id") { id: ID! @external n: String }'), []);
});

test('a schema with nothing to generate is refused', () => {
  assert.deepEqual(messagesOf('enum E { A }'), ['No query or mutation found in the generated schema']);
  assert.deepEqual(
    messagesOf('type T @generate(query: {get: false, query: false, aggregate: false}, mutation: {add: false, update: false, delete: false}) { id: ID! n: String }'),
    ['No query or mutation found in the generated schema'],
  );
  assert.deepEqual(messagesOf('type T @generate(query: {get: false, query: false, aggregate: false}) { id: ID! n: String }'), [
    'No query found in the generated schema: @generate must leave at least one query',
  ]);
});

test('errors of one phase are reported together', () => {
  assert.deepEqual(messagesOf('type T {\n  id: ID!\n  a: [[Int]]\n  b: [Boolean]\n  c: Float @id\n}'), [
    'Type T; Field a: Nested lists are invalid.',
    'Type T; Field b: Boolean lists are invalid.',
    'Type T; Field c: with @id directive must be of type String, Int or Int64, not Float',
  ]);
});
