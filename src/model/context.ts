/**
 * What Dgraph's schema validators need to know about the (expanded) schema:
 * a type's kind and fields, which interface a field comes from, and the
 * `@hasInverse` links, including the ones Dgraph infers for the partner
 * field when only one side names the other.
 */
import type { DirectiveNode, FieldDefinitionNode } from 'graphql';
import { argument, directive, rawValue } from './ast.js';
import { GEO_TYPES, SCALARS } from './builtins.js';
import type { Definition, DefinitionKind, SchemaDocument } from './document.js';
import type { ExpandedType } from './expand.js';

/** The kind of a type the schema may name: a built-in scalar, a geo type (an object to Dgraph) or a definition. */
export function kindIn(document: SchemaDocument, name: string): DefinitionKind | undefined {
  if (SCALARS.has(name)) return 'SCALAR';
  if (GEO_TYPES.has(name)) return 'OBJECT';
  return document.byName.get(name)?.kind;
}

export class SchemaContext {
  /** "Type.field" → the partner field name Dgraph adds when only the other side has `@hasInverse`. */
  private readonly inferredInverse = new Map<string, string>();

  constructor(
    readonly document: SchemaDocument,
    readonly types: ReadonlyMap<string, ExpandedType>,
  ) {}

  kindOf(name: string): DefinitionKind | undefined {
    return kindIn(this.document, name);
  }

  definition(name: string): Definition | undefined {
    return this.document.byName.get(name);
  }

  fields(typeName: string): readonly FieldDefinitionNode[] {
    return this.types.get(typeName)?.fields ?? [];
  }

  field(typeName: string, fieldName: string): FieldDefinitionNode | undefined {
    return this.fields(typeName).find((f) => f.name.value === fieldName);
  }

  directives(typeName: string): readonly DirectiveNode[] {
    return this.types.get(typeName)?.directives ?? [];
  }

  /** The first directly implemented interface that has the field (Dgraph's `parentInterface`). */
  parentInterface(typeName: string, fieldName: string): Definition | undefined {
    for (const iface of this.definition(typeName)?.interfaces ?? []) {
      const def = this.definition(iface.name.value);
      if (def?.fields.some((f) => f.name.value === fieldName)) return def;
    }
    return undefined;
  }

  /** Object types that list `ifaceName` among their interfaces. */
  implementations(ifaceName: string): Definition[] {
    return this.document.definitions.filter((d) => d.kind === 'OBJECT' && d.interfaces.some((i) => i.name.value === ifaceName));
  }

  /** The field named by `@hasInverse(field:)` on `typeName.fieldName`, written or inferred. */
  inverseOf(typeName: string, fieldName: string): string | undefined {
    const written = directive(this.field(typeName, fieldName)?.directives, 'hasInverse');
    if (written) return rawValue(argument(written, 'field'));
    return this.inferredInverse.get(`${typeName}.${fieldName}`);
  }

  hasInverseDirective(typeName: string, fieldName: string): boolean {
    return this.inverseOf(typeName, fieldName) !== undefined;
  }

  /** Records the partner side of a valid `@hasInverse`, on an interface's implementations too. */
  inferInverse(typeName: string, fieldName: string, partner: string): void {
    if (this.hasInverseDirective(typeName, fieldName)) return;
    this.inferredInverse.set(`${typeName}.${fieldName}`, partner);
    if (this.kindOf(typeName) !== 'INTERFACE') return;
    for (const impl of this.implementations(typeName)) {
      if (this.field(impl.name, fieldName) && !this.hasInverseDirective(impl.name, fieldName)) {
        this.inferredInverse.set(`${impl.name}.${fieldName}`, partner);
      }
    }
  }
}
