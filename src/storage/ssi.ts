// Serializable Snapshot Isolation (PostgreSQL's predicate.c, after Cahill, Röhm and Fekete):
// SERIALIZABLE transactions run on REPEATABLE READ snapshots, record what they read as SIREAD
// locks, and rw-conflicts between concurrent ones (a reader that did not see a concurrent
// writer's change) are tracked as edges. A dangerous structure T0 →rw T1 →rw T2 in which T2
// commits first fails one transaction with 40001.
//
// Granularity: a sequential scan locks its whole table, an index scan its key (or key prefix)
// in that index. PostgreSQL locks tuples, pages and index pages; ours is coarser or as fine,
// never finer: a write checks the table lock and, in every index of the table, the keys of the
// versions it adds or removes. Transactions are not summarized (everything stays in memory
// until no overlapping transaction is left), and the read-only "safe snapshot" release is not
// done, so some PostgreSQL successes are failures here; no anomaly PostgreSQL prevents passes.
import { PgError } from '../errors/index.js';
import type { Snapshot, TransactionManager } from './transactions.js';
import type { Tuple } from './tuple.js';

/** What a key lock needs of an index: its key order (the B-tree's comparison). */
export interface KeyedIndex {
  tree: { compareKeys(a: unknown[], b: unknown[]): number };
}

export class SerializableXact {
  /** Serializable commits before this transaction's snapshot (PostgreSQL's lastCommitBeforeSnapshot). */
  snapSeq = 0;
  /** Its place in the commit order, 0 while running. */
  commitSeq = 0;
  doomed = false;
  rolledBack = false;
  didWrite = false;
  /** Committed with a rw-conflict out to a transaction that committed before it. */
  hasConflictOut = false;
  earliestOutConflictCommit = Infinity;
  readonly inConflicts = new Set<SerializableXact>();
  readonly outConflicts = new Set<SerializableXact>();
  readonly rels = new Set<number>();
  readonly keys: KeyEntry[] = [];

  constructor(readonly top: number, public readOnly: boolean, readonly snap: Snapshot) {}

  get committed(): boolean {
    return this.commitSeq > 0;
  }
}

interface KeyEntry { key: unknown[]; holders: Set<SerializableXact> }

const failure = (detail: string) => new PgError('40001', 'could not serialize access due to read/write dependencies among transactions',
  { detail: `Reason code: ${detail}`, hint: 'The transaction might succeed if retried.' });

export class SsiManager {
  private lastCommitSeq = 0;
  /** Every transaction still of interest: running, or committed while an overlapping one runs. */
  private readonly xacts = new Set<SerializableXact>();
  private readonly byTop = new Map<number, SerializableXact>();
  private readonly relLocks = new Map<number, Set<SerializableXact>>();
  /** Per index, per key length, the locked keys in key order. */
  private readonly keyLocks = new Map<KeyedIndex, Map<number, KeyEntry[]>>();

  constructor(private readonly tm: TransactionManager) {}

  /** True while some serializable transaction may still be in a conflict (writers check only then). */
  get active(): boolean {
    return this.xacts.size > 0;
  }

  begin(top: number, readOnly: boolean, snap: Snapshot): SerializableXact {
    const sx = new SerializableXact(top, readOnly, snap);
    sx.snapSeq = this.lastCommitSeq;
    this.xacts.add(sx);
    this.byTop.set(top, sx);
    return sx;
  }

  // ---- reads -------------------------------------------------------------------------------

  readRelation(sx: SerializableXact, rel: number): void {
    if (sx.rels.has(rel)) return;
    sx.rels.add(rel);
    let set = this.relLocks.get(rel);
    if (!set) this.relLocks.set(rel, set = new Set());
    set.add(sx);
  }

  readKey(sx: SerializableXact, index: KeyedIndex, key: unknown[]): void {
    const list = this.keyList(index, key.length);
    const i = this.search(index, list, key);
    let e = list[i];
    if (!e || index.tree.compareKeys(e.key, key) !== 0) {
      e = { key: key.slice(), holders: new Set() };
      list.splice(i, 0, e);
    }
    if (e.holders.has(sx)) return;
    e.holders.add(sx);
    sx.keys.push(e);
  }

