// UNION ALL planned as one append relation (prepjointree.c's pull_up_simple_union_all and
// flatten_simple_union_all): a subquery in FROM — or a whole top-level query — that is
// only UNION ALL of arms whose columns already have the set operation's types is read as
// an Append of its arms. ORDER BY over it can then be a Merge Append of the arms, each
// delivering the order itself (an index scan in that order, its own ORDER BY, or a Sort):
// generate_orderedappend_paths. The arms' order is planned as the arm's own ORDER BY on
// the translated keys (the parent's columns replaced by the arm's output expressions).
// EXPLAIN shows it; the executor still reads the set operation and sorts (same rows).
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import { sameExpr } from '../analyzer/grouping.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST, DISABLE_COST, limitCost, sortCost } from './cost.js';
import { hasSublink, mapExpr, readsOuter, type Est } from './plan.js';
import { pulledUp } from './pullup.js';
import { plannerSettings } from './settings.js';

/** One arm of an ordered UNION ALL: the query to plan and show (`query`, the arm with the order when it can take it), or the arm under a Sort (`sortAbove`). */
export interface UnionArm { query: Query; orig: Query; sortAbove: SortKey[] | null }
/** An arm with the parent's conditions on it (`query`), and the arm as analyzed (`orig`: how EXPLAIN names it). */
export interface PushedArm { query: Query; orig: Query }
/** A Merge Append of the arms in `keys` (the parent's sort keys). */
export interface UnionOrder { keys: SortKey[]; arms: UnionArm[]; est: Est }

/** A leaf the analyzer wrapped to coerce its columns to the set operation's types (is_simple_union_all rejects it). */
function isCoercionWrapper(x: Query): boolean {
  return !x.setOp && x.entries.length === 1 && x.entries[0].alias === '*SELECT*' && x.entries[0].kind === 'subquery' && !!x.entries[0].query
    && x.targets.some(t => t.expr.k !== 'var');
}

/**
 * The arms of a simple UNION ALL (is_simple_union_all_recurse): every set operation in the
 * tree UNION ALL without ORDER BY / LIMIT of its own, every leaf's columns of the result's
 * types; null otherwise. `top`: the query's own ORDER BY / LIMIT are allowed (a top-level query).
 */
export function unionAllArms(q: Query, top = false): Query[] | null {
  if (!q.setOp || q.lockRows || q.ctes?.length) return null;
  if (!top && (q.orderBy.length || q.limit || q.offset)) return null;
  const out: Query[] = [];
  const visit = (x: Query, root: boolean): boolean => {
    if (x.setOp) {
      if (x.setOp.op !== 'union' || !x.setOp.all || x.ctes?.length) return false;
      if (!root && (x.orderBy.length || x.limit || x.offset)) return false;
      return visit(x.setOp.left, false) && visit(x.setOp.right, false);
    }
    if (isCoercionWrapper(x)) return false;
    out.push(x);
    return true;
  };
  return visit(q, true) && out.length > 1 ? out : null;
}

/** An expression over the union's columns (entry `entry` of the level above) as the arm computes it. */
export function toArm(e: Expr, arm: Query, entry: number): Expr {
  const vis = arm.targets.filter(t => !t.junk);
  return mapExpr(e, x => (x.k === 'var' && x.levelsUp === 0 && x.entry === entry ? vis[x.att]?.expr ?? x : x));
}

/** Can the arm take conditions of the level above in its WHERE (a plain SELECT, nothing computed over its rows)? */
function takesConditions(arm: Query): boolean {
  return !arm.grouped && !arm.aggs.length && !arm.groupBy.length && !arm.having && !arm.distinct && !arm.distinctOn
    && !arm.orderBy.length && !arm.limit && !arm.offset && !arm.setOp && !arm.lockRows
    && !arm.targets.some(t => hasSublink(t.expr));
}

/**
 * The arms with the conditions on the union's columns (entry `entry`) pushed into each
 * (set_append_rel_size translates the parent's quals to every child); the arms as they are
 * when there are none, null when an arm cannot take them.
 */
