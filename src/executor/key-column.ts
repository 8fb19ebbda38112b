// Join keys of a heap's column kept beside the heap, so that a scan feeding a hash or semi
// join reads its rows' keys from one compact array instead of from each row's values: a
// table's versions lie spread through memory (W1 inserts three tables interleaved), and the
// load of each row's values was most of such a scan's time.
//
// Exact by construction: entry i holds the key of the very values array it was computed
// from, and a scan uses it only while version i still has that array (a version's values
// are never changed in place — other snapshots read them — and ALTER TABLE's rewrite gives
// the version a new array, which is then keyed afresh). The columns are kept per heap array:
// a vacuum makes a new one, and the old array's columns go with it.
import type { Tuple } from '../storage/tuple.js';
import { varKey } from './hash-keys.js';

const columns = new WeakMap<Tuple[], Map<string, KeyColumn>>();

export class KeyColumn {
  /**
   * Per version position: the values array the key was computed from, and the key (read
   * by SeqCursor as key() does: the key of position i while datas[i] is the version's array).
   */
  readonly datas: unknown[][] = [];
  readonly keys: unknown[] = [];

  private constructor(private readonly tuples: Tuple[], private readonly att: number, private readonly h: (v: unknown) => string) {}

  /** The key column of column att (keys made by varKey with hashFn h of its type). */
  static of(tuples: Tuple[], att: number, type: number, h: (v: unknown) => string): KeyColumn {
    let byCol = columns.get(tuples);
    if (!byCol) columns.set(tuples, byCol = new Map());
    const name = `${att}:${type}`;
    let c = byCol.get(name);
    if (!c) byCol.set(name, c = new KeyColumn(tuples, att, h));
    return c;
  }

  /** The key of version i, whose values are d. */
  key(i: number, d: unknown[]): unknown {
    return i < this.datas.length && this.datas[i] === d ? this.keys[i] : this.refresh(i, d);
  }

  /** Keys position i afresh, from values d. */
  refresh(i: number, d: unknown[]): unknown {
    const datas = this.datas, keys = this.keys, att = this.att, h = this.h;
    // versions skipped up to i (not visible to the scan that reads i) are keyed too, so the
    // arrays stay dense
    for (let j = datas.length; j < i; j++) {
      const dj = this.tuples[j].data;
      datas.push(dj); keys.push(varKey(dj[att], h));
    }
    const k = varKey(d[att], h);
    if (i < datas.length) { datas[i] = d; keys[i] = k; } else { datas.push(d); keys.push(k); }
    return k;
  }
}
