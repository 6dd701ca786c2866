/**
 * Keys from JWK sets (JWKUrl/JWKUrls, or the set OIDC discovery names):
 * chosen by the token's `kid` (required, as in Dgraph) among every source's
 * set; a token is good if any set verifies it. `alg` must be one the line
 * allows (every public-key algorithm unless `Algorithms` narrows it; never
 * HMAC, never `none`). A `kid` found nowhere makes every source refetch once
 * (rate-limited), then look again.
 */
import type { CryptoKey } from 'jose';
import { AlgorithmNotAllowedError, JwksUnavailableError, KidMissingError, KidUnknownError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { JwksSource } from './jwks-source.js';

export function createJwksKeyring(sources: readonly JwksSource[], algorithms: readonly string[]): Keyring {
  async function find(kid: string, alg: string) {
    const lookups = await Promise.all(sources.map((source) => source.lookup(kid, alg)));
    return { keys: lookups.flatMap((keys) => keys ?? []), kidFound: lookups.some((keys) => keys !== null) };
  }

  return {
    async keysFor(header, alg): Promise<readonly CryptoKey[]> {
      if (!algorithms.includes(alg)) throw AlgorithmNotAllowedError.unexpected(algorithms, alg);
      const { kid } = header;
      if (kid === undefined || kid === null) throw new KidMissingError();
      if (typeof kid !== 'string') throw new KidUnknownError();

      let found = await find(kid, alg);
      if (!found.kidFound) {
        await Promise.all(sources.map((source) => source.refetchForMiss()));
        found = await find(kid, alg);
      }
      if (found.keys.length > 0) return found.keys;
      if (found.kidFound) throw AlgorithmNotAllowedError.keyType();
      // The key may be in a set we could never fetch: say so rather than "Invalid kid".
      const down = sources.find((source) => source.status().state === 'unavailable');
      if (down) throw new JwksUnavailableError(down.url, down.unavailableReason);
      throw new KidUnknownError();
    },
    close() {
      for (const source of sources) source.close();
    },
  };
}
