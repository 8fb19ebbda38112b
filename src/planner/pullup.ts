// Subquery pull-up (PostgreSQL's pull_up_subqueries, prep/prepjointree.c): a simple
// subquery in FROM (a view, too) is flattened into the query that contains it: its range
// entries join the outer query's (appended, as PostgreSQL appends them to the range
// table), its FROM tree takes the subquery's place in the join tree, its WHERE becomes a
// condition there, and every reference to one of its columns becomes the expression of
// that column. The planner then joins its tables with the others freely. The result is
// a new Query (the analyzed one is left alone); the executor and EXPLAIN run that one.
import type { Expr, FromNode, Query, RangeEntry } from '../analyzer/query.js';
import { forEachChild } from '../analyzer/walk.js';
import { andOf } from './plan.js';
import { removeUselessJoins } from './join-removal.js';
import { inlineCtes } from './cte-inline.js';
import { levelsOf, RefMapper, relLevel, shiftLevels, withLevels, type Level } from './pullup-map.js';

const done = new WeakMap<Query, Query>();
/** Of a pulled-up query: the entries it no longer reads (subqueries pulled up, tables of joins removed). */
const pulledEntries = new WeakMap<Query, Set<number>>();

/** The query with its simple subqueries in FROM pulled up (the same query when there are none). */
export function pulledUp(q: Query): Query {
  let r = done.get(q);
  if (!r) {
    r = pullUpAll(q);
    done.set(q, r);
    done.set(r, r);
  }
  return r;
}

/** Is entry `e` of a pulled-up query one it no longer reads (a subquery flattened into it, a removed join's table)? */
export function isPulledUp(q: Query, e: number): boolean {
  return pulledEntries.get(q)?.has(e) ?? false;
}

function pullUpAll(q: Query): Query {
  if (q.setOp || q.lockRows || q.rowMarks?.length) return q;
  let cur = q;
  const pulled = new Set<number>();
  // WITH queries read once become subqueries; pulling one up can bring another's reference here
  for (let round = 0; round < 5; round++) {
    const inl = inlineCtes(cur, e => pulled.has(e));
    let more = inl !== cur;
    cur = inl;
    for (let s = 0; s < cur.entries.length; s++) {
      if (pulled.has(s)) continue;
      const next = pullUpOne(cur, s);
      if (!next) continue;
      cur = next.q;
      more = true;
      pulled.add(s);
      // subqueries pulled up into the one pulled up here
      for (const e of pulledEntries.get(next.sub) ?? []) pulled.add(e + next.base);
    }
    if (!more) break;
  }
  const r = removeUselessJoins(cur);
  for (const e of r.removed) pulled.add(e);
  cur = r.q;
  if (cur !== q) pulledEntries.set(cur, pulled);
  return cur;
}

/** is_simple_subquery: nothing that needs the subquery to be run as a whole. */
function isSimple(sub: Query): boolean {
  if (sub.setOp || sub.grouped || sub.aggs.length || sub.groupBy.length || sub.having || sub.distinct || sub.distinctOn
    || sub.orderBy.length || sub.limit || sub.offset || sub.ctes?.length || sub.lockRows || sub.rowMarks?.length) return false;
  if (sub.targets.some(t => t.junk)) return false;
  // set-returning or volatile functions in the select list would run a different number of times
  return !sub.targets.some(t => hasFunc(t.expr, f => !!f.retSet || f.volatility === 'v'));
}

function hasFunc(e: Expr, bad: (f: { retSet?: boolean; volatility?: string }) => boolean): boolean {
  if (e.k === 'func' && bad(e.fn)) return true;
  if (e.k === 'sublink') return false;
  let found = false;
  forEachChild(e, c => { if (!found && hasFunc(c, bad)) found = true; });
  return found;
}

/** Where entry s sits in the FROM tree: under a FULL join, and the lowest join it is on the nullable side of. */
function position(from: FromNode[], s: FromNode & { k: 'entry' } | number): { found: boolean; full: boolean; nullable: FromNode | null } {
  const target = typeof s === 'number' ? s : s.entry;
  let res = { found: false, full: false, nullable: null as FromNode | null };
  const walk = (n: FromNode, full: boolean, nullable: FromNode | null): boolean => {
    if (n.k === 'entry') {
      if (n.entry !== target) return false;
      res = { found: true, full, nullable };
      return true;
    }
    const isFull = n.type === 'full';
    return walk(n.left, full || isFull, n.type === 'right' ? n : nullable) || walk(n.right, full || isFull, n.type === 'left' ? n : nullable);
  };
  for (const n of from) if (walk(n, false, null)) break;
  return res;
}

/** Can a column's expression stand for NULL when the subquery's rows are null-extended (no PlaceHolderVar needed)? */
function nullSafe(e: Expr): boolean {
  if (e.k === 'var') return e.levelsUp === 0;
  if (e.k === 'op' && e.op.strict !== false || e.k === 'cast' && !e.fnOnNull) {
    const kids: Expr[] = [];
    forEachChild(e, c => kids.push(c));
    return kids.some(nullSafe) && kids.every(k => k.k === 'const' || nullSafe(k));
  }
  return false;
}

