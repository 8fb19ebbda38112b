// An index's key for a row and whether the row belongs in it: plain key columns are read
// from the row; expression columns and a partial index's predicate are evaluated by closures
// compiled once per index. The catalog cannot analyze SQL itself, so the session layer
// installs the compiler (session/index-exprs.ts).
import type { Catalog } from './catalog.js';
import type { Index, IndexExpr, Table } from './objects.js';

export type RowFn = (row: unknown[]) => unknown;
export type IndexExprCompiler = (catalog: Catalog, table: Table, raw: unknown, predicate: boolean) => RowFn;

let compiler: IndexExprCompiler | null = null;
export function setIndexExprCompiler(fn: IndexExprCompiler): void { compiler = fn; }

interface Compiled { table: Table; exprs: RowFn[]; pred: RowFn | null }

/** Compiles an index's expressions and predicate (at creation, load and rebuild). */
export function prepareIndex(catalog: Catalog, ix: Index): void {
  if (!ix.exprs?.length && !ix.predicate) { ix.cache = undefined; return; }
  if (!compiler) throw new Error('index expressions cannot be compiled here');
  const c: Compiled = {
    table: ix.table,
    exprs: (ix.exprs ?? []).map(x => compiler!(catalog, ix.table, x.expr, false)),
    pred: ix.predicate ? compiler(catalog, ix.table, ix.predicate.expr, true) : null,
  };
  ix.cache = c;
}

function compiled(ix: Index): Compiled {
  const c = ix.cache as Compiled | undefined;
  if (!c) throw new Error(`index "${ix.name}" has no compiled expressions`);
  return c;
}

/** The key of a row (values in key column order). */
export function indexKeyOf(ix: Index, row: unknown[]): unknown[] {
  const cols = ix.columns;
  const key = new Array(cols.length);
  let x = 0;
  for (let i = 0; i < cols.length; i++) {
    const a = cols[i];
    key[i] = a === 0 ? (compiled(ix).exprs[x++](row) ?? null) : row[a - 1] ?? null;
  }
  return key;
}

/** Does a row belong in the index (a partial index's predicate holds)? */
export function indexHolds(ix: Index, row: unknown[]): boolean {
  if (!ix.predicate) return true;
  return compiled(ix).pred!(row) === true;
}

/** Is this a plain index: key columns only, no expression, no predicate (usable by constraints and foreign keys)? */
export function isPlainIndex(ix: Index): boolean {
  return !ix.predicate && !ix.columns.includes(0) && (ix.method ?? 'btree') === 'btree';
}

export interface IndexColumnInfo { name: string; typeOid: number; typmod: number; attnum: number; expr: IndexExpr | null; key: boolean }

/** Every column of the index (key columns, then INCLUDE columns), as pg_attribute lists them. */
export function indexColumns(ix: Index): IndexColumnInfo[] {
  const out: IndexColumnInfo[] = [];
  let x = 0;
  const push = (a: number, key: boolean) => {
    if (a === 0) {
      const e = ix.exprs![x++];
      out.push({ name: e.name, typeOid: e.typeOid, typmod: e.typmod, attnum: 0, expr: e, key });
    } else {
      const c = ix.table.columns[a - 1];
      out.push({ name: c.name, typeOid: c.typeOid, typmod: c.typmod, attnum: a, expr: null, key });
    }
  };
  for (const a of ix.columns) push(a, true);
  for (const a of ix.include ?? []) push(a, false);
  // pg_attribute's names are unique within the index: later duplicates get a number
  const seen = new Set<string>();
  for (const c of out) {
    let name = c.name;
    for (let n = 1; seen.has(name); n++) name = `${c.name}${n}`;
    seen.add(name);
    c.name = name;
  }
  return out;
}
