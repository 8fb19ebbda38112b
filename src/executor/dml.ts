// INSERT, UPDATE and DELETE: rows computed by compiled expressions, written through
// integrity/ (which checks constraints and queues foreign-key events). The statement's
// WITH queries run first, on the same snapshot and write context.
import { PgError } from '../errors/index.js';
import type { DeleteStmt, DmlStatement, UpdateStmt } from '../analyzer/dml.js';
import type { Expr } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { deleteRow, rowForTarget, updateRow, type WriteContext } from '../integrity/index.js';
import { planFrom } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { lockTargetForWrite } from '../integrity/concurrency.js';
import { compile } from './compile.js';
import { withCtes } from './cte.js';
import type { Compiled, Env, Frame, WriteTarget } from './env.js';
import { compilePlan, runSubquery } from './query.js';
import { evalPlanQual } from './epq.js';
import { compileViewChecks } from './view-check.js';
import { armAfterRow, fireBeforeRow, fireStatement, hasRowTriggers } from '../triggers/fire.js';
import { transitionCapture } from '../triggers/transition.js';
import { execInsteadDelete, execInsteadUpdate, insteadView } from '../triggers/instead.js';
import { anyPartitionTriggers, beforeRowMove } from '../triggers/partition.js';
import { partitionConstraintHolds } from '../integrity/partition-routing.js';
import { compileReturning, compileSets } from './dml-sets.js';
import { execInsert, type DmlResult } from './dml-insert.js';

export { compileSets };
export type { DmlResult };

/** Runs a data-modifying statement; env.write says where it writes. */
export function execDml(s: DmlStatement, env: Env): DmlResult {
  const target = env.write;
  if (!target) throw new PgError('25006', 'cannot execute a data-modifying statement here');
  return s.ctes?.length ? execWithCtes(s, env, target) : execOne(s, env, target);
}

/** (A function of its own: the closure's context would otherwise be made on every call of execDml.) */
function execWithCtes(s: DmlStatement, env: Env, target: WriteTarget): DmlResult {
  return withCtes(s.ctes!, env, () => execOne(s, env, target));
}

function execOne(s: DmlStatement, env: Env, target: WriteTarget): DmlResult {
  // AFTER ROW triggers of the rows written, also by the RI actions at the statement's end (src/triggers)
  armAfterRow(env, null);
  switch (s.kind) {
    case 'insert': return execInsert(s, env, target);
    case 'update': { const v = insteadView(s.table); return v ? execInsteadUpdate(s, env, target.w, v, compileSets(s.sets, target)) : execUpdate(s, env, target); }
    case 'delete': { const v = insteadView(s.table); return v ? execInsteadDelete(s, env, target.w, v) : execDelete(s, env, target.w); }
  }
}

/** What UPDATE and DELETE compile once per analyzed statement: WHERE (for the EvalPlanQual recheck), RETURNING, WITH CHECK OPTION. */
interface ModifyPrep { recheck: Compiled | null; ret: Compiled[] | null; viewChecks: ReturnType<typeof compileViewChecks> }
const modifyPreps = new WeakMap<UpdateStmt | DeleteStmt, ModifyPrep>();

function modifyPrep(s: UpdateStmt | DeleteStmt): ModifyPrep {
  let p = modifyPreps.get(s);
  if (!p) {
    p = { recheck: s.query.where ? compile(s.query.where, runSubquery) : null, ret: compileReturning(s.returning),
      viewChecks: s.kind === 'update' ? compileViewChecks(s.checks) : null };
    modifyPreps.set(s, p);
  }
  return p;
}

const targetPrograms = new WeakMap<object, ReturnType<typeof compilePlan>>();

/**
 * The target rows of UPDATE/DELETE: visible rows of entry 0 matching WHERE (joined with FROM/USING),
 * gathered before any is changed; each as two entries, its frame and its version.
 */
function targets(q: UpdateStmt['query'], env: Env): (Frame | Tuple)[] {
  // planned and compiled once per analysis tree, as query.ts's programs (a third of W5's delete)
  let producer = targetPrograms.get(q);
  if (!producer) targetPrograms.set(q, producer = compilePlan(planFrom(q), q.entries.length * 2));
  // made at the second row: a one-row statement (a delete by key) needs none
  let seen: Set<Tuple> | null = null;
  // (no pair array per row)
  const found: (Frame | Tuple)[] = [];
  producer(env, f => {
    const t = f[1] as Tuple;
    if (found.length) {
      if (!seen) (seen = new Set()).add(found[1] as Tuple);
      if (seen.has(t)) return; // joined more than once: PostgreSQL changes a row once
      seen.add(t);
    }
    found.push(f.slice(), t);
  });
  return found;
}