function pullUpOne(q: Query, s: number): { q: Query; base: number; sub: Query } | null {
  const en = q.entries[s];
  if (en.kind !== 'subquery' || !en.query) return null;
  const lateral = !!en.query.lateral;
  const sub = pulledUp(en.query);
  if (!isSimple(sub)) return null;
  const pos = position(q.from, s);
  if (!pos.found || pos.full) return null;
  // a FROM-less subquery (one row): only where dropping it leaves the same rows (PostgreSQL's RTE_RESULT removal)
  if (!sub.from.length && (sub.where || !innerJoined(q.from, s))) return null;
  if (pos.nullable && !usedAbove(q, s, pos.nullable).every(att => nullSafe(sub.targets[att].expr))) return null;
  // a LATERAL subquery's own FROM subqueries would read this level from one level too far in
  if (lateral && sub.entries.some(x => x.kind === 'subquery' || x.kind === 'cte')) return null;

  const base = q.entries.length;
  // the subquery's references, re-based on this query: its own entries renumbered; a LATERAL
  // one's references to this level (and beyond) one level nearer
  const rebase = new RefMapper((x, lv) => {
    const rel = relLevel(levelsOf(x), lv);
    if (rel === null) return null;
    if (rel === 0) return x.k === 'aggref' ? null : { ...x, entry: (x as { entry: number }).entry + base } as Expr;
    return lateral ? withLevels(x, levelsOf(x) - 1) : null;
  });
  const top: Level = { floor: 0, offset: 0 };
  const entries: RangeEntry[] = sub.entries.map(x => rebase.entry(x, top));
  const columns = sub.targets.map(t => rebase.expr(t.expr, top));
  const renumber = (n: FromNode): FromNode => {
    if (n.k === 'entry') return { k: 'entry', entry: n.entry + base };
    const left = renumber(n.left), right = renumber(n.right);
    return { ...n, left, right, on: n.on && rebase.expr(n.on, top), entries: [...leaves(left), ...leaves(right)] };
  };
  const subTree: FromNode | null = sub.from.length
    ? sub.from.map(renumber).reduce((a, b) => ({ k: 'join', type: 'cross', left: a, right: b, on: null, entries: [...leaves(a), ...leaves(b)] }))
    : null;
  const subWhere = sub.where && rebase.expr(sub.where, top);

  // this query with references to the subquery's columns replaced by their expressions
  const subst = new RefMapper((x, lv) => {
    if (x.k !== 'var' || relLevel(x.levelsUp, lv) !== 0 || x.entry !== s) return null;
    return shiftLevels(columns[x.att], lv.offset);
  });
  const mapped = subst.query(q, top);

  // the subquery's FROM tree in its place; its WHERE where it filters the same rows
  let where = mapped.where;
  const nullableAt = pos.nullable;
  const extra: Expr[] = subWhere ? [subWhere] : [];
  const place = (n: FromNode, orig: FromNode): FromNode | null => {
    if (n.k === 'entry') return n.entry === s ? subTree : n;
    const o = orig as FromNode & { k: 'join' };
    const left = place(n.left, o.left), right = place(n.right, o.right);
    if (!left || !right) {
      // a FROM-less subquery joined by an inner join: one row, so the join is its other side and its condition
      if (n.on) extra.push(n.on);
      return left ?? right;
    }
    let on = n.on;
    if (extra.length && nullableAt === orig) on = andOf([...(on ? [on] : []), ...extra]);
    return { ...n, left, right, on, entries: [...leaves(left), ...leaves(right)] };
  };
  const from = mapped.from.map((n, i) => place(n, q.from[i])).filter((n): n is FromNode => n !== null);
  if (!from.length) return null;
  if (extra.length && !nullableAt) where = andOf([...(where ? [where] : []), ...extra]);
  const kept = mapped.entries.map((x, i) => (i === s ? q.entries[s] : x));
  return { q: { ...mapped, entries: [...kept, ...entries], from, where }, base, sub };
}

/**
 * The columns of entry s read where its rows may be null-extended by outer join `at`: anywhere
 * but the join conditions inside the nullable side of `at` (and at's own), which see real rows only.
 */
function usedAbove(q: Query, s: number, at: FromNode): number[] {
  const inside = (n: FromNode): FromNode => (n.k === 'join' ? { ...n, on: null, left: inside(n.left), right: inside(n.right) } : n);
  const strip = (n: FromNode): FromNode => {
    if (n.k !== 'join') return n;
    if (n === at) {
      const j = n as FromNode & { k: 'join' };
      return j.type === 'left' ? { ...j, on: null, left: strip(j.left), right: inside(j.right) } : { ...j, on: null, left: inside(j.left), right: strip(j.right) };
    }
    return { ...n, left: strip(n.left), right: strip(n.right) };
  };
  const atts = new Set<number>();
  new RefMapper((x, lv) => {
    if (x.k === 'var' && x.entry === s && relLevel(x.levelsUp, lv) === 0) atts.add(x.att);
    return null;
  }).query({ ...q, from: q.from.map(strip), entries: q.entries.map((e, i) => (i === s ? { ...e, query: undefined } : e)) }, { floor: 0, offset: 0 });
  return [...atts];
}

/** Is entry s a FROM-list item, or a side of an inner (or cross) join? (a FROM-less subquery there can go) */
function innerJoined(from: FromNode[], s: number): boolean {
  const walk = (n: FromNode, ok: boolean): boolean => {
    if (n.k === 'entry') return n.entry === s && ok;
    const inner = n.type === 'inner' || n.type === 'cross';
    return walk(n.left, inner) || walk(n.right, inner);
  };
  return from.some(n => walk(n, true));
}

function leaves(n: FromNode): number[] {
  return n.k === 'entry' ? [n.entry] : [...leaves(n.left), ...leaves(n.right)];
}
