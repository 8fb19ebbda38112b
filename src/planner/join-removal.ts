// Join removal (PostgreSQL's remove_useless_joins, plan/analyzejoins.c): a LEFT JOIN whose
// inner side is one table or subquery that can match at most one row per outer row (a
// unique index, or DISTINCT / GROUP BY / UNION, covered by equalities of the join
// condition), and none of whose columns is read anywhere but in that condition, changes
// nothing: every outer row comes out exactly once either way. The join is dropped.
import type { Expr, FromNode, Query } from '../analyzer/query.js';
import { OID } from '../types/oids.js';
import { entriesOf, splitAnd } from './plan.js';
import { RefMapper, relLevel } from './pullup-map.js';

/** The query without its useless left joins, and the entries they read. */
export function removeUselessJoins(q: Query): { q: Query; removed: number[] } {
  const removed: number[] = [];
  let from = q.from;
  // removing an inner join can make the one around it removable: repeat until nothing changes
  for (;;) {
    let changed = false;
    const walk = (n: FromNode): FromNode => {
      if (n.k !== 'join') return n;
      const left = walk(n.left), right = walk(n.right);
      const j = left === n.left && right === n.right ? n : { ...n, left, right, entries: [...leaves(left), ...leaves(right)] };
      // (an inner side reduced in this pass is looked at in the next, against the tree it is in)
      if (n.type === 'left' && right === n.right && right.k === 'entry' && removable({ ...q, from }, n, right.entry, leaves(left))) {
        removed.push(right.entry);
        changed = true;
        return left;
      }
      return j;
    };
    const next = from.map(walk);
    if (!changed) break;
    from = next;
  }
  return removed.length ? { q: { ...q, from }, removed } : { q, removed };
}

function leaves(n: FromNode): number[] {
  return n.k === 'entry' ? [n.entry] : [...leaves(n.left), ...leaves(n.right)];
}

function removable(q: Query, j: FromNode & { k: 'join' }, inner: number, outer: number[]): boolean {
  if (readElsewhere(q, j, inner)) return false;
  // the inner columns the join condition equates to something of the outer side (or a constant)
  const outerSet = new Set(outer);
  const keyed = new Set<number>();
  for (const c of splitAnd(j.on)) {
    if (c.k !== 'op' || c.op.name !== '=' || c.op.user || c.args.length !== 2) continue;
    for (const [a, b] of [[c.args[0], c.args[1]], [c.args[1], c.args[0]]]) {
      const v = plainColumn(a);
      if (!v || v.entry !== inner) continue;
      const other = entriesOf(b);
      if ([...other].every(e => outerSet.has(e))) keyed.add(v.att);
    }
  }
  const en = q.entries[inner];
  if (en.kind === 'table' && en.table && (!en.inh || !en.table.children.length)) {
    // a unique, immediately checked, non-partial index on equated columns (relation_has_unique_index_for)
    return en.table.indexes.some(ix => ix.unique && !ix.predicate && !ix.exprs?.length && !ix.constraint?.deferrable
      && ix.columns.length > 0 && ix.columns.every(attnum => { const att = en.columns.findIndex(c => c.attnum === attnum); return att >= 0 && keyed.has(att); }));
  }
  if (en.kind === 'subquery' && en.query) return distinctFor(en.query, keyed);
  return false;
}

/** query_is_distinct_for: the subquery gives each combination of the equated columns at most once. */
function distinctFor(sub: Query, keyed: Set<number>): boolean {
  const visible = sub.targets.map((t, i) => ({ t, i })).filter(x => !x.t.junk);
  const same = (a: Expr, b: Expr) => a === b || (a.k === 'var' && b.k === 'var' && a.entry === b.entry && a.att === b.att && a.levelsUp === b.levelsUp);
  const covered = (exprs: Expr[]) => exprs.every(g => visible.some(({ t, i }) => same(t.expr, g) && keyed.has(i)));
  if (sub.setOp) return sub.setOp.op === 'union' && !sub.setOp.all && visible.every(({ i }) => keyed.has(i));
  if (sub.distinct && !sub.distinctOn) return visible.every(({ i }) => keyed.has(i));
  if (sub.groupBy.length) return covered(sub.groupBy);
  return false;
}

/** A column, seen through casts that keep distinct values distinct (integer widening, binary coercions). */
function plainColumn(e: Expr): (Expr & { k: 'var' }) | null {
  const ints: number[] = [OID.int2, OID.int4, OID.int8];
  while (e.k === 'cast' && (e.fn === null || (ints.includes(e.type) && ints.includes(e.arg.type) && ints.indexOf(e.type) >= ints.indexOf(e.arg.type)))) e = e.arg;
  return e.k === 'var' && e.levelsUp === 0 ? e : null;
}

/** Is a column of entry `inner` read anywhere but in the condition of join `j`? */
function readElsewhere(q: Query, j: FromNode, inner: number): boolean {
  const strip = (n: FromNode): FromNode => (n.k !== 'join' ? n : n === j ? { ...n, on: null } : { ...n, left: strip(n.left), right: strip(n.right) });
  let found = false;
  new RefMapper((x, lv) => {
    if ((x.k === 'var' || x.k === 'tableoid') && x.entry === inner && relLevel(x.levelsUp, lv) === 0) found = true;
    return null;
  }).query({ ...q, from: q.from.map(strip), entries: q.entries.map((e, i) => (i === inner ? { ...e, query: undefined } : e)) }, { floor: 0, offset: 0 });
  return found;
}
