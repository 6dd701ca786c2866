/**
 * The physical layout: a generic graph that any schema fits, as in Dgraph, so
 * that re-uploading a schema never needs a data migration and never loses data.
 *
 * - node(uid, types, data): one row per node; `types` is Dgraph's dgraph.type
 *   list; `data` holds every scalar predicate by its Dgraph name
 *   ("User.username": "user1"), including predicates no current type declares.
 * - edge(pred, src, dst): one row per uid edge, indexed both ways; deleting a
 *   node removes its edges in both directions (no dangling references).
 * - schema(version, sdl): every uploaded schema, newest = current.
 *
 * Helper functions give typed views of jsonb values that answer NULL for a
 * value of another type (e.g. left behind by a schema change) instead of
 * failing the query; expression indexes are built on exactly these views.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Backend, Executor, Session } from './backend/types.js';
import { identifier, param, sql, type Sql } from './sql/index.js';
import { SEARCH_FUNCTIONS } from './search-functions.js';
import { VECTOR_FUNCTIONS } from './vector-functions.js';

/** Bumped when the layout changes incompatibly; recorded in authline.meta. */
const LAYOUT_VERSION = '1';

/** Serialises layout changes of concurrent processes (an arbitrary constant key). */
const LAYOUT_LOCK = 7_042_511_900;

/**
 * Runs `work` holding the layout lock: a session-level advisory lock that
 * serialises changes to the layout (opening it, schema uploads and their
 * indexes) across every process on the database. It is waited for by
 * polling, never by blocking in pg_advisory_lock: a statement blocked there
 * keeps its snapshot, and the holder's CREATE INDEX CONCURRENTLY waits for
 * every older snapshot to end; each would wait for the other.
 */
export async function withLayoutLock<T>(session: Session, work: () => Promise<T>): Promise<T> {
  const key = param(LAYOUT_LOCK, 'bigint');
  for (let delay = 5; !(await session.query(sql`SELECT pg_try_advisory_lock(${key}) AS held`))[0].held; delay = Math.min(delay * 2, 200)) {
    await sleep(delay);
  }
  try {
    return await work();
  } finally {
    // A session that cannot unlock is a lost connection, and its lock went with it.
    await session.query(sql`SELECT pg_advisory_unlock(${key})`).catch(() => undefined);
  }
}

