// ORDER BY over an inheritance tree or partitioned table without a Sort on top
// (generate_orderedappend_paths): each member delivers the order itself — an index scan in
// that order, or a Sort of its cheapest scan — and the members are merged (Merge Append),
// or simply concatenated when the partitions themselves are in key order (an ordered
// Append; descending: in reverse). Chosen when cheaper than sorting the whole Append.
// EXPLAIN shows it; the executor still sorts (its scan of the tree is unordered).
import type { Expr, Query, SortKey } from '../analyzer/query.js';
import type { Index, Table } from '../catalog/objects.js';
import { boundInfo } from '../catalog/partition-bounds.js';
import { CPU_OPERATOR_COST, CPU_TUPLE_COST, DISABLE_COST, limitCost, sortCost } from './cost.js';
import { asMember, memberContext } from './append.js';
import { prunedPartitions } from './partprune.js';
import type { Est, Plan } from './plan.js';
import type { PlanContext } from './rel-info.js';
import { columnKey, indexColumnKeys, orderedScans } from './scan-paths.js';
import { stripRelabel } from './selectivity.js';

/** One member of an ordered inheritance scan: a scan (sorted: under a Sort), or a nested group (a sub-partitioned partition). */
export type OrderedItem = { plan: Plan; sorted: boolean; table: Table } | { group: OrderedGroup; table: Table };
/** merge: Merge Append (else an Append whose members are already in order). */
export interface OrderedGroup { merge: boolean; keys: SortKey[]; items: OrderedItem[]; est: Est }

/** Keys the scan's equality conditions fix to a constant (they do not constrain the order). */
function fixedKeys(cx: PlanContext, entry: number, conds: Expr[]): Set<string> {
  const out = new Set<string>();
  for (const c of conds) {
    if (c.k === 'op' && c.op.name === '=' && !c.op.user && c.args.length === 2) {
      const [l, r] = c.args.map(stripRelabel);
      const k = r.k === 'const' ? columnKey(cx, entry, l) : l.k === 'const' ? columnKey(cx, entry, r) : null;
      if (k) out.add(k);
    } else {
      // a Boolean column alone (b, NOT b) fixes it too
      const v = c.k === 'not' ? c.arg : c;
      if (v.k === 'var' && v.type === 16) { const k = columnKey(cx, entry, v); if (k) out.add(k); }
    }
  }
  return out;
}

/** Does an index scan of `index` give ORDER BY's order (backward: read in reverse)? */
function indexGivesOrder(index: Index, keys: string[], wanted: SortKey[], fixed: Set<string>, equalityPrefix: number, backward: boolean): boolean {
  const cols = indexColumnKeys(index);
  let pos = equalityPrefix;
  for (let i = 0; i < wanted.length; i++) {
    const k = wanted[i];
    if (fixed.has(keys[i]) && cols.indexOf(keys[i]) < pos) continue;
    while (pos < cols.length && fixed.has(cols[pos]) && cols[pos] !== keys[i]) pos++;
    if (cols[pos] !== keys[i]) return false;
    const o = index.options?.[pos] ?? 0;
    if (o !== 0 && o !== 3) return false;
    // the tree is ascending NULLS LAST: DESC NULLS FIRST is a backward read
    if (k.desc !== backward || k.nullsFirst !== backward) return false;
    pos++;
  }
  return true;
}

/** The member's cheapest way to deliver the order: an ordered index scan, or a Sort of its cheapest scan. */
function orderedMember(cx: PlanContext, entry: number, m: Plan, t: Table, keys: string[], wanted: SortKey[], fixed: Set<string>,
  conds: Expr[], bound: number | undefined): { plan: Plan; sorted: boolean; est: Est } {
  const mcx = memberContext(cx, entry, t, conds);
  const backward = wanted[0].desc;
  // with LIMIT, the cost of the rows it needs (get_cheapest_fractional_path_for_pathkeys)
  const cost = (e: Est) => (bound === undefined ? e.total : limitCost(e, 0, bound).total);
  let best: { plan: Plan; sorted: boolean; est: Est } = { plan: m, sorted: true, est: sorting(cx, m.est!, bound) };
  for (const p of orderedScans(mcx, { entry, table: t, inh: false, conds, pending: [] }, backward, true)) {
    if (p.k !== 'indexscan' || !indexGivesOrder(p.index, keys, wanted, fixed, p.keys.length, backward)) continue;
    if (cost(p.est!) < cost(best.est)) best = { plan: asMember(p, t), sorted: false, est: p.est! };
  }
  return best;
}

/** A Sort's estimate, enable_sort = off counting against it. */
function sorting(cx: PlanContext, input: Est, bound: number | undefined): Est {
  const e = sortCost(input, bound);
  return cx.settings.sort ? e : { ...e, startup: e.startup + DISABLE_COST, total: e.total + DISABLE_COST };
}

