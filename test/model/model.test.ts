import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdl } from '../../src/sdl/index.js';
import { buildModel, servedFields } from '../../src/model/index.js';
import type { SchemaModel, TypeDef } from '../../src/model/index.js';
import { CONFORMANCE_SKIP, conformanceSchema } from '../support/conformance.js';

function modelOf(sdl: string): SchemaModel {
  const { document, errors: parseErrors } = parseSdl(sdl);
  assert.deepEqual(parseErrors, []);
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors.map((e) => e.message), []);
  return model;
}

function typeOf(model: SchemaModel, name: string): TypeDef {
  const type = model.types.get(name);
  assert.ok(type, `type ${name}`);
  return type;
}

const predicates = (type: TypeDef) => Object.fromEntries(type.fields.map((f) => [f.name, f.reverse ? `~${f.predicate}` : f.predicate]));

test('predicates are named as Dgraph names them', () => {
  const model = modelOf(`
    interface Character { id: ID! name: String! @search(by: [exact]) nick: String @dgraph(pred: "nickname") }
    type Human implements Character { credits: Int }
    type Student @dgraph(type: "is7sowSm") { id: ID! email: String! @dgraph(pred: "IOw80vnV") age: Int }
    type Director { id: ID! name: String directed: [Movie] @dgraph(pred: "directed.movies") }
    type Movie { id: ID! title: String directors: [Director] @dgraph(pred: "~directed.movies") }
  `);
  assert.deepEqual(predicates(typeOf(model, 'Human')), { id: 'uid', name: 'Character.name', nick: 'nickname', credits: 'Human.credits' });
  assert.deepEqual(predicates(typeOf(model, 'Student')), { id: 'uid', email: 'IOw80vnV', age: 'is7sowSm.age' });
  assert.equal(typeOf(model, 'Student').dgraphType, 'is7sowSm');
  const directors = typeOf(model, 'Movie').fieldMap.get('directors');
  assert.deepEqual([directors?.predicate, directors?.reverse], ['directed.movies', true]);
  assert.equal(typeOf(model, 'Human').fieldMap.get('name')?.declaredIn, 'Character');
  assert.equal(typeOf(model, 'Human').fieldMap.get('credits')?.declaredIn, 'Human');
});

test('fields of several interfaces come first, the last interface\'s first (Dgraph\'s order)', () => {
  const model = modelOf(`
    interface Character { id: ID! name: String! }
    interface Employee { employeeId: String! title: String! }
    type Human implements Character & Employee { totalCredits: Int }
  `);
  const human = typeOf(model, 'Human');
  assert.deepEqual(human.fields.map((f) => f.name), ['employeeId', 'title', 'id', 'name', 'totalCredits']);
  assert.deepEqual(human.interfaces, ['Character', 'Employee']);
  assert.deepEqual(typeOf(model, 'Character').implementations, ['Human']);
  assert.equal(human.idField, human.fieldMap.get('id'));
});

test('effective search indexes: written, defaults, and those @id implies', () => {
  const model = modelOf(`
    enum Tier { A B }
    type T {
      id: ID!
      s: String @search
      i: Int @search
      i64: Int64 @search
      f: Float @search
      b: Boolean @search
      d: DateTime @search
      e: Tier @search
      none: Tier @search(by: [])
      many: String @search(by: [term, hash, fulltext])
      key: String! @id
      keyed: String @id @search(by: [term])
      exactKey: String @id @search(by: [exact])
      num: Int @id
      plain: String
    }
  `);
  const search = Object.fromEntries(typeOf(model, 'T').fields.map((f) => [f.name, f.search]));
  assert.deepEqual(search, {
    id: [],
    s: ['term'],
    i: ['int'],
    i64: ['int64'],
    f: ['float'],
    b: ['bool'],
    d: ['year'],
    e: ['hash'],
    none: ['hash'],
    many: ['fulltext', 'hash', 'term'],
    key: ['hash'],
    keyed: ['hash', 'term'],
    exactKey: ['exact'],
    num: ['int'],
    plain: [],
  });
  const t = typeOf(model, 'T');
  assert.deepEqual(t.xidFields.map((f) => f.name), ['key', 'keyed', 'exactKey', 'num']);
  assert.deepEqual([t.fieldMap.get('e')?.kind, t.fieldMap.get('e')?.scalar], ['enum', 'String']);
});

