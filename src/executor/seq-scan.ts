// Sequential scans: SeqCursor, which reads a table's visible versions in batches, and the
// 'seqscan' plan as a producer of frames over it. The hash and semi joins run the cursor
// inline (hash-join.ts, semi-join.ts) instead of taking each row through a closure call of
// the scan's emit.
import { checkDeadline } from './deadline.js';
import type { Table } from '../catalog/objects.js';
import type { Plan } from '../planner/index.js';
import { isVisible, settledPrefix, type ReadView } from '../storage/visibility.js';
import type { SsiHandle } from '../storage/ssi.js';
import type { Tuple } from '../storage/tuple.js';
import { compile } from './compile.js';
import { varKey } from './hash-keys.js';
import { KeyColumn } from './key-column.js';
import { VersionColumn } from './version-column.js';
import type { Heap } from '../storage/heap.js';
import type { Compiled, Env, Frame } from './env.js';
import { inheritanceSet, runSubquery, type Producer } from './query.js';

/** A plain sequential scan a join may run inline: its entry, table, and filter compiled. */
export interface InlineScan { slot: number; table: Table; inh: boolean; filter: Compiled | null }

/** The inline form of a 'seqscan' plan (null for other plans). */
export function inlineScan(plan: Plan): InlineScan | null {
  if (plan.k !== 'seqscan') return null;
  return { slot: 2 * plan.entry, table: plan.table, inh: plan.inh, filter: plan.filter ? compile(plan.filter, runSubquery) : null };
}

/** The frame a scan fills: inside a nested loop a copy of the outer row's (a LATERAL item further in may read it). */
export function scanFrame(env: Env, width: number): Frame {
  return (env as any).__frame?.slice() ?? new Array(width).fill(null);
}

const NO_TUPLES: Tuple[] = [];
const NO_DATA: unknown[] = [];
const NO_COL: (unknown[] | null)[] = [];

/** Rows per SeqCursor batch. */
const BATCH = 64;

/**
 * The visible versions of a table (and, with inh, its inheritance descendants) in batches,
 * in the order and with the checks of the 'seqscan' producer: the deadline per version,
 * SERIALIZABLE's relation read when a table starts and examine per version. A batch's
 * versions are checked before its rows are used, which is exact because a version's
 * visibility to a snapshot and command id does not change while the statement runs (what
 * the commands it runs, a function's, change or add has later command ids, invisible to
 * it, and versions added are past the length read at the start); a SERIALIZABLE reader, whose examine
 * records what it read, gets batches of one row, in the order of the 'seqscan' producer.
 * Batches let the loads of many versions overlap: the heap's versions of one table lie
 * spread through memory, and one row at a time the scan waited on each of them in turn.
 */
export class SeqCursor {
  /**
   * The current batch: values (in the scanned table's column order) and versions; with a key
   * column, the rows' keys of it (hash-keys.ts's varKey). Grown by the first batches, so that
   * a scan of a few rows (a subquery run per outer row) makes no large arrays.
   */
  readonly datas: unknown[][] = [];
  readonly tups: Tuple[] = [];
  readonly keys: unknown[] = [];
  private readonly tables: Table[];
  private readonly view: ReadView;
  private readonly ssi: SsiHandle | null;
  private ti = 0;
  private tuples: Tuple[] = NO_TUPLES;
  private i = 0;
  private n = 0;
  private settled = 0;
  private mapCols: ((data: unknown[]) => unknown[]) | null = null;
  /** The current table's heap, and what scans learned of its versions (version-column.ts). */
  private heap: Heap | null = null;
  private col: VersionColumn | null = null;
  /** The key column's keys kept beside the current table's heap (key-column.ts). */
  private kc: KeyColumn | null = null;

  /**
   * keyAtt: the column (of `table`) whose keys the batches carry, -1 for none; keyType its
   * type, h its hashFn.
   */
  constructor(private readonly table: Table, inh: boolean, view: ReadView,
    private readonly keyAtt = -1, private readonly keyType = 0, private readonly h: (v: unknown) => string = String) {
    this.tables = inheritanceSet(table, inh);
    this.view = view;
    this.ssi = view.ssi ?? null;
  }

