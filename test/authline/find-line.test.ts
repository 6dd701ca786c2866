/**
 * Which line is the auth line: Dgraph's scanner rule (trimmed `#`, then
 * `Dgraph.Authorization` after any spacing, anywhere in the text), the
 * second-mention error, and the position every error carries.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readAuthorization } from '../../src/authline/index.js';
import { HS, TYPES, accepted, jsonLine } from './support.js';

const body = JSON.stringify(HS);

describe('finding the line', () => {
  for (const line of [
    `# Dgraph.Authorization ${body}`,
    `#Dgraph.Authorization${body}`,
    `#   Dgraph.Authorization   ${body}`,
    `#\tDgraph.Authorization ${body}`,
    `   # Dgraph.Authorization ${body}   `,
    `# Dgraph.Authorization ${body}\r`,
  ]) {
    test(`qualifies: ${JSON.stringify(line.slice(0, 30))}`, () => {
      assert.equal(accepted(line).header, 'X-Test-Auth');
    });
  }

  test('anywhere in the schema, not only last', () => {
    const { config, errors } = readAuthorization(`${jsonLine(HS)}\n${TYPES}`);
    assert.deepEqual(errors, []);
    assert.deepEqual(config?.loc, { line: 1, column: 1 });
  });

  test('inside a block string too (the scanner does not read GraphQL)', () => {
    const { config } = readAuthorization(`"""\n${jsonLine(HS)}\n"""\n${TYPES}`);
    assert.equal(config?.header, 'X-Test-Auth');
  });

  test('the marker is case-sensitive, and other comments are ignored', () => {
    for (const sdl of [`${TYPES}# dgraph.authorization ${body}\n`, `${TYPES}# Dgraph.Allow-Origin "http://x"\n`, TYPES]) {
      assert.deepEqual(readAuthorization(sdl), { config: null, errors: [] });
    }
  });

  test('not a comment: no line', () => {
    assert.deepEqual(readAuthorization(`${TYPES}Dgraph.Authorization ${body}\n`), { config: null, errors: [] });
  });

  test('a lone CR does not end a line (Go splits on LF only)', () => {
    const { config } = readAuthorization(`type A { id: ID }\r# Dgraph.Authorization ${body}\n`);
    assert.equal(config, null);
  });

  test('U+0085 is space to Go, so it may precede the #', () => {
    assert.equal(readAuthorization(`\u0085# Dgraph.Authorization ${body}`).config?.header, 'X-Test-Auth');
  });

  test('any prefix match qualifies and then fails to parse', () => {
    const { errors } = readAuthorization(`# Dgraph.AuthorizationFoo ${body}\n`);
    assert.deepEqual(errors.map((e) => e.message), [`Invalid \`Dgraph.Authorization\` format: # Dgraph.AuthorizationFoo ${body}`]);
  });

  test('the JSON is read after the LAST marker on the line', () => {
    const { errors } = readAuthorization(`# Dgraph.Authorization {"Header":"Dgraph.Authorization"}\n`);
    assert.deepEqual(errors.map((e) => e.message), ['Invalid `Dgraph.Authorization` format: # Dgraph.Authorization"}']);
  });
});

describe('a second line', () => {
  test("is an error with Dgraph's words, before either line is read", () => {
    const second = `  #Dgraph.Authorization not even json`;
    const { config, errors } = readAuthorization(`${jsonLine(HS)}\n${TYPES}${second}\n`);
    assert.equal(config, null);
    assert.deepEqual(
      errors.map((e) => e.toJSON()),
      [
        {
          message:
            'Dgraph.Authorization should be only be specified once in a schema, found second mention: #Dgraph.Authorization not even json',
          locations: [{ line: 6, column: 3 }, { line: 1, column: 1 }],
        },
      ],
    );
  });
});

describe('positions', () => {
  test('errors carry the line and the column of its #', () => {
    const { errors } = readAuthorization(`${TYPES}\n\t  # Dgraph.Authorization {}\n`);
    assert.deepEqual(errors[0].locations, [{ line: 6, column: 4 }]);
  });
});
