/**
 * The compiler's state and vocabulary, shared by every module of sql/ and
 * importing none of them: one statement's fresh table aliases, and how a
 * level of a query is asked for, where its nodes come from, and what it
 * yields. Everything else is passed down explicitly.
 */
import type { FieldDef, TypeDef } from '../../model/types.js';
import type { Cascade, Filter, OrderKey, Selection } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { JsonAnswer } from './exact.js';
import { identifier, sql, type Param, type Sql } from './fragment.js';

/**
 * Where a statement reads the graph: relations with node's (uid, types,
 * data) and edge's (src, pred, dst) columns.
 */
export interface GraphRelations {
  readonly node: Sql;
  readonly edge: Sql;
}

/** The graph as stored. */
export const STORED_GRAPH: GraphRelations = { node: sql`authline.node`, edge: sql`authline.edge` };

/** One statement being compiled. */
export class Compiler {
  private aliases = 0;

  /**
   * `nodeBudget`: how many node objects the statement may build (a bigint
   * parameter; reads.ts), or null for no limit. `graph`: what the statement
   * reads as nodes and edges; a write's own check reads the graph as the
   * write leaves it (writes.ts), since a statement cannot see its own writes.
   */
  constructor(
    readonly nodeBudget: Param | null = null,
    /** Set when the statement answers as text, each value exactly as graphql-js writes it (exact.ts). */
    readonly json: JsonAnswer | null = null,
    readonly graph: GraphRelations = STORED_GRAPH,
  ) {}

  /** A table alias unique within the statement. */
  alias(prefix = 'n'): Sql {
    return identifier(`${prefix}${this.aliases++}`);
  }
}

/** How one level of a query is read. */
export interface LevelEnv {
  /** Whose rules apply; null inside a rule's own traversal (rules see everything). */
  readonly policy: AuthPolicy | null;
  /** The operation whose rule narrows this level (nested levels always read with `query`). */
  readonly operation: AuthOperation;
  /**
   * The level's candidate nodes are few and known before its conditions are
   * asked (given uids, a parent's edges, the rows of a page): each existence
   * its rules and @cascade ask is then a probe from the candidate (a
   * correlated sub-select), never a set PostgreSQL may build from the other
   * end and hash (all of an owner's todos), so its cost per candidate does
   * not grow with the data behind it, under a custom or a generic plan.
   */
  readonly probe?: boolean;
  /**
   * The uid of the row being asked about as the level's source knows it
   * before the node itself is read (a probed edge's far end); unset, the
   * row's own uid column. Existence conditions (rules, @cascade) are asked
   * of it, so that PostgreSQL tests them on the edge and reads only the
   * nodes that pass.
   */
  readonly uid?: Sql;
}

/**
 * What a reader may see of one row's fields: the condition under which
 * `field` shows its value, or null when it always does. The condition may
 * be NULL where it is false: use it only where NULL and FALSE are alike
 * (a WHERE, `CASE WHEN`, inside AND/OR), never under NOT.
 */
export type FieldGuard = (field: FieldDef) => Sql | null;

/** Every field visible: no field rules, or a rule's own traversal. */
export const UNGUARDED: FieldGuard = () => null;

/** Where a level's nodes come from. */
export type LevelSource =
  | { readonly kind: 'all' }
  /**
   * Targets of `field` on the parent row whose uid is `parentUid`; `visible`,
   * when given, is the condition under which the parent's field may be read
   * (its field rules).
   */
  | { readonly kind: 'edge'; readonly parentUid: Sql; readonly field: FieldDef; readonly visible?: Sql | null }
  /** These nodes (canonical decimal uids), e.g. the nodes a mutation touched. */
  | { readonly kind: 'uids'; readonly uids: readonly string[] }
  /**
   * A similarity query's nearest nodes (vector.ts): `table(alias)` is the
   * derived table of their rows (uid, types, data, and `_d`, the distance
   * the level is ordered by).
   */
  | { readonly kind: 'nearest'; readonly table: (alias: Sql) => Sql };

/**
 * What a level is asked: a NodeQuery, or the node part of an AggregateQuery.
 * `cascade` is the plan's, already resolved for this level (inherited from
 * the levels above where the plan says so): the store only reads it.
 */
export interface LevelQuery {
  readonly concreteTypes: readonly TypeDef[];
  readonly filter: Filter | null;
  readonly order?: readonly OrderKey[];
  readonly first?: number;
  readonly offset?: number;
  readonly cascade?: Cascade | null;
  readonly selection?: readonly Selection[];
}

/** A level's rows, as a derived table. */
export interface Rows {
  /** Alias of the derived table (and of the node table inside it). */
  readonly alias: Sql;
  /** SELECT yielding uid, types, data, _t, _o0.. */
  readonly sql: Sql;
  /** ORDER BY list over the derived table, for json_agg. */
  readonly orderBy: Sql;
}
