// Chooses scans and joins for a query's FROM and WHERE: conditions are pushed to
// the lowest place they can be checked, equality on an index's leading columns
// becomes an index scan (also inside nested loops, keyed by the outer row), other
// equi-joins become hash joins.
import type { Expr, FromNode, Query } from '../analyzer/query.js';
import type { Index, Table } from '../catalog/objects.js';
import { andOf, entriesOf, splitAnd, type JoinType, type Plan } from './plan.js';

interface Unit { plan: Plan; entries: Set<number> }

export function planFrom(q: Query): Plan {
  const conds = splitAnd(q.where);
  if (q.from.length === 0) {
    return conds.length ? { k: 'filter', input: { k: 'result' }, cond: andOf(conds)! } : { k: 'result' };
  }
  // flatten inner and cross joins into units; outer joins stay whole
  const units: FromNode[] = [];
  const flatten = (n: FromNode): void => {
    if (n.k === 'join' && (n.type === 'inner' || n.type === 'cross')) {
      flatten(n.left);
      flatten(n.right);
      if (n.on) conds.push(...splitAnd(n.on));
    } else units.push(n);
  };
  q.from.forEach(flatten);
  return joinUnits(q, units, conds);
}

function joinUnits(q: Query, nodes: FromNode[], conds: Expr[]): Plan {
  const pending = conds.map(c => ({ c, entries: entriesOf(c), used: false }));
  const take = (avail: Set<number>, must?: Set<number>): Expr[] => {
    const out: Expr[] = [];
    for (const p of pending) {
      if (p.used) continue;
      if (![...p.entries].every(e => avail.has(e))) continue;
      if (must && ![...p.entries].some(e => must.has(e))) continue;
      p.used = true;
      out.push(p.c);
    }
    return out;
  };
  let current: Unit | null = null;
  for (const node of nodes) {
    const nodeEntries = entriesOfNode(node);
    if (!current) {
      current = { plan: planNode(q, node, take(nodeEntries), new Set()), entries: nodeEntries };
      continue;
    }
    const all: Set<number> = new Set([...(current as Unit).entries, ...nodeEntries]);
    const joinConds = take(all, nodeEntries);
    current = { plan: joinPlan(q, 'inner', current, node, nodeEntries, joinConds, take), entries: all };
  }
  const rest = pending.filter(p => !p.used).map(p => p.c);
  return rest.length ? { k: 'filter', input: current!.plan, cond: andOf(rest)! } : current!.plan;
}

function entriesOfNode(n: FromNode): Set<number> {
  return n.k === 'entry' ? new Set([n.entry]) : new Set(n.entries);
}

/** Plans one FROM node with the conditions that only read its entries. */
function planNode(q: Query, n: FromNode, conds: Expr[], outerEntries: Set<number>): Plan {
  if (n.k === 'join') {
    if (n.type === 'inner' || n.type === 'cross') return planFrom({ ...q, from: [n], where: andOf(conds) });
    const left: Unit = { plan: planNode(q, n.left, [], new Set()), entries: entriesOfNode(n.left) };
    const rightEntries = entriesOfNode(n.right);
    const plan = joinPlan(q, n.type, left, n.right, rightEntries, splitAnd(n.on), () => []);
    return conds.length ? { k: 'filter', input: plan, cond: andOf(conds)! } : plan;
  }
  const entry = q.entries[n.entry];
  const e = n.entry;
  switch (entry.kind) {
    case 'table': {
      const { index, keys, rest } = chooseIndex(entry.table!, e, q, conds, outerEntries);
      if (index) return { k: 'indexscan', entry: e, table: entry.table!, inh: !!entry.inh, index, keys, filter: andOf(rest) };
      return { k: 'seqscan', entry: e, table: entry.table!, inh: !!entry.inh, filter: andOf(conds) };
    }
    case 'subquery': return { k: 'subquery', entry: e, query: entry.query!, filter: andOf(conds) };
    case 'values': return { k: 'values', entry: e, rows: entry.values!, filter: andOf(conds) };
    case 'function': return { k: 'function', entry: e, func: entry.func!, ordinality: !!entry.funcOrdinality, filter: andOf(conds) };
    case 'cte': return { k: 'ctescan', entry: e, cte: entry.cte!, worktable: !!entry.worktable, filter: andOf(conds) };
    default: throw new Error(`cannot plan entry kind ${entry.kind}`);
  }
}

/**
 * Equality conditions `column = expr` where expr reads nothing of this entry (only
 * constants, parameters, outer rows or `outerEntries`) on an index's leading columns.
 */
