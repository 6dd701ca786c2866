/**
 * Compares a generated API with the one Dgraph prints for the same upload,
 * up to the order of definitions: each `# Section` of the SDL must hold the
 * same definitions (each printed by graphql-js, so that only layout is
 * forgiven: names, fields and their order, arguments, directives and
 * descriptions must be the same), and the schemas must introspect alike.
 */
import { buildSchema, introspectionFromSchema, parse, print } from 'graphql';
import type { GraphQLSchema, IntrospectionQuery } from 'graphql';

/** Dgraph's section header: `#######################\n# Title\n#######################`. */
const HEADER = /^#{23}\n# (.+)\n#{23}$/gm;

/** Section title → the definitions it holds, each printed alone, keyed by `kind name`. */
export function sectionsOf(sdl: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  const headers = [...sdl.matchAll(HEADER)];
  headers.forEach((header, i) => {
    const body = sdl.slice(header.index + header[0].length, headers[i + 1]?.index ?? sdl.length);
    const definitions = new Map<string, string>();
    for (const definition of body.trim() ? parse(body, { noLocation: true }).definitions : []) {
      const name = 'name' in definition && definition.name ? definition.name.value : '';
      definitions.set(`${definition.kind} ${name}`, print(definition));
    }
    sections.set(header[1]!, definitions);
  });
  return sections;
}

/** Every difference between Dgraph's API (`want`) and authline's (`got`), as readable lines; none when they match. */
export function sdlDifferences(want: string, got: string): string[] {
  const expected = sectionsOf(want);
  const actual = sectionsOf(got);
  const differences: string[] = [];
  for (const title of new Set([...expected.keys(), ...actual.keys()])) {
    const mine = actual.get(title);
    const theirs = expected.get(title);
    if (!mine) { differences.push(`section "${title}" is missing`); continue; }
    if (!theirs) { differences.push(`section "${title}" is not Dgraph's`); continue; }
    for (const key of new Set([...theirs.keys(), ...mine.keys()])) {
      const a = theirs.get(key);
      const b = mine.get(key);
      if (a === b) continue;
      if (b === undefined) differences.push(`${title}: ${key} is missing:\n${a}`);
      else if (a === undefined) differences.push(`${title}: ${key} is not Dgraph's:\n${b}`);
      else differences.push(`${title}: ${key} differs:\n--- Dgraph\n${a}\n--- authline\n${b}`);
    }
  }
  const sectionOrder = (s: Map<string, unknown>) => [...s.keys()].join(', ');
  if (differences.length === 0 && sectionOrder(expected) !== sectionOrder(actual)) {
    differences.push(`sections in another order: Dgraph ${sectionOrder(expected)}; authline ${sectionOrder(actual)}`);
  }
  return differences;
}

/** What introspection answers about a schema, with its types and directives in name order (fields keep theirs). */
export function introspectionOf(schema: GraphQLSchema): IntrospectionQuery['__schema'] {
  const { __schema } = introspectionFromSchema(schema, { specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
  const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...__schema, types: byName(__schema.types), directives: byName(__schema.directives) };
}

/** Introspection of Dgraph's printed API, built as a GraphQL server would build it. */
export function dgraphIntrospection(want: string): IntrospectionQuery['__schema'] {
  return introspectionOf(buildSchema(want));
}
