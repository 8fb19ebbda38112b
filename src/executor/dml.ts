// INSERT, UPDATE and DELETE: rows computed by compiled expressions, written through
// integrity/ (which checks constraints and queues foreign-key events). The statement's
// WITH queries run first, on the same snapshot and write context.
import { exclusionArbiterConflict } from '../integrity/exclusion.js';
import { indexHolds } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import { DEFAULT_MARK, type DeleteStmt, type DmlStatement, type InsertStmt, type SetItem, type UpdateStmt } from '../analyzer/dml.js';
import type { Expr, TargetEntry } from '../analyzer/query.js';
import type { Index, Table } from '../catalog/objects.js';
import { deleteRow, indexKey, insertRow, routeRow, rowForTarget, updateRow, type WriteContext } from '../integrity/index.js';
import { planFrom } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { conflictVisible, lockChildForAction, lockTargetForWrite, uniqueClash } from '../integrity/concurrency.js';
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
import { checkPartitionConstraint, convertRow, partitionConstraintHolds } from '../integrity/partition-routing.js';

export interface DmlResult { count: number; rows: unknown[][] | null }

const isDefault = (e: unknown) => e === DEFAULT_MARK;

/** The columns an INSERT names, by statement. */
const givenColumns = new WeakMap<InsertStmt, Set<number>>();
const newGiven = (s: InsertStmt): Set<number> => { const g = new Set(s.columns); givenColumns.set(s, g); return g; };

/** INSERT … VALUES rows compiled, by statement. */
const compiledValues = new WeakMap<InsertStmt, (Compiled | null)[][]>();

/** Runs a data-modifying statement; env.write says where it writes. */
export function execDml(s: DmlStatement, env: Env): DmlResult {
  const target = env.write;
  if (!target) throw new PgError('25006', 'cannot execute a data-modifying statement here');
  return withCtes(s.ctes, env, () => {
    // AFTER ROW triggers of the rows written, also by the RI actions at the statement's end (src/triggers)
    armAfterRow(env, null);
    switch (s.kind) {
      case 'insert': return execInsert(s, env, target);
      case 'update': { const v = insteadView(s.table); return v ? execInsteadUpdate(s, env, target.w, v, compileSets(s.sets, target)) : execUpdate(s, env, target); }
      case 'delete': { const v = insteadView(s.table); return v ? execInsteadDelete(s, env, target.w, v) : execDelete(s, env, target.w); }
    }
  });
}

