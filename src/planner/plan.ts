// Physical plans for the FROM/WHERE part of a query: which scans, which joins,
// where each condition is applied.
import type { Index, Table } from '../catalog/objects.js';
import type { CteDef, Expr, FromNode, Query } from '../analyzer/query.js';
import { forEachChild, visitQueryExprs } from '../analyzer/walk.js';
import type { OrderedGroup } from './ordered-append.js';
import type { PushedArm, UnionOrder } from './union-append.js';

export { forEachChild, visitQueryExprs };

/** The planner's estimate for a plan node, as EXPLAIN prints it: (cost=startup..total rows=… width=…). */
export interface Est { startup: number; total: number; rows: number; width: number }

/** One bound of an index range: `column op value` with op one of < <= > >=. */
export interface IndexBound { value: Expr; inclusive: boolean }

export type Plan =
  | { k: 'result'; est?: Est }
  /** members: an inheritance scan as PostgreSQL shows it, one scan per table left after partition pruning (EXPLAIN only). */
  | { k: 'seqscan'; entry: number; table: Table; inh: boolean; filter: Expr | null; est?: Est; members?: Plan[];
      /** ORDER BY delivered by the members (planner/ordered-append.ts): a Merge Append or an ordered Append. */
      order?: OrderedGroup;
      /** A parameterized Append (inner of a nested loop): join conditions its members check per outer row, shown there; the executor checks them in the join. */
      paramConds?: Expr[] }
  /**
   * keys: expressions for the index's leading columns (equality); then on the next column
   * either `anyKey` (column = ANY (array)) or range bounds. indexCond: the conditions the index
   * answers (for EXPLAIN); bitmap: rows come in heap order (Bitmap Heap Scan); backward: in
   * descending key order.
   */
  | { k: 'indexscan'; entry: number; table: Table; inh: boolean; index: Index; keys: Expr[]; filter: Expr | null;
      anyKey?: Expr | null; lower?: IndexBound[]; upper?: IndexBound[]; indexCond?: Expr[]; bitmap?: boolean;
      backward?: boolean; indexOnly?: boolean; est?: Est; indexEst?: Est;
      /** Conditions on index columns after the ranged one: costed and shown as index conditions (`shown`), checked by the executor in `filter` (`used`). */
      laterQuals?: { used: Expr[]; shown: Expr[] } }
  /** unionOrder: a UNION ALL read as an append relation, ORDER BY taken from a Merge Append of its arms (planner/union-append.ts; EXPLAIN only). */
  | { k: 'subquery'; entry: number; query: Query; filter: Expr | null; est?: Est; unionOrder?: UnionOrder;
      /** A UNION ALL read as an append relation, the conditions pushed into its arms (EXPLAIN only: the executor applies filter). */
      unionArms?: PushedArm[] }
  | { k: 'values'; entry: number; rows: Expr[][]; filter: Expr | null; est?: Est }
  | { k: 'function'; entry: number; func: Expr; ordinality: boolean; filter: Expr | null; est?: Est }
  | { k: 'ctescan'; entry: number; cte: CteDef; worktable: boolean; filter: Expr | null; est?: Est }
  | { k: 'nestloop'; type: JoinType; outer: Plan; inner: Plan; cond: Expr | null; innerEntries: number[]; outerEntries: number[]; est?: Est }
  | { k: 'hashjoin'; type: JoinType; outer: Plan; inner: Plan; outerKeys: Expr[]; innerKeys: Expr[]; cond: Expr | null;
      innerEntries: number[]; outerEntries: number[]; est?: Est; hashEst?: Est }
  /**
   * EXISTS / NOT EXISTS / IN (subquery) turned into a hash semi or anti join: `sub` is the
   * subquery without its correlated equalities, its targets being their inner sides; a row of
   * `outer` passes when its `outerKeys` match (semi) or match no (anti) row of `sub`.
   * subPlan: how `sub` is scanned (for EXPLAIN).
   */
  | { k: 'semijoin'; anti: boolean; outer: Plan; sub: Query; subPlan: Plan; outerKeys: Expr[]; innerKeys: Expr[];
      /** The WHERE condition it replaces and the subquery it came from. */
      cond: Expr; source: Query; est?: Est; hashEst?: Est;
      /** How EXPLAIN shows it: a semi/anti join, or a plain join with the subquery's distinct keys (uniqueAgg: made distinct by a HashAggregate). */
      strategy?: 'semi' | 'unique' | 'uniqueAgg'; aggEst?: Est }
  /** The inner of a nested loop read once and replayed for each outer row. */
  | { k: 'material'; input: Plan; est?: Est }
  | { k: 'filter'; input: Plan; cond: Expr; est?: Est };

