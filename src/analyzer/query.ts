// The bound query tree the analyzer produces: names resolved, types known.
import type { Table } from '../catalog/objects.js';
import type { FuncDef, OperatorDef, EvalContext } from '../types/registry.js';
import type { DmlStatement } from './dml.js';

export type Expr =
  /** loc: where an untyped literal was written (its input errors point there). */
  | { k: 'const'; type: number; typmod: number; value: unknown; loc?: number }
  | { k: 'param'; type: number; typmod: number; index: number }
  /** Column of range entry `entry` (slot index `att`); levelsUp > 0 reaches an outer query. */
  | { k: 'var'; type: number; typmod: number; levelsUp: number; entry: number; att: number; loc?: number }
  /** tableoid of range entry `entry`. */
  | { k: 'tableoid'; type: number; typmod: number; levelsUp: number; entry: number;
      /** Another system column read from the row version (executor/system-columns.ts), or WHERE CURRENT OF a cursor. */
      sys?: SystemColumn; cursor?: { name: string; tableOid: number; tableName: string } }
  | { k: 'op'; type: number; typmod: number; op: OperatorDef; args: Expr[] }
  /** sqlName: written as an SQL value function (CURRENT_TIMESTAMP); sqlSyntax: as EXTRACT(… FROM …) and the like. */
  | { k: 'func'; type: number; typmod: number; fn: FuncDef; args: Expr[]; sqlName?: string; sqlSyntax?: boolean }
  /** A conversion: fn when not binary-coercible, then typmod application. */
  | { k: 'cast'; type: number; typmod: number; arg: Expr; fn: ((v: unknown, ctx: EvalContext) => unknown) | null;
      applyTypmod: ((v: unknown) => unknown) | null;
      /** Written as CAST/:: (set only by analysis for deparsing; implicit otherwise). */
      explicit?: boolean;
      /** fn sees NULL too (a domain's NOT NULL check); otherwise NULL passes through. */
      fnOnNull?: boolean }
  | { k: 'and' | 'or'; type: number; typmod: number; args: Expr[] }
  | { k: 'not'; type: number; typmod: number; arg: Expr }
  | { k: 'nulltest'; type: number; typmod: number; arg: Expr; isNull: boolean; row: boolean }
  | { k: 'booltest'; type: number; typmod: number; arg: Expr; test: 'true' | 'false' | 'unknown'; negate: boolean }
  | { k: 'distinct'; type: number; typmod: number; eq: OperatorDef; args: [Expr, Expr]; negate: boolean }
  /** arg: the operand of CASE x WHEN …, each cond being `x = value`. */
  | { k: 'case'; type: number; typmod: number; whens: { cond: Expr; result: Expr }[]; else: Expr | null; arg?: Expr }
  | { k: 'coalesce'; type: number; typmod: number; args: Expr[] }
  | { k: 'minmax'; type: number; typmod: number; args: Expr[]; greatest: boolean; cmp: (a: unknown, b: unknown) => number }
  | { k: 'nullif'; type: number; typmod: number; eq: OperatorDef; args: [Expr, Expr] }
  /** x op ANY/ALL (array) */
  | { k: 'scalararray'; type: number; typmod: number; op: OperatorDef; any: boolean; args: [Expr, Expr] }
  | { k: 'array'; type: number; typmod: number; elems: Expr[] }
  /** wholeRow: a table's row named as a value (compared as one record, not column by column). */
  | { k: 'row'; type: number; typmod: number; args: Expr[]; wholeRow?: boolean;
      /** A record's column names when it is a FROM item's row (a subquery's, a join alias's), for row_to_json. */
      fieldNames?: string[] }
  /** (a, b) < (c, d): columns compared in order; eqs[i] decides whether to go on to the next column. */
  | { k: 'rowcompare'; type: number; typmod: number; ops: OperatorDef[]; eqs: OperatorDef[]; left: Expr[]; right: Expr[];
      /** the answer when every column is equal (true for <=, >=) */
      whenEqual: boolean }
  /** arr[i][j] or arr[lo:hi]: subscripts applied to an array value. */
  | { k: 'subscript'; type: number; typmod: number; arg: Expr; lower: (Expr | null)[] | null; upper: (Expr | null)[]; slice: boolean }
  /** (composite).field */
  | { k: 'field'; type: number; typmod: number; arg: Expr; index: number }
  | { k: 'sublink'; type: number; typmod: number; kind: 'exists' | 'scalar' | 'any' | 'all' | 'array' | 'rowcompare' | 'multiexpr';
      query: Query; test: Expr | null; correlated: boolean }
  /** The value computed for aggregate number `index` of the enclosing query. */
  /** levelsUp: an aggregate of an enclosing query level (its arguments read only that level's columns). */
  | { k: 'aggref'; type: number; typmod: number; index: number; levelsUp?: number }
  /** A value the engine supplies while it runs (current_user, current_schema, …). */
  | { k: 'special'; type: number; typmod: number; fn: (ctx: EvalContext) => unknown; sqlName?: string };

export interface AggCall {
  name: string;
  type: number;
  args: Expr[];
  distinct: boolean;
  star: boolean;
  filter: Expr | null;
  orderBy: SortKey[];
  /** Implementation chosen for the argument types. */
  impl: AggImpl;
  /** An ordered-set aggregate's direct arguments (… WITHIN GROUP): evaluated once per group, given to final. */
  direct?: Expr[];
  /** Where the call is written (0-based), for errors about it. */
  loc?: number;
  /** A user-defined aggregate (CREATE AGGREGATE): its implementation (functions/aggregate-impl.ts). */
  userImpl?: (ctx: import('../types/registry.js').EvalContext) => AggImpl;
  /** …and its pg_proc oid: identical calls of it share one evaluation, as PostgreSQL's do. */
  userOid?: number;
}