/** partitions_are_ordered: the live partitions hold key ranges in bound order (no live default, no interleaved lists). */
function partitionsOrdered(t: Table, live: number[]): boolean {
  const info = boundInfo(t);
  if (info.strategy === 'h') return false;
  if (info.defaultPart && live.includes(info.parts.indexOf(info.defaultPart))) return false;
  if (info.strategy === 'r') return true;
  const liveSet = new Set(live);
  const seen = new Set<number>();
  let prev = -1;
  for (const v of info.listValues) {
    if (!liveSet.has(v.index)) continue;
    if (v.index !== prev && seen.has(v.index)) return false;
    seen.add(v.index);
    prev = v.index;
  }
  // NULLs sort last: a null-accepting partition with other values must hold the greatest ones
  const nullPart = info.nullIndex;
  if (nullPart >= 0 && liveSet.has(nullPart) && seen.has(nullPart) && prev !== nullPart) return false;
  return true;
}

/** Does ORDER BY start with the partition key (keys fixed by equality left out)? */
function keyPrefixOfOrder(cx: PlanContext, entry: number, t: Table, keys: string[], fixed: Set<string>): boolean {
  const key = t.partitionKey!;
  const columns = cx.q.entries[entry].columns;
  let x = 0;
  const partKeys = key.attnums.map(a => {
    if (a === 0) return `e:${key.exprs[x++].text}`;
    const name = t.columns[a - 1].name;
    const att = columns.findIndex(c => c.name === name);
    return att >= 0 ? `a${columns[att].attnum}` : '?';
  }).filter(k => !fixed.has(k));
  const wanted = keys.filter(k => !fixed.has(k));
  return partKeys.slice(0, Math.min(partKeys.length, wanted.length)).every((k, i) => k === wanted[i]) && wanted.length > 0;
}

function group(cx: PlanContext, q: Query, entry: number, t: Table, members: Map<Table, Plan>, keys: string[], wanted: SortKey[],
  fixed: Set<string>, conds: Expr[], bound: number | undefined): OrderedGroup | null {
  const columns = cx.q.entries[entry].columns;
  const columnName = (e: Expr) => (e.k === 'var' && e.levelsUp === 0 && e.entry === entry ? columns[e.att]?.name ?? null : null);
  const info = t.partitionKey ? boundInfo(t) : null;
  const live = info ? prunedPartitions(t, conds, columnName) : [];
  const ordered = !!info && partitionsOrdered(t, live) && keyPrefixOfOrder(cx, entry, t, keys, fixed);
  const items: OrderedItem[] = [];
  let total = 0, startup = 0, rows = 0;
  const add = (est: Est) => { total += est.total; startup += est.startup; rows += est.rows; };
  const leaves: Table[] = info ? live.map(i => info.parts[i]) : [...members.keys()];
  for (const p of leaves) {
    if (p.partitionKey) {
      if (!ordered) {
        // an unordered parent merges its sub-partitions' members directly
        const sub = group(cx, q, entry, p, members, keys, wanted, fixed, conds, bound);
        if (!sub) return null;
        for (const it of sub.items) items.push(it);
        add(sub.est);
        continue;
      }
      const sub = group(cx, q, entry, p, members, keys, wanted, fixed, conds, bound);
      if (!sub) return null;
      if (sub.items.length === 1) items.push(sub.items[0]); else if (sub.items.length) items.push({ group: sub, table: p });
      add(sub.est);
      continue;
    }
    const m = members.get(p);
    if (!m) continue;
    const best = orderedMember(cx, entry, m, p, keys, wanted, fixed, conds, bound);
    items.push({ plan: best.plan, sorted: best.sorted, table: p });
    add(best.est);
  }
  const n = Math.max(items.length, 1);
  const merge = !ordered;
  const cmp = 2 * CPU_OPERATOR_COST;
  const est: Est = merge
    ? { startup: startup + (n > 1 ? cmp * n * Math.log2(n) : 0), total: total + (n > 1 ? rows * cmp * Math.log2(n) : 0) + CPU_TUPLE_COST * 0.5 * rows, rows, width: 0 }
    : { startup: items.length ? startup / n : 0, total: total + CPU_TUPLE_COST * 0.5 * rows, rows, width: 0 };
  return { merge, keys: wanted, items, est };
}

/**
 * ORDER BY on one inheritance scan: the ordered form of its members when cheaper than a Sort
 * of the whole (for the rows LIMIT needs), else null.
 */
export function orderedAppend(cx: PlanContext, q: Query, plan: Plan & { k: 'seqscan' }, conds: Expr[], limit: number | null, offset: number): Plan | null {
  if (!plan.members || plan.members.length < 1 || !plan.est) return null;
  const entry = plan.entry;
  const wanted = q.orderBy;
  const keys = wanted.map(k => columnKey(cx, entry, k.expr));
  if (keys.some(k => k === null) || wanted.some(k => k.using)) return null;
  const fixed = fixedKeys(cx, entry, conds);
  const members = new Map<Table, Plan>();
  for (const m of plan.members) members.set((m as { table: Table }).table, m);
  const bound = limit !== null ? limit + offset : undefined;
  const g = group(cx, q, entry, plan.table, members, keys as string[], wanted, fixed, conds, bound);
  if (!g || !g.items.length) return null;
  const need = (e: Est) => (limit === null ? e.total : limitCost(e, offset, limit).total);
  const sorted = sorting(cx, plan.est, bound);
  if (need({ ...g.est, width: plan.est.width }) >= need(sorted)) return null;
  return { ...plan, order: g, est: { ...g.est, width: plan.est.width } };
}
