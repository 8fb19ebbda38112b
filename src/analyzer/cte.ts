// WITH queries (PostgreSQL's parse_cte.c): name scopes, the order of analysis,
// data-modifying statements, and WITH RECURSIVE with its well-formedness rules.
import { PgError } from '../errors/index.js';
import { coerce, commonType } from './coerce.js';
import { analyzeDmlStatement } from './dml.js';
import { nodeLocation } from './expr.js';
import { checkRecursion, cteDependencies } from './cte-recursion.js';
import { emptyQuery, type CteDef, type Expr, type Query } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { typeDisplayName } from './typenames.js';
import { addedColumns, checkSearchCycle, cycleMark, rewriteSearchCycle } from './cte-search.js';
import { typeHashable } from '../types/hashable.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

interface CteSlot {
  def: CteDef;
  /** While its recursive term is analyzed, references read the working table. */
  recursing: boolean;
  /** A data-modifying statement without RETURNING cannot be read. */
  noReturning: boolean;
}

/** The WITH queries one query level can see; `future` ones exist but are not visible yet. */
export interface CteScope { ctes: Map<string, CteSlot>; future: Set<string>; parent: CteScope | null }

export function findCte(scope: CteScope | null, name: string): CteSlot | null {
  for (let s = scope; s; s = s.parent) {
    const c = s.ctes.get(name);
    if (c) return c;
  }
  return null;
}

/** A WITH query named like a missing relation that a later item defines (for the error's detail). */
export function futureCte(scope: CteScope | null, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.future.has(name)) return true;
  return false;
}

/**
 * Analyzes a WITH clause for a query level whose outer scope is `parent`; leaves the new
 * scope in sa.cteScope (the caller restores the old one) and returns the queries in order.
 */
export function analyzeWith(sa: SelectAnalyzer, w: any, parent: Scope | null): CteDef[] {
  const items = (w.ctes as any[]).map(c => c.CommonTableExpr);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i].ctename === items[j].ctename) {
        throw new PgError('42712', `WITH query name "${items[j].ctename}" specified more than once`, pos(items[j].location));
      }
    }
  }
  const scope: CteScope = { ctes: new Map(), future: new Set(items.map(c => c.ctename)), parent: sa.cteScope };
  sa.cteScope = scope;
  const slots = items.map(c => ({ def: { name: c.ctename, columns: [], query: null, recursive: null, dml: null,
    ...(c.ctematerialized === 'CTEMaterializeAlways' ? { materialized: 'always' } : c.ctematerialized === 'CTEMaterializeNever' ? { materialized: 'never' } : {}) } as CteDef,
    recursing: false, noReturning: false }));
  if (!w.recursive) {
    items.forEach((c, i) => {
      analyzeCte(sa, c, slots[i], parent, false);
      scope.ctes.set(c.ctename, slots[i]);
      scope.future.delete(c.ctename);
    });
    return slots.map(s => s.def);
  }
  // WITH RECURSIVE: every item sees every other; analyze in dependency order
  const { order, recursive } = cteDependencies(items);
  for (const i of order) if (recursive.has(i)) checkRecursion(items[i]);
  scope.future.clear();
  items.forEach((c, i) => scope.ctes.set(c.ctename, slots[i]));
  for (const i of order) analyzeCte(sa, items[i], slots[i], parent, recursive.has(i));
  return slots.map(s => s.def);
}

