/**
 * `authline token`: mints a development JWT with jose, for trying a schema's
 * rules with curl or GraphiQL. Claims go at the top level, or under a
 * namespace as Dgraph's Namespace expects; iat is set, and exp one hour
 * ahead unless told otherwise.
 */
import { parseArgs } from 'node:util';
import { readInput, UsageError } from '../args.js';
import type { Command } from '../command.js';
import type { Runtime } from '../runtime.js';
import { namespaced, signToken } from '../mint.js';
import { keyFromFile, secretKey } from '../signing-key.js';

const usage = `Usage: authline token --claims JSON (--key FILE | --secret S) [options]

Prints a signed JWT for development. The claims are a JSON object, given
inline or as @FILE. With --namespace they are nested under that claim, as a
schema's "Namespace" expects (Dgraph also reads top-level claims); the
registered claims (iss, sub, aud, exp, nbf, iat, jti) stay at the top level.

Options:
      --claims JSON       the claims, e.g. '{"USER":"alice","ROLE":"ADMIN"}' or @claims.json
      --key FILE          sign with the key in FILE: a PEM private key, a private JWK,
                          or an HMAC secret (the file's text, final newline dropped)
      --secret S          sign with the HMAC secret S (the schema's VerificationKey)
      --alg ALG           algorithm (default: HS256 for secrets, else from the key:
                          RS256, PS256, ES256/384/512, EdDSA)
      --kid KID           key id in the header (default: the JWK's kid)
      --namespace NS      nest the claims under NS, e.g. https://my.app/claims
      --expires-in DUR    lifetime: 30m, 1h, 7d, 3600 (seconds) or never (default 1h)
  -h, --help              show this help

Example:
  authline token --secret "$SECRET" --namespace https://my.app/claims \\
    --claims '{"USER":"alice","ROLE":"ADMIN"}'
`;

const OPTIONS = {
  claims: { type: 'string' },
  key: { type: 'string' },
  secret: { type: 'string' },
  alg: { type: 'string' },
  kid: { type: 'string' },
  namespace: { type: 'string' },
  'expires-in': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const token: Command = {
  name: 'token',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`token takes no positional arguments, got: ${positionals.join(' ')}`);
    if (values.claims === undefined) throw new UsageError('missing --claims');
    if ((values.key === undefined) === (values.secret === undefined)) throw new UsageError('give exactly one of --key FILE and --secret S');

    const claims = await claimsFrom(rt, values.claims);
    const signing =
      values.secret !== undefined ? secretKey(values.secret, values.alg) : keyFromFile(await readInput(rt, values.key as string), values.key as string, values.alg);
    const payload = values.namespace === undefined ? claims : namespaced(values.namespace, claims);
    rt.stdout(`${await signToken(payload, signing, values.kid, values['expires-in'] ?? '1h')}\n`);
    return 0;
  },
};

async function claimsFrom(rt: Runtime, value: string): Promise<Record<string, unknown>> {
  const text = value.startsWith('@') ? await readInput(rt, value.slice(1)) : value;
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--claims is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new UsageError('--claims must be a JSON object, e.g. {"USER":"alice"}');
  }
  return claims as Record<string, unknown>;
}
