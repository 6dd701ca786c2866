/**
 * Waiting in tests for something that happens in the background (a NOTIFY
 * heard, a JWKS fetched): probes until the answer is not undefined, and fails
 * once `timeoutMs` has passed.
 */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
