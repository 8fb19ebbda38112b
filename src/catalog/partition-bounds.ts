// The partitions of a partitioned table in PostgreSQL's canonical order (partbounds.c's
// PartitionBoundInfo): sorted list values, sorted range bounds, hash (modulus, remainder)
// pairs. It answers which partition holds a key, and in which order scans visit partitions.
import { typeByOid } from '../types/registry.js';
import { HASH_PARTITION_SEED, hashCombine64, hashValueExtended } from '../types/hash-extended.js';
import { PgError } from '../errors/index.js';
import type { PartitionKey, RangeDatum, Table } from './objects.js';
import type { UserOpclass } from './operator-objects.js';
import { opclassSupport } from './operator-procs.js';

export type Cmp = (a: unknown, b: unknown) => number;

/** The comparison of each key column (the type's btree order). */
export function keyComparators(key: PartitionKey): Cmp[] {
  return key.types.map((t, i) => {
    // a user-defined btree class: its support function 1 (operator-procs.ts)
    const uc = key.userOpclasses?.[i];
    if (uc) { const support = opclassSupport(uc, 1); return (a: unknown, b: unknown) => Number(support([a, b])); }
    const type = typeByOid(t);
    if (!type) throw new PgError('XX000', `cache lookup failed for type ${t}`);
    return type.compare.bind(type);
  });
}

const KIND_ORDER = { minvalue: -1, value: 0, maxvalue: 1 } as const;

/**
 * partition_rbound_cmp: 0 when equal, else a signed 1-based number of the first column that
 * differs. Equal values: an upper bound (exclusive) sorts before a lower one.
 */
export function rboundCmp(cmps: Cmp[], d1: RangeDatum[], lower1: boolean, d2: RangeDatum[], lower2: boolean): number {
  let cmp = 0;
  let col = 0;
  for (let i = 0; i < cmps.length; i++) {
    col++;
    const k1 = KIND_ORDER[d1[i].kind], k2 = KIND_ORDER[d2[i].kind];
    if (k1 < k2) return -col;
    if (k1 > k2) return col;
    if (k1 !== 0) break; // both MINVALUE or both MAXVALUE: later columns do not count
    cmp = cmps[i]((d1[i] as { value: unknown }).value, (d2[i] as { value: unknown }).value);
    if (cmp !== 0) break;
  }
  if (cmp === 0 && lower1 !== lower2) cmp = lower1 ? 1 : -1;
  return cmp === 0 ? 0 : cmp < 0 ? -col : col;
}

/** partition_rbound_datum_cmp: a bound against a row's key (no nulls). */
export function rboundKeyCmp(cmps: Cmp[], bound: RangeDatum[], key: unknown[]): number {
  let cmp = -1;
  for (let i = 0; i < key.length; i++) {
    const d = bound[i];
    if (d.kind === 'minvalue') return -1;
    if (d.kind === 'maxvalue') return 1;
    cmp = cmps[i](d.value, key[i]);
    if (cmp !== 0) break;
  }
  return cmp;
}

export interface RangeEntry { datums: RangeDatum[]; lower: boolean }

/** A partitioned table's partitions and bounds, canonically ordered. */
export interface BoundInfo {
  strategy: 'l' | 'r' | 'h';
  /** The partitions in canonical order (the default partition last). */
  parts: Table[];
  defaultPart: Table | null;
  cmps: Cmp[];
  /** The key columns' types, and their user-defined operator classes (catalog/operators.ts). */
  types: number[];
  userOpclasses?: (UserOpclass | null)[];
  /** list: sorted distinct values and the index (in parts) of the partition holding each. */
  listValues: { value: unknown; index: number }[];
  nullIndex: number;
  /** range: distinct sorted bounds; index of the partition whose upper bound each is (-1: a lower bound only), one extra -1 at the end. */
  range: RangeEntry[];
  rangeIndexes: number[];
  /** hash: (modulus, remainder) sorted, and per remainder of the greatest modulus the partition. */
  hash: { modulus: number; remainder: number }[];
  hashIndexes: number[];
}

const partitionsOf = (t: Table): Table[] => t.children.filter(c => c.partitionBound && c.parents[0] === t);

/** The bound info of a partitioned table, cached until the table changes. */
export function boundInfo(t: Table): BoundInfo {
  const key = t.partitionKey!;
  const parts = partitionsOf(t);
  const cached = t.cache?.get('partdesc') as { info: BoundInfo; version: number; n: number; of: Table[] } | undefined;
  if (cached && cached.version === t.version && cached.n === parts.length && parts.every((p, i) => cached.of[i] === p)) return cached.info;
  const info = buildBoundInfo(key, parts);
  (t.cache ??= new Map()).set('partdesc', { info, version: t.version, n: parts.length, of: parts });
  return info;
}

