/**
 * `@remoteResponse(name: "...")`: the key a remote answer uses for a field
 * whose name differs (`groupby: [UserMap] @remoteResponse(name: "@groupby")`).
 * Dgraph reads every field of a remote answer under its mapped name, so the
 * mapping is per object type and field, taken from the served schema once.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';

/** Type name → field name → the key the remote answer uses. */
export type RemoteResponseNames = ReadonlyMap<string, ReadonlyMap<string, string>>;

export function remoteResponseNames(schema: GraphQLSchema): RemoteResponseNames {
  const names = new Map<string, Map<string, string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'remoteResponse');
      const arg = directive?.arguments?.find((a) => a.name.value === 'name')?.value;
      if (arg?.kind !== 'StringValue') continue;
      const fields = names.get(type.name) ?? new Map<string, string>();
      fields.set(field.name, arg.value);
      names.set(type.name, fields);
    }
  }
  return names;
}

/** The key `fieldName` of `typeName` reads in a remote answer. */
export function remoteKey(names: RemoteResponseNames, typeName: string, fieldName: string): string {
  return names.get(typeName)?.get(fieldName) ?? fieldName;
}
