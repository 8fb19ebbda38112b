// Copies of expressions and queries with some column references replaced, for subquery
// pull-up (pullup.ts). A reference is classified by the level it reads relative to the
// query the mapping starts from: a Level tells, for the query being walked, which
// levelsUp values are local to the walked subtree (below `floor`) and how far the others
// are from the starting query (levelsUp - offset: 0 = the starting query, 1 = its parent…).
// Unchanged parts are shared, not copied, and one object maps to one copy.
import type { CteDef, Expr, FromNode, Query, RangeEntry } from '../analyzer/query.js';

export interface Level { floor: number; offset: number }

/** A reference (var, tableoid, aggref) and its level: the replacement, or null to keep it. */
export type RefMap = (e: Expr, lv: Level) => Expr | null;

/** How far a reference is from the starting query, or null when it is local to the walked subtree. */
export function relLevel(levelsUp: number, lv: Level): number | null {
  return levelsUp < lv.floor ? null : levelsUp - lv.offset;
}

/** A sublink's query or a LATERAL subquery: one level further in. */
const deeper = (lv: Level): Level => ({ floor: lv.floor + 1, offset: lv.offset + 1 });
/** A plain subquery in FROM or a WITH query: its own level is local, it reads the levels above its container. */
const beside = (lv: Level): Level => ({ floor: Math.max(lv.floor, 1), offset: lv.offset });

export class RefMapper {
  private memo = new Map<Expr, Expr>();
  private qmemo = new Map<Query, Query>();
  /** WITH queries rewritten here: every scan of one must read the rewritten one (the executor keys them by identity). */
  private ctememo = new Map<CteDef, CteDef>();
  constructor(private fn: RefMap) {}

  expr(e: Expr, lv: Level): Expr {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const out = this.exprInner(e, lv);
    this.memo.set(e, out);
    return out;
  }

  private list(xs: Expr[], lv: Level): Expr[] {
    let changed = false;
    const out = xs.map(x => { const y = this.expr(x, lv); if (y !== x) changed = true; return y; });
    return changed ? out : xs;
  }

  private exprInner(e: Expr, lv: Level): Expr {
    if (e.k === 'var' || e.k === 'tableoid' || e.k === 'aggref') return this.fn(e, lv) ?? e;
    const m = (x: Expr) => this.expr(x, lv);
    switch (e.k) {
      case 'op': case 'func': case 'and': case 'or': case 'coalesce': case 'minmax': case 'row': {
        const args = this.list(e.args, lv);
        return args === e.args ? e : { ...e, args } as Expr;
      }
      case 'distinct': case 'nullif': case 'scalararray': {
        const a = m(e.args[0]), b = m(e.args[1]);
        return a === e.args[0] && b === e.args[1] ? e : { ...e, args: [a, b] } as Expr;
      }
      case 'array': { const elems = this.list(e.elems, lv); return elems === e.elems ? e : { ...e, elems }; }
      case 'cast': case 'not': case 'nulltest': case 'booltest': case 'field': {
        const arg = m(e.arg);
        return arg === e.arg ? e : { ...e, arg } as Expr;
      }
      case 'rowcompare': {
        const left = this.list(e.left, lv), right = this.list(e.right, lv);
        return left === e.left && right === e.right ? e : { ...e, left, right };
      }
      case 'subscript': {
        const arg = m(e.arg);
        const upper = e.upper.map(x => x && m(x)), lower = e.lower ? e.lower.map(x => x && m(x)) : null;
        const same = arg === e.arg && upper.every((x, i) => x === e.upper[i]) && (lower === null || lower.every((x, i) => x === e.lower![i]));
        return same ? e : { ...e, arg, upper, lower };
      }
      case 'case': {
        const whens = e.whens.map(w => ({ cond: m(w.cond), result: m(w.result) }));
        const els = e.else && m(e.else), arg = e.arg && m(e.arg);
        const same = els === e.else && arg === e.arg && whens.every((w, i) => w.cond === e.whens[i].cond && w.result === e.whens[i].result);
        return same ? e : { ...e, whens, else: els, ...(arg ? { arg } : {}) };
      }
      case 'sublink': {
        const query = this.query(e.query, deeper(lv));
        const test = e.test && m(e.test);
        return query === e.query && test === e.test ? e : { ...e, query, test };
      }
      default: return e;
    }
  }

  from(n: FromNode, lv: Level): FromNode {
    if (n.k === 'entry') return n;
    const left = this.from(n.left, lv), right = this.from(n.right, lv);
    const on = n.on && this.expr(n.on, lv);
    return left === n.left && right === n.right && on === n.on ? n : { ...n, left, right, on };
  }