export function tableOf(root: Table, t: Tuple): Table {
  if (t.rel === root.oid) return root;
  const stack = [...root.children];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.oid === t.rel) return c;
    stack.push(...c.children);
  }
  return root;
}

function execUpdate(s: UpdateStmt, env: Env, target: WriteTarget): DmlResult {
  const w = target.w;
  const apply = compileSets(s.sets, target);
  const { recheck, ret, viewChecks } = modifyPrep(s);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const updated = new Set(s.sets.map(x => x.attnum));
  fireStatement(env, w, s.table, 'BEFORE', 'UPDATE', updated);
  const trig = armAfterRow(env, updated);
  const captured = transitionCapture(s.table, 'UPDATE');
  const moveTriggers = !!s.table.partitionKey && (anyPartitionTriggers(s.table, 'DELETE') || anyPartitionTriggers(s.table, 'INSERT'));
  const found = targets(s.query, env), root = s.query.entries[0].table!;
  for (let i = 0; i < found.length; i += 2) {
    const f = found[i] as Frame, t0 = found[i + 1] as Tuple, table = tableOf(root, t0);
    // a row a concurrent transaction updated: its newest version, if it still qualifies (epq.ts)
    const t = table === s.table ? evalPlanQual(w, t0, f, env, recheck, 'updating', table.name) : t0;
    if (!t) continue;
    let row = t.data.slice();
    apply(f, env, row, table, s.table);
    // waits for, or fails on, a concurrent change of the row (integrity/concurrency.ts)
    if (!lockTargetForWrite(w, table, t, row)) continue;
    if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'UPDATE')) {
      const changed = fireBeforeRow(env, w, table, 'UPDATE', t.data, row, updated);
      if (!changed) continue;
      row = changed;
    }
    // a row leaving its partition is deleted there first: a BEFORE DELETE trigger may keep it
    if (table.partitionBound && table !== s.table && moveTriggers && !partitionConstraintHolds(w, table, row)) {
      const moved = beforeRowMove(env, w, s.table, table, t, row);
      if (!moved) continue;
      row = moved;
    }
    const nt = updateRow(w, table, t, row, s.table);
    viewChecks?.(row, table, env);
    count++;
    if (captured) {
      captured.old?.push(table === s.table ? t.data : inParentOrder(s.table, table, t.data));
      captured.new?.push(table === s.table ? nt.data : nt.rel !== table.oid ? rowForTarget(s.table, nt) : inParentOrder(s.table, table, nt.data));
    }
    if (ret) {
      const g = f.slice();
      g[0] = table === s.table ? nt.data : nt.rel !== table.oid ? rowForTarget(s.table, nt) : inParentOrder(s.table, table, nt.data);
      g[1] = nt;
      out!.push(ret.map(r => r(g, env)));
    }
  }
  trig.updated = null;
  fireStatement(env, w, s.table, 'AFTER', 'UPDATE', updated, captured);
  return { count, rows: out };
}

/** A child table's row in the column order of its inheritance parent (by name). */
function inParentOrder(parent: Table, child: Table, data: unknown[]): unknown[] {
  return parent.columns.map(c => (c.dropped ? null : data[child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)] ?? null));
}

function execDelete(s: DeleteStmt, env: Env, w: WriteContext): DmlResult {
  const { recheck, ret } = modifyPrep(s);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  fireStatement(env, w, s.table, 'BEFORE', 'DELETE');
  const captured = transitionCapture(s.table, 'DELETE');
  const found = targets(s.query, env), root = s.query.entries[0].table!;
  for (let i = 0; i < found.length; i += 2) {
    const f = found[i] as Frame, t0 = found[i + 1] as Tuple, table = tableOf(root, t0);
    const t = table === s.table ? evalPlanQual(w, t0, f, env, recheck, 'deleting', table.name) : t0;
    if (!t || !lockTargetForWrite(w, table, t, null)) continue;
    if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'DELETE') && !fireBeforeRow(env, w, table, 'DELETE', t.data, null)) continue;
    deleteRow(w, table, t);
    count++;
    captured?.old!.push(table === s.table ? t.data : inParentOrder(s.table, table, t.data));
    if (ret) out!.push(ret.map(r => r(f, env)));
  }
  fireStatement(env, w, s.table, 'AFTER', 'DELETE', null, captured);
  return { count, rows: out };
}

export type { Expr };
