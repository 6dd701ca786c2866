import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, parse, visit } from 'graphql';
import type { StringValueNode } from 'graphql';
import { stringPositions } from '../../src/rules/positions.js';
import { CONFORMANCE_SKIP, conformanceSchema } from '../support/conformance.js';

function strings(sdl: string): StringValueNode[] {
  const found: StringValueNode[] = [];
  visit(parse(sdl), { StringValue: (node) => void found.push(node) });
  return found;
}

function offsetOf(sdl: string, line: number, column: number): number {
  const lines = sdl.split(/(?<=\r\n|\n|\r(?!\n))/);
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length, 0) + column - 1;
}

/** Every character of every string value is found where the user typed it (an escape maps to its backslash). */
function assertMapsBack(sdl: string): void {
  for (const node of strings(sdl)) {
    const at = stringPositions(node);
    for (let i = 0; i < node.value.length; i++) {
      const [{ line, column }] = at.at(i);
      const typed = sdl[offsetOf(sdl, line, column)];
      const expected = node.value[i] === '\n' ? /[\n\r\\]/ : new RegExp(`^[${node.value[i].replace(/[\\\]^-]/g, '\\$&')}\\\\]$`);
      assert.match(typed, expected, `value[${i}] of ${JSON.stringify(node.value)} maps to ${JSON.stringify(typed)} at ${line}:${column}`);
    }
    // One past the end is the closing quote.
    const [end] = at.at(node.value.length);
    assert.equal(sdl[offsetOf(sdl, end.line, end.column)], '"');
  }
}

test('plain strings: escapes, unicode escapes, surrogate pairs', () => {
  assertMapsBack(String.raw`type X @auth(query: { rule: "{$ROLE: { eq: \"ADM\u0049N\" } }" }) { a: String }
type Y @auth(query: { rule: "a\\b\/c\n\t\u{1F600}\uD83D\uDE00 é 😀 end" }) { a: String }`);
});

test('block strings: common indentation, blank first and last lines, \\""", CRLF, tabs', () => {
  assertMapsBack(`type X @auth(query: { rule: """
      query {
        queryX(filter: { a: { eq: "\\"""" } }) {
      \t  __typename
        }
      }
  """ }) { a: String }\r\ntype Y @auth(query: { rule: """ query($U: String!) {\r\n    queryY { a }\r\n  }""" }) { a: String }
type Z @auth(query: { rule: """

   """ }) { a: String }`);
});

test('every rule string of the Dgraph e2e auth schema maps back', { skip: CONFORMANCE_SKIP }, () => {
  const sdl = conformanceSchema();
  assertMapsBack(sdl.replaceAll('@auth()', '@auth  '));
});

test('line and column in a rule value map to the SDL', () => {
  const sdl = 'type X @auth(query: { rule: """\n    query {\n      queryX(filter: 1)\n    }""" }) { a: String }';
  const [node] = strings(sdl);
  assert.equal(node.kind, Kind.STRING);
  // "queryX" is on the value's line 2, column 3; in the SDL on line 3, column 7.
  assert.deepEqual(stringPositions(node).atLineColumn(2, 3), [{ line: 3, column: 7 }]);
});
