// Functions in FROM (PostgreSQL's transformRangeFunction and addRangeTableEntryForFunction):
// one function, ROWS FROM (f(), g()) zipped side by side, unnest(a, b, …) spread into
// ROWS FROM (unnest(a), unnest(b), …), WITH ORDINALITY, column aliases. Functions in
// FROM are implicitly LATERAL: their arguments may read the FROM items to their left.
import { PgError } from '../errors/index.js';
import { applyColumnDefinitions } from './coldef-list.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { figureColname } from './colname.js';
import { nodeLocation } from './expr.js';
import type { Expr, FromNode, Query } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

/** The output columns of one function in FROM: several for a function with OUT columns. */
export function functionColumns(e: Expr): { name: string; type: number; typmod?: number; slot?: number }[] | null {
  if (e.k === 'func' && e.fn.outCols && e.fn.outCols.length > 1) return e.fn.outCols;
  // a function returning a composite type (unnest of an array of one) gives its live fields;
  // slot is the field's place in the value (dropped attributes keep theirs)
  const fields = e.k === 'func' && e.type !== OID.record ? typeByOid(e.type)?.fields?.() : undefined;
  if (fields) {
    const out: { name: string; type: number; typmod: number; slot: number }[] = [];
    fields.forEach((f, slot) => { if (f) out.push({ name: f.name, type: f.type, typmod: f.typmod, slot }); });
    return out;
  }
  return null;
}

/** The calls of a function range entry (ROWS FROM keeps them as the arguments of a row). */
export function entryFunctions(func: Expr): Expr[] {
  return func.k === 'row' ? func.args : [func];
}

export function analyzeRangeFunction(sa: SelectAnalyzer, rf: any, scope: Scope, q: Query): FromNode {
  let calls: any[] = (rf.functions as any[]).map(f => {
    const items = f.List?.items ?? f;
    if (items[1] && Object.keys(items[1]).length) throw new PgError('0A000', 'column definition lists are not supported', pos(nodeLocation(items[1][0])));
    return items[0];
  });
  if (rf.coldeflist && (calls.length !== 1 || rf.is_rowsfrom)) {
    throw new PgError('42601', 'a column definition list is only allowed for functions returning "record"', pos(nodeLocation(rf.coldeflist[0])));
  }
  // unnest(a, b) in FROM means ROWS FROM (unnest(a), unnest(b))
  if (!rf.is_rowsfrom && calls.length === 1 && isMultiUnnest(calls[0])) {
    const fc = calls[0].FuncCall;
    calls = (fc.args as any[]).map(a => ({ FuncCall: { ...fc, args: [a] } }));
  }
  // implicitly LATERAL: the items to the left are visible at this level
  const fscope: Scope = { ...scope, aggContext: 'functions in FROM' };
  const exprs = calls.map(c => sa.ex.expr(c, fscope));
  if (rf.coldeflist) exprs[0] = applyColumnDefinitions(exprs[0], rf.coldeflist);
  const names = calls.map(c => figureColname(c));
  const aliasName: string | undefined = rf.alias?.aliasname;
  const refname = aliasName ?? names[0];
  const columns: { name: string; type: number; typmod: number }[] = [];
  exprs.forEach((e, i) => {
    const multi = functionColumns(e);
    if (multi) { for (const c of multi) columns.push({ name: c.name, type: c.type, typmod: c.typmod ?? -1 }); return; }
    const single = e.k === 'func' && e.fn.outCols?.length === 1 ? e.fn.outCols[0].name : null;
    // a lone scalar function takes the table alias as its column name
    const name = single ?? (exprs.length === 1 && aliasName !== undefined ? aliasName : names[i]);
    columns.push({ name, type: e.type === OID.unknown ? OID.text : e.type, typmod: e.typmod });
  });
  if (rf.ordinality) columns.push({ name: 'ordinality', type: OID.int8, typmod: -1 });
  const colAliases: string[] = (rf.alias?.colnames ?? []).map(str);
  if (colAliases.length > columns.length) {
    throw new PgError('42P10', `table "${refname}" has ${columns.length} columns available but ${colAliases.length} columns specified`);
  }
  colAliases.forEach((a, i) => { columns[i].name = a; });
  const func: Expr = exprs.length === 1 ? exprs[0] : { k: 'row', type: OID.record, typmod: -1, args: exprs };
  const idx = q.entries.length;
  q.entries.push({ alias: refname, kind: 'function', func, funcOrdinality: !!rf.ordinality, columns });
  scope.items.push(sa.itemFor(refname, idx, columns));
  return { k: 'entry', entry: idx };
}

function isMultiUnnest(node: any): boolean {
  const fc = node.FuncCall;
  if (!fc || (fc.args ?? []).length < 2 || fc.agg_star || fc.over) return false;
  const names = (fc.funcname as any[]).map(str);
  if (names[names.length - 1] !== 'unnest') return false;
  return names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
}
