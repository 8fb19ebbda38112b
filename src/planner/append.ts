// A scan of an inheritance tree or a partitioned table, as PostgreSQL plans it: an Append
// of one scan per table left after partition pruning, each the cheapest for that table
// (its own size and indexes). EXPLAIN shows the members; the executor reads the tree as
// before (the conditions it applies make the rows the same).
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { andOf, entriesOf, splitAnd, type Plan } from './plan.js';
import { seqScanCost } from './cost.js';
import type { ScanRequest } from './scan-paths.js';
import type { BaseRel, PlanContext } from './rel-info.js';
import { liveLeaves } from './partprune.js';
import { clampRows, relSize } from './stats.js';
import { clauseListSelectivity, stripRelabel, type SelContext } from './selectivity.js';

/** Every table of a plain inheritance tree: the parent first, then descendants breadth first. */
function inheritanceTables(t: Table): Table[] {
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

/** The tables an inheritance scan of `table` reads (partitions pruned by `conds`). */
export function memberTables(cx: PlanContext, entry: number, table: Table, conds: Expr[]): Table[] {
  const columns = cx.q.entries[entry].columns;
  const columnName = (e: Expr) => (e.k === 'var' && e.levelsUp === 0 && e.entry === entry ? columns[e.att]?.name ?? null : null);
  if (table.partitionKey) return liveLeaves(table, conds, columnName);
  // constraint_exclusion = partition: a child whose CHECK constraints the conditions contradict is not read
  return inheritanceTables(table).filter(t => !t.partitionKey && !checkRefuted(t, conds, columnName));
}

type Interval = { lo: number; loInc: boolean; hi: number; hiInc: boolean };
const OPS = new Set(['=', '<', '<=', '>', '>=']);

function interval(op: string, v: number): Interval {
  switch (op) {
    case '=': return { lo: v, loInc: true, hi: v, hiInc: true };
    case '<': return { lo: -Infinity, loInc: false, hi: v, hiInc: false };
    case '<=': return { lo: -Infinity, loInc: false, hi: v, hiInc: true };
    case '>': return { lo: v, loInc: false, hi: Infinity, hiInc: false };
    default: return { lo: v, loInc: true, hi: Infinity, hiInc: false };
  }
}

function disjoint(a: Interval, b: Interval): boolean {
  const lo = Math.max(a.lo, b.lo), hi = Math.min(a.hi, b.hi);
  if (lo < hi) return false;
  if (lo > hi) return true;
  const loInc = a.lo === lo ? a.loInc : true, hiInc = a.hi === hi ? a.hiInc : true;
  const loInc2 = b.lo === lo ? b.loInc : true, hiInc2 = b.hi === hi ? b.hiInc : true;
  return !(loInc && hiInc && loInc2 && hiInc2);
}

/** A CHECK constraint "column op number" as written (its parse tree), or null. */
function simpleCheck(raw: any): { column: string; op: string; value: number } | null {
  const a = raw?.A_Expr;
  if (!a || a.kind !== 'AEXPR_OP' || a.name?.length !== 1) return null;
  let op = a.name[0].String?.sval as string;
  let col = a.lexpr?.ColumnRef, c = a.rexpr?.A_Const;
  if (!col && a.rexpr?.ColumnRef && a.lexpr?.A_Const) {
    col = a.rexpr.ColumnRef; c = a.lexpr.A_Const;
    op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as Record<string, string>)[op];
  }
  if (!col || !c || !OPS.has(op) || col.fields?.length !== 1) return null;
  const value = c.ival !== undefined ? Number(c.ival.ival ?? 0) : c.fval !== undefined ? Number(c.fval.fval) : NaN;
  if (!Number.isFinite(value)) return null;
  return { column: col.fields[0].String?.sval, op, value };
}

