// A database's state as records: the checkpoint (header, catalog image, rows of every
// table, end) and the log's commit records, and Replay, which folds them back into an
// Engine on open. Rows keep their ids (Tuple.id) so that a later record can delete them.
//   commit record: flags (1 = carries a catalog image), [image], tables written whole
//   (oid, rows), inserted rows (oid, id, values), deleted rows (oid, id), sequence states.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Sequence, Table } from '../catalog/objects.js';
import { isSystemRelation } from '../catalog/system/index.js';
import { encodeCatalog, isTemporary, loadCatalog, rebuildIndexes } from '../catalog/serialize.js';
import { Decoder, Encoder, Reader } from '../catalog/serialize-codec.js';
import { reserveTupleIds } from '../storage/heap.js';
import { FROZEN_XID, type TransactionManager } from '../storage/transactions.js';
import type { Tuple } from '../storage/tuple.js';
import { Engine } from './engine.js';
// index trees are rebuilt with the types' comparisons: the types must be registered
import '../types/index.js';
import '../types/datetime.js';

export const REC = { commit: 1, header: 2, image: 3, rows: 4, end: 5 } as const;
const FORMAT = 1;
const ROWS_PER_RECORD = 10000;

/** The tables whose rows are stored: all but system relations and temporary tables. */
export function storedTables(cat: Catalog): Table[] {
  return cat.tables().filter(t => !isSystemRelation(t) && !isTemporary(t));
}

export function sequencesOf(cat: Catalog): Sequence[] {
  const out: Sequence[] = [];
  for (const s of cat.schemas.values()) {
    if (isTemporary(s)) continue;
    for (const r of s.relations.values()) if (r.kind === 'sequence' && !isTemporary(r)) out.push(r);
  }
  return out;
}

export interface SeqState { lastValue: bigint; isCalled: boolean; logCnt: bigint | undefined }

export const seqState = (s: Sequence): SeqState => ({ lastValue: s.lastValue, isCalled: s.isCalled, logCnt: s.logCnt });

export const sameSeqState = (a: SeqState, b: SeqState) => a.lastValue === b.lastValue && a.isCalled === b.isCalled && a.logCnt === b.logCnt;

/** Writes rows as (id, values) pairs after their count. */
export function writeRows(e: Encoder, rows: Tuple[]): void {
  e.w.uvar(rows.length);
  for (const t of rows) { e.w.uvar(t.id); e.value(t.data); }
}

/**
 * The row version belongs to the committed state a checkpoint holds: made, and not deleted,
 * by transactions that committed or whose commit record is written (their flush may still be
 * in progress, and the checkpoint is what makes them durable).
 */
function isDurable(t: Tuple, tm: TransactionManager): boolean {
  if (!tm.committedOrLogged(t.xmin)) return false;
  return t.xmax === 0 || !tm.committedOrLogged(t.xmax);
}

/** The records of a checkpoint of the engine's committed state; the log that follows it is generation `gen`. */
export function* stateRecords(engine: Engine, gen: number): Generator<Uint8Array> {
  const head = new Encoder();
  head.w.u8(REC.header);
  head.w.uvar(FORMAT);
  head.w.uvar(gen);
  yield head.w.finish();
  const img = new Encoder();
  img.w.u8(REC.image);
  img.w.bytes(encodeCatalog(engine.catalog));
  yield img.w.finish();
  for (const t of storedTables(engine.catalog)) {
    const live = t.heap.tuples.filter(tup => isDurable(tup, engine.tm));
    for (let i = 0; i === 0 || i < live.length; i += ROWS_PER_RECORD) {
      const e = new Encoder();
      e.w.u8(REC.rows);
      e.w.uvar(t.oid);
      writeRows(e, live.slice(i, i + ROWS_PER_RECORD));
      yield e.w.finish();
    }
  }
  const end = new Encoder();
  end.w.u8(REC.end);
  yield end.w.finish();
}

