// UPDATE and DELETE of a view through its INSTEAD OF triggers (analyzer/instead-of.ts): each
// row the view query yields is handed to the trigger as OLD (with NEW for UPDATE); a row
// counts, and is RETURNed, when the trigger returns non-NULL (what it returned, for UPDATE).
import type { DeleteStmt, UpdateStmt } from '../analyzer/dml.js';
import type { Table, View } from '../catalog/objects.js';
import { planFrom } from '../planner/index.js';
import { compile } from '../executor/compile.js';
import type { Env, Frame } from '../executor/env.js';
import { compilePlan, runSubquery } from '../executor/query.js';
import type { WriteContext } from '../integrity/context.js';
import { fireBeforeRow, fireStatement } from './fire.js';

export type SetApplier = (f: Frame, env: Env, row: unknown[], table: Table, base: Table) => void;

export const insteadView = (t: Table): View | undefined => (t as { insteadOf?: View }).insteadOf;

function viewRows(q: UpdateStmt['query'], env: Env): Frame[] {
  const producer = compilePlan(planFrom(q), q.entries.length * 2);
  const rows: Frame[] = [];
  producer(env, f => { rows.push(f.slice()); });
  return rows;
}

export function execInsteadUpdate(s: UpdateStmt, env: Env, w: WriteContext, view: View, apply: SetApplier):
  { count: number; rows: unknown[][] | null } {
  const ret = s.returning.length ? s.returning.map(t => compile(t.expr, runSubquery)) : null;
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  fireStatement(env, w, view, 'BEFORE', 'UPDATE');
  for (const f of viewRows(s.query, env)) {
    const old = f[0] as unknown[];
    const row = old.slice();
    apply(f, env, row, s.table, s.table);
    const res = fireBeforeRow(env, w, view, 'UPDATE', old, row, null, 'INSTEAD OF');
    if (!res) continue;
    count++;
    if (ret) { const g = f.slice(); g[0] = res; out!.push(ret.map(r => r(g, env))); }
  }
  fireStatement(env, w, view, 'AFTER', 'UPDATE');
  return { count, rows: out };
}

export function execInsteadDelete(s: DeleteStmt, env: Env, w: WriteContext, view: View): { count: number; rows: unknown[][] | null } {
  const ret = s.returning.length ? s.returning.map(t => compile(t.expr, runSubquery)) : null;
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  fireStatement(env, w, view, 'BEFORE', 'DELETE');
  for (const f of viewRows(s.query, env)) {
    if (!fireBeforeRow(env, w, view, 'DELETE', f[0] as unknown[], null, null, 'INSTEAD OF')) continue;
    count++;
    if (ret) out!.push(ret.map(r => r(f, env)));
  }
  fireStatement(env, w, view, 'AFTER', 'DELETE');
  return { count, rows: out };
}
