/**
 * The names of a token's claims, split as the verifier reads them: those
 * under the namespace claim (an object, or a string of JSON) and those at
 * the top level. Names only: explanations show which claims a token has,
 * never what they hold. For a token that has verified; anything unreadable
 * counts as no names.
 */
import { decodeSegment, parseJson } from './go-decoding.js';

export interface ClaimNames {
  readonly namespace: readonly string[];
  readonly root: readonly string[];
  /** Whether the token has the namespace claim at all. */
  readonly hasNamespace: boolean;
}

export function claimNames(token: string, namespace: string): ClaimNames {
  const payload = objectOf(jsonOf(token.split('.')[1] ?? ''));
  const scoped = payload[namespace];
  const inner = objectOf(typeof scoped === 'string' ? parsed(scoped) : scoped);
  return {
    namespace: Object.keys(inner),
    root: Object.keys(payload).filter((name) => name !== namespace),
    hasNamespace: Object.hasOwn(payload, namespace),
  };
}

function jsonOf(segment: string): unknown {
  const decoded = decodeSegment(segment);
  return 'error' in decoded ? undefined : parsed(decoded.bytes.toString('utf8'));
}

function parsed(text: string): unknown {
  const result = parseJson(text);
  return 'error' in result ? undefined : result.value;
}

function objectOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
