// Names EXPLAIN gives range entries and how it prints expressions (explain.c with
// ruleutils.c's deparse_context_for_plan): each entry's reference name made unique over
// the statement (a second unaliased "t" is "t_1"), columns qualified by it where
// PostgreSQL qualifies them, subqueries shown as their SubPlan / InitPlan.
import type { Expr, Query } from '../analyzer/query.js';
import { deparseExpr, type DeparseContext } from '../analyzer/ruleutils.js';
import { quoteIdent as quote } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';

export interface SubPlanRef {
  /** "SubPlan 1", "InitPlan 2 (returns $1)" */
  label: string;
  /** How the expression that holds it prints it: "(SubPlan 1)", "$1", "(hashed SubPlan 1)". */
  text: string;
  initPlan: boolean;
}

export class ExplainNames {
  private names = new Map<Query, string[]>();
  private used = new Map<string, number>();
  /** Entries over the whole statement (PostgreSQL qualifies columns when there is more than one). */
  entryCount = 0;
  /** Sublinks as planned subqueries, numbered as PostgreSQL numbers its subplans. */
  subplans = new Map<Expr, SubPlanRef>();
  private nextPlanId = 1;
  private nextParam = 0;

  constructor(readonly settings: FormatSettings, readonly verbose: boolean) {}

  /** Assigns reference names to a query's entries (call in the order PostgreSQL's range table lists them). */
  register(q: Query, unused?: (entry: number) => boolean): void {
    if (this.names.has(q)) return;
    const list = q.entries.map((en, i) => {
      const base = en.alias || (en.kind === 'values' ? '*VALUES*' : en.table?.name ?? 'unnamed');
      let name = base;
      // an entry the plan does not read (a subquery pulled up) takes no name (set_rtable_names' rels_used)
      if (unused?.(i)) return name;
      const n = this.used.get(base) ?? 0;
      if (n > 0) {
        let i = n;
        while (this.used.has(`${base}_${i}`)) i++;
        name = `${base}_${i}`;
        this.used.set(base, i + 1);
      } else this.used.set(base, 1);
      this.used.set(name, Math.max(this.used.get(name) ?? 0, 1));
      return name;
    });
    this.entryCount += q.entries.length;
    this.names.set(q, list);
  }

  /** Subquery Scans removed from the plan (trivial ones), by query level and entry. */
  private removed = new Map<Query, Map<number, Query>>();

  /** Records that the scan of subquery entry `entry` of q is not in the plan (its columns print as the subquery's). */
  removeScan(q: Query, entry: number, sub: Query): void {
    let m = this.removed.get(q);
    if (!m) this.removed.set(q, m = new Map());
    m.set(entry, sub);
  }

  /** A copy of a query (a subquery turned into a join) named as its original. */
  same(copy: Query, orig: Query): void {
    this.register(orig);
    this.names.set(copy, this.names.get(orig)!);
  }

  /** Runs fn with an entry named `alias` (a member of an inheritance scan, printed under its own alias). */
  withAlias<T>(q: Query, entry: number, alias: string, fn: () => T): T {
    this.register(q);
    const list = this.names.get(q)!;
    const saved = list[entry];
    list[entry] = alias;
    try { return fn(); } finally { list[entry] = saved; }
  }

  refname(q: Query, entry: number): string {
    this.register(q);
    return this.names.get(q)![entry];
  }

  /** Numbers a sublink as PostgreSQL's planner would make it a subplan. */
  subplan(e: Expr & { k: 'sublink' }, correlated: boolean, outerRefs: number): SubPlanRef {
    let r = this.subplans.get(e);
    if (r) return r;
    const id = this.nextPlanId++;
    if (correlated || e.kind === 'any' || e.kind === 'all') {
      this.nextParam += outerRefs;
      const hashed = !correlated && (e.kind === 'any' || e.kind === 'all');
      const name = `${hashed ? 'hashed ' : ''}SubPlan ${id}`;
      r = { label: `SubPlan ${id}`, text: e.kind === 'all' ? `(ALL (${name}))` : `(${name})`, initPlan: false };
    } else {
      const p = this.nextParam++;
      r = { label: `InitPlan ${id} (returns $${p})`, text: `$${p}`, initPlan: true };
    }
    this.subplans.set(e, r);
    return r;
  }

  /**
   * Prints an expression of query level `chain[chain.length - 1]` (outer levels before it).
   * `prefix`: qualify columns of this level; `own`: entry whose columns stay unqualified
   * (a scan's own columns in its conditions).
   */
  expr(e: Expr, chain: Query[], prefix: boolean, own = -1): string {
    const cx: DeparseContext & { sublink?: (s: Expr & { k: 'sublink' }) => string; aggref?: (a: Expr & { k: 'aggref' }) => string; noIndent?: boolean } = {
      settings: this.settings,
      noIndent: true,
      varName: (levelsUp, entry, att) => {
        const q = chain[chain.length - 1 - levelsUp];
        const en = q?.entries[entry];
        const col = en?.columns[att]?.name ?? '?';
        // a Subquery Scan removed from the plan: its column is the subquery's own column
        const sub = q && this.removed.get(q)?.get(entry);
        const t = sub?.targets[att];
        if (sub && t && !t.junk && t.expr.k === 'var' && t.expr.levelsUp === 0) {
          return this.expr(t.expr, [...chain.slice(0, chain.length - levelsUp), sub], true);
        }
        const qualify = prefix || levelsUp > 0 || (own >= 0 && entry !== own) || own === -2;
        // (a level the chain does not resolve — a reference out of a plain subquery in FROM — prints its alias)
        return qualify ? `${quote((q && this.refname(q, entry)) ?? en?.alias ?? '?')}.${quote(col)}` : quote(col);
      },
      sublink: s => this.subplans.get(s)?.text ?? '(SubPlan)',
      aggref: a => this.aggText(a, chain, prefix),
    };
    return deparseExpr(e, cx);
  }

  /** Aggregates computed by min/max InitPlans print as their parameter ($n). */
  private aggParams = new Map<Query, Map<number, string>>();

  /** Numbers an InitPlan the planner adds itself (min/max from an index): its label and the parameter it sets. */
  initPlan(q: Query, aggs: number[]): string {
    const id = this.nextPlanId++;
    const p = `$${this.nextParam++}`;
    let m = this.aggParams.get(q);
    if (!m) this.aggParams.set(q, m = new Map());
    for (const a of aggs) m.set(a, p);
    return `InitPlan ${id} (returns ${p})`;
  }

  /** Is the expression an aggregate an InitPlan computes (printed as a bare $n)? */
  isParam(q: Query, e: Expr): boolean {
    return e.k === 'aggref' && !!this.aggParams.get(q)?.has(e.index);
  }

  private aggText(a: Expr & { k: 'aggref' }, chain: Query[], prefix: boolean): string {
    const q = chain[chain.length - 1];
    const param = this.aggParams.get(q)?.get(a.index);
    if (param) return param;
    const call = q.aggs[a.index];
    if (!call) return '?';
    const args = call.star ? '*' : call.args.map(x => this.expr(x, chain, prefix)).join(', ');
    const order = call.orderBy.length ? ' ORDER BY ' + call.orderBy.map(o => this.expr(o.expr, chain, prefix) + (o.desc ? ' DESC' : '')).join(', ') : '';
    const filter = call.filter ? ` FILTER (WHERE ${this.expr(call.filter, chain, prefix)})` : '';
    return `${call.name}(${call.distinct ? 'DISTINCT ' : ''}${args}${order})${filter}`;
  }
}
