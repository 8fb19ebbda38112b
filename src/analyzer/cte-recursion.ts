// WITH RECURSIVE on the raw syntax tree, before analysis (parse_cte.c): which items
// refer to which (and so the order to analyze them in), and where a recursive
// self-reference may appear.
import { PgError } from '../errors/index.js';
import { nodeLocation } from './expr.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

type Context = 'ok' | 'nonrecursive' | 'sublink' | 'outerjoin' | 'intersect' | 'except';

const MESSAGES: Record<Exclude<Context, 'ok'>, string> = {
  nonrecursive: 'recursive reference to query "%s" must not appear within its non-recursive term',
  sublink: 'recursive reference to query "%s" must not appear within a subquery',
  outerjoin: 'recursive reference to query "%s" must not appear within an outer join',
  intersect: 'recursive reference to query "%s" must not appear within INTERSECT',
  except: 'recursive reference to query "%s" must not appear within EXCEPT',
};

/** Names of WITH items defined by nested WITH clauses, which hide ours. */
type Shadows = string[][];

const shadowed = (shadows: Shadows, name: string) => shadows.some(list => list.includes(name));
const cteNames = (w: any): string[] => (w.ctes as any[]).map(c => c.CommonTableExpr.ctename);

/**
 * Visits every unqualified RangeVar name of a raw tree that is not hidden by an inner
 * WITH, as makeDependencyGraphWalker does.
 */
function visitRefs(node: any, shadows: Shadows, fn: (rv: any) => void): void {
  if (Array.isArray(node)) { for (const x of node) visitRefs(x, shadows, fn); return; }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'RangeVar') { if (!(v as any).schemaname && !shadowed(shadows, (v as any).relname)) fn(v); continue; }
    if (k === 'SelectStmt') { visitSelect(v, shadows, fn); continue; }
    if (k === 'withClause') continue;
    visitRefs(v, shadows, fn);
  }
}

function visitSelect(s: any, shadows: Shadows, fn: (rv: any) => void): void {
  if (s.withClause) {
    const names = cteNames(s.withClause);
    if (s.withClause.recursive) {
      const inner = [names, ...shadows];
      for (const c of s.withClause.ctes) visitRefs(c.CommonTableExpr.ctequery, inner, fn);
      visitSelectBody(s, inner, fn);
    } else {
      const visible: string[] = [];
      const inner = [visible, ...shadows];
      for (const c of s.withClause.ctes) { visitRefs(c.CommonTableExpr.ctequery, inner, fn); visible.push(c.CommonTableExpr.ctename); }
      visitSelectBody(s, inner, fn);
    }
  } else visitSelectBody(s, shadows, fn);
}

function visitSelectBody(s: any, shadows: Shadows, fn: (rv: any) => void): void {
  for (const [k, v] of Object.entries(s)) {
    if (k === 'withClause') continue;
    if (k === 'larg' || k === 'rarg') { if (v) visitSelect(v, shadows, fn); continue; }
    visitRefs(v, shadows, fn);
  }
}

/**
 * The order to analyze the items of a WITH RECURSIVE in (each after those it reads) and
 * which items refer to themselves; mutual recursion is an error.
 */
export function cteDependencies(items: any[]): { order: number[]; recursive: Set<number> } {
  const names = items.map(c => c.ctename as string);
  const recursive = new Set<number>();
  const deps = items.map((c, i) => {
    const d = new Set<number>();
    visitRefs(c.ctequery, [], rv => {
      const j = names.indexOf(rv.relname);
      if (j < 0) return;
      if (j === i) recursive.add(i); else d.add(j);
    });
    return d;
  });
  const order = items.map((_, i) => i);
  for (let i = 0; i < order.length; i++) {
    let j = i;
    while (j < order.length && deps[order[j]].size > 0) j++;
    if (j >= order.length) {
      throw new PgError('0A000', 'mutual recursion between WITH items is not implemented', pos(items[order[i]].location));
    }
    [order[i], order[j]] = [order[j], order[i]];
    for (let k = i + 1; k < order.length; k++) deps[order[k]].delete(order[i]);
  }
  return { order, recursive };
}