/** Do the scan's conditions contradict one of the table's CHECK constraints (predicate_refuted_by, for column-vs-number comparisons)? */
function checkRefuted(t: Table, conds: Expr[], columnName: (e: Expr) => string | null): boolean {
  // a CHECK of AND-ed comparisons is refuted when any of them is
  const conjuncts = (raw: any): any[] => (raw?.BoolExpr?.boolop === 'AND_EXPR' ? raw.BoolExpr.args.flatMap(conjuncts) : [raw]);
  const checks = t.constraints.filter(c => c.type === 'c' && c.validated && c.check)
    .flatMap(c => conjuncts(c.check!.expr)).map(simpleCheck).filter(x => x !== null);
  if (!checks.length) return false;
  for (const cond of conds) {
    if (cond.k !== 'op' || cond.args.length !== 2 || !OPS.has(cond.op.name)) continue;
    const [l, r] = cond.args.map(stripRelabel);
    const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
    const [col, val, op] = r.k === 'const' ? [l, r, cond.op.name] : l.k === 'const' ? [r, l, flip[cond.op.name]] : [null, null, ''];
    if (!col || !val || val.k !== 'const' || (typeof val.value !== 'number' && typeof val.value !== 'bigint')) continue;
    const name = columnName(col);
    if (!name) continue;
    const v = Number(val.value);
    for (const ch of checks) if (ch.column === name && disjoint(interval(ch.op, ch.value), interval(op, v))) return true;
  }
  return false;
}

/** The planning context with one entry standing for a single member table (its size and statistics). */
export function memberContext(cx: PlanContext, entry: number, t: Table, conds: Expr[] = []): PlanContext {
  const size = relSize(t);
  const rel: BaseRel = { entry, table: t, tuples: size.tuples, rows: size.tuples, pages: size.pages };
  const rels = new Map(cx.rels).set(entry, rel);
  // the member's own columns (by name: a child may order them differently)
  const columns = cx.q.entries[entry].columns;
  const attnum = (e: number, att: number) => {
    if (e !== entry) return cx.sel.attnum(e, att);
    const name = columns[att]?.name;
    return t.columns.find(c => !c.dropped && c.name === name)?.attnum;
  };
  const sel: SelContext = { ...cx.sel, rel: e => (e === entry ? rel : cx.sel.rel(e)), attnum };
  // its rows after the scan's own conditions (set_append_rel_size)
  if (conds.length) rel.rows = clampRows(size.tuples * clauseListSelectivity(conds, sel));
  return { ...cx, rels, sel };
}

/** Marks a plan as one member's scan: the member table and no further inheritance. */
export function asMember(p: Plan, t: Table): Plan {
  if (p.k === 'seqscan' || p.k === 'indexscan') return { ...p, table: t, inh: false };
  return p;
}

/**
 * The inner of a nested loop over an inheritance tree, parameterized by the outer row
 * (get_cheapest_parameterized_child_path): each member an index scan keyed by the outer row
 * when it has one, else a scan filtering by the join conditions; null when no member can use
 * an index (nothing to gain).
 */
export function paramAppend(cx: PlanContext, p: Plan & { k: 'seqscan' }, joinConds: Expr[], outer: Set<number>, loops: number,
  scan: (mcx: PlanContext, r: ScanRequest) => Plan | null): Plan | null {
  if (!p.members?.length) return null;
  const own = splitAnd(p.filter);
  const members: Plan[] = [];
  let indexed = false, total = 0, rows = 0;
  for (const m of p.members) {
    const t = (m as { table: Table }).table;
    const mcx = memberContext(cx, p.entry, t, own);
    const ps = scan(mcx, { entry: p.entry, table: t, inh: false, conds: own, joinConds, outer, loops, pending: [] });
    let plan: Plan;
    if (ps && ps.k === 'indexscan') {
      plan = asMember(ps, t);
      indexed = true;
    } else {
      // the join conditions, outer side first (as the equivalence class generates them)
      const conds = [...own, ...joinConds.map(outerFirst(outer))];
      const rel = mcx.rels.get(p.entry)!;
      const sel = clauseListSelectivity(conds, mcx.sel);
      plan = { k: 'seqscan', entry: p.entry, table: t, inh: false, filter: andOf(conds), est: seqScanCost(rel.pages, rel.tuples, conds, clampRows(rel.tuples * sel), m.est?.width ?? 0) };
    }
    members.push(plan);
    total += plan.est!.total; rows += plan.est!.rows;
  }
  if (!indexed) return null;
  // an Append starts when its first member does
  return { ...p, members, paramConds: joinConds, order: undefined, est: { startup: members[0].est!.startup, total, rows: clampRows(rows), width: p.est?.width ?? 0 } };
}

/** `inner = outer` as `outer = inner`. */
function outerFirst(outer: Set<number>): (c: Expr) => Expr {
  return c => {
    if (c.k !== 'op' || c.op.name !== '=' || c.args.length !== 2) return c;
    const leftOuter = [...entriesOf(c.args[0])].every(e => outer.has(e));
    return leftOuter ? c : { ...c, args: [c.args[1], c.args[0]] };
  };
}
