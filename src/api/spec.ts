/**
 * The generated API is first described as plain definitions (a type's name,
 * its fields and their printed types), then printed as SDL and built by
 * graphql-js. Plain data keeps each generation step a small function, lets
 * the clean-up pass prune inputs the way Dgraph does, and makes the printed
 * SDL (what `sdl` returns) exactly what the schema was built from.
 */

export interface ArgSpec {
  readonly name: string;
  /** Printed type, e.g. `[AddUserInput!]!`. */
  readonly type: string;
}

export interface FieldSpec {
  readonly name: string;
  readonly type: string;
  readonly args?: readonly ArgSpec[];
  /** Printed directives, e.g. `@search(by: [hash])`. */
  readonly directives?: readonly string[];
  /** Printed description (a string or block string literal). */
  readonly description?: string;
}

export interface ObjectSpec {
  readonly kind: 'type' | 'interface';
  readonly name: string;
  readonly implements?: readonly string[];
  readonly directives?: readonly string[];
  readonly description?: string;
  readonly fields: FieldSpec[];
}

export interface InputSpec {
  readonly kind: 'input';
  readonly name: string;
  readonly description?: string;
  fields: FieldSpec[];
}

export interface EnumValueSpec {
  readonly name: string;
  readonly directives?: readonly string[];
  readonly description?: string;
}

export interface EnumSpec {
  readonly kind: 'enum';
  readonly name: string;
  readonly description?: string;
  readonly values: readonly EnumValueSpec[];
}

export interface UnionSpec {
  readonly kind: 'union';
  readonly name: string;
  readonly description?: string;
  readonly directives?: readonly string[];
  readonly members: readonly string[];
}

export type TypeSpec = ObjectSpec | InputSpec | EnumSpec | UnionSpec;

/** `[Post!]!` → `Post`. */
export function namedType(type: string): string {
  return type.replace(/[[\]!]/g, '');
}

/** `String!` → `String`, `[Post!]!` → `[Post!]`. */
export function nullable(type: string): string {
  return type.endsWith('!') ? type.slice(0, -1) : type;
}

export function printSpec(spec: TypeSpec): string {
  const head = spec.description ? `${spec.description}\n` : '';
  switch (spec.kind) {
    case 'type':
    case 'interface': {
      const impl = spec.implements?.length ? ` implements ${spec.implements.join(' & ')}` : '';
      return `${head}${spec.kind} ${spec.name}${impl}${printDirectives(spec.directives)} {\n${spec.fields.map(printField).join('')}}\n`;
    }
    case 'input':
      return `${head}input ${spec.name} {\n${spec.fields.map(printField).join('')}}\n`;
    case 'enum':
      return `${head}enum ${spec.name} {\n${spec.values
        .map((v) => `${v.description ? `\t${v.description}\n` : ''}\t${v.name}${printDirectives(v.directives)}\n`)
        .join('')}}\n`;
    case 'union':
      return `${head}union ${spec.name}${printDirectives(spec.directives)} = ${spec.members.join(' | ')}\n`;
  }
}

function printField(field: FieldSpec): string {
  const args = field.args?.length ? `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})` : '';
  const description = field.description ? `\t${field.description}\n` : '';
  return `${description}\t${field.name}${args}: ${field.type}${printDirectives(field.directives)}\n`;
}

function printDirectives(directives: readonly string[] | undefined): string {
  return directives?.length ? ` ${directives.join(' ')}` : '';
}