test('@hasInverse links both sides, also when only one side names the other', () => {
  const model = modelOf(`
    type Author { id: ID! name: String questions: [Question] @hasInverse(field: author) answers: [Answer] @hasInverse(field: author) }
    interface Post { id: ID! text: String author: Author! }
    type Question implements Post { answered: Boolean }
    type Answer implements Post { useful: Boolean }
  `);
  assert.equal(typeOf(model, 'Author').fieldMap.get('questions')?.inverse, 'author');
  assert.equal(typeOf(model, 'Question').fieldMap.get('author')?.inverse, 'questions');
  assert.equal(typeOf(model, 'Answer').fieldMap.get('author')?.inverse, 'answers');
  assert.equal(typeOf(model, 'Post').fieldMap.get('author')?.inverse, undefined);
  assert.equal(typeOf(model, 'Question').fieldMap.get('author')?.predicate, 'Post.author');
});

test('@secret: the password field and its predicate, inherited from interfaces', () => {
  const model = modelOf(`
    type User @secret(field: "password") { name: String! @id }
    type Key @secret(field: "pin", pred: "key.pin") { id: ID! label: String }
    interface Account @secret(field: "pwd") { id: ID! login: String }
    type Admin implements Account { level: Int }
  `);
  const secret = (name: string) => [typeOf(model, name).secretField, typeOf(model, name).secretPredicate];
  assert.deepEqual(secret('User'), ['password', 'User.password']);
  assert.deepEqual(secret('Key'), ['pin', 'key.pin']);
  assert.deepEqual(secret('Admin'), ['pwd', 'Account.pwd']);
  assert.deepEqual(secret('Account'), ['pwd', 'Account.pwd']);
});

test('@generate, @auth, @default, @id(interface: true) are recorded', () => {
  const model = modelOf(`
    interface Member @auth(query: { rule: "{$ROLE: { eq: \\"ADMIN\\" } }" }) { refID: String! @id(interface: true) name: String! @id }
    type Sports implements Member { plays: String }
    type Booking @generate(query: {get: false, aggregate: false}, mutation: {delete: false}) {
      id: ID!
      created: DateTime! @default(add: {value: "$now"})
      updated: DateTime @default(add: {value: "$now"}, update: {value: "$now"})
    }
  `);
  const booking = typeOf(model, 'Booking');
  assert.deepEqual(booking.generate, {
    query: { get: false, query: true, password: true, aggregate: false },
    mutation: { add: true, update: true, delete: false },
    subscription: false,
  });
  assert.deepEqual(booking.fieldMap.get('created')?.defaults, { add: '$now' });
  assert.deepEqual(booking.fieldMap.get('updated')?.defaults, { add: '$now', update: '$now' });
  assert.equal(typeOf(model, 'Member').authDirective?.name.value, 'auth');
  assert.equal(typeOf(model, 'Sports').authDirective, undefined);
  assert.deepEqual(
    typeOf(model, 'Sports').fields.filter((f) => f.xid).map((f) => [f.name, f.xidInterface]),
    [
      ['refID', true],
      ['name', false],
    ],
  );
});

