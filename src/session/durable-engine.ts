// The durable storage of one database: a journal of every row change (fed by the heaps),
// the commit record written to the log at COMMIT, and checkpoints. What a commit record
// holds: the rows the transaction inserted and deleted (by its non-aborted subtransactions);
// when it changed the catalog, also the catalog image and the whole contents of every table
// it redefined (ALTER … rewrites rows in place; a new table is written whole); and the state
// of every sequence that advanced since the previous record (sequences are not
// transactional: whatever was handed out before a commit is never handed out again).
// A checkpoint is taken when the log grows past checkpointBytes and on close; the log then
// starts over as a new generation (wal-N), which the checkpoint names, so that a crash
// between the two never replays an old log over a newer checkpoint.
import { join } from 'node:path';
import type { Sequence, Table } from '../catalog/objects.js';
import type { Catalog } from '../catalog/catalog.js';
import { encodeCatalog } from '../catalog/serialize.js';
import { PgError } from '../errors/index.js';
import { Encoder } from '../catalog/serialize-codec.js';
import { writeCheckpointFile } from '../storage/checkpoint.js';
import type { Heap, HeapJournal } from '../storage/heap.js';
import type { Tuple } from '../storage/tuple.js';
import { isLive } from '../storage/visibility.js';
import { frameRecord, WalWriter } from '../storage/wal.js';
import type { StorageFs } from '../storage/wal-fs.js';
import type { Engine, EngineStorage } from './engine.js';
import { REC, sameSeqState, seqState, sequencesOf, stateRecords, storedTables, writeRows, type SeqState } from './engine-image.js';

export const CHECKPOINT_FILE = 'checkpoint';
export const walFile = (gen: number) => `wal-${String(gen).padStart(8, '0')}`;

export interface DurableOptions {
  /** Log size that triggers a checkpoint (default: RELATA_CHECKPOINT_BYTES, else 16 MiB). */
  checkpointBytes?: number;
}

interface Changes { ins: Tuple[]; del: Tuple[] }

export class DurableStorage implements EngineStorage {
  private pending = new Map<number, Changes>();
  private loggedVersion: number;
  private tableState = new WeakMap<Table, { version: number; heap: Heap }>();
  private seqs = new WeakMap<Sequence, SeqState>();
  private seqList: Sequence[] = [];
  private seqListVersion = -1;
  private readonly checkpointBytes: number;
  /** Log size at which to try a checkpoint again after one failed. */
  private retryAt = 0;
  private closed = false;
  /** Logs replaced by a checkpoint, closed and removed once their last flush is over. */
  private retiring: Promise<void> | null = null;

  /** Feeds the row changes of every stored table to the commit records. */
  readonly journal: HeapJournal = {
    inserted: t => this.changesOf(this.engine.tm.top(t.xmin)).ins.push(t),
    deleted: t => this.changesOf(this.engine.tm.top(t.xmax)).del.push(t),
  };

  constructor(readonly engine: Engine, readonly fs: StorageFs, private dir: string, private gen: number, private wal: WalWriter,
    options: DurableOptions = {}) {
    this.checkpointBytes = options.checkpointBytes ?? (Number(process.env.RELATA_CHECKPOINT_BYTES) || 16 * 1024 * 1024);
    this.loggedVersion = engine.catalog.version;
    this.noteLogged();
    engine.storage = this;
  }

  private changesOf(top: number): Changes {
    let c = this.pending.get(top);
    if (!c) this.pending.set(top, c = { ins: [], del: [] });
    return c;
  }

  /** Sequences of the catalog, listed again when the catalog changes. */
  private sequences(): Sequence[] {
    if (this.seqListVersion !== this.engine.catalog.version) {
      this.seqList = sequencesOf(this.engine.catalog);
      this.seqListVersion = this.engine.catalog.version;
    }
    return this.seqList;
  }

  logCommit(top: number, wait: boolean): Promise<void> | null {
    if (this.closed) throw new Error('the database is closed');
    const tm = this.engine.tm, cat = this.engine.catalog;
    const changes = this.pending.get(top);
    this.pending.delete(top);
    if (this.pending.size > 64) for (const xid of this.pending.keys()) if (tm.isAborted(xid)) this.pending.delete(xid);
    const ddl = cat.version !== this.loggedVersion;
    const seqs = this.sequences().filter(s => { const st = this.seqs.get(s); return !st || !sameSeqState(st, seqState(s)); });
    if (!changes && !ddl && !seqs.length) return this.afterWrite(null, wait);
    const ours = (xid: number) => xid !== 0 && tm.top(xid) === top && !tm.isAborted(xid);
    const e = new Encoder();
    e.w.u8(REC.commit);
    e.w.u8(ddl ? 1 : 0);
    const whole = new Set<number>();
    const stored = ddl ? storedTables(cat) : null;
    if (stored) {
      e.w.bytes(imageOf(cat));
      const redefined = stored.filter(t => { const s = this.tableState.get(t); return !s || s.version !== t.version || s.heap !== t.heap; });
      e.w.uvar(redefined.length);
      for (const t of redefined) {
        whole.add(t.oid);
        e.w.uvar(t.oid);
        writeRows(e, t.heap.tuples.filter(tup => isLive(tup, tm, top)));
      }
    } else e.w.uvar(0);
    // rows of tables written whole, or dropped by this transaction, need no entry of their own
    const keep = stored ? new Set(stored.map(t => t.oid)) : null;
    const wanted = (t: Tuple) => !whole.has(t.rel) && (!keep || keep.has(t.rel));
    const ins = changes ? changes.ins.filter(t => wanted(t) && !tm.isAborted(t.xmin) && !ours(t.xmax)) : [];
    const del = changes ? [...new Set(changes.del)].filter(t => wanted(t) && ours(t.xmax) && !ours(t.xmin)) : [];
    e.w.uvar(ins.length);
    for (const t of ins) { e.w.uvar(t.rel); e.w.uvar(t.id); e.value(t.data); }
    e.w.uvar(del.length);
    for (const t of del) { e.w.uvar(t.rel); e.w.uvar(t.id); }
    e.w.uvar(seqs.length);
    const states = seqs.map(seqState);
    seqs.forEach((s, i) => { e.w.uvar(s.oid); e.value(states[i].lastValue); e.value(states[i].isCalled); e.value(states[i].logCnt); });
    const end = this.wal.append(frameRecord(e.w.finish()));
    // only once the record is written does it count as logged; a checkpoint from now on holds it
    tm.markLogged(top);
    seqs.forEach((s, i) => this.seqs.set(s, states[i]));
    if (ddl) {
      this.loggedVersion = cat.version;
      this.noteTables();
    }
    return this.afterWrite(end, wait);
  }

