/**
 * `TFilter` and what it is made of: one entry per searchable field (its
 * indexes' filter inputs, merged into one input when there are several),
 * `id: [ID!]`, `has`, and the `and`/`or`/`not` connectives; `THasFilter`;
 * and for unions `UFilter` with `memberTypes` and one filter per member.
 */
import { SEARCH_INDEXES, searchIndex } from '../model/search.js';
import { servedFields } from '../model/served.js';
import type { FieldDef, SchemaModel, TypeDef, UnionDef } from '../model/types.js';
import { filterInputFields } from './filter-inputs.js';
import { inputFields, isIdTyped } from './field-rules.js';
import { readsSeveralLanguages } from '../model/language-tags.js';
import { names } from '../model/names.js';
import { vectorDistanceFields } from './similar.js';
import type { EnumSpec, FieldSpec, InputSpec, TypeSpec } from './spec.js';

/**
 * The filter input a field's indexes give it (e.g. `StringHashFilter`,
 * `Role_hash`, `StringExactFilter_StringTermFilter`), with any input it
 * needs defined into `out`; undefined for unsearchable fields.
 */
export function filterInputFor(model: SchemaModel, field: FieldDef, out: Map<string, TypeSpec>): string | undefined {
  const indexes = field.declaredSearch ?? field.search;
  if (indexes.length === 0) return undefined;
  const isEnum = model.enums.has(field.type.name);
  const parts = indexes.map((index) => {
    if (isEnum && (index === 'hash' || index === 'exact')) return enumFilter(field.type.name, index, out);
    return searchIndex(index)!.filter;
  });
  const name = parts.join('_');
  if (parts.length > 1 && !out.has(name)) {
    const fields = parts.flatMap((part) => inputOf(part, out));
    out.set(name, { kind: 'input', name, fields });
  }
  return name;
}

/**
 * `Role_hash { eq: Role, in: [Role] }`: the string filter with the enum in
 * place of String. Dgraph replaces every argument type, so `between` takes
 * the enum itself rather than a range; kept, as clients see it this way.
 */
function enumFilter(enumName: string, index: 'hash' | 'exact', out: Map<string, TypeSpec>): string {
  const name = `${enumName}_${index}`;
  if (!out.has(name)) {
    const base = filterInputFields(SEARCH_INDEXES[index].filter);
    const fields = base.map((f) => ({ name: f.name, type: f.type.startsWith('[') ? `[${enumName}]` : enumName }));
    out.set(name, { kind: 'input', name, fields });
  }
  return name;
}

function inputOf(name: string, out: ReadonlyMap<string, TypeSpec>): FieldSpec[] {
  const generated = out.get(name);
  if (generated?.kind === 'input') return generated.fields;
  return filterInputFields(name);
}

export function addFilterTypes(model: SchemaModel, type: TypeDef, out: Map<string, TypeSpec>): void {
  const name = names.filter(type.name);
  const fields: FieldSpec[] = [];
  for (const field of servedFields(type)) {
    if (isIdTyped(field)) {
      fields.push({ name: field.name, type: '[ID!]' });
      continue;
    }
    const filter = filterInputFor(model, field, out);
    if (filter) fields.push({ name: field.name, type: filter });
  }
  const hasValues = [
    ...servedFields(type).filter((f) => !isIdTyped(f) && !readsSeveralLanguages(f)).map((f) => ({ name: f.name })),
    // Dgraph adds vector_distance to the type before its HasFilter is made.
    ...vectorDistanceFields(type).map((f) => ({ name: f.name })),
  ];
  // Dgraph offers `has` when mutations can set some field (the password counts).
  if (inputFields(model, type).length > 0 && hasValues.length > 0) {
    fields.push({ name: 'has', type: `[${names.hasFilter(type.name)}]` });
  }
  // Connectives need something to connect; `not` always makes sense.
  if (fields.length > 1 || (fields.length === 1 && fields[0].type !== '[ID!]')) {
    fields.push({ name: 'and', type: `[${name}]` }, { name: 'or', type: `[${name}]` });
  }
  fields.push({ name: 'not', type: name });
  out.set(name, { kind: 'input', name, fields });
  if (hasValues.length > 0) out.set(names.hasFilter(type.name), { kind: 'enum', name: names.hasFilter(type.name), values: hasValues });
}

/** `UFilter { memberTypes: [UType!], dogFilter: DogFilter, ... }` and `enum UType`. */
export function addUnionFilterTypes(union: UnionDef, out: Map<string, TypeSpec>): void {
  const filter: InputSpec = {
    kind: 'input',
    name: names.filter(union.name),
    fields: [
      { name: 'memberTypes', type: `[${names.unionMemberType(union.name)}!]` },
      ...union.members.map((m) => ({ name: names.unionMemberFilter(m), type: names.filter(m) })),
    ],
  };
  const memberType: EnumSpec = { kind: 'enum', name: names.unionMemberType(union.name), values: union.members.map((m) => ({ name: m })) };
  out.set(filter.name, filter);
  out.set(memberType.name, memberType);
}
