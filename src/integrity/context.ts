// What the integrity layer needs from the running transaction and the executor.
import type { Catalog } from '../catalog/catalog.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { Snapshot, TransactionManager } from '../storage/transactions.js';
import type { SsiHandle } from '../storage/ssi.js';
import type { Tuple } from '../storage/tuple.js';

/** A queued referential-integrity check or action (an "after row" trigger event). */
export interface RiEvent {
  c: Constraint;
  kind: 'check' | 'pkdel' | 'pkupd' | 'unique' | 'exclusion' | 'trigger';
  /** check: the new child row; pkdel/pkupd: the old parent row; unique/exclusion: the row to recheck. */
  tuple: Tuple;
  /** pkupd: the new parent row. */
  newTuple?: Tuple;
  /** trigger: a user trigger's AFTER event (src/triggers); c is then its constraint's stand-in. */
  fire?: () => void;
}

export interface WriteContext {
  catalog: Catalog;
  tm: TransactionManager;
  /** xid that writes (the current subtransaction's). */
  xid: number;
  /** The top-level transaction. */
  top: number;
  /** Current command id; bumped between RI actions so each sees the previous ones. */
  cid: number;
  /** Events of the current statement (or RI action), fired when it ends. */
  queue: RiEvent[];
  /** Events of deferred constraints, fired at COMMIT. */
  deferred: RiEvent[];
  /** SET CONSTRAINTS state: per constraint, or for all. */
  deferAll: boolean | null;
  deferByConstraint: Map<Constraint, boolean>;
  /** Evaluates a CHECK constraint against a row: true, false or null. */
  checkRow(c: Constraint, row: unknown[]): unknown;
  /** The value a column's DEFAULT gives now (null if none). */
  defaultValue(table: Table, attnum: number): unknown;
  /** PostgreSQL's text of a value of a type. */
  formatValue(v: unknown, typeOid: number): string;
  /** Evaluates an expression the table stores as parsed (a partition key expression) on a row of it. */
  evalExpr?(table: Table, expr: unknown, row: unknown[]): unknown;
  /** REPEATABLE READ and SERIALIZABLE: a row changed by a concurrent transaction is a serialization failure (concurrency.ts). */
  xactSnapshot?: boolean;
  /** The transaction's snapshot (REPEATABLE READ) or the statement's. */
  snap?: Snapshot;
  /** SERIALIZABLE: the rw-conflicts of its writes and key checks (storage/ssi.ts). */
  ssi?: SsiHandle | null;
  /** BEFORE ROW triggers of a row an RI action changes (src/triggers): the row to write, or null to skip it. */
  beforeRow?: ((ctx: WriteContext, table: Table, event: 'UPDATE' | 'DELETE', old: Tuple, row: unknown[] | null) => unknown[] | null) | null;
  /** Row triggers (src/triggers): told of each row written, to queue AFTER ROW trigger events. */
  afterRow?: ((ctx: WriteContext, table: Table, event: 'INSERT' | 'UPDATE' | 'DELETE', old: Tuple | null, row: Tuple | null) => void) | null;
  /** What the two hooks above need of the statement (src/triggers owns it): set once per write context. */
  triggerState?: unknown;
}

/** Is this constraint's checking deferred right now? */
export function isDeferred(ctx: WriteContext, c: Constraint): boolean {
  if (!c.deferrable) return false;
  const own = ctx.deferByConstraint.get(c);
  if (own !== undefined) return own;
  if (ctx.deferAll !== null) return ctx.deferAll;
  return c.initiallyDeferred;
}
