/**
 * SQL fragments, written as tagged templates: sql`... ${x} ...`. The
 * template's own text is SQL from this source code. What is interpolated is
 * either another fragment, spliced in as SQL, or a value, which becomes a
 * bound parameter: a value can never become SQL text. Names from the
 * uploaded schema become SQL text only through the explicit helpers
 * literal(), textArray() and identifier().
 *
 * Parameters stay objects until a statement is rendered, and are numbered
 * only then, in the order they appear ($1, $2, ...; one Param interpolated
 * twice is one parameter). A statement's text can therefore be rendered once
 * and its parameters bound again with other values (claims, variables).
 */

/** SQL types a parameter may be cast to (the cast is part of the text, so it is never free text). */
export type ParamType =
  | 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb'
  | 'text[]' | 'bigint[]' | 'numeric[]' | 'boolean[]' | 'timestamptz[]'
  | 'float8' | 'float8[]' | 'point' | 'box' | 'polygon' | 'polygon[]';

/** A value bound as a parameter, with the explicit cast both drivers need to type it. */
export class Param {
  constructor(readonly value: unknown, readonly type: ParamType) {}
}

/** Values that bind without naming a type: their SQL type follows from the JavaScript one. */
export type Bindable = string | boolean | bigint;

export type Interpolation = Sql | Param | Bindable;

/** Only this module holds it, so only this module can make SQL text (see Sql's constructor). */
const MINT = Symbol('sql');

export class Sql {
  constructor(mint: typeof MINT, private readonly texts: readonly string[], private readonly items: readonly (Sql | Param)[]) {
    if (mint !== MINT) throw new TypeError('SQL text is made with the sql tag, literal(), textArray() or identifier()');
  }

  /** @internal Appends this fragment's text to `out`, numbering parameters on first sight. */
  renderInto(out: { text: string; readonly numbers: Map<Param, number> }): void {
    this.texts.forEach((text, i) => {
      out.text += text;
      const item = this.items[i];
      if (item instanceof Sql) item.renderInto(out);
      else if (item) {
        let n = out.numbers.get(item);
        if (n === undefined) {
          n = out.numbers.size + 1;
          out.numbers.set(item, n);
        }
        out.text += `$${n}::${item.type}`;
      }
    });
  }
}

function toItem(value: Interpolation): Sql | Param {
  if (value instanceof Sql || value instanceof Param) return value;
  switch (typeof value) {
    case 'string': return new Param(value, 'text');
    case 'boolean': return new Param(value, 'boolean');
    case 'bigint': return new Param(value, 'bigint');
    default: throw new TypeError(`cannot bind ${typeof value} without a type: use param(value, type)`);
  }
}

function template(texts: readonly string[], values: readonly Interpolation[]): Sql {
  return new Sql(MINT, texts, values.map(toItem));
}

/** Text that is SQL by construction (a quoted literal or identifier). */
function verbatim(text: string): Sql {
  return new Sql(MINT, [text], []);
}

/** The tag: `sql\`SELECT ... WHERE uid = ${param(uid, 'bigint')}\``. */
export function sql(texts: TemplateStringsArray, ...values: Interpolation[]): Sql {
  // A template literal's strings are frozen and carry `raw`: an array built at run time is refused.
  if (!Object.isFrozen(texts) || !Array.isArray(texts.raw)) throw new TypeError('sql is a template tag: sql`...`');
  return template(texts, values);
}

/** A value bound as a parameter of SQL type `type`. */
export function param(value: unknown, type: ParamType): Param {
  return new Param(value, type);
}

/** `items` with `separator` between them (nothing for no items). */
export function join(items: readonly Sql[], separator: Sql): Sql {
  const values = items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]));
  return template(Array<string>(values.length + 1).fill(''), values);
}

/**
 * A name from the uploaded schema (a predicate, a type) as an SQL string
 * literal. Inlined rather than bound: expression indexes match only literal
 * expressions, and the text stays the same for every request, so PostgreSQL
 * can reuse plans. standard_conforming_strings: only ' needs doubling.
 */
export function literal(text: string): Sql {
  if (text.includes('\0')) throw new Error('names may not contain NUL characters');
  return verbatim(`'${text.replaceAll("'", "''")}'`);
}

/**
 * A page bound (`first`, `offset`, `topK`) as an SQL integer literal.
 * Inlined rather than bound: under a parameter PostgreSQL's generic plan
 * guesses the LIMIT (a tenth of the rows), finds itself dearer than a plan
 * for the value, and so plans the prepared statement anew on every run; a
 * literal gives both plans the same rows, and the generic one is kept. The
 * text changes only with the bound, which is part of the plan cache's key.
 */
export function rowCount(n: number): Sql {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`a row count must be a non-negative integer, got ${n}`);
  return verbatim(String(n));
}

/** A text[] of schema names. */
export function textArray(items: readonly string[]): Sql {
  return items.length === 0 ? sql`'{}'::text[]` : sql`ARRAY[${join(items.map(literal), sql`, `)}]::text[]`;
}

/** An SQL identifier (an alias, an index, a schema or collation name), quoted unless it is plain. */
export function identifier(name: string): Sql {
  if (name.includes('\0')) throw new Error('names may not contain NUL characters');
  return verbatim(/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
}

/** A statement ready to send: its text with $n placeholders and the values they bind. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The statement's text and its parameters' values, numbered in order of appearance. */
export function render(fragment: Sql): Statement {
  return renderNoting(fragment, null).statement;
}

/**
 * render(), also saying where `slot` is among the statement's parameters
 * (its index in `params`; undefined when the statement does not use it), so
 * the text can be kept and that one value bound again on each run.
 */
export function renderNoting(fragment: Sql, slot: Param | null): { readonly statement: Statement; readonly slotAt?: number } {
  const out = { text: '', numbers: new Map<Param, number>() };
  fragment.renderInto(out);
  const params = [...out.numbers.keys()].map((p) => (typeof p.value === 'bigint' ? String(p.value) : p.value));
  const n = slot ? out.numbers.get(slot) : undefined;
  return { statement: { sql: out.text, params }, ...(n !== undefined ? { slotAt: n - 1 } : {}) };
}

/** What an executor is handed, as the text and values to send. */
export function statementOf(query: Sql | Statement | string, params: readonly unknown[] = []): Statement {
  if (query instanceof Sql) return render(query);
  return typeof query === 'string' ? { sql: query, params } : query;
}
