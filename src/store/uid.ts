/**
 * Uids as the store keeps them: bigint, so the usable range is 1 .. 2^63-1;
 * larger uids cannot exist here. Reading and showing uids is plan/uid.ts.
 */

const MAX_STORED = 2n ** 63n - 1n;

/** Whether a uid can be a stored node's uid. */
export function storable(uid: bigint): boolean {
  return uid >= 1n && uid <= MAX_STORED;
}