export function pushedArms(arms: Query[], entry: number, conds: Expr[]): PushedArm[] | null {
  if (!conds.length) return arms.map(a => ({ query: a, orig: a }));
  if (conds.some(c => hasSublink(c)) || !arms.every(takesConditions)) return null;
  return arms.map(a => {
    const where = [...(a.where ? [a.where] : []), ...conds.map(c => toArm(c, a, entry))];
    return { query: { ...a, where: where.length === 1 ? where[0] : { k: 'and', type: 16, typmod: -1, args: where } }, orig: a };
  });
}

let upperEst: (q: Query) => Est = () => ({ startup: 0, total: 0, rows: 0, width: 0 });
/** Set by upper.ts: a (pulled-up) query's estimate with its upper steps. */
export function setUnionEstimator(fn: (q: Query) => Est): void { upperEst = fn; }

/** Does the arm's own ORDER BY already give `keys` (as a prefix of it)? */
function ownOrderGives(arm: Query, keys: SortKey[]): boolean {
  if (arm.orderBy.length < keys.length) return false;
  return keys.every((k, i) => {
    const o = arm.orderBy[i];
    return o.desc === k.desc && o.nullsFirst === k.nullsFirst && !o.using && !k.using && sameExpr(o.expr, k.expr);
  });
}

/**
 * ORDER BY over the UNION ALL `arms` (the union's columns being entry `entry`): a Merge Append
 * of the arms when cheaper than sorting their Append (for the rows LIMIT needs), else null.
 */
export function orderedUnion(arms: PushedArm[], entry: number, keys: SortKey[], limit: number | null, offset: number): UnionOrder | null {
  if (!keys.length || keys.some(k => k.using || readsOuter(k.expr) || hasSublink(k.expr))) return null;
  const settings = plannerSettings();
  const sorting = (e: Est, bound?: number): Est => {
    const s = sortCost(e, bound);
    return settings.sort ? s : { ...s, startup: s.startup + DISABLE_COST, total: s.total + DISABLE_COST };
  };
  const out: UnionArm[] = [];
  let startup = 0, total = 0, rows = 0, plainTotal = 0, plainStartup = 0, width = 0;
  for (const { query: arm, orig } of arms) {
    const armKeys = keys.map(k => ({ ...k, expr: toArm(k.expr, orig, entry) }));
    const plain = upperEst(pulledUp(arm));
    plainTotal += plain.total; plainStartup += plain.startup; width = Math.max(width, plain.width);
    let a: UnionArm, est: Est;
    if (arm.orderBy.length ? ownOrderGives(arm, armKeys) : false) {
      a = { query: arm, orig, sortAbove: null }; est = plain;
    } else if (arm.orderBy.length || arm.limit || arm.offset || arm.setOp || arm.distinct || arm.distinctOn) {
      a = { query: arm, orig, sortAbove: armKeys }; est = sorting(plain);
    } else {
      const query: Query = { ...arm, orderBy: armKeys };
      a = { query, orig, sortAbove: null }; est = upperEst(pulledUp(query));
    }
    out.push(a);
    startup += est.startup; total += est.total; rows += est.rows;
  }
  const n = out.length;
  const cmp = 2 * CPU_OPERATOR_COST;
  // cost_merge_append: a heap of the arms, one comparison per row and level
  const merged: Est = { startup: startup + cmp * n * Math.log2(n), total: total + rows * cmp * Math.log2(n) + CPU_TUPLE_COST * 0.5 * rows, rows, width };
  const append: Est = { startup: plainStartup, total: plainTotal + CPU_TUPLE_COST * 0.5 * rows, rows, width };
  const bound = limit !== null ? limit + offset : undefined;
  const need = (e: Est) => (limit === null ? e.total : limitCost(e, offset, limit).total);
  if (need(merged) >= need(sorting(append, bound))) return null;
  return { keys, arms: out, est: merged };
}
