/**
 * `@auth` still applies to what a `@custom`/`@lambda` field returns when it
 * returns a stored type: the items are kept only when the caller's query
 * rule lets them through. Where the claims alone decide (allow or deny for
 * every concrete type) nothing is read; otherwise one statement asks the
 * store which of the returned IDs the caller may see. An item without a
 * readable ID cannot be checked and is dropped (never fail open). Types not
 * stored here (`@remote`, scalars) pass as they came.
 */
import type { SchemaModel } from '../../model/types.js';
import { parseUid } from '../../plan/index.js';
import type { RootPlan } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/index.js';
import type { Store } from '../../store/types.js';
import type { ResultFilter } from './resolve-custom.js';

export function storedResultFilter(model: SchemaModel, store: Store, policy: () => AuthPolicy): ResultFilter {
  return async (typeName, value) => {
    const type = model.types.get(typeName);
    if (!type) return value;
    const concrete = type.implementations.map((name) => model.types.get(name)).filter((t) => t !== undefined);
    const current = policy();
    const decisions = concrete.map((t) => current.decide(t.name, 'query').kind);
    if (decisions.every((d) => d === 'allow')) return value;
    const list = Array.isArray(value);
    const items = (list ? value : [value]) as unknown[];
    if (decisions.every((d) => d === 'deny') || !type.idField) return list ? [] : null;
    const idName = type.idField.name;
    const idOf = (item: unknown) => {
      const raw = (item as Record<string, unknown> | null)?.[idName];
      return typeof raw === 'string' ? parseUid(raw) : undefined;
    };
    const uids = [...new Set(items.map(idOf).filter((u): u is string => u !== undefined))];
    const visible = new Set<string>();
    if (uids.length > 0) {
      const plan: RootPlan = {
        kind: 'query',
        field: typeName,
        key: 'visible',
        query: { type: typeName, concreteTypes: concrete, filter: { kind: 'uid', uids }, order: [], cascade: null, selection: [{ kind: 'uid', key: 'id' }] },
      };
      const rows = (await store.run(plan, current)) as { id: string }[];
      for (const row of rows) {
        const uid = parseUid(row.id);
        if (uid !== undefined) visible.add(uid);
      }
    }
    const kept = items.filter((item) => {
      const uid = idOf(item);
      return uid !== undefined && visible.has(uid);
    });
    return list ? kept : (kept[0] ?? null);
  };
}