function chooseIndex(table: Table, e: number, q: Query, conds: Expr[], outerEntries: Set<number>):
  { index: Index | null; keys: Expr[]; rest: Expr[] } {
  const eqByAtt = new Map<number, { cond: Expr; key: Expr }>();
  for (const c of conds) {
    if (c.k !== 'op' || c.op.name !== '=' || c.args.length !== 2) continue;
    for (const [col, other] of [[c.args[0], c.args[1]], [c.args[1], c.args[0]]] as const) {
      const v = stripRelabel(col);
      if (v.k !== 'var' || v.levelsUp !== 0 || v.entry !== e) continue;
      // the comparison must be the column type's own equality (no cross-type conversion of the column)
      if (c.op.left !== c.op.right || v.type !== c.op.left) continue;
      const reads = entriesOf(other);
      if ([...reads].some(x => !outerEntries.has(x))) continue;
      const attnum = q.entries[e].columns[v.att].attnum!;
      if (!eqByAtt.has(attnum)) eqByAtt.set(attnum, { cond: c, key: other });
    }
  }
  if (eqByAtt.size === 0) return { index: null, keys: [], rest: conds };
  let best: Index | null = null, bestLen = 0;
  for (const idx of table.indexes) {
    let n = 0;
    while (n < idx.columns.length && eqByAtt.has(idx.columns[n])) n++;
    const full = n === idx.columns.length && idx.unique;
    if (n > bestLen || (n === bestLen && n > 0 && full)) { best = idx; bestLen = n; }
  }
  if (!best) return { index: null, keys: [], rest: conds };
  const used = new Set<Expr>();
  const keys = best.columns.slice(0, bestLen).map(att => { const m = eqByAtt.get(att)!; used.add(m.cond); return m.key; });
  return { index: best, keys, rest: conds.filter(c => !used.has(c)) };
}

function stripRelabel(e: Expr): Expr {
  return e.k === 'cast' && !e.fn && !e.applyTypmod ? stripRelabel(e.arg) : e;
}

function joinPlan(q: Query, type: JoinType, outer: Unit, innerNode: FromNode, innerEntries: Set<number>, conds: Expr[],
  _take: (avail: Set<number>, must?: Set<number>) => Expr[]): Plan {
  const outerEntries = [...outer.entries];
  // inner-only conditions go into the inner plan (for outer joins only when inner is the nullable side: still fine for ON)
  const innerOnly = conds.filter(c => [...entriesOf(c)].every(x => innerEntries.has(x)));
  const cross = conds.filter(c => !innerOnly.includes(c));
  const innerPushable = type === 'inner' || type === 'left' ? innerOnly : [];
  const remaining = type === 'inner' || type === 'left' ? cross : conds;
  // index nested loop: the inner is a single table and a join condition hits an index
  if ((type === 'inner' || type === 'left') && innerNode.k === 'entry' && q.entries[innerNode.entry].kind === 'table') {
    const withOuter = new Set(outer.entries);
    const inner = planNode(q, innerNode, [...innerPushable, ...remaining], withOuter);
    if (inner.k === 'indexscan' && inner.keys.some(k => entriesOf(k).size > 0)) {
      return { k: 'nestloop', type, outer: outer.plan, inner, cond: null, innerEntries: [...innerEntries], outerEntries };
    }
  }
  const inner = planNode(q, innerNode, innerPushable, new Set());
  // hash join on equalities between the two sides
  const outerKeys: Expr[] = [], innerKeys: Expr[] = [], other: Expr[] = [];
  for (const c of remaining) {
    if (c.k === 'op' && c.op.name === '=' && c.args.length === 2 && c.op.left === c.op.right) {
      const a = entriesOf(c.args[0]), b = entriesOf(c.args[1]);
      const inOuter = (s: Set<number>) => s.size > 0 && [...s].every(x => outer.entries.has(x));
      const inInner = (s: Set<number>) => s.size > 0 && [...s].every(x => innerEntries.has(x));
      if (inOuter(a) && inInner(b)) { outerKeys.push(c.args[0]); innerKeys.push(c.args[1]); continue; }
      if (inInner(a) && inOuter(b)) { outerKeys.push(c.args[1]); innerKeys.push(c.args[0]); continue; }
    }
    other.push(c);
  }
  if (outerKeys.length) {
    return { k: 'hashjoin', type, outer: outer.plan, inner, outerKeys, innerKeys, cond: andOf(other), innerEntries: [...innerEntries], outerEntries };
  }
  return { k: 'nestloop', type, outer: outer.plan, inner, cond: andOf(remaining), innerEntries: [...innerEntries], outerEntries };
}
