// WITH RECURSIVE … SEARCH {DEPTH|BREADTH} FIRST BY … SET col and CYCLE … SET … USING …
// (parse_cte.c's checks, then rewriteSearchCycle.c's rewrite of the two UNION terms on the
// bound tree): the added columns are computed by wrapping each term in a subquery.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { coerce, commonType } from './coerce.js';
import { nodeLocation } from './expr.js';
import { emptyQuery, type CteDef, type Expr, type Query } from './query.js';
import type { SelectAnalyzer } from './select.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

export interface SearchCycleDef {
  search: { cols: string[]; breadth: boolean; column: string } | null;
  cycle: { cols: string[]; column: string; value: Expr; default: Expr; path: string; type: number; typmod: number } | null;
  /** The two terms as written (printed back by pg_get_viewdef). */
  query: Query;
  term: Query;
}

type Col = { name: string; type: number; typmod: number };

/** The CYCLE mark's TO and DEFAULT values, typed before the query is analyzed (it may read the mark). */
export function cycleMark(sa: SelectAnalyzer, c: any): SearchCycleDef['cycle'] {
  const cc = c.cycle_clause;
  if (!cc) return null;
  const scope = sa.newScope(emptyQuery(), null);
  let value = sa.ex.expr(cc.cycle_mark_value, scope);
  let def = sa.ex.expr(cc.cycle_mark_default, scope);
  const type = commonType([value.type, def.type], 'CYCLE', [nodeLocation(cc.cycle_mark_value), nodeLocation(cc.cycle_mark_default)]);
  value = coerce(value, type, -1, 'i', sa.ctx, nodeLocation(cc.cycle_mark_value));
  def = coerce(def, type, -1, 'i', sa.ctx, nodeLocation(cc.cycle_mark_default));
  const t = typeByOid(type);
  if (!t || t.noBtree) throw new PgError('42883', `could not identify an equality operator for type ${t?.formatType(-1) ?? type}`);
  const typmod = value.typmod === def.typmod ? value.typmod : -1;
  return { cols: cc.cycle_col_list.map(str), column: cc.cycle_mark_column, value, default: def, path: cc.cycle_path_column, type, typmod };
}

/** The columns SEARCH and CYCLE add to the WITH query's, in order. */
export function addedColumns(c: any, cycle: SearchCycleDef['cycle']): Col[] {
  const out: Col[] = [];
  const s = c.search_clause;
  if (s) out.push({ name: s.search_seq_column, type: s.search_breadth_first ? OID.record : OID._record, typmod: -1 });
  if (cycle) out.push({ name: cycle.column, type: cycle.type, typmod: cycle.typmod }, { name: cycle.path, type: OID._record, typmod: -1 });
  return out;
}

/** The validity checks of analyzeCTE, once the query's own columns are known. */
export function checkSearchCycle(c: any, recursive: boolean, names: string[]): void {
  if (!recursive) throw new PgError('42601', 'WITH query is not recursive', pos(c.location));
  const stmt = c.ctequery.SelectStmt;
  if (stmt.larg.op && stmt.larg.op !== 'SETOP_NONE') {
    throw new PgError('0A000', 'with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT');
  }
  if (stmt.rarg.op && stmt.rarg.op !== 'SETOP_NONE') {
    throw new PgError('42601', 'with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT');
  }
  const s = c.search_clause;
  if (s) {
    checkColumns(s.search_col_list.map(str), names, 'search', s.location);
    if (names.includes(s.search_seq_column)) {
      throw new PgError('42601', `search sequence column name "${s.search_seq_column}" already used in WITH query column list`, pos(s.location));
    }
  }
  const cc = c.cycle_clause;
  if (cc) {
    checkColumns(cc.cycle_col_list.map(str), names, 'cycle', cc.location);
    if (names.includes(cc.cycle_mark_column)) {
      throw new PgError('42601', `cycle mark column name "${cc.cycle_mark_column}" already used in WITH query column list`, pos(cc.location));
    }
    if (names.includes(cc.cycle_path_column)) {
      throw new PgError('42601', `cycle path column name "${cc.cycle_path_column}" already used in WITH query column list`, pos(cc.location));
    }
    if (cc.cycle_mark_column === cc.cycle_path_column) {
      throw new PgError('42601', 'cycle mark column name and cycle path column name are the same', pos(cc.location));
    }
  }
  if (s && cc) {
    if (s.search_seq_column === cc.cycle_mark_column) {
      throw new PgError('42601', 'search sequence column name and cycle mark column name are the same', pos(s.location));
    }
    if (s.search_seq_column === cc.cycle_path_column) {
      throw new PgError('42601', 'search sequence column name and cycle path column name are the same', pos(s.location));
    }
  }
}

function checkColumns(cols: string[], names: string[], what: string, location: number): void {
  const seen = new Set<string>();
  for (const col of cols) {
    if (!names.includes(col)) throw new PgError('42601', `${what} column "${col}" not in WITH query column list`, pos(location));
    if (seen.has(col)) throw new PgError('42701', `${what} column "${col}" specified more than once`, pos(location));
    seen.add(col);
  }
}

const v = (c: Col, att: number): Expr => ({ k: 'var', type: c.type, typmod: c.typmod, levelsUp: 0, entry: 0, att });
const row = (args: Expr[]): Expr => ({ k: 'row', type: OID.record, typmod: -1, args });
const arrayOf = (e: Expr): Expr => ({ k: 'array', type: OID._record, typmod: -1, elems: [e] });

