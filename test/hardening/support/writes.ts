/**
 * Acknowledged writes over HTTP, for counting what a crash loses: writers
 * add notes with unique texts; a write counts as acknowledged once its
 * answer says it was stored. After a restart, every acknowledged text must
 * be there.
 */
export const NOTES_SDL = `type Note {
  id: ID!
  text: String! @id @search(by: [hash, regexp])
}
`;

export async function uploadNotesSchema(url: string): Promise<void> {
  const res = await fetch(`${url}/admin/schema`, { method: 'POST', body: NOTES_SDL });
  if (res.status !== 200) throw new Error(`schema upload answered ${res.status}: ${await res.text()}`);
}

async function addNote(url: string, text: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation ($t: String!) { addNote(input: [{ text: $t }]) { numUids } }', variables: { t: text } }),
    });
    const body = await res.json() as { data?: { addNote?: { numUids?: number } }; errors?: unknown[] };
    return res.status === 200 && !body.errors && body.data?.addNote?.numUids === 1;
  } catch {
    return false; // the connection died with the server: not acknowledged
  }
}

export interface WriteLoad {
  /** Texts whose write was acknowledged, so far. */
  readonly acknowledged: string[];
  /** Writes that failed or were cut off. */
  failed: number;
  /** Stops the writers; resolves once each has had its last answer. */
  stop(): Promise<void>;
}

/** `writers` concurrent writers adding notes `prefix-N` until stopped. */
export function startWrites(url: string, prefix: string, writers = 4): WriteLoad {
  let stopped = false;
  let next = 0;
  const load: WriteLoad = {
    acknowledged: [],
    failed: 0,
    async stop() {
      stopped = true;
      await running;
    },
  };
  const writer = async () => {
    while (!stopped) {
      const text = `${prefix}-${next++}`;
      if (await addNote(url, text)) load.acknowledged.push(text);
      else load.failed++;
    }
  };
  const running = Promise.all(Array.from({ length: writers }, writer)).then(() => undefined);
  return load;
}

/** Resolves once `load` has `count` acknowledged writes (or rejects after `timeoutMs`). */
export async function acknowledgedAtLeast(load: WriteLoad, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (load.acknowledged.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${load.acknowledged.length} writes acknowledged in ${timeoutMs} ms (${load.failed} failed)`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The acknowledged texts missing from the server at `url`. */
export async function lostWrites(url: string, acknowledged: readonly string[]): Promise<string[]> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ queryNote { text } }' }),
  });
  const body = await res.json() as { data?: { queryNote?: { text: string }[] }; errors?: unknown[] };
  if (!body.data?.queryNote) throw new Error(`reading the notes failed: ${JSON.stringify(body.errors)}`);
  const stored = new Set(body.data.queryNote.map((note) => note.text));
  return acknowledged.filter((text) => !stored.has(text));
}