test('@custom and @lambda fields are kept with how to fetch them, out of storage; remote types and custom roots are recorded', () => {
  const model = modelOf(`
    type Car @remote { id: ID! name: String }
    type User @withSubscription @lambdaOnMutate(add: true) {
      id: ID!
      name: String
      cars: [Car] @custom(http: {url: "http://mock/cars/$id", method: GET})
      fullName: String @lambda
      vector: [Float!] @embedding
    }
    type Query { cars: [Car] @custom(http: {url: "http://mock/cars", method: GET}) }
  `);
  const user = typeOf(model, 'User');
  assert.deepEqual(user.fields.map((f) => [f.name, f.unsupported, f.custom?.mode, f.custom?.lambda, f.custom?.parentFields]), [
    ['id', undefined, undefined, undefined, undefined],
    ['name', undefined, undefined, undefined, undefined],
    ['cars', 'custom', 'SINGLE', false, ['id']],
    // A lambda gets every scalar field of its parent, lists of scalars included (Dgraph's isScalar).
    ['fullName', 'lambda', 'BATCH', true, ['id', 'name', 'vector']],
    ['vector', undefined, undefined, undefined, undefined],
  ]);
  assert.deepEqual(servedFields(user).map((f) => f.name), ['id', 'name', 'vector'], 'stored fields only');
  // The remote type and the custom Query are not stored types.
  assert.deepEqual([...model.types.keys()], ['User']);
  assert.deepEqual(model.customRoots.map((r) => [r.operation, r.name, r.custom.url]), [['query', 'cars', 'http://mock/cars']]);
  assert.deepEqual(model.remoteDefinitions.map((d) => d.name), ['Car']);
  assert.deepEqual(model.webhooks.get('User'), { add: true, update: false, delete: false });
});

test('Apollo federation: keys, extended types and external fields', () => {
  const model = modelOf(`
    type Mission @key(fields: "id") { id: String! @id crew: [Astronaut] }
    type Astronaut @key(fields: "id") @extends { id: ID! @external name: String @external missions: [Mission] }
    extend type Planet @key(fields: "code") { code: String! @id @external size: Int @external }
    type Probe { id: ID! planet: Planet @provides(fields: "size") }
  `);
  assert.deepEqual(typeOf(model, 'Mission').federation, { key: 'id', extends: false });
  const astronaut = typeOf(model, 'Astronaut');
  assert.deepEqual(astronaut.federation, { key: 'id', extends: true });
  const id = astronaut.fieldMap.get('id');
  // An external ID key is a stored string key, not the uid.
  assert.deepEqual([id?.kind, id?.scalar, id?.xid, id?.predicate, id?.search], ['scalar', 'ID', true, 'Astronaut.id', ['hash']]);
  assert.equal(astronaut.idField, undefined);
  assert.equal(astronaut.fieldMap.get('name')?.unsupported, 'external');
  const planet = typeOf(model, 'Planet');
  assert.deepEqual(planet.federation, { key: 'code', extends: true });
  // Provided by Probe.planet, so stored here.
  assert.equal(planet.fieldMap.get('size')?.unsupported, undefined);
});

test('the Dgraph e2e auth schema builds with no error', { skip: CONFORMANCE_SKIP }, () => {
  const { document } = parseSdl(conformanceSchema());
  const { model, errors } = buildModel(document!);
  assert.deepEqual(errors, []);
  assert.equal(model.types.size, 47);
  assert.deepEqual([...model.unions.keys()], ['DogFood', 'HomeMember']);
  assert.deepEqual([...model.enums.keys()], ['Permission', 'AnimalCategory']);
  assert.deepEqual(typeOf(model, 'Post').implementations, ['Question', 'FbPost', 'Answer']);
  assert.deepEqual(typeOf(model, 'FbPost').interfaces, ['Post', 'MsgPost']);
  assert.equal(typeOf(model, 'Review').authDirective?.arguments?.length ?? 0, 0);
  assert.equal(typeOf(model, 'Ticket').fieldMap.get('assignedTo')?.inverse, 'tickets');
  assert.equal(typeOf(model, 'Column').fieldMap.get('inProject')?.inverse, 'columns');
  assert.deepEqual(typeOf(model, 'Employer').xidFields.map((f) => f.name), ['company', 'companyId', 'name']);
});
