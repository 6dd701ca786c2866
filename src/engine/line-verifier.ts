/**
 * The verifier of an auth line. Keys that cannot be used (a bad PEM, a JWKS
 * that is not one) are a mistake of the line: they come back as a schema
 * error placed at the line, as every other mistake of an upload does (library
 * mode reports them the same way).
 */
import type { AuthConfig } from '../authline/types.js';
import { SchemaError, SchemaRejectedError } from '../sdl/errors.js';
import { createVerifier, type JwtVerifier, type VerifierOptions } from '../verifier/index.js';

export async function verifierForLine(config: AuthConfig, options?: VerifierOptions): Promise<JwtVerifier> {
  try {
    return await createVerifier(config, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SchemaRejectedError([new SchemaError(message, [config.loc])]);
  }
}
