// Window functions above grouping (grouping_planner's create_window_paths): one WindowAgg per
// distinct window, each over rows sorted by its PARTITION BY then ORDER BY keys — a Sort
// unless the rows already come in an order the keys are a prefix of. Windows needing the
// longest sort come first (select_active_windows sorts them so; ties keep their order).
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import { windowCallOf, type WindowCall } from '../analyzer/window.js';
import { forEachChild } from '../analyzer/walk.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST } from './cost.js';
import type { Est } from './plan.js';
import { sameExpr } from '../analyzer/grouping.js';

export interface WindowStep { keys: SortKey[]; calls: number }

/** The distinct windows of the select list, in the order PostgreSQL stacks their WindowAggs. */
export function windowsOf(q: Query): WindowStep[] {
  const byKey = new Map<string, WindowStep>();
  const visit = (e: Expr): void => {
    const w = windowCallOf(e);
    if (w && e.k === 'func') {
      let s = byKey.get(w.windowKey);
      if (!s) byKey.set(w.windowKey, s = { keys: sortKeys(w, e.args), calls: 0 });
      s.calls++;
    }
    forEachChild(e, visit);
  };
  for (const t of q.targets) visit(t.expr);
  return [...byKey.values()].sort((a, b) => b.keys.length - a.keys.length);
}

function sortKeys(w: WindowCall, args: Expr[]): SortKey[] {
  const part = w.partition.map(i => ({ expr: args[i], desc: false, nullsFirst: false, cmp: () => 0 }));
  const order = w.order.map(o => ({ expr: args[o.arg], desc: o.desc, nullsFirst: o.nullsFirst, cmp: o.cmp }));
  return [...part, ...order];
}

const sameKey = (a: SortKey, b: SortKey) => a.desc === b.desc && a.nullsFirst === b.nullsFirst && sameExpr(a.expr, b.expr);

/** Do rows sorted by `have` come in an order `want` is satisfied by (want a prefix of have)? */
export function sortedBy(have: SortKey[], want: SortKey[]): boolean {
  return want.length <= have.length && want.every((k, i) => sameKey(k, have[i]));
}

/** cost_windowagg: each function and key compared once per row, and the row passed on. */
export function windowAggCost(input: Est, w: WindowStep): Est {
  const perRow = CPU_OPERATOR_COST * (w.calls + w.keys.length) + CPU_TUPLE_COST;
  return { ...input, total: input.total + perRow * input.rows };
}
