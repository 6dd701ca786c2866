/**
 * Where a token's verification keys come from: the line's VerificationKey,
 * or the JWK sets behind its URLs. Either way the keyring, not the token,
 * decides which keys and algorithms are acceptable.
 */
import type { CryptoKey } from 'jose';

export interface Keyring {
  /**
   * The keys that may have signed a token with this header and (already
   * decoded) `alg`. Throws an AuthTokenError when none can: an algorithm the
   * line does not allow, a missing or unknown `kid`, keys unavailable.
   */
  keysFor(header: Readonly<Record<string, unknown>>, alg: string): Promise<readonly CryptoKey[]>;
  close(): void;
}
