// Exclusion constraints (check_exclusion_or_unique_constraint): a new or updated row conflicts
// with another live row when every key column's operator holds between them. The other rows
// are found by a scan of the table (no gist index is kept); a row inserted or deleted by a
// running transaction is waited for, as unique checks do, and a deferrable constraint queues
// a recheck instead (at the end of the statement, or at COMMIT when deferred).
import { PgError } from '../errors/index.js';
import type { Index, Table } from '../catalog/objects.js';
import type { Tuple } from '../storage/tuple.js';
import { indexColumns, indexHolds, indexKeyOf } from '../catalog/index-keys.js';
import { isLive } from '../storage/visibility.js';
import { operatorsNamed, type EvalContext, type OperatorDef } from '../types/registry.js';
import { defaultFormatSettings } from '../types/type.js';
import { uniqueClash } from './concurrency.js';
import type { RiEvent, WriteContext } from './context.js';
import { OID } from '../types/oids.js';

const evalCtx: EvalContext = { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 };

/** The operator `type name type` returning boolean, or undefined (the exclusion operator must take the key's type on both sides). */
export function exclusionOperator(name: string, type: number): OperatorDef | undefined {
  const op = (operatorsNamed(name) ?? []).find(o => o.left === type && o.right === type && o.ret === OID.bool);
  return op?.bind ? { ...op, fn: op.bind(type, type) } : op;
}

const opsCache = new WeakMap<Index, { types: string; ops: OperatorDef[] }>();

/** The constraint's operators for its key columns' current types (ALTER COLUMN TYPE may change them). */
function operatorsOf(index: Index): OperatorDef[] {
  const cols = indexColumns(index).filter(c => c.key);
  const types = cols.map(c => c.typeOid).join(',');
  const cached = opsCache.get(index);
  if (cached && cached.types === types) return cached.ops;
  const ops = index.exclusion!.map((name, i) => {
    const op = exclusionOperator(name, cols[i].typeOid);
    if (!op) throw new PgError('42883', `operator does not exist: ${name}`);
    return op;
  });
  opsCache.set(index, { types, ops });
  return ops;
}

/** BuildIndexValueDescription: each key column as pg_get_indexdef prints it, with its value. */
function keyText(ctx: WriteContext, index: Index, key: unknown[]): string {
  const cols = indexColumns(index).filter(c => c.key);
  const names = cols.map(c => (c.expr ? (c.expr.funcLike ? c.expr.pretty : `(${c.expr.pretty})`) : c.name));
  const vals = key.map((v, i) => (v === null ? 'null' : ctx.formatValue(v, cols[i].typeOid)));
  return `Key (${names.join(', ')})=(${vals.join(', ')})`;
}

function conflicts(ops: OperatorDef[], a: unknown[], b: unknown[]): boolean {
  for (let i = 0; i < ops.length; i++) {
    // a null key never conflicts (the operators are strict)
    if (a[i] === null || b[i] === null) return false;
    if (ops[i].fn(a[i], b[i], evalCtx) !== true) return false;
  }
  return true;
}

const keyFn = indexKeyOf;
const text = keyText;

/** The first other row version the new one conflicts with; a running writer's is waited for unless `noWait`. */
function findConflict(ctx: WriteContext, index: Index, self: Tuple | null, key: unknown[], noWait: boolean): Tuple | null {
  const ops = operatorsOf(index);
  if (key.some(v => v === null)) return null;
  for (const t of index.table.heap.tuples) {
    if (t === self || (index.predicate && !indexHolds(index, t.data))) continue;
    if (!conflicts(ops, key, keyFn(index, t.data))) continue;
    if (uniqueClash(ctx, t, noWait)) return t;
  }
  return null;
}

/** INSERT … ON CONFLICT DO NOTHING with an exclusion arbiter: an existing row the new one conflicts with (waiting for a running writer). */
export function exclusionArbiterConflict(ctx: WriteContext, index: Index, row: unknown[]): Tuple | null {
  if (index.predicate && !indexHolds(index, row)) return null;
  return findConflict(ctx, index, null, keyFn(index, row), false);
}

export function exclusionViolation(ctx: WriteContext, table: Table, index: Index, key: unknown[], other: unknown[]): PgError {
  const name = index.constraint?.name ?? index.name;
  return new PgError('23P01', `conflicting key value violates exclusion constraint "${name}"`, {
    detail: `${text(ctx, index, key)} conflicts with existing ${text(ctx, index, other).replace(/^Key/, 'key')}.`,
    schema: table.schema.name, table: table.name, constraint: name,
  });
}

/** A row just written into an exclusion constraint's index (writer.ts insertIndexes). */
export function checkExclusion(ctx: WriteContext, table: Table, index: Index, tuple: Tuple, queue: (ev: RiEvent) => void): void {
  const key = keyFn(index, tuple.data);
  const deferrable = !!index.constraint?.deferrable;
  const other = findConflict(ctx, index, tuple, key, deferrable);
  if (!other) return;
  if (deferrable && index.constraint) { queue({ c: index.constraint, kind: 'exclusion', tuple }); return; }
  throw exclusionViolation(ctx, table, index, key, keyFn(index, other.data));
}

/** A deferrable exclusion constraint's recheck: is the conflict still there? */
export function recheckExclusion(ctx: WriteContext, ev: RiEvent): void {
  if (!isLive(ev.tuple, ctx.tm, ctx.top)) return;
  const index = ev.c.index!;
  const key = keyFn(index, ev.tuple.data);
  const other = findConflict(ctx, index, ev.tuple, key, false);
  if (other) throw exclusionViolation(ctx, index.table, index, key, keyFn(index, other.data));
}

/** Existing rows when the constraint is added (ALTER TABLE ADD EXCLUDE): a conflicting pair fails as PostgreSQL's index build does. */
export function checkExistingExclusion(ctx: WriteContext, index: Index): void {
  const ops = operatorsOf(index);
  const live = index.table.heap.tuples.filter(t => isLive(t, ctx.tm, ctx.top) && (!index.predicate || indexHolds(index, t.data)));
  const keys = live.map(t => keyFn(index, t.data));
  for (let i = 0; i < live.length; i++) {
    if (keys[i].some(v => v === null)) continue;
    // each row is checked against all the others, in heap order (IndexCheckExclusion)
    for (let j = 0; j < live.length; j++) {
      if (j === i || !conflicts(ops, keys[i], keys[j])) continue;
      const name = index.constraint?.name ?? index.name;
      throw new PgError('23P01', `could not create exclusion constraint "${name}"`, {
        detail: `${text(ctx, index, keys[i])} conflicts with ${text(ctx, index, keys[j]).replace(/^Key/, 'key')}.`,
        schema: index.table.schema.name, table: index.table.name, constraint: name,
      });
    }
  }
}
