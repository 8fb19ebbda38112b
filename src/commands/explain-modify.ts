// ModifyTable's list of result relations (show_modifytable_info): UPDATE / DELETE of an
// inheritance tree or partitioned table lists each table it changes ("Update on child
// parent_1"), the ones its scan reads after partition pruning, numbered as the scan's members.
import type { Table } from '../catalog/objects.js';
import type { Expr, Query } from '../analyzer/query.js';
import type { SetItem } from '../analyzer/dml.js';
import { typeAvgWidth } from '../planner/stats.js';
import { forChildren } from './explain-util.js';
import type { Plan } from '../planner/index.js';
import { quoteName } from './explain-util.js';

/** The inheritance scan of the target (range entry 0) in a statement's plan. */
function targetScan(p: Plan): (Plan & { k: 'seqscan' }) | null {
  switch (p.k) {
    case 'seqscan': return p.entry === 0 && p.members ? p : null;
    case 'nestloop': case 'hashjoin': return targetScan(p.outer) ?? targetScan(p.inner);
    case 'semijoin': return targetScan(p.outer);
    case 'filter': case 'material': return targetScan(p.input);
    default: return null;
  }
}

export function resultRelationLines(verb: string, from: Plan, alias: string, verbose: boolean): string[] {
  const scan = targetScan(from);
  if (!scan || !scan.members!.length) return [];
  return scan.members!.map((m, i) => {
    const t = (m as { table: Table }).table;
    const rel = verbose ? `${quoteName(t.schema.name)}.${quoteName(t.name)}` : quoteName(t.name);
    return `${verb} on ${rel} ${quoteName(`${alias}_${i + 1}`)}`;
  });
}

// ---- VERBOSE output of UPDATE / DELETE plans -----------------------------------------
// The subplan of ModifyTable returns UPDATE's new values (in column order), then the row
// identity: ctid, and tableoid before it for an inheritance tree or partitioned table
// (preprocess_targetlist, add_row_identity_columns). A plain inheritance tree is projected
// by a Result above its Append; a partitioned table's members project themselves.

/** What EXPLAIN knows of the UPDATE / DELETE it shows. */
export interface ModifyTarget {
  q: Query;
  entry: number;
  update: boolean;
  sets: SetItem[];
}

/** The new values in column order, printed by `show`; null when a multiple-column sub-SELECT sets them (not shown). */
export function newValueTexts(sets: SetItem[], show: (e: Expr) => string): string[] | null {
  // (DEFAULT is replaced by the column default when the plan is made: not shown either)
  if (sets.some(s => s.multi || (s.expr.k === 'const' && typeof s.expr.value === 'symbol'))) return null;
  return [...sets].sort((a, b) => a.attnum - b.attnum).map(s => show(s.expr));
}

/** A plain (not partitioned) inheritance tree: its members are projected by a Result above the Append. */
export function plainInheritance(t: Table, inh: boolean): boolean {
  return inh && !t.partitionKey && t.children.length > 0;
}

/** Attribute slots of entry `entry` the new values read, in order of first use (the members' outputs). */
export function columnsRead(sets: SetItem[], entry: number): number[] {
  const out: number[] = [];
  const visit = (e: Expr) => {
    if (e.k === 'var' && e.levelsUp === 0 && e.entry === entry && !out.includes(e.att)) out.push(e.att);
    forChildren(e, visit);
  };
  for (const s of [...sets].sort((a, b) => a.attnum - b.attnum)) visit(s.expr);
  return out;
}

/**
 * UPDATE / DELETE … WHERE false: the Result that never runs still lists the subplan's
 * outputs; a plain inheritance tree's row identity is then NULL (no member to read).
 * Width: the new values and ctid (none for DELETE or a plain inheritance tree).
 */
export function dummyModifyOutput(m: ModifyTarget, table: Table, inh: boolean, show: (e: Expr, prefix: boolean) => string,
  multi: boolean, ref: string): { output: string[] | null; width: number } {
  const plain = plainInheritance(table, inh);
  const prefix = multi || plain;
  const values = m.update ? newValueTexts(m.sets, e => show(e, prefix)) : [];
  const identity = plain ? ['NULL::oid', 'NULL::tid'] : [prefix ? `${quoteName(ref)}.ctid` : 'ctid'];
  let width = 0;
  if (m.update && !plain) {
    for (const s of m.sets) { const c = table.columns[s.attnum - 1]; width += c ? typeAvgWidth(c.typeOid, c.typmod) : 4; }
    width += 6;
  }
  return { output: values ? [...values, ...identity] : null, width };
}
