/**
 * Plans from real requests: the query runs through graphql-js (validation
 * and execution) and each root field's resolver asks for its plan with the
 * resolve info graphql-js gives it, as the engine will.
 */
import assert from 'node:assert/strict';
import { execute, parse, specifiedRules, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { dgraphValidationRules } from '../../src/api/index.js';
import type { FieldDef, SchemaModel, TypeDef } from '../../src/model/index.js';
import { planRootField } from '../../src/plan/index.js';
import type { RootPlan } from '../../src/plan/index.js';
import { apiOf } from '../api/helpers.js';

export interface Api {
  readonly model: SchemaModel;
  readonly schema: GraphQLSchema;
}

export function api(sdl: string): Api {
  const { model, schema } = apiOf(sdl);
  return { model, schema };
}

/** The plans of the request's root fields, or the error the plan builder threw. */
export async function plansOf(env: Api, query: string, variableValues: Record<string, unknown> = {}): Promise<(RootPlan | Error)[]> {
  const document = parse(query);
  assert.deepEqual(validate(env.schema, document, [...specifiedRules, ...dgraphValidationRules]).map((e) => e.message), [], 'the request is valid');
  const plans: (RootPlan | Error)[] = [];
  const result = await execute({
    schema: env.schema,
    document,
    variableValues,
    fieldResolver: (_source, _args, _context, info) => {
      if (info.path.prev === undefined) {
        try {
          plans.push(planRootField(env.model, info));
        } catch (error) {
          plans.push(error as Error);
        }
      }
      return null;
    },
  });
  assert.deepEqual(result.errors?.map((e) => e.message) ?? [], [], 'the request executes');
  return plans;
}

export async function planOf(env: Api, query: string, variableValues: Record<string, unknown> = {}): Promise<RootPlan> {
  const [plan] = await plansOf(env, query, variableValues);
  if (plan instanceof Error) throw plan;
  return plan;
}

/**
 * The plan with model objects replaced by their names (`Author.age` for the
 * FieldDef of type Author, `Pet.name` for the interface's), after checking
 * they are the model's own objects.
 */
export function named(env: Api, value: unknown): unknown {
  const fieldNames = new Map<FieldDef, string>();
  const typeNames = new Map<TypeDef, string>();
  for (const type of env.model.types.values()) {
    typeNames.set(type, type.name);
    for (const field of type.fields) fieldNames.set(field, `${type.name}.${field.name}`);
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    if (fieldNames.has(v as FieldDef)) return fieldNames.get(v as FieldDef);
    if (typeNames.has(v as TypeDef)) return typeNames.get(v as TypeDef);
    if (v === env.model) return 'model';
    assert.ok(!('predicate' in v) && !('fieldMap' in v), 'plans hold the model\'s own FieldDef and TypeDef objects');
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
  };
  return walk(value);
}

export const LIBRARY = `
  type Author @secret(field: "pwd") {
    id: ID!
    name: String! @id @search(by: [hash, term, trigram])
    bio: String @search(by: [fulltext])
    nick: String @search(by: [exact])
    age: Int @search
    score: Float @search
    views: Int64 @search
    born: DateTime @search(by: [day])
    verified: Boolean @search
    tier: Tier @search(by: [hash])
    rank: Tier @search(by: [exact])
    posts: [Post] @hasInverse(field: author)
    friends: [Author]
    pet: Pet
  }
  enum Tier { GOLD SILVER }
  type Post { id: ID! title: String @search(by: [term]) likes: Int author: Author }
  interface Pet { id: ID! name: String @search(by: [exact]) }
  type Dog implements Pet { breed: String @search }
  type Cat implements Pet { lives: Int }
  type Bird { id: ID! name: String }
  union Thing = Dog | Cat | Post | Bird
  type Shelf { id: ID! things: [Thing] best: Thing }
  type Editor { code: String! @id isbn: Int @id name: String }
  type Director { id: ID! name: String directed: [Movie] @dgraph(pred: "directed.movies") }
  type Movie { id: ID! title: String directors: [Director] @dgraph(pred: "~directed.movies") }
`;