export interface AggImpl {
  init(): unknown;
  step(state: unknown, args: unknown[]): unknown;
  final(state: unknown, direct?: unknown[]): unknown;
  /** Whether NULL inputs are skipped (strict transition function). */
  strict: boolean;
}

export interface SortKey { expr: Expr; desc: boolean; nullsFirst: boolean; cmp: (a: unknown, b: unknown) => number;
  /** ORDER BY … USING op, when op is not simply the type's < or > (printed back as written). */
  using?: string }

/** System columns other than tableoid; 'tuple' is the row version itself (a cursor's position), 'currentof' WHERE CURRENT OF. */
export type SystemColumn = 'ctid' | 'xmin' | 'xmax' | 'cmin' | 'cmax' | 'tuple' | 'currentof';

export interface TargetEntry { name: string; expr: Expr; junk?: boolean; table?: Table; attnum?: number }

/** One FROM item as a range entry: the slot the executor fills with a row of it. */
export interface RangeEntry {
  alias: string;
  kind: 'table' | 'subquery' | 'values' | 'function' | 'join' | 'cte';
  columns: { name: string; type: number; typmod: number; dropped?: boolean; attnum?: number }[];
  table?: Table;
  /** Scan inheritance children too (not ONLY). */
  inh?: boolean;
  query?: Query;
  values?: Expr[][];
  func?: Expr;
  funcOrdinality?: boolean;
  /** kind 'cte': the WITH query read; worktable: the recursive self-reference (the rows of the previous step). */
  cte?: CteDef;
  worktable?: boolean;
  /** kind 'subquery': the view this entry expands (printed back by its name). */
  view?: import('../catalog/objects.js').View;
  /** The target of INSERT / UPDATE / DELETE through this view (entry 0; its privileges are checked, privileges/requests.ts). */
  dmlView?: import('../catalog/objects.js').View;
  /** A table read under row-level security whose policies' quals were placed (security-quals.ts). */
  rowSecurity?: boolean;
}

/** One WITH query, computed once per execution of the statement that owns it. */
export interface CteDef {
  name: string;
  columns: { name: string; type: number; typmod: number }[];
  /** The SELECT; for a recursive query its non-recursive term. */
  query: Query | null;
  /** WITH RECURSIVE: the term that reads the rows of the previous step, and UNION ALL vs UNION. */
  recursive: { term: Query; all: boolean } | null;
  /** A data-modifying statement (run exactly once, even when not read). */
  dml: DmlStatement | null;
  /** AS [NOT] MATERIALIZED: 'always' is never inlined into the query reading it, 'never' always may be. */
  materialized?: 'always' | 'never';
  /** The column names written after the query's name (printed back). */
  aliases?: string[];
  /** How many trailing columns SEARCH / CYCLE added (not expanded by * inside the query). */
  addedColumns?: number;
  /** SEARCH / CYCLE: the clauses and the terms as written (query and recursive hold the rewrite). */
  searchCycle?: import('./cte-search.js').SearchCycleDef;
  /** An ephemeral named relation (transition table): its rows when read, supplied by whoever registered it. */
  ephemeralRows?: () => unknown[][];
}

export type FromNode =
  | { k: 'entry'; entry: number }
  | { k: 'join'; type: 'inner' | 'left' | 'right' | 'full' | 'cross'; left: FromNode; right: FromNode; on: Expr | null;
      /** entries in each side, for the planner */
      entries: number[];
      /** JOIN … USING (names) (also NATURAL), for printing back */
      using?: string[];
      /** (… JOIN …) AS alias: the name the join's columns are read by (its items are hidden) */
      alias?: string;
      /** JOIN … USING (…) AS alias */
      usingAlias?: string };

export interface SetOperation {
  op: 'union' | 'intersect' | 'except';
  all: boolean;
  left: Query;
  right: Query;
}

export interface Query {
  kind: 'select';
  entries: RangeEntry[];
  from: FromNode[];
  where: Expr | null;
  targets: TargetEntry[];
  groupBy: Expr[];
  /** GROUPING SETS / ROLLUP / CUBE: each set as indexes into groupBy (analyzer/grouping-sets.ts). */
  groupingSets?: number[][];
  having: Expr | null;
  aggs: AggCall[];
  grouped: boolean;
  distinct: boolean;
  distinctOn: Expr[] | null;
  orderBy: SortKey[];
  limit: Expr | null;
  /** FETCH FIRST … WITH TIES: rows equal in ORDER BY to the last one counted come too. */
  limitWithTies?: boolean;
  offset: Expr | null;
  setOp: SetOperation | null;
  lockRows?: boolean;
  /** SELECT … FOR UPDATE / SHARE: the entries whose rows are locked (row-marks.ts). */
  rowMarks?: import('./row-marks.js').RowMark[];
  /** WITH queries owned by this query level. */
  ctes?: CteDef[];
  /** Row-level security quals of FROM items, until placed (security-quals.ts). */
  securityQuals?: { entry: number; qual: Expr }[];
  /** A LATERAL subquery in FROM: it reads the FROM items to its left as level 1 (the executor pushes their frame). */
  lateral?: boolean;
}

export const emptyQuery = (): Query => ({
  kind: 'select', entries: [], from: [], where: null, targets: [], groupBy: [], having: null, aggs: [],
  grouped: false, distinct: false, distinctOn: null, orderBy: [], limit: null, offset: null, setOp: null,
});
