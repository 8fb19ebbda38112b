// Transaction ids, their fate, and snapshots (PostgreSQL's MVCC model, in memory).
// A subtransaction (SAVEPOINT, and each statement of a transaction block, so that a
// statement that must wait for a row lock can be undone and run again) gets its own
// xid whose top-level parent decides whether it commits; an aborted subtransaction
// stays aborted.

export const FROZEN_XID = 1;

const IN_PROGRESS = 0, COMMITTED = 1, ABORTED = 2;

export interface Snapshot {
  /**
   * No xid below xmin was running when the snapshot was taken (the least running xid, else
   * xmax; PostgreSQL's snapshot xmin): such an xid, and its top-level transaction, had ended,
   * so it is visible exactly when it committed — no test of `running` needed.
   */
  xmin: number;
  /** Every xid >= xmax started after the snapshot was taken. */
  xmax: number;
  /** Top-level xids that were running when the snapshot was taken. */
  running: Set<number>;
}

export class TransactionManager {
  private nextXid = 2;
  private status: Uint8Array = new Uint8Array(1024);
  /** Top-level xid of each subtransaction xid (0 for top-level xids). */
  private topOf: Int32Array = new Int32Array(1024);
  /**
   * Holds 0 (no xid) besides the running xids, so that it never empties: V8 shrinks a Set
   * emptied by delete and grows it again at the next add, two allocations per transaction.
   * Read only here: snapshots copy it without the 0, sizes count one less.
   */
  private running = new Set<number>([0]);
  /**
   * Top-level xids whose commit record is in the log but not yet flushed: still running for
   * everyone (PostgreSQL's backend waiting in RecordTransactionCommit), committed for a
   * checkpoint taken meanwhile, which makes them durable (session/commit-visibility.ts).
   */
  private logged = new Set<number>();
  /** The snapshot of the current state, shared until a top-level xid is handed out or a transaction ends (snapshots are never changed). */
  private current: Snapshot | null = null;
  /** Told when a top-level transaction commits or aborts, or a subtransaction aborts (the lock manager wakes its waiters). */
  onEnd: ((top: number) => void) | null = null;

  begin(): number {
    const xid = this.allocate();
    this.running.add(xid);
    this.current = null;
    return xid;
  }

  beginSub(top: number): number {
    const xid = this.allocate();
    this.topOf[xid] = top;
    return xid;
  }

  private allocate(): number {
    // a subtransaction's xid leaves the current snapshot valid: visibility compares a
    // version's top-level xid with the snapshot, and its top-level transaction is either in
    // the snapshot's running set or began after it (every statement of a transaction block
    // takes a subtransaction xid: a snapshot copied per statement was most of its allocation)
    const xid = this.nextXid++;
    if (xid >= this.status.length) {
      const grown = new Uint8Array(this.status.length * 2);
      grown.set(this.status);
      this.status = grown;
      const tops = new Int32Array(grown.length);
      tops.set(this.topOf);
      this.topOf = tops;
    }
    this.status[xid] = IN_PROGRESS;
    return xid;
  }

  commit(top: number): void {
    this.status[top] = COMMITTED;
    if (top !== 0) this.running.delete(top);
    this.logged.delete(top);
    this.current = null;
    this.onEnd?.(top);
  }

  abort(xid: number): void {
    if (this.status[xid] === ABORTED) return;
    this.status[xid] = ABORTED;
    if (xid !== 0) this.running.delete(xid);
    this.logged.delete(xid);
    this.current = null;
    this.onEnd?.(xid);
  }

  top(xid: number): number {
    return (xid < this.topOf.length && this.topOf[xid]) || xid;
  }

  isAborted(xid: number): boolean {
    if (this.status[xid] === ABORTED) return true;
    const t = this.topOf[xid];
    return t !== 0 && this.status[t] === ABORTED;
  }

  /** Neither committed nor aborted yet (the xid itself and its top-level transaction). */
  isRunning(xid: number): boolean {
    if (xid === FROZEN_XID || this.status[xid] === ABORTED) return false;
    return this.status[this.top(xid)] === IN_PROGRESS;
  }

  /** Committed and visible to the snapshot. */
  committedFor(xid: number, snap: Snapshot): boolean {
    if (xid === FROZEN_XID) return true;
    if (this.status[xid] === ABORTED) return false;
    const t = this.top(xid);
    return this.status[t] === COMMITTED && (t < snap.xmin || (t < snap.xmax && !snap.running.has(t)));
  }

  /** Committed at all (for checks that read the latest committed state). */
  committed(xid: number): boolean {
    if (xid === FROZEN_XID) return true;
    if (this.status[xid] === ABORTED) return false;
    return this.status[this.top(xid)] === COMMITTED;
  }

  /** The commit record of `top` is written: it becomes visible (commit) once it is flushed. */
  markLogged(top: number): void {
    if (this.running.has(top)) this.logged.add(top);
  }

  /** Committed, or its commit record written (what a checkpoint must hold). */
  committedOrLogged(xid: number): boolean {
    if (xid === FROZEN_XID) return true;
    if (this.status[xid] === ABORTED) return false;
    const t = this.top(xid);
    return this.status[t] === COMMITTED || this.logged.has(t);
  }

  /** Some transaction is running whose commit record is not written (a checkpoint now would not hold its changes). */
  get anyUnlogged(): boolean {
    return this.running.size - 1 > this.logged.size;
  }

  snapshot(): Snapshot {
    if (this.current) return this.current;
    const running = new Set<number>();
    let xmin = this.nextXid;
    if (this.running.size > 1) {
      for (const xid of this.running) {
        if (xid === 0) continue;
        running.add(xid);
        if (xid < xmin) xmin = xid;
      }
    }
    return (this.current = { xmin, xmax: this.nextXid, running });
  }

  /** The oldest xid any running transaction may still need to see as not yet committed. */
  get anyRunning(): boolean {
    return this.running.size > 1;
  }
}