export type JoinType = 'inner' | 'left' | 'right' | 'full';

/** Entries (range-table indexes) an expression reads at level 0. */
export function entriesOf(e: Expr, out = new Set<number>(), depth = 0): Set<number> {
  if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp === depth) out.add(e.entry);
  if (e.k === 'sublink') {
    visitQueryExprs(e.query, x => entriesOf(x, out, depth + 1));
    if (e.test) entriesOf(e.test, out, depth);
    return out;
  }
  forEachChild(e, c => entriesOf(c, out, depth));
  return out;
}

/** Does an expression of a query level read a level further out (levelsUp beyond `depth`)? */
export function readsOuter(e: Expr, depth = 0): boolean {
  if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp > depth) return true;
  // an aggregate of an outer level is a value of the outer row (its group)
  if (e.k === 'aggref' && (e.levelsUp ?? 0) > depth) return true;
  if (e.k === 'sublink') {
    let found = false;
    visitQueryExprs(e.query, x => { if (!found && readsOuter(x, depth + 1)) found = true; });
    return found || (!!e.test && readsOuter(e.test, depth));
  }
  let found = false;
  forEachChild(e, c => { if (!found && readsOuter(c, depth)) found = true; });
  return found;
}

/** Does a query read anything from outside itself (levelsUp beyond its own)? */
export function isCorrelated(q: Query): boolean {
  let found = false;
  visitQueryExprs(q, e => { if (!found && readsOuter(e)) found = true; });
  return found;
}

export function splitAnd(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.k === 'and') return e.args.flatMap(splitAnd);
  return [e];
}

export function andOf(list: Expr[]): Expr | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0];
  return { k: 'and', type: 16, typmod: -1, args: list };
}

/** A copy of an expression with `fn` applied bottom-up to each node (fn returns the replacement). */
export function mapExpr(e: Expr, fn: (x: Expr) => Expr): Expr {
  const m = (x: Expr) => mapExpr(x, fn);
  let c: Expr;
  switch (e.k) {
    case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row':
      c = { ...e, args: e.args.map(m) } as Expr; break;
    case 'distinct': case 'nullif': case 'scalararray': c = { ...e, args: [m(e.args[0]), m(e.args[1])] } as Expr; break;
    case 'array': c = { ...e, elems: e.elems.map(m) }; break;
    case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': c = { ...e, arg: m(e.arg) } as Expr; break;
    case 'rowcompare': c = { ...e, left: e.left.map(m), right: e.right.map(m) }; break;
    case 'subscript': c = { ...e, arg: m(e.arg), upper: e.upper.map(x => x && m(x)), lower: e.lower?.map(x => x && m(x)) ?? null }; break;
    case 'case': c = { ...e, whens: e.whens.map(w => ({ cond: m(w.cond), result: m(w.result) })), else: e.else && m(e.else), arg: e.arg && m(e.arg) }; break;
    default: c = e;
  }
  return fn(c);
}

/** Does the expression contain a subquery? */
export function hasSublink(e: Expr): boolean {
  if (e.k === 'sublink') return true;
  let found = false;
  forEachChild(e, c => { if (!found && hasSublink(c)) found = true; });
  return found;
}