  private keyList(index: KeyedIndex, len: number): KeyEntry[] {
    let byLen = this.keyLocks.get(index);
    if (!byLen) this.keyLocks.set(index, byLen = new Map());
    let list = byLen.get(len);
    if (!list) byLen.set(len, list = []);
    return list;
  }

  /** First entry whose key is >= key (keys of one length: a total order). */
  private search(index: KeyedIndex, list: KeyEntry[], key: unknown[]): number {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.tree.compareKeys(list[mid].key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * A reader met a tuple version (PostgreSQL's HeapCheckForSerializableConflictOut): an
   * invisible version made by a concurrent serializable transaction, or a visible one it
   * deleted or replaced, is a rw-conflict out from the reader to that transaction.
   */
  examine(sx: SerializableXact, t: Tuple, visible: boolean): void {
    if (sx.doomed) throw failure('Canceled on identification as a pivot, during conflict out checking.');
    const xid = visible ? t.xmax : t.xmin;
    if (xid === 0 || this.tm.isAborted(xid)) return;
    const top = this.tm.top(xid);
    if (top === sx.top) return;
    const w = this.byTop.get(top);
    if (!w || w === sx || w.doomed) return;
    if (sx.readOnly && w.committed && (!w.hasConflictOut || sx.snapSeq < w.earliestOutConflictCommit)) return;
    // a change the reader's snapshot already sees is no conflict
    if (top < sx.snap.xmax && !sx.snap.running.has(top)) return;
    if (sx.outConflicts.has(w)) return;
    this.flag(sx, w, sx);
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * `sx` writes a version of a row of table `rel` with these keys in these indexes (the new
   * version's, or the removed one's): each concurrent reader holding a lock that covers it
   * gets a rw-conflict out to `sx` (PostgreSQL's CheckForSerializableConflictIn).
   */
  write(sx: SerializableXact, rel: number, keys: [KeyedIndex, unknown[]][]): void {
    if (sx.doomed) throw failure('Canceled on identification as a pivot, during conflict in checking.');
    sx.didWrite = true;
    const holders = new Set<SerializableXact>();
    const rs = this.relLocks.get(rel);
    if (rs) for (const h of rs) holders.add(h);
    for (const [index, key] of keys) {
      const byLen = this.keyLocks.get(index);
      if (!byLen) continue;
      for (const [len, list] of byLen) {
        const k = len === key.length ? key : key.slice(0, len);
        for (let i = this.search(index, list, k); i < list.length && index.tree.compareKeys(list[i].key, k) === 0; i++) {
          for (const h of list[i].holders) holders.add(h);
        }
      }
    }
    for (const h of holders) {
      if (h === sx || h.doomed) continue;
      // a reader that committed before this transaction's snapshot is not concurrent
      if (h.committed && h.commitSeq <= sx.snapSeq) continue;
      if (h.outConflicts.has(sx)) continue;
      this.flag(h, sx, sx);
    }
  }

  /** TRUNCATE or a whole-table rewrite: any lock on the table or its indexes conflicts. */
  writeTable(sx: SerializableXact, rel: number, indexes: KeyedIndex[]): void {
    const keys: [KeyedIndex, unknown[]][] = [];
    for (const ix of indexes) {
      const byLen = this.keyLocks.get(ix);
      if (byLen) for (const list of byLen.values()) for (const e of list) keys.push([ix, e.key]);
    }
    this.write(sx, rel, keys);
  }

  /** PostgreSQL's FlagRWConflict with OnConflict_CheckForSerializationFailure; `me` is the caller's transaction. */
  private flag(reader: SerializableXact, writer: SerializableXact, me: SerializableXact): void {
    let fail = writer.committed && writer.hasConflictOut;
    if (!fail) {
      for (const t2 of writer.outConflicts) {
        if (t2.committed
          && (!reader.committed || t2.commitSeq <= reader.commitSeq)
          && (!writer.committed || t2.commitSeq <= writer.commitSeq)
          && (!reader.readOnly || t2.commitSeq <= reader.snapSeq)) { fail = true; break; }
      }
    }
    if (!fail && writer.committed && !reader.readOnly) {
      for (const t0 of reader.inConflicts) {
        if (!t0.doomed && (!t0.committed || t0.commitSeq >= writer.commitSeq)
          && (!t0.readOnly || t0.snapSeq >= writer.commitSeq)) { fail = true; break; }
      }
    }
    if (fail) {
      if (me === writer) throw failure('Canceled on identification as a pivot, during write.');
      if (writer.committed) throw failure(`Canceled on conflict out to pivot ${writer.top}, during read.`);
      writer.doomed = true;
    }
    reader.outConflicts.add(writer);
    writer.inConflicts.add(reader);
  }

  // ---- end of a transaction ------------------------------------------------------------

  /** PostgreSQL's PreCommit_CheckForSerializationFailure: a doomed transaction fails; a pivot between this one and a running one is doomed. */
  preCommit(sx: SerializableXact): void {
    if (sx.doomed) throw failure('Canceled on identification as a pivot, during commit attempt.');
    for (const near of sx.inConflicts) {
      if (near.committed || near.doomed) continue;
      for (const far of near.inConflicts) {
        if (far === sx || (!far.committed && !far.readOnly && !far.doomed)) { near.doomed = true; break; }
      }
    }
  }

  committed(sx: SerializableXact): void {
    sx.commitSeq = ++this.lastCommitSeq;
    if (!sx.didWrite) sx.readOnly = true;
    for (const w of [...sx.outConflicts]) {
      if (!w.committed) continue;
      if (!sx.readOnly) {
        sx.earliestOutConflictCommit = Math.min(sx.earliestOutConflictCommit, w.commitSeq);
        sx.hasConflictOut = true;
      }
      this.unlink(sx, w);
    }
    for (const r of [...sx.inConflicts]) if (r.committed || r.readOnly) this.unlink(r, sx);
    this.cleanup();
  }

  aborted(sx: SerializableXact): void {
    sx.doomed = sx.rolledBack = true;
    this.release(sx);
    this.cleanup();
  }

  private unlink(reader: SerializableXact, writer: SerializableXact): void {
    reader.outConflicts.delete(writer);
    writer.inConflicts.delete(reader);
  }

  /** Drops a transaction: its locks and conflicts. */
  private release(sx: SerializableXact): void {
    this.xacts.delete(sx);
    if (this.byTop.get(sx.top) === sx) this.byTop.delete(sx.top);
    for (const rel of sx.rels) {
      const set = this.relLocks.get(rel);
      set?.delete(sx);
      if (set && !set.size) this.relLocks.delete(rel);
    }
    for (const e of sx.keys) e.holders.delete(sx);
    for (const w of sx.outConflicts) w.inConflicts.delete(sx);
    for (const r of sx.inConflicts) r.outConflicts.delete(sx);
    sx.outConflicts.clear();
    sx.inConflicts.clear();
  }

  /** Committed transactions no running one overlaps no longer matter (PostgreSQL's ClearOldPredicateLocks). */
  private cleanup(): void {
    let oldest = Infinity;
    for (const x of this.xacts) if (!x.committed) oldest = Math.min(oldest, x.snapSeq);
    let released = false;
    for (const x of [...this.xacts]) {
      if (x.committed && x.commitSeq <= oldest) { this.release(x); released = true; }
    }
    if (released || !this.xacts.size) this.compactKeys();
  }

  private compactKeys(): void {
    for (const [ix, byLen] of this.keyLocks) {
      for (const [len, list] of byLen) {
        const kept = list.filter(e => e.holders.size > 0);
        if (kept.length) byLen.set(len, kept); else byLen.delete(len);
      }
      if (!byLen.size) this.keyLocks.delete(ix);
    }
  }
}

/** One serializable transaction's view of the SSI manager: what scans and writers call. */
export interface SsiHandle {
  readRelation(rel: number): void;
  readKey(index: KeyedIndex, key: unknown[]): void;
  examine(t: Tuple, visible: boolean): void;
  write(rel: number, keys: [KeyedIndex, unknown[]][]): void;
  writeTable(rel: number, indexes: KeyedIndex[]): void;
}

export function ssiHandle(mgr: SsiManager, sx: SerializableXact): SsiHandle {
  return {
    readRelation: rel => mgr.readRelation(sx, rel),
    readKey: (index, key) => mgr.readKey(sx, index, key),
    examine: (t, visible) => mgr.examine(sx, t, visible),
    write: (rel, keys) => mgr.write(sx, rel, keys),
    writeTable: (rel, indexes) => mgr.writeTable(sx, rel, indexes),
  };
}