  private afterWrite(end: number | null, wait: boolean): Promise<void> | null {
    if (!wait) { this.wal.flushSoon(); return null; }
    // a commit that wrote nothing has nothing to wait for: what it read was visible, so on disk
    // (or an asynchronous commit's, which PostgreSQL does not wait for either)
    return end === null ? null : this.wal.waitFor(end);
  }

  committed(): void {
    if (this.wal.size < this.checkpointBytes || this.wal.size < this.retryAt || this.closed) return;
    try {
      this.checkpoint();
    } catch {
      // the log still holds everything: go on, and try again when it has grown by half
      this.retryAt = this.wal.size * 1.5;
    }
  }

  /** Writes the committed state as the new checkpoint and starts the next log generation. */
  checkpoint(): void {
    const gen = this.gen + 1;
    const name = walFile(gen);
    const next = WalWriter.open(this.fs, join(this.dir, name), name, 0);
    try {
      writeCheckpointFile(this.fs, this.dir, CHECKPOINT_FILE, stateRecords(this.engine, gen));
    } catch (e) {
      void next.close(false);
      try { this.fs.unlink(join(this.dir, name)); } catch { /* recovery removes a stray log */ }
      throw e;
    }
    const old = this.wal, oldGen = this.gen;
    this.wal = next;
    this.gen = gen;
    this.retryAt = 0;
    this.noteLogged();
    const dir = this.dir;
    const retired = old.retire().then(() => {
      try { this.fs.unlink(join(dir, walFile(oldGen))); } catch { /* recovery removes it */ }
    });
    this.retiring = this.retiring ? this.retiring.then(() => retired) : retired;
  }

  /** Everything as it is now counts as logged (after a checkpoint or on open). */
  private noteLogged(): void {
    this.loggedVersion = this.engine.catalog.version;
    this.noteTables();
    for (const s of this.sequences()) this.seqs.set(s, seqState(s));
  }

  /** Tables as last logged (their definition's version and heap), each heap feeding the journal. */
  private noteTables(): void {
    for (const t of storedTables(this.engine.catalog)) {
      this.tableState.set(t, { version: t.version, heap: t.heap });
      t.heap.journal = this.journal;
    }
  }

  /** Flushes the log, takes a checkpoint (unless `checkpoint` is false) and closes the files. */
  async close(checkpoint = true): Promise<void> {
    if (this.closed) return;
    let err: unknown = null;
    // with a transaction still open the catalog may hold its uncommitted changes: the log alone
    // then carries what is committed (one whose record is written but not flushed is committed)
    if (checkpoint && !this.engine.tm.anyUnlogged) {
      try { this.checkpoint(); } catch (e) { err = e; }
    }
    this.closed = true;
    this.engine.storage = null;
    for (const t of storedTables(this.engine.catalog)) if (t.heap.journal === this.journal) t.heap.journal = null;
    try { await this.wal.close(); } catch (e) { err ??= e; }
    await this.retiring;
    if (err) throw err;
  }

  /** The database's directory was renamed (ALTER DATABASE … RENAME TO). */
  moveTo(dir: string): void {
    this.dir = dir;
  }

  /** Closes the files at once without a checkpoint (DROP DATABASE). */
  abandon(): void {
    this.closed = true;
    this.engine.storage = null;
    void this.wal.close(false).catch(() => undefined);
  }
}

/** The catalog image, or an error that names what cannot be written (the transaction then aborts). */
function imageOf(cat: Catalog): Buffer {
  try {
    return encodeCatalog(cat);
  } catch (e) {
    if (e instanceof PgError) throw e;
    throw new PgError('XX000', `could not write the catalog to the log: ${(e as Error)?.message ?? e}`);
  }
}

/** Waits until the session's last commit is on disk (before the client hears of it); rejects if the log failed. */
export async function durable(session: { pendingFlush: Promise<void> | null }): Promise<void> {
  const p = session.pendingFlush;
  if (!p) return;
  session.pendingFlush = null;
  await p;
}
