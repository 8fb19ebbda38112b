// INSERT, UPDATE and DELETE: rows computed by compiled expressions, written through
// integrity/ (which checks constraints and queues foreign-key events).
import { PgError } from '../errors/index.js';
import { DEFAULT_MARK, type DeleteStmt, type InsertStmt, type UpdateStmt } from '../analyzer/dml.js';
import type { TargetEntry } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import { deleteRow, indexKey, insertRow, updateRow, type WriteContext } from '../integrity/index.js';
import { planFrom } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { isLive } from '../storage/visibility.js';
import { compile } from './compile.js';
import type { Compiled, Env, Frame } from './env.js';
import { compilePlan, runSubquery } from './query.js';

export interface DmlResult { count: number; rows: unknown[][] | null }

/** Evaluates a column's DEFAULT (null when it has none). */
export type DefaultFn = (table: Table, attnum: number, env: Env) => unknown;

const isDefault = (e: unknown) => e === DEFAULT_MARK;

function compileReturning(list: TargetEntry[]): Compiled[] | null {
  return list.length ? list.map(t => compile(t.expr, runSubquery)) : null;
}

export function execInsert(s: InsertStmt, env: Env, w: WriteContext, defaults: DefaultFn): DmlResult {
  const table = s.table;
  const ncols = table.columns.length;
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const given = new Set(s.columns);
  const fillDefaults = (row: unknown[]) => {
    for (const c of table.columns) {
      if (c.dropped) { row[c.attnum - 1] = null; continue; }
      if (!given.has(c.attnum)) row[c.attnum - 1] = defaults(table, c.attnum, env);
    }
  };
  const onConflict = s.onConflict;
  const conflictSets = onConflict?.sets.map(x => ({ attnum: x.attnum, fn: isDefault(x.expr) ? null : compile(x.expr, runSubquery) })) ?? [];
  const conflictWhere = onConflict?.where ? compile(onConflict.where, runSubquery) : null;
  const arbiters = onConflict ? table.indexes.filter(ix => ix.unique && (!onConflict.arbiter || sameSet(ix.columns, onConflict.arbiter))) : [];
  if (onConflict?.arbiter && arbiters.length === 0) {
    throw new PgError('42P10', 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
  }
  const insertOne = (row: unknown[]) => {
    for (const c of table.columns) {
      if (c.identity === 'a' && given.has(c.attnum) && !s.overridingSystem && !rowDefaulted.has(c.attnum)) {
        throw new PgError('428C9', `cannot insert a non-DEFAULT value into column "${c.name}"`,
          { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.`, hint: 'Use OVERRIDING SYSTEM VALUE to override.' });
      }
    }
    if (onConflict) {
      const existing = findConflict(w, table, arbiters, row);
      if (existing) {
        if (onConflict.action === 'nothing') return;
        const f: Frame = [existing.data, existing, row, null];
        if (conflictWhere && conflictWhere(f, env) !== true) return;
        const next = existing.data.slice();
        for (const x of conflictSets) next[x.attnum - 1] = x.fn ? x.fn(f, env) : defaults(table, x.attnum, env);
        const t = updateRow(w, table, existing, next);
        count++;
        if (ret) out!.push(ret.map(r => r([t.data, t], env)));
        return;
      }
    }
    const t = insertRow(w, table, row);
    count++;
    if (ret) out!.push(ret.map(r => r([t.data, t], env)));
  };
  let rowDefaulted = new Set<number>();
  if (s.values) {
    const rows = s.values.map(r => r.map(e => (isDefault(e) ? null : compile(e, runSubquery))));
    for (const r of rows) {
      const row = new Array(ncols).fill(null);
      fillDefaults(row);
      rowDefaulted = new Set();
      for (let i = 0; i < r.length; i++) {
        const att = s.columns[i];
        const fn = r[i];
        if (fn) row[att - 1] = fn([], env);
        else { row[att - 1] = defaults(table, att, env); rowDefaulted.add(att); }
      }
      insertOne(row);
    }
  } else {
    const rows = runSubquery(s.select!, env);
    for (const r of rows) {
      const row = new Array(ncols).fill(null);
      fillDefaults(row);
      rowDefaulted = new Set();
      for (let i = 0; i < s.columns.length; i++) row[s.columns[i] - 1] = r[i];
      insertOne(row);
    }
  }
  return { count, rows: out };
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every(x => b.includes(x));
}

function findConflict(w: WriteContext, table: Table, arbiters: Table['indexes'], row: unknown[]): Tuple | null {
  for (const ix of arbiters) {
    const key = indexKey(ix, row);
    if (key.some(v => v === null) && !ix.nullsNotDistinct) continue;
    let found: Tuple | null = null;
    ix.tree.scanEqual(key, t => { if (isLive(t, w.tm, w.top)) { found = t; return false; } });
    if (found) return found;
  }
  return null;
}

/** The target rows of UPDATE/DELETE: visible rows of entry 0 matching WHERE (joined with FROM/USING). */
function targets(q: UpdateStmt['query'], env: Env, fn: (f: Frame, t: Tuple, table: Table) => void): void {
  const width = q.entries.length * 2;
  const producer = compilePlan(planFrom(q), width);
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

function tableOf(root: Table, t: Tuple): Table {
  if (t.rel === root.oid) return root;
  const stack = [...root.children];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.oid === t.rel) return c;
    stack.push(...c.children);
  }
  return root;
}

export function execUpdate(s: UpdateStmt, env: Env, w: WriteContext, defaults: DefaultFn): DmlResult {
  const sets = s.sets.map(x => ({ attnum: x.attnum, name: s.table.columns[x.attnum - 1].name, fn: isDefault(x.expr) ? null : compile(x.expr, runSubquery) }));
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  targets(s.query, env, (f, t, table) => {
    if (!isLive(t, w.tm, w.top)) return;
    let row: unknown[];
    if (table === s.table) {
      row = t.data.slice();
      for (const x of sets) row[x.attnum - 1] = x.fn ? x.fn(f, env) : defaults(table, x.attnum, env);
    } else {
      // a child table: columns matched by name
      row = t.data.slice();
      for (const x of sets) {
        const c = table.columns.find(c => !c.dropped && c.name === x.name)!;
        row[c.attnum - 1] = x.fn ? x.fn(f, env) : defaults(table, c.attnum, env);
      }
    }
    const nt = updateRow(w, table, t, row);
    count++;
    if (ret) { const g = f.slice(); g[0] = table === s.table ? nt.data : f[0]; g[1] = nt; out!.push(ret.map(r => r(g, env))); }
  });
  return { count, rows: out };
}

export function execDelete(s: DeleteStmt, env: Env, w: WriteContext): DmlResult {
  const ret = compileReturning(s.returning);
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  targets(s.query, env, (f, t, table) => {
    if (!isLive(t, w.tm, w.top)) return;
    deleteRow(w, table, t);
    count++;
    if (ret) out!.push(ret.map(r => r(f, env)));
  });
  return { count, rows: out };
}