const DDL: readonly Sql[] = [
  sql`CREATE SCHEMA IF NOT EXISTS authline`,
  sql`CREATE SEQUENCE IF NOT EXISTS authline.uid_seq`,
  sql`CREATE TABLE IF NOT EXISTS authline.node (
     uid bigint PRIMARY KEY,
     types text[] NOT NULL DEFAULT '{}',
     data jsonb NOT NULL DEFAULT '{}'
   )`,
  sql`CREATE INDEX IF NOT EXISTS node_types ON authline.node USING gin (types)`,
  // Primary key leads with src (outgoing edges, and the cascade from a deleted source);
  // edge_incoming leads with dst (reverse fields, inverse cleanup, the cascade from a deleted target).
  sql`CREATE TABLE IF NOT EXISTS authline.edge (
     src bigint NOT NULL REFERENCES authline.node (uid) ON DELETE CASCADE,
     pred text NOT NULL,
     dst bigint NOT NULL REFERENCES authline.node (uid) ON DELETE CASCADE,
     PRIMARY KEY (src, pred, dst)
   )`,
  sql`CREATE INDEX IF NOT EXISTS edge_incoming ON authline.edge (dst, pred, src)`,
  sql`CREATE TABLE IF NOT EXISTS authline.schema (
     version integer PRIMARY KEY,
     sdl text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
  sql`CREATE TABLE IF NOT EXISTS authline.meta (key text PRIMARY KEY, value text NOT NULL)`,
  sql`CREATE OR REPLACE FUNCTION authline.num(v jsonb) RETURNS numeric
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN v::numeric END $$`,
  sql`CREATE OR REPLACE FUNCTION authline.str(v jsonb) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' END $$`,
  sql`CREATE OR REPLACE FUNCTION authline.bool(v jsonb) RETURNS boolean
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'boolean' THEN v::boolean END $$`,
  // Stored DateTimes always carry an explicit zone (see datetime.ts), which makes
  // the cast independent of the session's TimeZone and so truly immutable.
  sql`CREATE OR REPLACE FUNCTION authline.ts(v jsonb) RETURNS timestamptz
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN jsonb_typeof(v) = 'string'
       AND (v #>> '{}') ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$'
       THEN (v #>> '{}')::timestamptz END $$`,
  // All text of a string or of a list of strings, for term/fulltext/trigram matching.
  sql`CREATE OR REPLACE FUNCTION authline.text_of(v jsonb) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE jsonb_typeof(v)
       WHEN 'string' THEN v #>> '{}'
       WHEN 'array' THEN (SELECT string_agg(e, ' ') FROM jsonb_array_elements_text(v) e)
     END $$`,
  // Dgraph's fulltext: English stemming and stop words. The lexemes of the search
  // text joined by & (all) or | (any); NULL when nothing but stop words remain.
  sql`CREATE OR REPLACE FUNCTION authline.text_query(t text, op text) RETURNS tsquery
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT NULLIF(string_agg(
         '''' || replace(replace(l, '\\', '\\\\'), '''', '''''') || '''', ' ' || op || ' '), '')::tsquery
       FROM unnest(tsvector_to_array(to_tsvector('english', t))) l $$`,
  // Int64 beyond 2^53 cannot travel as a JSON number to JavaScript: it goes as its decimal text,
  // alone or in a list (whose elements keep their order).
  sql`CREATE OR REPLACE FUNCTION authline.int64_json(v jsonb) RETURNS json
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE
       WHEN jsonb_typeof(v) = 'number' AND abs(v::numeric) > 9007199254740991 THEN to_json(v #>> '{}')
       WHEN jsonb_typeof(v) = 'array' THEN (
         SELECT COALESCE(json_agg(CASE WHEN jsonb_typeof(e) = 'number' AND abs(e::numeric) > 9007199254740991
             THEN to_json(e #>> '{}') ELSE e::json END ORDER BY i), '[]'::json)
         FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, i))
       ELSE v::json END $$`,
  // The query edge limit (sql/reads.ts): fails the statement that builds one node too many.
  sql`CREATE OR REPLACE FUNCTION authline.too_many_nodes() RETURNS json
     LANGUAGE plpgsql VOLATILE AS $$
     BEGIN
       RAISE EXCEPTION 'the statement builds more nodes than its budget' USING ERRCODE = 'ALQEL';
     END $$`,
  // Changes to an existing node's values: set, then append to lists (no duplicates),
  // then remove (null: the predicate; a value: if it is the value; a list: those elements;
  // {"whole": list}: the predicate if it is that list, as a vector is removed).
  sql`CREATE OR REPLACE FUNCTION authline.patch(data jsonb, patch jsonb) RETURNS jsonb
     LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
     DECLARE
       entry record;
       present jsonb;
       kept jsonb;
     BEGIN
       data := data || coalesce(patch->'set', '{}'::jsonb);
       FOR entry IN SELECT key, value FROM jsonb_each(coalesce(patch->'append', '{}'::jsonb)) LOOP
         present := CASE WHEN data->entry.key IS NULL THEN '[]'::jsonb
                         WHEN jsonb_typeof(data->entry.key) = 'array' THEN data->entry.key
                         ELSE jsonb_build_array(data->entry.key) END;
         data := jsonb_set(data, ARRAY[entry.key], present || coalesce(
           (SELECT jsonb_agg(x.v ORDER BY x.i) FROM jsonb_array_elements(entry.value) WITH ORDINALITY AS x(v, i)
             WHERE NOT present @> jsonb_build_array(x.v)), '[]'::jsonb));
       END LOOP;
       FOR entry IN SELECT key, value FROM jsonb_each(coalesce(patch->'remove', '{}'::jsonb)) LOOP
         present := data->entry.key;
         CONTINUE WHEN present IS NULL;
         IF jsonb_typeof(entry.value) = 'null' THEN
           data := data - entry.key;
         ELSIF jsonb_typeof(entry.value) = 'object' AND entry.value ? 'whole' THEN
           IF present = entry.value->'whole' THEN data := data - entry.key; END IF;
         ELSIF jsonb_typeof(present) = 'array' THEN
           kept := coalesce((SELECT jsonb_agg(x.v ORDER BY x.i) FROM jsonb_array_elements(present) WITH ORDINALITY AS x(v, i)
             WHERE NOT (CASE WHEN jsonb_typeof(entry.value) = 'array' THEN entry.value ELSE jsonb_build_array(entry.value) END)
               @> jsonb_build_array(x.v)), '[]'::jsonb);
           data := CASE WHEN kept = '[]'::jsonb THEN data - entry.key ELSE jsonb_set(data, ARRAY[entry.key], kept) END;
         ELSIF present = entry.value THEN
           data := data - entry.key;
         END IF;
       END LOOP;
       RETURN data;
     END $$`,
];

