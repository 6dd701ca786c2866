/**
 * What remote calls add to the API: `@custom`/`@lambda` fields (on types and
 * on Query/Mutation), printed as written, without the generated arguments of
 * stored edges; and the definitions only remote calls use (`@remote` types,
 * inputs). Dgraph prints the directives it keeps as its parser formats
 * values (`{url:"http://...",method:"GET"}`, `["term","exact"]`, a block
 * string as one quoted line), so authline does.
 */
import { Kind, print } from 'graphql';
import type { DirectiveNode, FieldDefinitionNode, InputValueDefinitionNode } from 'graphql';
import { PRINTED_DIRECTIVES } from '../model/directives.js';
import type { RemoteDefinition } from '../model/types.js';
import { gqlparserValue } from '../sdl/gqlparser-value.js';
import type { FieldSpec, TypeSpec } from './spec.js';

/** A field as written in the upload: its own arguments, its printed directives, its description. */
export function writtenFieldSpec(node: FieldDefinitionNode | InputValueDefinitionNode): FieldSpec {
  const args = 'arguments' in node ? (node.arguments ?? []).map((a) => ({ name: a.name.value, type: print(a.type) })) : [];
  return {
    name: node.name.value,
    type: print(node.type),
    args,
    directives: printedDirectives(node.directives),
    ...(node.description ? { description: print(node.description) } : {}),
  };
}

/** The directives Dgraph prints back, in its compact form. */
export function printedDirectives(directives: readonly DirectiveNode[] | undefined): string[] {
  return (directives ?? []).filter((d) => PRINTED_DIRECTIVES.has(d.name.value)).map(compactDirective);
}

function compactDirective(dir: DirectiveNode): string {
  const args = dir.arguments?.length ? `(${dir.arguments.map((a) => `${a.name.value}: ${gqlparserValue(a.value)}`).join(', ')})` : '';
  return `@${dir.name.value}${args}`;
}

/**
 * A definition only remote calls use, as the upload wrote it; a type gets
 * the fields of its interfaces it does not declare first, without their
 * descriptions, as Dgraph copies them.
 */
export function remoteSpec(def: RemoteDefinition, remotes: readonly RemoteDefinition[]): TypeSpec {
  const node = def.node;
  const description = 'description' in node && node.description ? { description: print(node.description) } : {};
  const directives = printedDirectives(node.directives);
  switch (node.kind) {
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return { kind: 'input', name: def.name, ...description, fields: (node.fields ?? []).map(writtenFieldSpec) };
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return { kind: 'enum', name: def.name, ...description, values: (node.values ?? []).map((v) => ({ name: v.name.value, directives: printedDirectives(v.directives) })) };
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      return { kind: 'union', name: def.name, ...description, directives, members: (node.types ?? []).map((t) => t.name.value) };
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION: {
      const implemented = (node.interfaces ?? []).map((i) => i.name.value);
      const kind = node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.OBJECT_TYPE_EXTENSION ? 'type' : 'interface';
      const own = (node.fields ?? []).map(writtenFieldSpec);
      const inherited = implemented
        .flatMap((name): readonly FieldDefinitionNode[] => {
          const parent = remotes.find((r) => r.name === name)?.node;
          return parent?.kind === Kind.INTERFACE_TYPE_DEFINITION || parent?.kind === Kind.INTERFACE_TYPE_EXTENSION ? parent.fields ?? [] : [];
        })
        .filter((field) => !own.some((f) => f.name === field.name.value))
        .map((field) => writtenFieldSpec({ ...field, description: undefined }));
      return { kind, name: def.name, ...description, directives, ...(implemented.length ? { implements: implemented } : {}), fields: [...inherited, ...own] };
    }
    default:
      throw new Error(`remote definition ${def.name} of kind ${node.kind} cannot be printed`);
  }
}
