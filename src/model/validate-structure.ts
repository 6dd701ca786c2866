/**
 * GraphQL validity of the expanded type definitions, as Dgraph's gqlparser
 * checks it (same messages): known types and directives, directive
 * locations, union members, interface implementations, duplicate fields.
 * Directive arguments are deliberately not type-checked here: Dgraph's own
 * validators (validate-*.ts) judge them, with Dgraph's messages.
 */
import { Kind } from 'graphql';
import type { DirectiveDefinitionNode, DirectiveNode, FieldDefinitionNode, InputValueDefinitionNode, NameNode, TypeNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { directive, namedTypeOf, positionOf, typeString } from './ast.js';
import { PREDECLARED_TYPES } from './builtins.js';
import { kindIn } from './context.js';
import { DIRECTIVE_ARGUMENTS, directiveLocations } from './directives.js';
import type { DirectiveLocationName } from './directives.js';
import type { Definition, DefinitionKind, SchemaDocument } from './document.js';
import type { ExpandedType } from './expand.js';

const OUTPUT_KINDS: readonly DefinitionKind[] = ['SCALAR', 'OBJECT', 'INTERFACE', 'UNION', 'ENUM'];
const INPUT_KINDS: readonly DefinitionKind[] = ['SCALAR', 'ENUM', 'INPUT_OBJECT'];

export function validateStructure(schema: SchemaDocument, types: ReadonlyMap<string, ExpandedType>): SchemaError[] {
  const known = new Known(schema);
  const errors: SchemaError[] = [...known.errors];
  for (const { def, fields, directives } of types.values()) {
    errors.push(...new DefinitionCheck(known, def, fields, directives).run());
  }
  return errors;
}

/** The types and directives a schema can refer to. */
class Known {
  readonly errors: SchemaError[] = [];
  readonly directives = new Map<string, readonly DirectiveLocationName[]>();

  constructor(readonly schema: SchemaDocument) {
    const federated = schema.definitions.some((d) => directive(d.directives, 'key'));
    for (const [name, locations] of directiveLocations(federated)) this.directives.set(name, locations);
    for (const def of schema.directiveDefinitions) this.declare(def);
  }

  kindOf(name: string): DefinitionKind | undefined {
    return kindIn(this.schema, name);
  }

  private declare(def: DirectiveDefinitionNode): void {
    const name = def.name.value;
    if (this.directives.has(name)) {
      this.errors.push(new SchemaError(`Cannot redeclare directive ${name}.`, [positionOf(def.name)]));
      return;
    }
    this.directives.set(name, def.locations.map((l) => l.value as DirectiveLocationName));
  }
}

class DefinitionCheck {
  private readonly errors: SchemaError[] = [];

  constructor(
    private readonly known: Known,
    private readonly def: Definition,
    private readonly fields: readonly FieldDefinitionNode[],
    private readonly directives: readonly DirectiveNode[],
  ) {}

  run(): SchemaError[] {
    const { def } = this;
    this.reservedName(def.nameNode);
    if (PREDECLARED_TYPES.has(def.name)) this.error(`Cannot redeclare type ${def.name}.`, def.nameNode);
    if (def.kind === 'OBJECT' || def.kind === 'INTERFACE') this.outputFields();
    if (def.kind === 'INPUT_OBJECT') this.inputFields();
    if (def.kind === 'ENUM' && def.values.length === 0) this.error(`${def.kind} must define one or more unique enum values.`, def.nameNode);
    for (const member of def.members) this.unionMember(member.name);
    for (const iface of def.interfaces) this.implementation(iface.name);
    this.circularImplementation();
    this.directiveUses(this.directives, def.kind);
    return this.errors;
  }

  private outputFields(): void {
    const { def, fields } = this;
    if (fields.length === 0) this.error(`${def.kind} must define one or more fields.`, def.nameNode);
    const seen = new Set<string>();
    for (const field of fields) {
      this.reservedName(field.name);
      this.typeReference(field.type, OUTPUT_KINDS, field.name);
      for (const arg of field.arguments ?? []) this.argument(arg);
      this.directiveUses(field.directives ?? [], 'FIELD_DEFINITION');
      if (seen.has(field.name.value)) this.error(`Field ${def.name}.${field.name.value} can only be defined once.`, field.name);
      seen.add(field.name.value);
    }
  }

  private inputFields(): void {
    const { def } = this;
    if (def.inputFields.length === 0) this.error(`${def.kind} must define one or more input fields.`, def.nameNode);
    const seen = new Set<string>();
    for (const field of def.inputFields) {
      this.reservedName(field.name);
      this.typeReference(field.type, INPUT_KINDS, field.name);
      this.directiveUses(field.directives ?? [], 'INPUT_FIELD_DEFINITION');
      if (seen.has(field.name.value)) this.error(`Field ${def.name}.${field.name.value} can only be defined once.`, field.name);
      seen.add(field.name.value);
    }
  }

  private typeReference(type: TypeNode, allowed: readonly DefinitionKind[], at: NameNode): void {
    const name = namedTypeOf(type);
    const kind = this.known.kindOf(name);
    if (kind === undefined) {
      this.error(`Undefined type ${name}.`, type);
    } else if (!allowed.includes(kind)) {
      this.error(`${this.def.kind} field must be one of ${allowed.join(', ')}.`, at);
    }
  }

  private argument(arg: InputValueDefinitionNode): void {
    this.reservedName(arg.name);
    const name = namedTypeOf(arg.type);
    const kind = this.known.kindOf(name);
    if (kind === undefined) {
      this.error(`Undefined type ${name}.`, arg.type);
    } else if (!INPUT_KINDS.includes(kind)) {
      this.error(`cannot use ${typeString(arg.type)} as argument ${arg.name.value} because ${kind} is not a valid input type`, arg.name);
    }
    this.directiveUses(arg.directives ?? [], 'ARGUMENT_DEFINITION');
  }

  private unionMember(member: NameNode): void {
    const kind = this.known.kindOf(member.value);
    if (kind === undefined) this.error(`Undefined type "${member.value}".`, this.def.nameNode);
    else if (kind !== 'OBJECT') this.error(`${this.def.kind} type "${member.value}" must be OBJECT.`, this.def.nameNode);
  }

  private implementation(ifaceName: NameNode): void {
    const { def, fields } = this;
    const iface = this.known.schema.byName.get(ifaceName.value);
    if (!iface) {
      this.error(`Undefined type "${ifaceName.value}".`, def.nameNode);
      return;
    }
    if (iface.kind !== 'INTERFACE') {
      this.error(`"${ifaceName.value}" is a non interface type ${iface.kind}.`, def.nameNode);
      return;
    }
    for (const required of iface.fields) {
      const name = required.name.value;
      const found = fields.find((f) => f.name.value === name);
      if (!found) {
        this.error(`For ${def.name} to implement ${iface.name} it must have a field called ${name}.`, def.nameNode);
        continue;
      }
      if (!this.covariant(required.type, found.type)) {
        this.error(`For ${def.name} to implement ${iface.name} the field ${name} must have type ${typeString(required.type)}.`, found.name);
      }
      for (const arg of required.arguments ?? []) {
        const match = found.arguments?.find((a) => a.name.value === arg.name.value);
        if (!match) {
          this.error(`For ${def.name} to implement ${iface.name} the field ${name} must have the same arguments but it is missing ${arg.name.value}.`, found.name);
        } else if (typeString(match.type) !== typeString(arg.type)) {
          this.error(`For ${def.name} to implement ${iface.name} the field ${name} must have the same arguments but ${arg.name.value} has the wrong type.`, match.name);
        }
      }
      for (const arg of found.arguments ?? []) {
        const extra = !required.arguments?.some((a) => a.name.value === arg.name.value);
        if (extra && arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue) {
          this.error(
            `For ${def.name} to implement ${iface.name} any additional arguments on ${name} must be optional or have a default value but ${arg.name.value} is required.`,
            arg.name,
          );
        }
      }
    }
  }

  /** An interface may not implement itself, directly or through others. */
  private circularImplementation(): void {
    const { def } = this;
    if (def.kind !== 'INTERFACE') return;
    const seen = new Set<string>();
    const reaches = (name: string): boolean => {
      if (name === def.name) return true;
      if (seen.has(name)) return false;
      seen.add(name);
      return (this.known.schema.byName.get(name)?.interfaces ?? []).some((i) => reaches(i.name.value));
    };
    const via = def.interfaces.find((i) => reaches(i.name.value));
    if (via) this.error(`Type ${def.name} cannot implement ${via.name.value} because it would create a circular reference.`, via.name);
  }

  /** `actual` may narrow `required`: non-null for nullable, an implementation for an interface or union. */
  private covariant(required: TypeNode, actual: TypeNode): boolean {
    if (required.kind === Kind.NON_NULL_TYPE) {
      return actual.kind === Kind.NON_NULL_TYPE && this.covariant(required.type, actual.type);
    }
    if (actual.kind === Kind.NON_NULL_TYPE) return this.covariant(required, actual.type);
    if (required.kind === Kind.LIST_TYPE) return actual.kind === Kind.LIST_TYPE && this.covariant(required.type, actual.type);
    if (actual.kind !== Kind.NAMED_TYPE) return false;
    const want = required.name.value;
    const have = actual.name.value;
    if (want === have) return true;
    const abstract = this.known.schema.byName.get(want);
    const concrete = this.known.schema.byName.get(have);
    if (abstract?.kind === 'UNION') return abstract.members.some((m) => m.name.value === have);
    return abstract?.kind === 'INTERFACE' && (concrete?.interfaces.some((i) => i.name.value === want) ?? false);
  }

  private directiveUses(directives: readonly DirectiveNode[], location: DirectiveLocationName): void {
    for (const dir of directives) {
      const name = dir.name.value;
      this.reservedName(dir.name);
      const locations = this.known.directives.get(name);
      if (!locations) this.error(`Undefined directive ${name}.`, dir.name);
      else if (!locations.includes(location)) this.error(`Directive ${name} is not applicable on ${location}.`, dir.name);
      const known = DIRECTIVE_ARGUMENTS.get(name);
      for (const arg of dir.arguments ?? []) {
        if (known && !known.has(arg.name.value)) this.error(`${arg.name.value} is not supported as an argument for ${name} directive.`, dir.name);
      }
    }
  }

  private reservedName(name: NameNode): void {
    if (name.value.startsWith('__')) {
      this.error(`Name "${name.value}" must not begin with "__", which is reserved by GraphQL introspection.`, name);
    }
  }

  private error(message: string, at: NameNode | TypeNode): void {
    this.errors.push(new SchemaError(message, [positionOf(at)]));
  }
}
