// Which row versions a reader sees (PostgreSQL's HeapTupleSatisfiesMVCC), and which are
// "live" (the latest committed state plus the transaction's own changes) for key checks.
// Several transactions may write at once: a version made or removed by a running
// transaction is seen by no one else; row locks (rowlocks.ts) make writers of one row wait.
import type { SsiHandle } from './ssi.js';
import { FROZEN_XID, type Snapshot, type TransactionManager } from './transactions.js';
import type { Tuple } from './tuple.js';
import type { Heap } from './heap.js';

export interface ReadView {
  tm: TransactionManager;
  snap: Snapshot;
  /** The reader's top-level xid, 0 when it has none. */
  top: number;
  /** The reader's command id: its own changes made by commands < cid are visible. */
  cid: number;
  /** A SERIALIZABLE reader: scans record what they read (ssi.ts). */
  ssi?: SsiHandle | null;
}

/**
 * A statement's ReadView, made by a constructor rather than an object literal: V8 may pretenure
 * a literal's allocation site, and a pretenured per-statement object, dead after its statement,
 * keeps what it points to alive through every scavenge until the next full GC.
 */
export class StatementView implements ReadView {
  // (declared and assigned in the constructor: field declarations, ES2022's define semantics,
  // would run as an initializer function of their own per object)
  declare tm: TransactionManager;
  declare snap: Snapshot;
  declare top: number;
  declare cid: number;
  declare ssi: SsiHandle | null;
  constructor(tm: TransactionManager, snap: Snapshot, top: number, cid: number, ssi: SsiHandle | null = null) {
    this.tm = tm; this.snap = snap; this.top = top; this.cid = cid; this.ssi = ssi;
  }
}

export function isVisible(t: Tuple, v: ReadView): boolean {
  const tm = v.tm, snap = v.snap, own = v.top, xmin = t.xmin;
  // an xid below the snapshot's xmin (and so its top-level transaction) had ended when the
  // snapshot was taken: visible exactly when it committed, and not the reader's own (whose
  // xid, when it has one, is running in or began after the snapshot — the test of `own` keeps
  // that assumption checked rather than trusted)
  const settled = own === 0 || own >= snap.xmin;
  if (xmin < snap.xmin && settled) {
    if (!tm.committed(xmin)) return false;
  } else if (xmin !== FROZEN_XID && own !== 0 && tm.top(xmin) === own) {
    if (tm.isAborted(xmin) || t.cmin >= v.cid) return false;
  } else if (!tm.committedFor(xmin, snap)) return false;
  const xmax = t.xmax;
  if (xmax === 0) return true;
  if (xmax < snap.xmin && settled) return !tm.committed(xmax);
  if (own !== 0 && tm.top(xmax) === own) return tm.isAborted(xmax) || t.cmax >= v.cid;
  return !tm.committedFor(xmax, snap);
}

/**
 * Live right now for the writer `top`, whatever its command id: created by a committed
 * or by its own transaction and not deleted by either (a running transaction's changes
 * are not seen). Foreign-key checks look at this, as PostgreSQL's see the latest state.
 */
export function isLive(t: Tuple, tm: TransactionManager, top: number): boolean {
  const xmin = t.xmin;
  if (xmin !== FROZEN_XID) {
    if (tm.isAborted(xmin)) return false;
    if (!(top !== 0 && tm.top(xmin) === top) && !tm.committed(xmin)) return false;
  }
  const xmax = t.xmax;
  if (xmax === 0 || tm.isAborted(xmax)) return true;
  return !(tm.committed(xmax) || (top !== 0 && tm.top(xmax) === top));
}

/** No transaction can ever see it again: a vacuum may remove it. */
export function isDead(t: Tuple, tm: TransactionManager): boolean {
  if (tm.isAborted(t.xmin)) return true;
  return t.xmax !== 0 && !tm.isAborted(t.xmax) && tm.committed(t.xmax);
}

/**
 * How many leading versions of `tuples` (the heap's array) the reader sees exactly when
 * their xmax is 0, without a check each: every one was created by a transaction that
 * committed before any transaction the snapshot saw running began, and none of them is the
 * reader's. A version whose xmax is set still needs isVisible. The prefix only grows (a
 * commit is final), so it is extended here from where the last scan left it; a new array
 * (vacuum) or another transaction manager starts it over.
 */
export function settledPrefix(heap: Heap, tuples: Tuple[], v: ReadView): number {
  const tm = v.tm;
  if (heap.settledOf !== tuples || heap.settledBy !== tm) {
    heap.settledOf = tuples; heap.settledBy = tm; heap.settled = 0; heap.settledTop = 0;
  }
  let n = heap.settled, top = heap.settledTop;
  for (const len = tuples.length; n < len; n++) {
    const xmin = tuples[n].xmin;
    if (xmin === FROZEN_XID) continue;
    if (!tm.committed(xmin)) break;
    const t = tm.top(xmin);
    if (t > top) top = t;
  }
  heap.settled = n; heap.settledTop = top;
  if (n === 0 || (v.top !== 0 && v.top <= top)) return 0;
  // (below the snapshot's xmin: below xmax and below every xid it saw running)
  if (top >= v.snap.xmin) return 0;
  return n;
}