function analyzeCte(sa: SelectAnalyzer, cte: any, slot: CteSlot, parent: Scope | null, recursive: boolean): void {
  const body = cte.ctequery;
  const aliases: string[] = (cte.aliascolnames ?? []).map(str);
  if (!body.SelectStmt) {
    if (sa.depth > 1) throw new PgError('0A000', 'WITH clause containing a data-modifying statement must be at the top level', pos(cte.location));
    const dml = analyzeDmlStatement(sa, body);
    slot.def.dml = dml;
    slot.noReturning = dml.returning.length === 0;
    slot.def.columns = outputColumns(dml.returning, aliases, cte);
    return;
  }
  const stmt = body.SelectStmt;
  if (aliases.length) slot.def.aliases = aliases;
  const searchCycle = !!(cte.search_clause || cte.cycle_clause);
  const cycle = cycleMark(sa, cte);
  if (!recursive) {
    const q = sa.select(stmt, parent);
    slot.def.query = q;
    slot.def.columns = outputColumns(q.targets, aliases, cte);
    if (searchCycle) checkSearchCycle(cte, false, []);
    return;
  }
  // rewriting a term into a subquery would move its outer references one level away
  if (searchCycle && parent) throw new PgError('0A000', 'SEARCH and CYCLE clauses in a WITH query of a subquery are not supported', pos(cte.location));
  const saved = sa.cteScope;
  try {
    // the WITH of the UNION itself is visible to both terms: each term owns it here (the
    // recursive one computes it again for each step, with the same rows)
    const inner = stmt.withClause ? analyzeWith(sa, stmt.withClause, parent) : null;
    const own = (q: Query): Query => { if (inner?.length) q.ctes = [...inner, ...(q.ctes ?? [])]; return q; };
    const left = own(sa.select(stmt.larg, parent));
    const lcols = outputColumns(left.targets, aliases, cte);
    // the working table has the columns SEARCH and CYCLE add (not expanded by *)
    const added = searchCycle ? addedColumns(cte, cycle) : [];
    slot.def.columns = [...lcols, ...added];
    slot.def.addedColumns = added.length;
    slot.def.query = left;
    slot.recursing = true;
    let right: Query;
    try { right = own(sa.select(stmt.rarg, parent)); } finally { slot.recursing = false; }
    // parseCheckAggregates: the recursive term reads the working table row by row
    if (right.aggs.length) {
      const loc = Math.min(...right.aggs.map(a => a.loc ?? Infinity));
      throw new PgError('42P19', "aggregate functions are not allowed in a recursive query's recursive term", Number.isFinite(loc) ? pos(loc) : undefined);
    }
    const rvis = right.targets.filter(t => !t.junk);
    if (rvis.length !== lcols.length) {
      throw new PgError('42601', 'each UNION query must have the same number of columns', pos(nodeLocation(stmt.rarg.targetList?.[0])));
    }
    const lvis = left.targets.filter(t => !t.junk);
    const types = lcols.map((c, i) => {
      const t = commonType([c.type, rvis[i].expr.type], 'UNION', [nodeLocation(stmt.larg.targetList?.[i]), nodeLocation(stmt.rarg.targetList?.[i])]);
      const typmod = c.typmod === rvis[i].expr.typmod ? c.typmod : -1;
      if (t !== c.type || typmod !== c.typmod) {
        throw new PgError('42804', `recursive query "${cte.ctename}" column ${i + 1} has type ${typeDisplayName(c.type, c.typmod)} in non-recursive term but type ${typeDisplayName(t, typmod)} overall`,
          { hint: 'Cast the output of the non-recursive term to the correct type.', ...pos(exprLocation(stmt.larg, i, lvis[i].expr)) });
      }
      return t;
    });
    // the planner's generate_recursion_path: UNION (not ALL) keeps its rows in a hash table
    if (!stmt.all && !types.every(t => typeHashable(t))) {
      throw new PgError('0A000', 'could not implement recursive UNION', { detail: 'All column datatypes must be hashable.' });
    }
    if (searchCycle) {
      checkSearchCycle(cte, true, lcols.map(c => c.name));
      slot.def.recursive = { term: right, all: !!stmt.all };
      rewriteSearchCycle(sa, cte, slot.def, left, right, lcols, cycle, (q, t) => coerceOutputs(sa, q, t));
    } else slot.def.recursive = { term: coerceOutputs(sa, right, types), all: !!stmt.all };
  } finally {
    sa.cteScope = saved;
  }
}

function exprLocation(larg: any, i: number, e: Expr): number {
  const t = larg.targetList?.[i]?.ResTarget;
  return t ? nodeLocation(t.val) : e.k === 'var' || e.k === 'const' ? e.loc ?? -1 : -1;
}

/** A query whose outputs are converted to `types` (a wrapper only where one differs). */
function coerceOutputs(sa: SelectAnalyzer, sub: Query, types: number[]): Query {
  const vis = sub.targets.filter(t => !t.junk);
  if (vis.every((t, i) => t.expr.type === types[i])) return sub;
  const w = emptyQuery();
  w.entries.push({ alias: '*SELECT*', kind: 'subquery', query: sub, columns: vis.map(t => ({ name: t.name, type: t.expr.type, typmod: t.expr.typmod })) });
  w.from.push({ k: 'entry', entry: 0 });
  w.targets = vis.map((t, i) => ({ name: t.name,
    expr: coerce({ k: 'var', type: t.expr.type, typmod: t.expr.typmod, levelsUp: 0, entry: 0, att: i }, types[i], -1, 'i', sa.ctx) }));
  return w;
}

function outputColumns(targets: { name: string; expr: { type: number; typmod: number }; junk?: boolean }[], aliases: string[], cte: any) {
  const vis = targets.filter(t => !t.junk);
  if (aliases.length > vis.length) {
    throw new PgError('42P10', `WITH query "${cte.ctename}" has ${vis.length} columns available but ${aliases.length} columns specified`, pos(cte.location));
  }
  return vis.map((t, i) => ({ name: aliases[i] ?? t.name, type: t.expr.type, typmod: t.expr.typmod }));
}

/** The range entry for a reference to a WITH query in FROM (null when the name is not one). */
export function cteReference(sa: SelectAnalyzer, rv: any): { def: CteDef; worktable: boolean } | null {
  if (rv.schemaname) return null;
  const slot = findCte(sa.cteScope, rv.relname);
  if (!slot) return null;
  if (slot.noReturning) {
    throw new PgError('0A000', `WITH query "${rv.relname}" does not have a RETURNING clause`, pos(rv.location));
  }
  return { def: slot.def, worktable: slot.recursing };
}
