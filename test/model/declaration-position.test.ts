/**
 * Dgraph reports a few type checks at its own declaration of a directive,
 * counted in the definitions it parses apart from the upload, with
 * gqlparser's line numbers (which skip the line breaks inside block
 * strings). model/directives.ts keeps where those declarations start; this
 * checks it against the definitions as the generated API prints them, and
 * the positions against those gqlschema_test.yml gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema } from '../../src/engine/compile-schema.js';
import { declarationPosition } from '../../src/model/directives.js';

/** The 1-based line gqlparser gives the line starting with `prefix` in `text`, and its column after `directive @`. */
function gqlparserPosition(text: string, prefix: string): { line: number; column: number } {
  let line = 1;
  let inBlockString = false;
  for (const row of text.split('\n')) {
    if (row.startsWith(prefix)) return { line, column: 'directive @'.length + 1 };
    if ((row.match(/"""/g) ?? []).length % 2 === 1) inBlockString = !inBlockString;
    if (!inBlockString) line++;
  }
  throw new Error(`${prefix} not in the text`);
}

/** The body of a section of the printed API: what follows its title lines, up to the next title. */
function section(sdl: string, title: string): string {
  const start = sdl.indexOf(`# ${title}\n#######################\n`) + `# ${title}\n#######################\n`.length;
  return sdl.slice(start, sdl.indexOf('#######################', start));
}

const FEDERATED = 'type Product @key(fields: "id") { id: ID! name: String }';

test("the declarations lie where gqlparser counts them in Dgraph's extras", () => {
  const result = compileSchema(FEDERATED);
  assert.ok(result.ok);
  const sdl = result.schema.api.sdl;
  // Dgraph's extras start with an empty line, as printed after the section title.
  assert.deepEqual(declarationPosition('remote'), gqlparserPosition(section(sdl, 'Extended Definitions'), 'directive @remote '));
  // The Apollo extras follow the `_Entity` union line.
  const apollo = section(sdl, 'Extended Apollo Definitions');
  assert.deepEqual(declarationPosition('extends'), gqlparserPosition(apollo.slice(apollo.indexOf('\n') + 1), 'directive @extends '));
});

test('Dgraph locates the @remote and @extends type errors at those declarations', () => {
  const keyed = 'type Review @key(fields: "id") { id: ID! text: String }';
  const cases: [string, string, { line: number; column: number }][] = [
    [`type Product @remote @key(fields: "id") { id: ID! name: String }\n${keyed}`, 'Type Product; @remote directive cannot be defined with @key directive', { line: 181, column: 12 }],
    [`type Product @extends { id: ID! @external name: String }\n${keyed}`, 'Type Product; Type Extension cannot be defined without @key directive', { line: 13, column: 12 }],
  ];
  for (const [sdl, message, location] of cases) {
    const result = compileSchema(sdl);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => e.toJSON()), [{ message, locations: [location] }]);
  }
});