function compileReturning(list: TargetEntry[]): Compiled[] | null {
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

function execInsert(s: InsertStmt, env: Env, target: WriteTarget): DmlResult {
  const { w, defaults } = target;
  const table = s.table;
  const ncols = table.columns.length;
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const given = givenColumns.get(s) ?? newGiven(s);
  const fillDefaults = (row: unknown[]) => {
    for (const c of table.columns) {
      if (c.dropped) { row[c.attnum - 1] = null; continue; }
      if (!given.has(c.attnum)) row[c.attnum - 1] = defaults(table, c.attnum, env);
    }
  };
  const onConflict = s.onConflict;
  const conflictSets = onConflict ? compileSets(onConflict.sets, target) : null;
  const conflictWhere = onConflict?.where ? compile(onConflict.where, runSubquery) : null;
  const arbiters = onConflict ? onConflict.arbiters ?? table.indexes.filter(ix => ix.unique || ix.exclusion) : [];
  // the columns of the current row given DEFAULT (made only when one is)
  let rowDefaulted: Set<number> | null = null;
  const viewChecks = compileViewChecks(s.checks);
  const userOverridden = s.overridingUser ? table.columns.filter(c => c.identity && given.has(c.attnum)) : [];
  const doUpdate = onConflict?.action === 'update';
  const updatedCols = doUpdate ? new Set(onConflict!.sets.map(x => x.attnum)) : null;
  // the rewriter refuses a value for a GENERATED ALWAYS identity column before any row is made
  if (!s.overridingSystem && !s.overridingUser && !insteadView(table)) {
    s.columns.forEach((att, i) => {
      const c = table.columns[att - 1];
      if (c?.identity !== 'a' || (s.values && s.values.every(r => i >= r.length || isDefault(r[i])))) return;
      throw new PgError('428C9', `cannot insert a non-DEFAULT value into column "${c.name}"`,
        { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.`, hint: 'Use OVERRIDING SYSTEM VALUE to override.' });
    });
  }
  fireStatement(env, w, table, 'BEFORE', 'INSERT');
  if (doUpdate) fireStatement(env, w, table, 'BEFORE', 'UPDATE', updatedCols);
  // a partitioned table's rows meet the BEFORE triggers of the partition they go to
  const beforeInsert = table.partitionKey ? anyPartitionTriggers(table) : hasRowTriggers(table, 'BEFORE', 'INSERT');
  const beforeUpdate = doUpdate && hasRowTriggers(table, 'BEFORE', 'UPDATE');
  const captured = transitionCapture(table, 'INSERT');
  const instead = insteadView(table);
  const insertOne = (row: unknown[]) => {
    if (instead) {
      // a view written through its INSTEAD OF INSERT trigger: what it returns is the row inserted
      const res = fireBeforeRow(env, w, instead, 'INSERT', null, row, null, 'INSTEAD OF');
      if (!res) return;
      count++;
      if (ret) out!.push(ret.map(r => r([res, null], env)));
      return;
    }
    for (const c of userOverridden) if (!rowDefaulted?.has(c.attnum)) { row[c.attnum - 1] = defaults(table, c.attnum, env); (rowDefaulted ??= new Set()).add(c.attnum); }
    for (const c of table.columns) {
      if (c.identity === 'a' && given.has(c.attnum) && !s.overridingSystem && !rowDefaulted?.has(c.attnum)) {
        throw new PgError('428C9', `cannot insert a non-DEFAULT value into column "${c.name}"`,
          { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.`, hint: 'Use OVERRIDING SYSTEM VALUE to override.' });
      }
    }
    if (beforeInsert) {
      // BEFORE ROW triggers of the table the row goes to (a partition's, after routing) may change or skip it
      const leaf = table.partitionKey ? routeRow(w, table, row) : null;
      const changed = fireBeforeRow(env, w, leaf?.table ?? table, 'INSERT', null, leaf?.row ?? row);
      if (!changed) return;
      // a trigger may not move the row out of its partition (ExecPartitionCheck after ExecBRInsertTriggers)
      if (leaf && changed !== leaf.row) checkPartitionConstraint(w, leaf.table, changed, table);
      row = leaf ? convertRow(leaf.table, table, changed) : changed;
    }
    if (onConflict) {
      // a partitioned table's arbiters are its partitions' indexes: the row's partition decides
      const target = table.partitionKey ? routeRow(w, table, row) : null;
      const existing = target ? findConflict(w, leafArbiters(onConflict.arbiters, target.table), target.row) : findConflict(w, arbiters, row);
      if (existing) {
        if (onConflict.action === 'nothing') { conflictVisible(w, existing); return; }
        if (w.tm.top(existing.xmin) === w.top && existing.cmin === w.cid) {
          throw new PgError('21000', 'ON CONFLICT DO UPDATE command cannot affect row a second time',
            { hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.' });
        }
        const holder = target?.table ?? table;
        const f: Frame = [rowForTarget(table, existing), existing, row, null];
        if (conflictWhere && conflictWhere(f, env) !== true) return;
        const next = existing.data.slice();
        conflictSets!(f, env, next, holder, table);
        // the existing row is locked as an UPDATE locks it; REPEATABLE READ must see it (ExecCheckTupleVisible)
        if (!lockChildForAction(w, holder, existing, next)) return;
        const changed = beforeUpdate ? fireBeforeRow(env, w, holder, 'UPDATE', existing.data, next, updatedCols) : next;
        if (!changed) return;
        const t = updateRow(w, holder, existing, changed, table);
        count++;
        if (ret) out!.push(ret.map(r => r([rowForTarget(table, t), t], env)));
        return;
      }
    }
    const t = insertRow(w, table, row);
    viewChecks?.(row, table, env);
    count++;
    captured?.new!.push(rowForTarget(table, t));
    // a row routed to a partition is returned in the named table's layout
    if (ret) out!.push(ret.map(r => r([rowForTarget(table, t), t], env)));
  };
  if (s.values) {
    // compiled once per analyzed statement (the statement cache reuses it)
    let rows = compiledValues.get(s);
    if (!rows) compiledValues.set(s, rows = s.values.map(r => r.map(e => (isDefault(e) ? null : compile(e, runSubquery)))));
    rows.forEach((r, k) => {
      const row = new Array(ncols).fill(null);
      fillDefaults(row);
      rowDefaulted = null;
      try {
        for (let i = 0; i < r.length; i++) {
          const att = s.columns[i];
          const fn = r[i];
          if (fn) row[att - 1] = fn([], env);
          else { row[att - 1] = defaults(table, att, env); (rowDefaulted ??= new Set()).add(att); }
        }
        insertOne(row);
      } catch (e) {
        // which row failed (COPY names its line)
        if (e instanceof PgError && e.valuesRow === undefined) e.valuesRow = k;
        throw e;
      }
    });
  } else {
    const rows = runSubquery(s.select!, env);
    for (const r of rows) {
      const row = new Array(ncols).fill(null);
      fillDefaults(row);
      rowDefaulted = null;
      for (let i = 0; i < s.columns.length; i++) row[s.columns[i] - 1] = r[i];
      insertOne(row);
    }
  }
  if (doUpdate) fireStatement(env, w, table, 'AFTER', 'UPDATE', updatedCols);
  fireStatement(env, w, table, 'AFTER', 'INSERT', null, captured);
  return { count, rows: out };
}

/** The indexes of a partition that stand for a partitioned table's arbiter indexes (all its unique ones when none named). */
function leafArbiters(arbiters: Index[] | null | undefined, leaf: Table): Index[] {
  const unique = leaf.indexes.filter(ix => ix.unique);
  if (!arbiters) return unique;
  return unique.filter(ix => { for (let p = ix.parent; p; p = p.parent) if (arbiters.includes(p)) return true; return false; });
}

function findConflict(w: WriteContext, arbiters: Index[], row: unknown[]): Tuple | null {
  for (const ix of arbiters) {
    if (ix.exclusion) { const t = exclusionArbiterConflict(w, ix, row); if (t) return t; continue; }
    if (ix.predicate && !indexHolds(ix, row)) continue;
    const key = indexKey(ix, row);
    if (key.some(v => v === null) && !ix.nullsNotDistinct) continue;
    let found: Tuple | null = null;
    // a duplicate inserted or deleted by a running transaction is waited for
    ix.tree.scanEqual(key, t => { if (uniqueClash(w, t, false)) { found = t; return false; } });
    if (found) return found;
  }
  return null;
}

const targetPrograms = new WeakMap<object, ReturnType<typeof compilePlan>>();

/** The target rows of UPDATE/DELETE: visible rows of entry 0 matching WHERE (joined with FROM/USING). */
function targets(q: UpdateStmt['query'], env: Env, fn: (f: Frame, t: Tuple, table: Table) => void): void {
  // planned and compiled once per analysis tree, as query.ts's programs (a third of W5's delete)
  let producer = targetPrograms.get(q);
  if (!producer) targetPrograms.set(q, producer = compilePlan(planFrom(q), q.entries.length * 2));
  const seen = new Set<Tuple>();
  const found: [Frame, Tuple][] = [];
  producer(env, f => {
    const t = f[1] as Tuple;
    if (seen.has(t)) return; // joined more than once: PostgreSQL changes a row once
    seen.add(t);
    found.push([f.slice(), t]);
  });
  const root = q.entries[0].table!;
  for (const [f, t] of found) fn(f, t, tableOf(root, t));
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
  const viewChecks = compileViewChecks(s.checks);
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const recheck = s.query.where ? compile(s.query.where, runSubquery) : null;
  const updated = new Set(s.sets.map(x => x.attnum));
  fireStatement(env, w, s.table, 'BEFORE', 'UPDATE', updated);
  const trig = armAfterRow(env, updated);
  const captured = transitionCapture(s.table, 'UPDATE');
  const moveTriggers = !!s.table.partitionKey && (anyPartitionTriggers(s.table, 'DELETE') || anyPartitionTriggers(s.table, 'INSERT'));
  targets(s.query, env, (f, t0, table) => {
    // a row a concurrent transaction updated: its newest version, if it still qualifies (epq.ts)
    const t = table === s.table ? evalPlanQual(w, t0, f, env, recheck, 'updating', table.name) : t0;
    if (!t) return;
    let row = t.data.slice();
    apply(f, env, row, table, s.table);
    // waits for, or fails on, a concurrent change of the row (integrity/concurrency.ts)
    if (!lockTargetForWrite(w, table, t, row)) return;
    if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'UPDATE')) {
      const changed = fireBeforeRow(env, w, table, 'UPDATE', t.data, row, updated);
      if (!changed) return;
      row = changed;
    }
    // a row leaving its partition is deleted there first: a BEFORE DELETE trigger may keep it
    if (table.partitionBound && table !== s.table && moveTriggers && !partitionConstraintHolds(w, table, row)) {
      const moved = beforeRowMove(env, w, s.table, table, t, row);
      if (!moved) return;
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
  });
  trig.updated = null;
  fireStatement(env, w, s.table, 'AFTER', 'UPDATE', updated, captured);
  return { count, rows: out };
}

/** A child table's row in the column order of its inheritance parent (by name). */
function inParentOrder(parent: Table, child: Table, data: unknown[]): unknown[] {
  return parent.columns.map(c => (c.dropped ? null : data[child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)] ?? null));
}

function execDelete(s: DeleteStmt, env: Env, w: WriteContext): DmlResult {
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const recheck = s.query.where ? compile(s.query.where, runSubquery) : null;
  fireStatement(env, w, s.table, 'BEFORE', 'DELETE');
  const captured = transitionCapture(s.table, 'DELETE');
  targets(s.query, env, (f, t0, table) => {
    const t = table === s.table ? evalPlanQual(w, t0, f, env, recheck, 'deleting', table.name) : t0;
    if (!t || !lockTargetForWrite(w, table, t, null)) return;
    if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'DELETE') && !fireBeforeRow(env, w, table, 'DELETE', t.data, null)) return;
    deleteRow(w, table, t);
    count++;
    captured?.old!.push(table === s.table ? t.data : inParentOrder(s.table, table, t.data));
    if (ret) out!.push(ret.map(r => r(f, env)));
  });
  fireStatement(env, w, s.table, 'AFTER', 'DELETE', null, captured);
  return { count, rows: out };
}

export type { Expr };
