// INSERT: rows computed by compiled expressions (or a SELECT), defaults filled in, then
// written through integrity/ (constraints, foreign-key events) with ON CONFLICT, BEFORE ROW
// triggers, RETURNING and WITH CHECK OPTION. What depends on the statement alone is worked
// out once per analyzed statement (the statement cache reuses it): a load of one-row INSERTs
// then pays only for its row.
import { exclusionArbiterConflict } from '../integrity/exclusion.js';
import { indexHolds } from '../catalog/index-keys.js';
import { PgError } from '../errors/index.js';
import type { InsertStmt } from '../analyzer/dml.js';
import type { Column, Index, Table } from '../catalog/objects.js';
import { indexKey, insertRow, routeRow, rowForTarget, updateRow, type WriteContext } from '../integrity/index.js';
import type { Tuple } from '../storage/tuple.js';
import { conflictVisible, lockChildForAction, uniqueClash } from '../integrity/concurrency.js';
import { compile } from './compile.js';
import type { Compiled, Env, Frame, WriteTarget } from './env.js';
import { runSubquery } from './query.js';
import { compileViewChecks } from './view-check.js';
import { fireBeforeRow, fireStatement, hasRowTriggers } from '../triggers/fire.js';
import { transitionCapture, type Capture } from '../triggers/transition.js';
import { insteadView } from '../triggers/instead.js';
import { anyPartitionTriggers } from '../triggers/partition.js';
import { checkPartitionConstraint, convertRow } from '../integrity/partition-routing.js';
import { compileReturning, compileSets, isDefault } from './dml-sets.js';

export interface DmlResult { count: number; rows: unknown[][] | null }

/** What an INSERT needs that depends only on the statement and its table's definition. */
interface InsertPrep {
  columns: Column[];
  ncols: number;
  /** The catalog's version it was worked out at. */
  version: number;
  given: Set<number>;
  /** Live columns the statement names none of: each gets its default. */
  defaulted: number[];
  /** GENERATED ALWAYS identity columns given a value: refused unless the row says DEFAULT (or OVERRIDING SYSTEM VALUE). */
  alwaysGiven: Column[];
  /** OVERRIDING USER VALUE: identity columns given a value, which their default replaces. */
  userOverridden: Column[];
  ret: Compiled[] | null;
  viewChecks: ReturnType<typeof compileViewChecks>;
  conflictWhere: Compiled | null;
  updatedCols: Set<number> | null;
  /** VALUES rows compiled (null for a DEFAULT item). */
  values: (Compiled | null)[][] | null;
}

const preps = new WeakMap<InsertStmt, InsertPrep>();

