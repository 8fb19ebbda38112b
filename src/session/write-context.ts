// The write state of one statement (integrity/'s WriteContext and executor/'s WriteTarget in
// one object, its hooks methods rather than closures made per statement), and the
// transaction's xids, assigned as PostgreSQL assigns them: lazily. A transaction takes its
// top-level xid at its first write (a row inserted, changed, deleted or locked, or DDL:
// session.ts), so that a read-only one never enters the running set (the shared snapshot
// stays valid for the next statement) nor the lock manager's table of transactions. In a
// transaction block each statement's own subtransaction xid (session.ts) is likewise made at
// the statement's first write.
//
// Reading `xid` is what a write does before it stamps a row version, so it assigns; `top` is
// read to compare (whose is this row version?) and does not: 0 matches no row version, which
// is exact, since a transaction without an xid has made none.
import type { Catalog } from '../catalog/catalog.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { RiEvent, WriteContext } from '../integrity/index.js';
import type { Env, WriteTarget } from '../executor/env.js';
import type { Snapshot, TransactionManager } from '../storage/transactions.js';
import type { SsiHandle } from '../storage/ssi.js';
import type { LockManager, LockOwner } from '../storage/locks.js';
import { aliasXid } from '../executor/system-columns.js';
import type { Txn } from './txn.js';

/** What a statement's writes need from the session. */
export interface WriteHost extends LockOwner {
  readonly engine: { catalog: Catalog; tm: TransactionManager; locks: LockManager };
  evalCheck(c: Constraint, row: unknown[], t: Txn): unknown;
  evalStoredExpr(table: Table, expr: unknown, row: unknown[], t: Txn): unknown;
  defaultValue(table: Table, attnum: number, t: Txn, stmtEnv?: Env): unknown;
  formatValue(v: unknown, typeOid: number): string;
}

/** The transaction's top-level xid, assigned now if it has none yet. */
export function assignTop(host: WriteHost, t: Txn): number {
  if (t.top === 0) {
    t.top = host.engine.tm.begin();
    host.engine.locks.registerXact(t.top, host);
    // (without a savepoint, which assigns the top-level xid first, writes went to the top-level xid)
    if (t.xid === 0) t.xid = t.top;
  }
  return t.top;
}

/** The xid the transaction writes under now, assigned (with the top-level one) at its first write. */
export function assignXid(host: WriteHost, t: Txn): number {
  if (t.top === 0) assignTop(host, t);
  if (t.stmtSub) {
    t.stmtSub = false;
    const shown = t.xid;
    t.xid = host.engine.tm.beginSub(t.top);
    aliasXid(t.xid, shown); // xmin shows the transaction's (or savepoint's) xid, as in PostgreSQL
    if (t.savepoints.length) t.stmtXids.push(t.xid);
  }
  return t.xid;
}

/** Statements that may run without an xid until they write a row: the others (DDL …) take one first. */
const LAZY_XID = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'VariableSetStmt', 'VariableShowStmt',
  'DeclareCursorStmt', 'FetchStmt', 'ClosePortalStmt', 'PrepareStmt', 'DeallocateStmt']);
const EXPLAINED_LAZY = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
/** May this statement start without an xid (none is assigned until it writes a row)? */
export function lazyXid(kind: string, node: any): boolean {
  if (kind === 'SelectStmt') return !node.intoClause;
  if (kind === 'ExplainStmt') {
    const q = node.query ?? {};
    for (const k in q) return EXPLAINED_LAZY.has(k) && !q[k]?.intoClause;
    return false;
  }
  return LAZY_XID.has(kind);
}

const NO_EVENTS: readonly RiEvent[] = [];

// (fields declared and assigned in the constructor: ES2022 class field initializers run as a
// separate initializer function per object, which cost more than the object itself)
export class StatementWrite implements WriteContext, WriteTarget {
  declare readonly catalog: Catalog;
  declare readonly tm: TransactionManager;
  declare cid: number;
  declare deferred: RiEvent[];
  declare deferAll: boolean | null;
  declare deferByConstraint: Map<Constraint, boolean>;
  declare xactSnapshot: boolean;
  declare snap: Snapshot | undefined;
  declare ssi: SsiHandle | null;
  declare beforeRow: WriteContext['beforeRow'];
  declare afterRow: WriteContext['afterRow'];
  declare triggerState: unknown;
  private declare readonly host: WriteHost;
  private declare readonly t: Txn;
  private declare defaultsFn: WriteTarget['defaults'] | null;
  /** The events queued (`queue`), made at the first use: a statement that writes nothing queues none. */
  private declare events: RiEvent[] | null;

  constructor(host: WriteHost, t: Txn) {
    this.host = host;
    this.t = t;
    this.catalog = host.engine.catalog;
    this.tm = host.engine.tm;
    this.cid = t.cid;
    this.events = null;
    this.deferred = t.deferred;
    this.deferAll = t.deferAll;
    this.deferByConstraint = t.deferBy;
    this.xactSnapshot = t.isolation === 'repeatable read' || t.isolation === 'serializable';
    this.snap = t.snapshot ?? undefined;
    this.ssi = t.ssi?.handle ?? null;
    this.beforeRow = undefined;
    this.afterRow = undefined;
    this.triggerState = undefined;
    this.defaultsFn = null;
  }

  /** The integrity events to check at the end of the statement (integrity/). */
  get queue(): RiEvent[] {
    // a copy, not an array literal: V8 pretenured that literal's site, and an old array, dead
    // after its statement, kept the events pushed to it alive through scavenges (W1: ≈ 130
    // bytes per row promoted)
    return (this.events ??= NO_EVENTS.slice());
  }

  set queue(events: RiEvent[]) {
    this.events = events;
  }

  /** Whether any event is queued (without making the queue). */
  get queued(): boolean {
    return this.events !== null && this.events.length > 0;
  }

  get xid(): number {
    const t = this.t;
    return t.xid !== 0 && !t.stmtSub ? t.xid : assignXid(this.host, t);
  }

  get top(): number {
    return this.t.top;
  }

  /** (WriteTarget's: the executor writes through `target.w`.) */
  get w(): WriteContext {
    return this;
  }

  checkRow(c: Constraint, row: unknown[]): unknown {
    return this.host.evalCheck(c, row, this.t);
  }

  evalExpr(table: Table, expr: unknown, row: unknown[]): unknown {
    return this.host.evalStoredExpr(table, expr, row, this.t);
  }

  defaultValue(table: Table, attnum: number): unknown {
    return this.host.defaultValue(table, attnum, this.t);
  }

  formatValue(v: unknown, typeOid: number): string {
    return this.host.formatValue(v, typeOid);
  }

  /** WriteTarget's: a column's DEFAULT in the statement's own environment (snapshot, clock); made when first asked for (INSERT takes it apart). */
  get defaults(): WriteTarget['defaults'] {
    return (this.defaultsFn ??= (table, attnum, env) => this.host.defaultValue(table, attnum, this.t, env));
  }
}
