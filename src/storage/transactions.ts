// Transaction ids, their fate, and snapshots (PostgreSQL's MVCC model, in memory).
// A subtransaction (SAVEPOINT, and each statement of a transaction block, so that a
// statement that must wait for a row lock can be undone and run again) gets its own
// xid whose top-level parent decides whether it commits; an aborted subtransaction
// stays aborted.

export const FROZEN_XID = 1;

const IN_PROGRESS = 0, COMMITTED = 1, ABORTED = 2;

export interface Snapshot {
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
  private running = new Set<number>();
  /** The snapshot of the current state, shared until an xid is handed out or a transaction ends (snapshots are never changed). */
  private current: Snapshot | null = null;
  /** Told when a top-level transaction commits or aborts, or a subtransaction aborts (the lock manager wakes its waiters). */
  onEnd: ((top: number) => void) | null = null;

  begin(): number {
    const xid = this.allocate();
    this.running.add(xid);
    return xid;
  }

  beginSub(top: number): number {
    const xid = this.allocate();
    this.topOf[xid] = top;
    return xid;
  }

  private allocate(): number {
    const xid = this.nextXid++;
    this.current = null;
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
    this.running.delete(top);
    this.current = null;
    this.onEnd?.(top);
  }

  abort(xid: number): void {
    if (this.status[xid] === ABORTED) return;
    this.status[xid] = ABORTED;
    this.running.delete(xid);
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
    return this.status[t] === COMMITTED && t < snap.xmax && !snap.running.has(t);
  }

  /** Committed at all (for checks that read the latest committed state). */
  committed(xid: number): boolean {
    if (xid === FROZEN_XID) return true;
    if (this.status[xid] === ABORTED) return false;
    return this.status[this.top(xid)] === COMMITTED;
  }

  snapshot(): Snapshot {
    return (this.current ??= { xmax: this.nextXid, running: new Set(this.running) });
  }

  /** The oldest xid any running transaction may still need to see as not yet committed. */
  get anyRunning(): boolean {
    return this.running.size > 0;
  }
}