/** Folds a checkpoint and then log records into the state they describe. */
export class Replay {
  gen = 0;
  private image: Uint8Array | null = null;
  private rows = new Map<number, Map<number, unknown[]>>();
  private seqs = new Map<number, SeqState>();
  private ended = false;

  checkpointRecord(rec: Uint8Array): void {
    const d = new Decoder(new Reader(rec));
    const r = d.r;
    switch (r.u8()) {
      case REC.header: {
        const format = r.uvar();
        if (format !== FORMAT) throw new PgError('XX001', `checkpoint has format ${format}; this version of Relata reads format ${FORMAT}`);
        this.gen = r.uvar();
        return;
      }
      case REC.image: this.image = r.bytes(); return;
      case REC.rows: {
        const oid = r.uvar();
        const m = this.table(oid);
        this.readRows(d, m);
        return;
      }
      case REC.end: this.ended = true; return;
    }
    throw new PgError('XX001', 'checkpoint holds a record of an unknown kind');
  }

  /** The checkpoint was complete (its end record was read). */
  get complete(): boolean {
    return this.ended && this.image !== null;
  }

  logRecord(rec: Uint8Array): void {
    const d = new Decoder(new Reader(rec));
    const r = d.r;
    if (r.u8() !== REC.commit) throw new PgError('XX001', 'log holds a record of an unknown kind');
    if (r.u8() & 1) {
      this.image = r.bytes();
      this.seqs.clear(); // the image holds every sequence's state as of this commit
    }
    for (let n = r.uvar(); n > 0; n--) {
      const m = new Map<number, unknown[]>();
      this.rows.set(r.uvar(), m);
      this.readRows(d, m);
    }
    for (let n = r.uvar(); n > 0; n--) {
      const oid = r.uvar(), id = r.uvar();
      this.table(oid).set(id, d.value());
    }
    for (let n = r.uvar(); n > 0; n--) {
      const oid = r.uvar(), id = r.uvar();
      this.rows.get(oid)?.delete(id);
    }
    for (let n = r.uvar(); n > 0; n--) {
      const oid = r.uvar();
      this.seqs.set(oid, { lastValue: d.value(), isCalled: d.value(), logCnt: d.value() });
    }
  }

  private table(oid: number): Map<number, unknown[]> {
    let m = this.rows.get(oid);
    if (!m) this.rows.set(oid, m = new Map());
    return m;
  }

  private readRows(d: Decoder, m: Map<number, unknown[]>): void {
    for (let n = d.r.uvar(); n > 0; n--) {
      const id = d.r.uvar();
      m.set(id, d.value());
    }
  }

  /** A new engine holding the state: catalog, rows (as frozen, committed versions), index entries, sequence states. */
  build(name: string): Engine {
    if (!this.image) throw new PgError('XX001', 'no catalog image was found');
    const engine = new Engine(name);
    const loaded = loadCatalog(engine.catalog, this.image);
    let maxId = 0;
    for (const t of loaded.tables) {
      const rows = this.rows.get(t.oid);
      if (!rows) continue;
      const tuples = t.heap.tuples;
      for (const [id, data] of rows) {
        tuples.push({ data, xmin: FROZEN_XID, cmin: 0, xmax: 0, cmax: 0, id, rel: t.oid });
        if (id > maxId) maxId = id;
      }
    }
    reserveTupleIds(maxId);
    rebuildIndexes(engine.catalog, loaded.indexes);
    for (const s of sequencesOf(engine.catalog)) {
      const st = this.seqs.get(s.oid);
      if (st) { s.lastValue = st.lastValue; s.isCalled = st.isCalled; s.logCnt = st.logCnt; }
    }
    return engine;
  }
}

/** A copy of an engine's committed state under another name (CREATE DATABASE … TEMPLATE, in memory). */
export function copyEngine(template: Engine, name: string): Engine {
  const r = new Replay();
  for (const rec of stateRecords(template, 0)) r.checkpointRecord(rec);
  return r.build(name);
}