function prepare(s: InsertStmt, catalogVersion: number): InsertPrep {
  const table = s.table;
  const hit = preps.get(s);
  // any catalog change (a column added, an identity altered) works it out again
  if (hit && hit.version === catalogVersion && hit.columns === table.columns && hit.ncols === table.columns.length) return hit;
  const given = new Set(s.columns);
  // the rewriter refuses a value for a GENERATED ALWAYS identity column before any row is made
  if (!s.overridingSystem && !s.overridingUser && !insteadView(table)) {
    s.columns.forEach((att, i) => {
      const c = table.columns[att - 1];
      if (c?.identity !== 'a' || (s.values && s.values.every(r => i >= r.length || isDefault(r[i])))) return;
      throw new PgError('428C9', `cannot insert a non-DEFAULT value into column "${c.name}"`,
        { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.`, hint: 'Use OVERRIDING SYSTEM VALUE to override.' });
    });
  }
  const onConflict = s.onConflict;
  const prep: InsertPrep = {
    columns: table.columns, ncols: table.columns.length, version: catalogVersion, given,
    defaulted: table.columns.filter(c => !c.dropped && !given.has(c.attnum)).map(c => c.attnum),
    alwaysGiven: s.overridingSystem ? [] : table.columns.filter(c => c.identity === 'a' && given.has(c.attnum)),
    userOverridden: s.overridingUser ? table.columns.filter(c => c.identity && given.has(c.attnum)) : [],
    ret: compileReturning(s.returning),
    viewChecks: compileViewChecks(s.checks),
    conflictWhere: onConflict?.where ? compile(onConflict.where, runSubquery) : null,
    updatedCols: onConflict?.action === 'update' ? new Set(onConflict.sets.map(x => x.attnum)) : null,
    values: s.values ? s.values.map(r => r.map(e => (isDefault(e) ? null : compile(e, runSubquery)))) : null,
  };
  preps.set(s, prep);
  return prep;
}

/**
 * The array a row version keeps, copied from the values computed (up to eight columns): an
 * array literal's allocation site is tracked by V8, which, seeing its arrays outlive the young
 * generation, allocates them in the old one directly (as it does the row version) instead of
 * copying each row twice through scavenges; `new Array(n)` is not tracked so. (W1: ≈ 75 bytes
 * per row fewer promoted.) The copy has exactly the row's length, as the values array has.
 */
function rowOf(v: unknown[]): unknown[] {
  switch (v.length) {
    case 1: return [v[0]];
    case 2: return [v[0], v[1]];
    case 3: return [v[0], v[1], v[2]];
    case 4: return [v[0], v[1], v[2], v[3]];
    case 5: return [v[0], v[1], v[2], v[3], v[4]];
    case 6: return [v[0], v[1], v[2], v[3], v[4], v[5]];
    case 7: return [v[0], v[1], v[2], v[3], v[4], v[5], v[6]];
    case 8: return [v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]];
    default: return v;
  }
}

/**
 * A new row of n nulls (up to eight columns) that becomes the version's values array itself:
 * as rowOf's copies, from array literals (tracked allocation sites; elements not constant, so
 * not copy-on-write), so the values are written once into the array kept, with no array made
 * to be copied and dropped (W1: 80 bytes per row). Longer rows are a plain array.
 */
function newRow(n: number): unknown[] {
  const z = null;
  switch (n) {
    case 1: return [z];
    case 2: return [z, z];
    case 3: return [z, z, z];
    case 4: return [z, z, z, z];
    case 5: return [z, z, z, z, z];
    case 6: return [z, z, z, z, z, z];
    case 7: return [z, z, z, z, z, z, z];
    case 8: return [z, z, z, z, z, z, z, z];
    default: return new Array(n).fill(null);
  }
}

/** The frame VALUES expressions are evaluated in: no row (frozen: nothing may write to it). */
const NO_ROW: Frame = Object.freeze([]) as unknown as Frame;

export function execInsert(s: InsertStmt, env: Env, target: WriteTarget): DmlResult {
  const w = target.w;
  const table = s.table;
  const prep = prepare(s, w.catalog.version);
  const doUpdate = s.onConflict?.action === 'update';
  fireStatement(env, w, table, 'BEFORE', 'INSERT');
  if (doUpdate) fireStatement(env, w, table, 'BEFORE', 'UPDATE', prep.updatedCols);
  // a partitioned table's rows meet the BEFORE triggers of the partition they go to
  const beforeInsert = table.partitionKey ? anyPartitionTriggers(table) : hasRowTriggers(table, 'BEFORE', 'INSERT');
  const captured = transitionCapture(table, 'INSERT');
  const instead = insteadView(table);
  const res = prep.values && !s.onConflict && !beforeInsert && !instead && !prep.alwaysGiven.length && !prep.userOverridden.length
    ? insertValues(s, env, target, prep, captured) : insertRows(s, env, target, prep, beforeInsert, captured, instead);
  if (doUpdate) fireStatement(env, w, table, 'AFTER', 'UPDATE', prep.updatedCols);
  fireStatement(env, w, table, 'AFTER', 'INSERT', null, captured);
  return res;
}

/**
 * INSERT … VALUES with nothing between the row and its writing (no ON CONFLICT, BEFORE ROW or
 * INSTEAD OF trigger, identity override): a plain loop, with no per-statement closures.
 */
function insertValues(s: InsertStmt, env: Env, target: WriteTarget, prep: InsertPrep, captured: Capture | null): DmlResult {
  const { w, defaults } = target;
  const table = s.table;
  const ncols = table.columns.length;
  const { ret, viewChecks, defaulted } = prep;
  const values = prep.values!, cols = s.columns;
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  for (let k = 0; k < values.length; k++) {
    const r = values[k];
    const row = newRow(ncols);
    for (let i = 0; i < defaulted.length; i++) row[defaulted[i] - 1] = defaults(table, defaulted[i], env);
    try {
      for (let i = 0; i < r.length; i++) {
        const fn = r[i];
        row[cols[i] - 1] = fn ? fn(NO_ROW, env) : defaults(table, cols[i], env);
      }
      const t = insertRow(w, table, row);
      viewChecks?.(row, table, env);
      count++;
      captured?.new!.push(rowForTarget(table, t));
      // a row routed to a partition is returned in the named table's layout
      if (ret) { const f = [rowForTarget(table, t), t]; out!.push(ret.map(x => x(f, env))); }
    } catch (e) {
      // which row failed (COPY names its line)
      if (e instanceof PgError && e.valuesRow === undefined) e.valuesRow = k;
      throw e;
    }
  }
  return { count, rows: out };
}

/** Any INSERT: each row through ON CONFLICT, BEFORE ROW / INSTEAD OF triggers and identity rules as they apply. */
function insertRows(s: InsertStmt, env: Env, target: WriteTarget, prep: InsertPrep, beforeInsert: boolean, captured: Capture | null,
  instead: ReturnType<typeof insteadView>): DmlResult {
  const { w, defaults } = target;
  const table = s.table;
  const ncols = table.columns.length;
  const { ret, viewChecks, conflictWhere, updatedCols, defaulted, alwaysGiven, userOverridden } = prep;
  const out: unknown[][] | null = ret ? [] : null;
  let count = 0;
  const onConflict = s.onConflict;
  const conflictSets = onConflict ? compileSets(onConflict.sets, target) : null;
  const arbiters = onConflict ? onConflict.arbiters ?? table.indexes.filter(ix => ix.unique || ix.exclusion) : [];
  // the columns of the current row given DEFAULT (made only when one is)
  let rowDefaulted: Set<number> | null = null;
  const beforeUpdate = onConflict?.action === 'update' && hasRowTriggers(table, 'BEFORE', 'UPDATE');
  const newRow = (): unknown[] => {
    const row = new Array(ncols).fill(null);
    for (let i = 0; i < defaulted.length; i++) row[defaulted[i] - 1] = defaults(table, defaulted[i], env);
    rowDefaulted = null;
    return row;
  };
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
    for (const c of alwaysGiven) {
      if (!rowDefaulted?.has(c.attnum)) {
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
    row = rowOf(row); // (INSERT … SELECT of 300,000 rows: −10 % CPU)
    const t = insertRow(w, table, row);
    viewChecks?.(row, table, env);
    count++;
    captured?.new!.push(rowForTarget(table, t));
    // a row routed to a partition is returned in the named table's layout
    if (ret) out!.push(ret.map(r => r([rowForTarget(table, t), t], env)));
  };
  const values = prep.values;
  if (values) {
    const cols = s.columns;
    for (let k = 0; k < values.length; k++) {
      const r = values[k];
      const row = newRow();
      try {
        for (let i = 0; i < r.length; i++) {
          const att = cols[i];
          const fn = r[i];
          if (fn) row[att - 1] = fn(NO_ROW, env);
          else { row[att - 1] = defaults(table, att, env); ((rowDefaulted as Set<number> | null) ??= new Set()).add(att); }
        }
        insertOne(row);
      } catch (e) {
        // which row failed (COPY names its line)
        if (e instanceof PgError && e.valuesRow === undefined) e.valuesRow = k;
        throw e;
      }
    }
  } else {
    const rows = runSubquery(s.select!, env);
    for (const r of rows) {
      const row = newRow();
      for (let i = 0; i < s.columns.length; i++) row[s.columns[i] - 1] = r[i];
      insertOne(row);
    }
  }
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
