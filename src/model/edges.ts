/** Which fields hold nodes: every stage that reads fields asks it the same way. */
import type { FieldDef } from './types.js';

/** A field whose values are nodes (of an object type, interface or union), stored as edges. */
export function isEdge(field: FieldDef): boolean {
  return field.kind === 'object' || field.kind === 'interface' || field.kind === 'union';
}