  /** Fills the next batch (never across two tables); its size, 0 at the end. */
  fill(): number {
    const datas = this.datas, tups = this.tups, keys = this.keys, view = this.view, ssi = this.ssi, max = ssi ? 1 : BATCH;
    for (;;) {
      const tuples = this.tuples, n = this.n, settled = this.settled, mapCols = this.mapCols, heap = this.heap!;
      // the key column while it holds (a function the statement runs may rewrite between batches)
      let kc = this.kc;
      if (kc && !kc.holds(heap)) kc = this.kc = null;
      const kcKeys = kc ? kc.keys : NO_DATA;
      // the version column, while it holds (checked per batch: a function the statement runs
      // may delete or rewrite between batches); cl is how far it reaches, and the scan extends it
      let col = this.col, cd = NO_COL, cl = 0;
      if (col && col.holds(heap)) { cd = col.datas; cl = cd.length; } else col = this.col = null;
      let i = this.i, m = 0;
      for (; i < n && m < max; i++) {
        checkDeadline();
        let d: unknown[] | null;
        if (i < settled && i < cl && (d = cd[i]) !== null) {
          // settled and never deleted: visible, without loading the version
          tups[m] = tuples[i];
        } else {
          const tup = tuples[i], xmax = tup.xmax;
          if (i === cl && col) { cd.push(xmax === 0 ? tup.data : null); cl++; }
          const visible = (i < settled && xmax === 0) || isVisible(tup, view);
          if (ssi) ssi.examine(tup, visible);
          if (!visible) continue;
          d = tup.data;
          tups[m] = tup;
        }
        if (kc) {
          // kc.key(i, d), inline
          datas[m] = d;
          keys[m] = i < kcKeys.length ? kcKeys[i] : kc.extend(i, d);
        } else if (mapCols) {
          const md = datas[m] = mapCols(d);
          if (this.keyAtt >= 0) keys[m] = varKey(md[this.keyAtt], this.h);
        } else {
          datas[m] = d;
          if (this.keyAtt >= 0) keys[m] = varKey(d[this.keyAtt], this.h);
        }
        m++;
      }
      this.i = i;
      if (m > 0) return m;
      if (!this.open()) return 0;
    }
  }

  /** Starts the next table of the set; false when there is none. */
  private open(): boolean {
    if (this.ti >= this.tables.length) return false;
    const t = this.tables[this.ti++];
    this.mapCols = t === this.table ? null : columnMap(this.table, t);
    // SERIALIZABLE: a sequential scan reads the whole table (storage/ssi.ts)
    if (this.ssi) this.ssi.readRelation(t.oid);
    this.tuples = t.heap.tuples;
    this.heap = t.heap;
    // a SERIALIZABLE reader examines each version it reads: it loads them all
    this.col = this.ssi ? null : VersionColumn.of(t.heap, this.tuples);
    // versions settled before the snapshot are visible unless deleted (storage/visibility.ts)
    this.settled = settledPrefix(t.heap, this.tuples, this.view);
    this.kc = this.keyAtt >= 0 && !this.mapCols ? KeyColumn.of(t.heap, this.tuples, this.keyAtt, this.keyType, this.h) : null;
    this.i = 0;
    this.n = this.tuples.length;
    return true;
  }
}

export function compileSeqScan(plan: Plan & { k: 'seqscan' }, width: number): Producer {
  const scan = inlineScan(plan)!;
  const filter = scan.filter, slot = scan.slot;
  return (env, emit) => {
    const f = scanFrame(env, width);
    const cur = new SeqCursor(scan.table, scan.inh, env.view);
    const datas = cur.datas, tups = cur.tups;
    for (let m = cur.fill(); m > 0; m = cur.fill()) {
      for (let j = 0; j < m; j++) {
        f[slot] = datas[j]; f[slot + 1] = tups[j];
        if (filter && filter(f, env) !== true) continue;
        if (emit(f) === false) return false;
      }
    }
    return true;
  };
}

/** Reads a child table's row in the column order of its inheritance parent (by name). */
function columnMap(parent: Table, child: Table): (data: unknown[]) => unknown[] {
  const idx = parent.columns.map(c => (c.dropped ? -1 : child.columns.findIndex(cc => !cc.dropped && cc.name === c.name)));
  return data => idx.map(i => (i < 0 ? null : data[i] ?? null));
}
