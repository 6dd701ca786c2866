/**
 * `TAggregateResult`: `count`, `<f>Min`/`<f>Max` for fields that order, and
 * `<f>Sum`/`<f>Avg` for numbers (the average is always a Float).
 */
import { servedFields } from '../model/served.js';
import type { TypeDef } from '../model/types.js';
import { hasMinMax, isSummable } from './field-rules.js';
import { names } from '../model/names.js';
import type { FieldSpec, TypeSpec } from './spec.js';

export function addAggregateResult(type: TypeDef, out: Map<string, TypeSpec>): void {
  const fields: FieldSpec[] = [{ name: 'count', type: 'Int' }];
  for (const field of servedFields(type)) {
    const scalar = field.type.name;
    if (hasMinMax(field)) fields.push({ name: `${field.name}Min`, type: scalar }, { name: `${field.name}Max`, type: scalar });
    if (isSummable(field)) fields.push({ name: `${field.name}Sum`, type: scalar }, { name: `${field.name}Avg`, type: 'Float' });
  }
  const name = names.aggregateResult(type.name);
  out.set(name, { kind: 'type', name, fields });
}