  entry(en: RangeEntry, lv: Level): RangeEntry {
    const query = en.query && this.query(en.query, en.query.lateral ? deeper(lv) : beside(lv));
    const func = en.func && this.expr(en.func, lv);
    const values = en.values && en.values.map(r => this.list(r, lv));
    const cte = en.cte && (this.ctememo.get(en.cte) ?? en.cte);
    const same = query === en.query && func === en.func && (!values || values.every((r, i) => r === en.values![i])) && cte === en.cte;
    return same ? en : { ...en, query, func, values, ...(cte ? { cte } : {}) } as RangeEntry;
  }

  query(q: Query, lv: Level): Query {
    const hit = this.qmemo.get(q);
    if (hit) return hit;
    const m = (x: Expr) => this.expr(x, lv);
    const opt = (x: Expr | null) => x && m(x);
    // the WITH queries first, so that the scans of them below find their rewritten versions
    // (a recursive one is registered before its terms are mapped: its term reads it as the working table)
    const ctes = q.ctes?.map(c => {
      if (c.recursive) {
        const copy: CteDef = { ...c };
        this.ctememo.set(c, copy);
        copy.query = c.query && this.query(c.query, beside(lv));
        copy.recursive = { ...c.recursive, term: this.query(c.recursive.term, beside(lv)) };
        return copy;
      }
      const query = c.query && this.query(c.query, beside(lv));
      if (query === c.query) return c;
      const copy: CteDef = { ...c, query };
      this.ctememo.set(c, copy);
      return copy;
    });
    const entries = q.entries.map(en => this.entry(en, lv));
    const from = q.from.map(n => this.from(n, lv));
    const where = opt(q.where), having = opt(q.having), limit = opt(q.limit), offset = opt(q.offset);
    const targets = q.targets.map(t => { const expr = m(t.expr); return expr === t.expr ? t : { ...t, expr }; });
    const groupBy = this.list(q.groupBy, lv);
    const orderBy = q.orderBy.map(k => { const expr = m(k.expr); return expr === k.expr ? k : { ...k, expr }; });
    const distinctOn = q.distinctOn && this.list(q.distinctOn, lv);
    const aggs = q.aggs.map(a => {
      const args = this.list(a.args, lv), filter = a.filter && m(a.filter);
      const orderBy = a.orderBy.map(k => { const expr = m(k.expr); return expr === k.expr ? k : { ...k, expr }; });
      const direct = a.direct && this.list(a.direct, lv);
      const same = args === a.args && filter === a.filter && direct === a.direct && orderBy.every((k, i) => k === a.orderBy[i]);
      return same ? a : { ...a, args, filter, orderBy, ...(direct ? { direct } : {}) };
    });
    const setOp = q.setOp && { ...q.setOp, left: this.query(q.setOp.left, lv), right: this.query(q.setOp.right, lv) };
    const same = entries.every((x, i) => x === q.entries[i]) && from.every((x, i) => x === q.from[i]) && where === q.where
      && having === q.having && limit === q.limit && offset === q.offset && targets.every((x, i) => x === q.targets[i])
      && groupBy === q.groupBy && orderBy.every((x, i) => x === q.orderBy[i]) && distinctOn === q.distinctOn
      && aggs.every((x, i) => x === q.aggs[i]) && (!setOp || (setOp.left === q.setOp!.left && setOp.right === q.setOp!.right))
      && (!ctes || ctes.every((x, i) => x === q.ctes![i]));
    const out: Query = same ? q : { ...q, entries, from, where, having, limit, offset, targets, groupBy, orderBy, distinctOn, aggs, setOp,
      ...(ctes ? { ctes } : {}) };
    this.qmemo.set(q, out);
    return out;
  }
}

/** levelsUp of a reference (0 for an aggregate of its own level). */
export const levelsOf = (e: Expr): number => (e.k === 'var' || e.k === 'tableoid' ? e.levelsUp : e.k === 'aggref' ? e.levelsUp ?? 0 : 0);

/** A reference with another levelsUp. */
export function withLevels(e: Expr, levelsUp: number): Expr {
  if (e.k === 'aggref') return levelsUp === 0 ? { ...e, levelsUp: undefined } : { ...e, levelsUp };
  return { ...e, levelsUp } as Expr;
}

/** An expression of the starting query moved `by` levels further in (its non-local references reach further out). */
export function shiftLevels(e: Expr, by: number): Expr {
  if (by === 0) return e;
  return new RefMapper((x, lv) => (relLevel(levelsOf(x), lv) === null ? null : withLevels(x, levelsOf(x) + by))).expr(e, { floor: 0, offset: 0 });
}