/**
 * rewriteSearchAndCycle: the non-recursive term becomes SELECT cols, <initial values> FROM (term),
 * the recursive one SELECT cols, <next values> FROM (term reading the added columns of the
 * working table) [WHERE mark <> TO-value]. `right` is the recursive term as analyzed (its
 * outputs of `types`), `cols` the query's own columns.
 */
export function rewriteSearchCycle(sa: SelectAnalyzer, c: any, def: CteDef, left: Query, right: Query, cols: Col[],
  cycle: SearchCycleDef['cycle'], coerceOutputs: (q: Query, types: number[]) => Query): void {
  const added = def.columns.slice(cols.length);
  const wt = right.entries.findIndex(e => e.kind === 'cte' && e.worktable && e.cte === def);
  if (wt < 0) {
    throw new PgError('0A000', `with a SEARCH or CYCLE clause, the recursive reference to WITH query "${def.name}" must be at the top level of its right-hand SELECT`);
  }
  const s = c.search_clause;
  const searchCols = s ? s.search_col_list.map(str).map((n: string) => cols.findIndex(x => x.name === n)) : [];
  const cycleCols = cycle ? cycle.cols.map(n => cols.findIndex(x => x.name === n)) : [];
  const loc = -1;

  // SELECT cols, ARRAY[ROW(search cols)] | ROW(0, search cols), default, ARRAY[ROW(cycle cols)] FROM (left)
  const nl = wrap(left, cols, '*TLOCRN*');
  if (s) {
    const r = row(searchCols.map((i: number) => v(cols[i], i)));
    nl.targets.push({ name: s.search_seq_column, expr: s.search_breadth_first
      ? row([{ k: 'const', type: OID.int8, typmod: -1, value: 0n }, ...(r as any).args]) : arrayOf(r) });
  }
  if (cycle) {
    nl.targets.push({ name: cycle.column, expr: cycle.default });
    nl.targets.push({ name: cycle.path, expr: arrayOf(row(cycleCols.map(i => v(cols[i], i)))) });
  }

  // the recursive term also returns the working table's added columns
  const firstJunk = right.targets.findIndex(t => t.junk);
  const at = firstJunk < 0 ? right.targets.length : firstJunk;
  const withAdded: Query = { ...right, targets: right.targets.slice() };
  withAdded.targets.splice(at, 0, ...added.map((a, j) => ({ name: a.name,
    expr: { k: 'var', type: a.type, typmod: a.typmod, levelsUp: 0, entry: wt, att: cols.length + j } as Expr })));
  const inner = coerceOutputs(withAdded, [...cols.map(x => x.type), ...added.map(a => a.type)]);
  const all = [...cols, ...added];
  const nr = wrap(inner, all, '*TROCRN*', cols.length);
  let k = cols.length;
  if (s) {
    const seq = v(all[k], k++);
    const r = row(searchCols.map((i: number) => v(cols[i], i)));
    if (s.search_breadth_first) {
      const depth: Expr = { k: 'field', type: OID.int8, typmod: -1, arg: seq, index: 0 };
      const next = sa.ex.operator('+', depth, { k: 'const', type: OID.int8, typmod: -1, value: 1n }, loc);
      nr.targets.push({ name: s.search_seq_column, expr: row([next, ...(r as any).args]) });
    } else {
      nr.targets.push({ name: s.search_seq_column, expr: sa.ex.operator('||', seq, arrayOf(r), loc) });
    }
  }
  if (cycle) {
    const mark = v(all[k], k++), path = v(all[k], k++);
    const r = row(cycleCols.map(i => v(cols[i], i)));
    const seen = sa.ex.scalarArray('=', r, path, true, loc);
    nr.targets.push({ name: cycle.column, expr: { k: 'case', type: cycle.type, typmod: cycle.typmod,
      whens: [{ cond: seen, result: cycle.value }], else: cycle.default } });
    nr.targets.push({ name: cycle.path, expr: sa.ex.operator('||', path, arrayOf(r), loc) });
    nr.where = sa.ex.operator('<>', mark, cycle.value, loc);
  }
  def.searchCycle = { search: s ? { cols: s.search_col_list.map(str), breadth: !!s.search_breadth_first, column: s.search_seq_column } : null,
    cycle, query: left, term: right };
  def.query = nl;
  def.recursive = { term: nr, all: def.recursive!.all };
}

/** SELECT the first `n` of cols FROM (sub) alias(cols) */
function wrap(sub: Query, cols: Col[], alias: string, n = cols.length): Query {
  const w = emptyQuery();
  w.entries.push({ alias, kind: 'subquery', query: sub, columns: cols.map(x => ({ ...x })) });
  w.from.push({ k: 'entry', entry: 0 });
  w.targets = cols.slice(0, n).map((x, i) => ({ name: x.name, expr: v(x, i) }));
  return w;
}

/** The clauses printed back after the WITH query's parenthesis (get_with_clause). */
export function searchCycleText(sc: SearchCycleDef, quote: (s: string) => string, expr: (e: Expr) => string): string {
  let out = '';
  if (sc.search) {
    out += ` SEARCH ${sc.search.breadth ? 'BREADTH' : 'DEPTH'} FIRST BY ${sc.search.cols.map(quote).join(', ')} SET ${quote(sc.search.column)}`;
  }
  if (sc.cycle) {
    const c = sc.cycle;
    out += ` CYCLE ${c.cols.map(quote).join(', ')} SET ${quote(c.column)}`;
    const plain = c.value.k === 'const' && c.value.type === OID.bool && c.value.value === true
      && c.default.k === 'const' && c.default.type === OID.bool && c.default.value === false;
    if (!plain) out += ` TO ${expr(c.value)} DEFAULT ${expr(c.default)}`;
    out += ` USING ${quote(c.path)}`;
  }
  return out;
}
