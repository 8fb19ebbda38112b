// The DETAIL texts of constraint violations, worded as PostgreSQL's.
import type { Table } from '../catalog/objects.js';
import type { WriteContext } from './context.js';

export function failingRow(ctx: WriteContext, table: Table, row: unknown[]): string {
  const parts: string[] = [];
  table.columns.forEach((c, i) => {
    if (c.dropped) return;
    const v = row[i];
    parts.push(v === null || v === undefined ? 'null' : ctx.formatValue(v, c.typeOid));
  });
  return `Failing row contains (${parts.join(', ')}).`;
}

export function keyText(ctx: WriteContext, table: Table, attnums: number[], values: unknown[]): string {
  const names = attnums.map(a => table.columns[a - 1].name);
  const vals = values.map((v, i) => (v === null ? 'null' : ctx.formatValue(v, table.columns[attnums[i] - 1].typeOid)));
  return `Key (${names.join(', ')})=(${vals.join(', ')})`;
}
