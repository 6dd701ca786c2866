/**
 * JSON.parse, also keeping the text of each number literal whose value as a
 * JavaScript number says it differently: `180143985094.0` (a fraction
 * written on an integer), `9223372036854775808` (digits beyond a double).
 * Dgraph reads variables with Go's json.Number, so its errors quote the
 * number as written ("Type mismatched for Value `180143985094.0`...");
 * JSON.parse has lost that text by the time the variables are checked.
 *
 * Only bodies that have such a literal are parsed here (`mayHaveNumberText`
 * is a cheap test); the values are those JSON.parse gives.
 */

import type { NumberText } from '../../api/index.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const SPACE = /[ \t\n\r]*/y;

/** Whether `text` may hold a number literal that JSON.parse changes. */
export function mayHaveNumberText(text: string): boolean {
  return /\d[.eE]|\d{16}/.test(text);
}

export function parseKeepingNumberText(text: string): { readonly value: unknown; readonly numberText: NumberText } {
  const texts = new WeakMap<object, Map<string | number, string>>();
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`Unexpected token in JSON at position ${at}`);
  };
  const skip = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const found = pattern.exec(text)?.[0];
    if (found !== undefined) at += found.length;
    return found;
  };
  const note = (container: object, key: string | number, literal: string) => {
    if (String(Number(literal)) === literal) return;
    let own = texts.get(container);
    if (!own) texts.set(container, (own = new Map()));
    own.set(key, literal);
  };
  const value = (container?: object, key?: string | number): unknown => {
    skip();
    const c = text[at];
    if (c === '{') {
      at++;
      const object: Record<string, unknown> = {};
      skip();
      if (text[at] === '}') return at++, object;
      for (;;) {
        skip();
        const name = JSON.parse(match(STRING) ?? fail()) as string;
        skip();
        if (text[at++] !== ':') fail();
        // Defined, not assigned: a "__proto__" key is an own property, as JSON.parse makes it.
        Object.defineProperty(object, name, { value: value(object, name), enumerable: true, writable: true, configurable: true });
        skip();
        const next = text[at++];
        if (next === '}') return object;
        if (next !== ',') fail();
      }
    }
    if (c === '[') {
      at++;
      const array: unknown[] = [];
      skip();
      if (text[at] === ']') return at++, array;
      for (;;) {
        array.push(value(array, array.length));
        skip();
        const next = text[at++];
        if (next === ']') return array;
        if (next !== ',') fail();
      }
    }
    if (c === '"') return JSON.parse(match(STRING) ?? fail());
    for (const [word, meaning] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) return (at += word.length), meaning;
    }
    const literal = match(NUMBER) ?? fail();
    if (container !== undefined && key !== undefined) note(container, key, literal);
    return Number(literal);
  };
  const parsed = value();
  skip();
  if (at !== text.length) fail();
  return { value: parsed, numberText: (container, key) => texts.get(container)?.get(key) };
}
