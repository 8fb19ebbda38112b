// Pieces INSERT, UPDATE and MERGE share: SET lists and RETURNING lists, compiled.
import { DEFAULT_MARK, type SetItem } from '../analyzer/dml.js';
import type { TargetEntry } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { compile } from './compile.js';
import type { Compiled, Env, Frame, WriteTarget } from './env.js';
import { runSubquery } from './query.js';

export const isDefault = (e: unknown) => e === DEFAULT_MARK;

export function compileReturning(list: TargetEntry[]): Compiled[] | null {
  return list.length ? list.map(t => compile(t.expr, runSubquery)) : null;
}

/**
 * Assignments of a SET list, compiled: writes the new values into `row`. A sub-SELECT
 * feeding several columns runs once per row.
 */
export function compileSets(sets: SetItem[], target: WriteTarget): (f: Frame, env: Env, row: unknown[], table: Table, base: Table) => void {
  const sources = [...new Set(sets.filter(x => x.multi).map(x => x.multi!.source))];
  const srcFns = sources.map(src => compile(src, runSubquery));
  const items = sets.map(x => ({ attnum: x.attnum, fn: isDefault(x.expr) ? null : compile(x.expr, runSubquery),
    src: x.multi ? sources.indexOf(x.multi.source) : -1 }));
  return (f, env, row, table, base) => {
    const rows = srcFns.map(fn => fn(f, env) as unknown[] | null);
    const saved = env.subRow;
    try {
      for (const x of items) {
        // a child table of the target: columns matched by name
        const att = table === base ? x.attnum : table.columns.find(c => !c.dropped && c.name === base.columns[x.attnum - 1].name)!.attnum;
        if (!x.fn) { row[att - 1] = target.defaults(table, att, env); continue; }
        if (x.src >= 0) env.subRow = rows[x.src] ?? [];
        row[att - 1] = x.fn(f, env);
      }
    } finally { env.subRow = saved; }
  };
}