/**
 * A collation whose case mapping and character classes know Unicode, as
 * Dgraph's tokenizer does, or '' when the database default already does
 * (PGlite's does; a server created with the C locale does not).
 */
async function unicodeCollation(tx: Executor): Promise<Sql> {
  const knows = async (collate: Sql) => (await tx.query(
    sql`SELECT lower('Ä'${collate}) = 'ä' AND ('a—b'${collate}) ~ '[[:punct:]]' AS ok`))[0].ok === true;
  if (await knows(sql``)) return sql``;
  const candidates = await tx.query(
    sql`SELECT collname FROM pg_collation WHERE collname IN ('und-x-icu', 'C.utf8', 'C.UTF-8', 'en_US.utf8')
       AND collencoding IN (-1, pg_char_to_encoding('UTF8')) ORDER BY collname = 'und-x-icu' DESC, collname`);
  for (const { collname } of candidates) {
    const collate = sql` COLLATE ${identifier(String(collname))}`;
    if (await knows(collate)) return collate;
  }
  return sql``;
}

/** Dgraph's term tokenizer: lower-cased words split at spaces and punctuation. */
function termsFunction(collate: Sql): Sql {
  return sql`CREATE OR REPLACE FUNCTION authline.terms(t text) RETURNS text[]
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT array_remove(regexp_split_to_array(lower(t${collate}), '[[:space:][:punct:]]+'), '') $$`;
}

/** Creates what is missing of the layout (idempotent; safe with concurrent processes). */
export function ensureLayout(db: Backend): Promise<void> {
  return db.session((session) => withLayoutLock(session, () => session.transaction(createLayout)));
}

async function createLayout(tx: Executor): Promise<void> {
  for (const statement of [...DDL, ...SEARCH_FUNCTIONS, ...VECTOR_FUNCTIONS]) await tx.query(statement);
  await tx.query(termsFunction(await unicodeCollation(tx)));
  const rows = await tx.query(sql`SELECT value FROM authline.meta WHERE key = 'layout'`);
  if (rows.length === 0) {
    await tx.query(sql`INSERT INTO authline.meta (key, value) VALUES ('layout', ${LAYOUT_VERSION})`);
  } else if (rows[0].value !== LAYOUT_VERSION) {
    throw new Error(`the database holds authline layout version ${String(rows[0].value)}, this authline understands ${LAYOUT_VERSION}`);
  }
}

/**
 * Makes pg_trgm available when the server has it (trigram/regexp indexes);
 * answers the schema that holds its operator classes, or null without it.
 * Run outside a transaction: a refused CREATE EXTENSION must not abort one.
 */
export async function ensureTrigram(db: Executor): Promise<string | null> {
  const find = async () => {
    const rows = await db.query(
      sql`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    return rows.length > 0 ? String(rows[0].schema) : null;
  };
  const existing = await find();
  if (existing) return existing;
  try {
    await db.query(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  } catch {
    // Not installed, not permitted, or another process created it meanwhile:
    // without it regexp filters still work, unindexed.
  }
  return find();
}
