/**
 * Small readers over graphql-js AST nodes, so validation code can talk about
 * "the @search directive of this field" instead of walking nodes.
 */
import { Kind, print } from 'graphql';
import type { ASTNode, ConstValueNode, DirectiveNode, Source, TypeNode, ValueNode } from 'graphql';
import type { SourcePosition } from '../sdl/errors.js';
import type { TypeRef } from './types.js';

/** 1-based line and column where `node` starts (0:0 for generated nodes). */
export function positionOf(node: ASTNode | undefined): SourcePosition {
  const loc = node?.loc;
  if (!loc) return { line: 0, column: 0 };
  // gqlparser, whose positions Dgraph reports, places a string where its text starts, past the quotes.
  const quotes = node?.kind === Kind.STRING ? (node.block ? 3 : 1) : 0;
  return sourcePosition(loc.source, loc.start + quotes);
}

/** 1-based line and column of an offset into `source`. */
export function sourcePosition(source: Source, offset: number): SourcePosition {
  const starts = lineStarts(source);
  // The last line starting at or before the offset (binary search).
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** Offsets where lines start, computed once per source (graphql-js's getLocation rescans each time). */
const lineStartCache = new WeakMap<Source, number[]>();
function lineStarts(source: Source): number[] {
  let starts = lineStartCache.get(source);
  if (!starts) {
    starts = lineStartsOf(source.body);
    lineStartCache.set(source, starts);
  }
  return starts;
}

/** Offsets where lines start, as graphql-js counts lines (`\r\n`, `\n` or `\r`). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|[\n\r]/g)) starts.push(match.index + match[0].length);
  return starts;
}

export function directive(directives: readonly DirectiveNode[] | undefined, name: string): DirectiveNode | undefined {
  return directives?.find((d) => d.name.value === name);
}

export function directivesNamed(directives: readonly DirectiveNode[] | undefined, name: string): DirectiveNode[] {
  return (directives ?? []).filter((d) => d.name.value === name);
}

export function argument(dir: DirectiveNode | undefined, name: string): ValueNode | undefined {
  return dir?.arguments?.find((a) => a.name.value === name)?.value;
}

export function argumentNode(dir: DirectiveNode | undefined, name: string) {
  return dir?.arguments?.find((a) => a.name.value === name);
}

/** A field of an object literal argument, e.g. `get` in `@generate(query: {get: false})`. */
export function objectField(value: ValueNode | undefined, name: string): ValueNode | undefined {
  return value?.kind === Kind.OBJECT ? value.fields.find((f) => f.name.value === name)?.value : undefined;
}

/**
 * The "raw" text of a value as gqlparser keeps it: a string's content, an
 * enum's or number's spelling; '' for lists, objects and null. Dgraph's
 * checks compare this text, so `@dgraph(pred: Foo)` reads like `"Foo"`.
 */
export function rawValue(value: ValueNode | undefined): string {
  switch (value?.kind) {
    case Kind.STRING:
    case Kind.ENUM:
    case Kind.INT:
    case Kind.FLOAT:
      return value.value;
    case Kind.BOOLEAN:
      return String(value.value);
    case Kind.VARIABLE:
      return value.name.value;
    default:
      return '';
  }
}

/** A literal as plain JSON-ish data (variables are not allowed in SDL). */
export function literal(value: ConstValueNode | ValueNode | undefined): unknown {
  switch (value?.kind) {
    case undefined:
      return undefined;
    case Kind.NULL:
      return null;
    case Kind.INT:
      return Number(value.value);
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.LIST:
      return value.values.map((v) => literal(v));
    case Kind.OBJECT:
      return Object.fromEntries(value.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.VARIABLE:
      return undefined;
  }
}

export function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

export function isListType(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE ? isListType(type.type) : type.kind === Kind.LIST_TYPE;
}

/** `[[T]]` and deeper: Dgraph rejects nested lists. */
export function isNestedList(type: TypeNode): boolean {
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind !== Kind.LIST_TYPE) return false;
  const item = inner.type.kind === Kind.NON_NULL_TYPE ? inner.type.type : inner.type;
  return item.kind === Kind.LIST_TYPE;
}

export function typeRefOf(type: TypeNode): TypeRef {
  const nonNull = type.kind === Kind.NON_NULL_TYPE;
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (inner.kind === Kind.LIST_TYPE) {
    return { name: namedTypeOf(inner.type), list: true, nonNull, itemNonNull: inner.type.kind === Kind.NON_NULL_TYPE };
  }
  return { name: namedTypeOf(inner), list: false, nonNull, itemNonNull: false };
}

/** `String!`, `[Post]` ... as written. */
export function typeString(type: TypeNode): string {
  return print(type);
}
