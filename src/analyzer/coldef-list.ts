// FROM f(…) AS alias(col type, …): a column definition list for a function returning record.
// Only functions that can shape their result to the requested columns accept one (their
// FuncDef's `withColumns`: json[b]_to_record[set]); others keep PostgreSQL's error.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import type { EvalContext, FuncDef } from '../types/registry.js';
import type { Expr } from './query.js';
import { resolveTypeName } from './typenames.js';

export interface DefinedColumn { name: string; type: number; typmod: number }
export type WithColumns = (v: unknown, cols: DefinedColumn[], ctx: EvalContext) => unknown[];

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** The call with the list applied, or PostgreSQL's error when the function does not return record. */
export function applyColumnDefinitions(e: Expr, coldeflist: any[]): Expr {
  const shape = e.k === 'func' ? (e.fn as FuncDef & { withColumns?: WithColumns }).withColumns : undefined;
  const first = coldeflist[0]?.ColumnDef;
  if (e.k !== 'func' || e.type !== OID.record || e.fn.outCols || !shape) {
    throw new PgError('42601', 'a column definition list is only allowed for functions returning "record"', pos(first?.location));
  }
  const cols: DefinedColumn[] = coldeflist.map(c => {
    const { oid, typmod } = resolveTypeName(c.ColumnDef.typeName);
    return { name: c.ColumnDef.colname, type: oid, typmod };
  });
  const inner = e.fn.fn;
  // one column: the function's value is that column's (a scalar), as for any one-column function
  const one = cols.length === 1;
  const convert = (v: unknown, ctx: EvalContext) => { const row = shape(v, cols, ctx); return one ? row[0] : row; };
  const fn: FuncDef = { ...e.fn, outCols: cols.map(c => ({ name: c.name, type: c.type })),
    fn: (args, ctx) => {
      const v = inner(args, ctx);
      if (v === null) return null;
      return e.fn.retSet ? Array.from(v as Iterable<unknown>, x => convert(x, ctx)) : convert(v, ctx);
    } };
  return one ? { ...e, fn, type: cols[0].type, typmod: cols[0].typmod } : { ...e, fn };
}