/** checkWellFormedRecursion for one self-referencing item. */
export function checkRecursion(cte: any): void {
  const stmt = cte.ctequery.SelectStmt;
  if (!stmt) {
    throw new PgError('42P19', `recursive query "${cte.ctename}" must not contain data-modifying statements`, pos(cte.location));
  }
  if (stmt.op !== 'SETOP_UNION') {
    throw new PgError('42P19', `recursive query "${cte.ctename}" does not have the form non-recursive-term UNION [ALL] recursive-term`, pos(cte.location));
  }
  const walker = new RecursionWalker(cte.ctename);
  walker.context = 'nonrecursive';
  walker.select(stmt.larg);
  walker.context = 'ok';
  walker.refs = 0;
  walker.select(stmt.rarg);
  if (stmt.withClause) {
    walker.context = 'sublink';
    walker.walk(stmt.withClause.ctes);
  }
  if (stmt.sortClause) throw new PgError('0A000', 'ORDER BY in a recursive query is not implemented', pos(nodeLocation(stmt.sortClause[0].SortBy.node)));
  if (stmt.limitOffset) throw new PgError('0A000', 'OFFSET in a recursive query is not implemented', pos(nodeLocation(stmt.limitOffset)));
  if (stmt.limitCount) throw new PgError('0A000', 'LIMIT in a recursive query is not implemented', pos(nodeLocation(stmt.limitCount)));
  if (stmt.lockingClause) throw new PgError('0A000', 'FOR UPDATE/SHARE in a recursive query is not implemented', pos(-1));
}

class RecursionWalker {
  context: Context = 'ok';
  refs = 0;
  private shadows: Shadows = [];
  constructor(readonly name: string) {}

  walk(node: any): void {
    if (Array.isArray(node)) { for (const x of node) this.walk(x); return; }
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'RangeVar') this.rangeVar(v);
      else if (k === 'SelectStmt') this.select(v);
      else if (k === 'JoinExpr') this.join(v);
      else if (k === 'SubLink') this.subLink(v);
      else if (k === 'withClause') continue;
      else this.walk(v);
    }
  }

  private rangeVar(rv: any): void {
    if (rv.schemaname || shadowed(this.shadows, rv.relname) || rv.relname !== this.name) return;
    if (this.context !== 'ok') throw new PgError('42P19', MESSAGES[this.context].replace('%s', this.name), pos(rv.location));
    if (++this.refs > 1) throw new PgError('42P19', `recursive reference to query "${this.name}" must not appear more than once`, pos(rv.location));
  }

  select(s: any): void {
    if (!s.withClause) { this.selectBody(s); return; }
    const names = cteNames(s.withClause);
    if (s.withClause.recursive) {
      this.shadows.unshift(names);
      for (const c of s.withClause.ctes) this.walk(c.CommonTableExpr.ctequery);
      this.selectBody(s);
    } else {
      const visible: string[] = [];
      this.shadows.unshift(visible);
      for (const c of s.withClause.ctes) { this.walk(c.CommonTableExpr.ctequery); visible.push(c.CommonTableExpr.ctename); }
      this.selectBody(s);
    }
    this.shadows.shift();
  }

  /** checkWellFormedSelectStmt */
  private selectBody(s: any): void {
    const saved = this.context;
    if (saved !== 'ok' || !s.op || s.op === 'SETOP_NONE' || s.op === 'SETOP_UNION') { this.fields(s); return; }
    if (s.op === 'SETOP_INTERSECT') {
      if (s.all) this.context = 'intersect';
      this.select(s.larg);
      this.select(s.rarg);
    } else {
      if (s.all) this.context = 'except';
      this.select(s.larg);
      this.context = 'except';
      this.select(s.rarg);
    }
    this.context = saved;
    this.walk([s.sortClause, s.limitOffset, s.limitCount, s.lockingClause]);
  }

  private fields(s: any): void {
    for (const [k, v] of Object.entries(s)) {
      if (k === 'withClause') continue;
      if (k === 'larg' || k === 'rarg') { if (v) this.select(v); continue; }
      this.walk(v);
    }
  }

  private join(j: any): void {
    const saved = this.context;
    const outer = saved === 'ok' ? 'outerjoin' : saved;
    switch (j.jointype) {
      case 'JOIN_LEFT': this.walk(j.larg); this.context = outer; this.walk(j.rarg); this.context = saved; break;
      case 'JOIN_FULL': this.context = outer; this.walk(j.larg); this.walk(j.rarg); this.context = saved; break;
      case 'JOIN_RIGHT': this.context = outer; this.walk(j.larg); this.context = saved; this.walk(j.rarg); break;
      default: this.walk(j.larg); this.walk(j.rarg);
    }
    this.walk(j.quals);
  }

  private subLink(sl: any): void {
    const saved = this.context;
    this.context = 'sublink';
    this.walk(sl.subselect);
    this.context = saved;
    this.walk(sl.testexpr);
  }
}