export function buildBoundInfo(key: PartitionKey, parts: Table[]): BoundInfo {
  const cmps = keyComparators(key);
  const info: BoundInfo = { strategy: key.strategy, parts: [], defaultPart: null, cmps, types: key.types, userOpclasses: key.userOpclasses, listValues: [], nullIndex: -1, range: [], rangeIndexes: [], hash: [], hashIndexes: [] };
  const bounds = parts.map(p => p.partitionBound!);
  const def = parts.findIndex(p => p.partitionBound!.isDefault);
  const order: number[] = []; // original index → canonical index
  const canonical = (orig: number) => { if (order[orig] === undefined) order[orig] = info.parts.push(parts[orig]) - 1; return order[orig]; };
  if (key.strategy === 'h') {
    const hb = bounds.map((b, i) => ({ modulus: b.modulus!, remainder: b.remainder!, i }))
      .sort((x, y) => x.modulus - y.modulus || x.remainder - y.remainder);
    const greatest = hb.length ? hb[hb.length - 1].modulus : 0;
    info.hashIndexes = new Array(greatest).fill(-1);
    for (const h of hb) {
      const idx = canonical(h.i);
      info.hash.push({ modulus: h.modulus, remainder: h.remainder });
      for (let r = h.remainder; r < greatest; r += h.modulus) info.hashIndexes[r] = idx;
    }
  } else if (key.strategy === 'l') {
    const all: { value: unknown; orig: number }[] = [];
    let nullOrig = -1;
    bounds.forEach((b, i) => {
      if (b.isDefault) return;
      for (const v of b.values!) if (v === null) nullOrig = i; else all.push({ value: v, orig: i });
    });
    all.sort((x, y) => cmps[0](x.value, y.value));
    for (const v of all) info.listValues.push({ value: v.value, index: canonical(v.orig) });
    if (nullOrig >= 0) info.nullIndex = canonical(nullOrig);
  } else {
    const all: (RangeEntry & { orig: number })[] = [];
    bounds.forEach((b, i) => {
      if (b.isDefault) return;
      all.push({ datums: b.lower!, lower: true, orig: i }, { datums: b.upper!, lower: false, orig: i });
    });
    all.sort((x, y) => rboundCmp(cmps, x.datums, x.lower, y.datums, y.lower));
    let prev: RangeEntry | null = null;
    const distinct: (RangeEntry & { orig: number })[] = [];
    for (const cur of all) {
      if (!prev || !sameDatums(cmps, cur.datums, prev.datums)) distinct.push(cur);
      prev = cur;
    }
    for (const b of distinct) {
      info.range.push({ datums: b.datums, lower: b.lower });
      info.rangeIndexes.push(b.lower ? -1 : canonical(b.orig));
    }
    info.rangeIndexes.push(-1);
  }
  if (def >= 0) info.defaultPart = info.parts[canonical(def)];
  return info;
}

function sameDatums(cmps: Cmp[], a: RangeDatum[], b: RangeDatum[]): boolean {
  for (let j = 0; j < cmps.length; j++) {
    if (a[j].kind !== b[j].kind) return false;
    if (a[j].kind !== 'value') break;
    if (cmps[j]((a[j] as any).value, (b[j] as any).value) !== 0) return false;
  }
  return true;
}

/** partition_range_bsearch: the greatest bound ≤ probe (-1 if none), and how it compared. */
export function rangeBsearch(info: BoundInfo, probe: RangeDatum[], lower: boolean): { offset: number; cmp: number } {
  let lo = -1, hi = info.range.length - 1, cmp = 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    const e = info.range[mid];
    cmp = rboundCmp(info.cmps, e.datums, info.rangeIndexes[mid] === -1, probe, lower);
    if (cmp <= 0) { lo = mid; if (cmp === 0) break; } else hi = mid - 1;
  }
  return { offset: lo, cmp };
}

/** The partition (canonical index into parts) a key belongs to, or -1 (get_partition_for_tuple). */
export function partitionIndexFor(info: BoundInfo, key: unknown[]): number {
  let idx = -1;
  if (info.strategy === 'h') {
    if (info.hashIndexes.length) idx = info.hashIndexes[Number(hashKey(info, key) % BigInt(info.hashIndexes.length))];
  } else if (info.strategy === 'l') {
    const v = key[0];
    if (v === null) idx = info.nullIndex;
    else {
      let lo = 0, hi = info.listValues.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = info.cmps[0](info.listValues[mid].value, v);
        if (c === 0) { idx = info.listValues[mid].index; break; }
        if (c < 0) lo = mid + 1; else hi = mid - 1;
      }
    }
  } else if (!key.some(v => v === null)) {
    // the greatest bound ≤ key; the partition is the one whose upper bound follows it
    let lo = -1, hi = info.range.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      const c = rboundKeyCmp(info.cmps, info.range[mid].datums, key);
      if (c <= 0) { lo = mid; if (c === 0) break; } else hi = mid - 1;
    }
    idx = info.rangeIndexes[lo + 1];
  }
  if (idx < 0 && info.defaultPart) return info.parts.indexOf(info.defaultPart);
  return idx;
}

/** compute_partition_hash_value: nulls are skipped, the columns' hashes combined. */
export function hashKey(info: { types: number[]; userOpclasses?: (UserOpclass | null)[] }, key: unknown[]): bigint {
  let h = 0n;
  key.forEach((v, i) => {
    if (v === null) return;
    const t = info.types[i];
    // a user-defined hash class: its support function 2 (extended hash) with the same seed
    const uc = info.userOpclasses?.[i];
    const support = uc ? opclassSupport(uc, 2) : null;
    const one = support ? BigInt.asUintN(64, BigInt(support([v, HASH_PARTITION_SEED]) as bigint)) : hashValueExtended(t, v, HASH_PARTITION_SEED);
    if (one === undefined) throw new PgError('0A000', `hash partitioning on type ${typeByOid(t)?.name ?? t} is not supported`);
    h = hashCombine64(h, one);
  });
  return h;
}

/** A partitioned table's partitions in scan order, each sub-partitioned one followed by its own (depth first). */
export function partitionTree(t: Table): Table[] {
  const out: Table[] = [t];
  const walk = (p: Table) => {
    for (const c of p.partitionKey ? boundInfo(p).parts : p.children) {
      if (out.includes(c)) continue;
      out.push(c);
      walk(c);
    }
  };
  walk(t);
  return out;
}
