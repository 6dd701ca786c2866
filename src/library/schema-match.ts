/**
 * The rules come from the SDL text (which carries the auth line), the
 * resolvers from the executable schema: the two must describe the same
 * types, or a rule could silently miss a type. So every type must be
 * governed by the same `@auth` carriers in both (itself and the interfaces
 * it implements), and any `@auth` the schema's own AST shows must read as
 * the SDL's.
 */
import { isInterfaceType, isObjectType, print } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { TypeRules } from '../rules/tree.js';
import { positionOf } from '../rules/positions.js';
import { SchemaError } from '../sdl/errors.js';
import { authDirectives } from './sdl-rules.js';
import type { SdlRules } from './sdl-rules.js';

const MISMATCH = 'the schema given to applyTo does not match the SDL given to createAuthline';

export function mismatches(applied: GraphQLSchema, sdl: SdlRules): SchemaError[] {
  const errors: SchemaError[] = [];
  const expected = governors(sdl.schema, sdl.declared);
  const actual = governors(applied, sdl.declared);
  for (const name of new Set([...expected.keys(), ...actual.keys()])) {
    const there = expected.get(name) ?? [];
    const here = actual.get(name) ?? [];
    if (there.join() !== here.join()) {
      errors.push(new SchemaError(`Type ${name}: ${MISMATCH}: there it is governed by the @auth of ${names(there)}, here by ${names(here)}`));
    }
  }
  for (const type of Object.values(applied.getTypeMap())) {
    const own = authDirectives(type);
    if (own.length === 0) continue;
    const twin = sdl.schema.getType(type.name);
    if (own.map(print).join() !== (twin ? authDirectives(twin).map(print).join() : '')) {
      errors.push(new SchemaError(`Type ${type.name}: ${MISMATCH}: its @auth differs`, positionOf(own[0])));
    }
  }
  return errors;
}

/** For each type governed by some `@auth`: the carriers (itself, its interfaces) whose rules apply, sorted. */
function governors(schema: GraphQLSchema, declared: ReadonlyMap<string, TypeRules>): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const carriers = [type, ...type.getInterfaces()].map((t) => t.name).filter((name) => declared.has(name));
    if (carriers.length > 0) result.set(type.name, carriers.sort());
  }
  return result;
}

function names(list: readonly string[]): string {
  return list.length === 0 ? 'no type' : list.join(', ');
}
