// Turn a StatementResult into psql's printed table, in the chosen format.
import type { StatementResult } from '../session/result.js';
import { printAligned } from './print-aligned.js';
import { printExpanded } from './print-expanded.js';
import type { PrintableTable, PrintOptions } from './print-options.js';
import { printUnaligned } from './print-unaligned.js';

/** int2, int4, int8, float4, float8, numeric, oid, xid, xid8, cid, money: right-aligned in psql. */
const RIGHT_ALIGNED = new Set([21, 23, 20, 700, 701, 1700, 26, 28, 5069, 29, 790]);

export const columnAlignment = (typeOid: number): 'l' | 'r' => (RIGHT_ALIGNED.has(typeOid) ? 'r' : 'l');

export type ValueFormatter = (value: unknown, typeOid: number) => string;

export function toPrintable(r: StatementResult, format: ValueFormatter, nullPrint: string): PrintableTable {
  const fields = r.fields ?? [];
  return {
    headers: fields.map((f) => f.name),
    aligns: fields.map((f) => columnAlignment(f.typeOid)),
    rows: (r.rows ?? []).map((row) =>
      fields.map((f, i) => {
        const v = row[i];
        return v === null || v === undefined ? nullPrint : format(v, f.typeOid);
      }),
    ),
  };
}

export function printTable(t: PrintableTable, opt: PrintOptions): string {
  if (opt.format === 'unaligned') return printUnaligned(t, opt);
  if (opt.expanded === 'on') return printExpanded(t, opt);
  return printAligned(t, opt);
}
