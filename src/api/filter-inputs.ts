/**
 * The built-in filter inputs (`IntFilter`, `StringHashFilter`, ...), read
 * from model/search.ts: each function a field of the input, its operand
 * written as Dgraph writes it (the value, a list, a range, or a string).
 */
import { FILTER_INPUTS, inputFunctions, operandOf } from '../model/search.js';
import type { OperandKind } from '../model/search.js';
import type { FieldSpec } from './spec.js';

function operandType(kind: OperandKind, of: string): string {
  switch (kind) {
    case 'value': return of;
    case 'list': return `[${of}]`;
    case 'range': return `${of}Range`;
    case 'text': case 'regexp': return 'String';
  }
}

/** The fields of built-in filter input `name`, in Dgraph's order (none for a name that is not one). */
export function filterInputFields(name: string): FieldSpec[] {
  if (!Object.hasOwn(FILTER_INPUTS, name)) return [];
  const { of } = FILTER_INPUTS[name as keyof typeof FILTER_INPUTS];
  return inputFunctions(name).map((fn) => ({ name: fn, type: operandType(operandOf(fn), of) }));
}

/** Names of the built-in filter inputs, which take one function at a time (the geometry ones too, extras.ts). */
export const BUILT_IN_FILTER_INPUTS: ReadonlySet<string> = new Set([
  ...Object.keys(FILTER_INPUTS), 'PointGeoFilter', 'ContainsFilter', 'IntersectsFilter', 'PolygonGeoFilter',
]);

/** The SDL of every built-in filter input, as Dgraph prints them. */
export function printFilterInputs(): string {
  return Object.keys(FILTER_INPUTS)
    .map((name) => `input ${name} {\n${filterInputFields(name).map((f) => `\t${f.name}: ${f.type}\n`).join('')}}\n`)
    .join('\n');
}
