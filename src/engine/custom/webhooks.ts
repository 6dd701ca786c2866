/**
 * `@lambdaOnMutate` webhooks: after an add, update or delete of a type that
 * asks for it has committed, the lambda server gets Dgraph's event
 * (graphql/resolve/webhook.go): resolver `$webhook`, the caller's auth header
 * when the schema has an auth line, and the event with the type, the
 * operation, a commit timestamp, the root uids and the input. Sent in the
 * background: the mutation's answer never waits for it and never fails
 * because of it; a failed delivery is logged.
 */
import type { HttpClient } from './http-client.js';

export type MutationOperation = 'add' | 'update' | 'delete';

export interface MutationEvent {
  readonly typename: string;
  readonly operation: MutationOperation;
  readonly rootUIDs: readonly string[];
  /** The mutation's `input` argument as the caller sent it (add: a list; update: `{filter, set, remove}`). */
  readonly input: unknown;
}

/** Dgraph's webhook body for `event`. */
export function webhookBody(event: MutationEvent, authHeader: { key: string; value: string } | undefined, commitTs: number): unknown {
  const detail =
    event.operation === 'add'
      ? { add: { rootUIDs: event.rootUIDs, input: Array.isArray(event.input) ? event.input : [] } }
      : event.operation === 'update'
        ? { update: { rootUIDs: event.rootUIDs, setPatch: field(event.input, 'set'), removePatch: field(event.input, 'remove') } }
        : { delete: { rootUIDs: event.rootUIDs } };
  return {
    resolver: '$webhook',
    ...(authHeader ? { authHeader } : {}),
    event: { __typename: event.typename, operation: event.operation, commitTs, ...detail },
  };
}

function field(input: unknown, name: string): unknown {
  return input !== null && typeof input === 'object' ? ((input as Record<string, unknown>)[name] ?? null) : null;
}

/** Sends the event without waiting; failures go to `log`. */
export function sendWebhook(client: HttpClient, url: string, body: unknown, log: (event: Record<string, unknown>) => void): void {
  client
    .send({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then((response) => {
      if (response.status < 200 || response.status >= 300) log({ level: 'warn', msg: 'webhook answered with an error status', status: response.status });
    })
    .catch((error: unknown) => log({ level: 'warn', msg: 'webhook could not be delivered', error: error instanceof Error ? error.message : String(error) }));
}
