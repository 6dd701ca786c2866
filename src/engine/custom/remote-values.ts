/**
 * Values that came from a remote endpoint are keyed by field name (the
 * remote answered the names authline asked for), while the store's JSON is
 * keyed by response key. Every object decoded from a remote answer is
 * remembered here, so the field resolver knows which way to read it.
 */
const remoteObjects = new WeakSet<object>();

/** Parses a remote answer, remembering its objects. */
export function parseRemoteJson(text: string): unknown {
  return markRemote(JSON.parse(text) as unknown);
}

export function markRemote<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    remoteObjects.add(value);
    for (const child of Object.values(value)) markRemote(child);
  }
  return value;
}

export function isRemote(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && remoteObjects.has(value);
}
