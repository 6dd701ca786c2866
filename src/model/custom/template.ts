/**
 * Dgraph's body templates for `@custom(http: {body: ...})`: a GraphQL object
 * literal whose values may be variables (`{author: $id, post: {id: $postID}}`),
 * read into JSON where a variable is the string `"$name"`, and filled in per
 * request. Variables that have no value are left out of objects and become
 * null in lists, as in Dgraph. URL templates put variables in path segments
 * (`/users/$id`) and query values (`?q=$name`).
 */
import { GraphQLError, Kind, parseValue } from 'graphql';
import type { ValueNode } from 'graphql';

/** JSON, with `"$name"` strings standing for variables. */
export type Template = null | boolean | number | string | readonly Template[] | { readonly [key: string]: Template };

/** Values the variables take: arguments of a root field, or a parent's fields. */
export type Variables = { readonly [name: string]: unknown };

export interface ParsedTemplate {
  readonly template: Template;
  /** Names of the variables it uses, in order of appearance. */
  readonly variables: readonly string[];
}

/**
 * @param strictJSON Dgraph refuses block strings and enums in a body (not in the arguments of a remote GraphQL query)
 * @throws Error with the parser's message
 */
export function parseTemplate(text: string, strictJSON: boolean): ParsedTemplate | null {
  if (text.trim() === '') return null;
  let value: ValueNode;
  try {
    value = parseValue(text);
  } catch (error) {
    if (error instanceof GraphQLError) throw new Error(error.message.replace(/^Syntax Error: /, '').replace(/\.$/, ''));
    throw error;
  }
  const variables: string[] = [];
  const read = (node: ValueNode): Template => {
    switch (node.kind) {
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, read(f.value)]));
      case Kind.LIST:
        return node.values.map(read);
      case Kind.VARIABLE:
        if (!variables.includes(node.name.value)) variables.push(node.name.value);
        return `$${node.name.value}`;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.BOOLEAN:
        return node.value;
      case Kind.NULL:
        return null;
      case Kind.STRING:
        if (node.block && strictJSON) throw new Error(`found unexpected value: """${node.value}"""`);
        return node.value;
      case Kind.ENUM:
        if (strictJSON) throw new Error(`found unexpected value: ${node.value}`);
        return node.value;
    }
  };
  return { template: read(value), variables };
}

const isVariable = (value: Template): value is string => typeof value === 'string' && value.startsWith('$');

/** The template with its variables replaced by their values. */
export function fillTemplate(template: Template, variables: Variables): unknown {
  if (isVariable(template)) return variables[template.slice(1)] ?? null;
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, variables));
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      if (isVariable(value) && !(value.slice(1) in variables)) continue;
      out[key] = fillTemplate(value, variables);
    }
    return out;
  }
  return template;
}

/** A template's variables for the fields of a type or the arguments of a root field: `{a: $a, b: $b}`. */
export function templateOf(names: readonly string[]): ParsedTemplate {
  return { template: Object.fromEntries(names.map((n) => [n, `$${n}`])), variables: [...names] };
}

/** Variables of a URL: `$name` path segments and query values. */
export function urlVariables(url: URL): { name: string; location: 'path' | 'query' }[] {
  const path = url.pathname.split('/').filter((s) => s.startsWith('$')).map((s) => ({ name: s.slice(1), location: 'path' as const }));
  const query = [...url.searchParams.values()].filter((v) => v.startsWith('$')).map((v) => ({ name: v.slice(1), location: 'query' as const }));
  return [...path, ...query];
}

/**
 * The URL with its variables filled in: path values escaped (lists joined by
 * commas, objects as key,value pairs), query values as repeated keys for
 * lists and `key[field]` for objects; a query variable without a value drops
 * its parameter.
 */
export function fillUrl(raw: string, variables: Variables): string {
  const url = new URL(raw);
  url.pathname = url.pathname
    .split('/')
    .map((segment) => (segment.startsWith('$') ? encodeURIComponent(pathValue(variables[decodeURIComponent(segment.slice(1))])) : segment))
    .join('/');
  const query = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (!value.startsWith('$')) {
      query.append(key, value);
    } else if (value.slice(1) in variables) {
      appendQueryValue(query, key, variables[value.slice(1)]);
    }
  }
  url.search = query.toString();
  return url.toString();
}

function pathValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(pathValue).join(',');
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, pathValue(v)]).join(',');
  return String(value);
}

function appendQueryValue(query: URLSearchParams, key: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) appendQueryValue(query, key, item);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) appendQueryValue(query, `${key}[${k}]`, v);
  } else {
    query.append(key, value === null || value === undefined ? '' : String(value));
  }
}
