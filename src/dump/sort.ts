// pg_dump's ordering (pg_dump_sort.c, PostgreSQL 15): objects sorted by type priority,
// schema and name, then a topological sort over their dependencies that disturbs that
// order as little as possible, breaking dependency loops the way pg_dump does (a CHECK
// constraint or column default that cannot be written inside CREATE TABLE becomes a
// separate statement).

/** Type priorities (dbObjectTypePriority); only the relative order matters. */
export const PRIO = {
  namespace: 1, type: 5, function: 8, aggregate: 9, table: 20, tableAttach: 21, attrdef: 23, preData: 25, tableData: 26, sequenceSet: 27, postData: 29,
  constraint: 30, index: 31, indexAttach: 32, trigger: 34, fkConstraint: 36, policy: 37,
} as const;

export type ObjType = keyof typeof PRIO;

export interface SortObject {
  /** pg_dump's dumpId: 1, 2, … in creation order. */
  id: number;
  type: ObjType;
  namespace: string | null;
  name: string;
  /** The catalog oid, the last tie-breaker. */
  oid: number;
  /** dumpIds this object must come after (duplicates allowed, as in pg_dump). */
  deps: number[];
  /** Column defaults: the column's attnum (a tie-breaker) and table; CHECK constraints: their table. */
  adnum?: number;
  owningTable?: SortObject;
  /** A CHECK constraint ('c') or another constraint type. */
  contype?: string;
  /** A CHECK constraint or default written as its own statement rather than inside CREATE TABLE. */
  separate?: boolean;
}

const encoder = new TextEncoder();

/** strcmp on the UTF-8 bytes, as pg_dump compares names. */
export function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  // ASCII (the usual case) orders the same as its bytes
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  const x = encoder.encode(a), y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** DOTypeNameCompare. */
function typeNameCompare(a: SortObject, b: SortObject): number {
  const p = PRIO[a.type] - PRIO[b.type];
  if (p !== 0) return p;
  if (a.namespace !== null) {
    if (b.namespace === null) return -1;
    const c = strcmp(a.namespace, b.namespace);
    if (c !== 0) return c;
  } else if (b.namespace !== null) return 1;
  const c = strcmp(a.name, b.name);
  if (c !== 0) return c;
  if (a.type === 'attrdef' && b.type === 'attrdef') {
    const d = (a.adnum ?? 0) - (b.adnum ?? 0);
    if (d !== 0) return d;
  }
  return a.oid - b.oid;
}

export function removeDependency(o: SortObject, id: number): void {
  o.deps = o.deps.filter(d => d !== id);
}

/** Sorts into a safe dump order (sortDumpableObjectsByTypeName, then sortDumpableObjects). */
export function sortObjects<T extends SortObject>(objects: T[], postDataId: number): T[] {
  const objs = [...objects].sort(typeNameCompare);
  const byId = new Map(objs.map(o => [o.id, o]));
  for (;;) {
    const r = topoSort(objs);
    if (r.ok) return r.ordering as T[];
    findDependencyLoops(r.remaining, byId, postDataId);
  }
}

type TopoResult = { ok: true; ordering: SortObject[] } | { ok: false; remaining: SortObject[] };

/**
 * Emits objects from the end: at each step the latest object (in the current order) that
 * nothing still unemitted depends on, so that an object moves only as far as it must.
 */
function topoSort(objs: SortObject[]): TopoResult {
  const index = new Map<number, number>();
  const before = new Map<number, number>();
  objs.forEach((o, i) => index.set(o.id, i));
  for (const o of objs) for (const d of o.deps) before.set(d, (before.get(d) ?? 0) + 1);
  const heap = new MaxHeap();
  for (let i = objs.length - 1; i >= 0; i--) if (!before.get(objs[i].id)) heap.push(i);
  const ordering: SortObject[] = new Array(objs.length);
  let i = objs.length;
  while (heap.size > 0) {
    const o = objs[heap.pop()];
    ordering[--i] = o;
    for (const d of o.deps) {
      const n = before.get(d)! - 1;
      before.set(d, n);
      if (n === 0 && index.has(d)) heap.push(index.get(d)!);
    }
  }
  if (i === 0) return { ok: true, ordering };
  const remaining = objs.filter(o => (before.get(o.id) ?? 0) !== 0).sort((a, b) => a.id - b.id);
  return { ok: false, remaining };
}

class MaxHeap {
  private a: number[] = [];
  get size(): number { return this.a.length; }
  push(v: number): void {
    const a = this.a;
    let j = a.length;
    a.push(v);
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (a[p] >= v) break;
      a[j] = a[p];
      j = p;
    }
    a[j] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length === 0) return top;
    let j = 0;
    for (;;) {
      let c = 2 * j + 1;
      if (c >= a.length) break;
      if (c + 1 < a.length && a[c + 1] > a[c]) c++;
      if (last >= a[c]) break;
      a[j] = a[c];
      j = c;
    }
    a[j] = last;
    return top;
  }
}

/** findDependencyLoops: finds loops among the objects the sort could not place, and repairs each. */
function findDependencyLoops(remaining: SortObject[], byId: Map<number, SortObject>, postDataId: number): void {
  const processed = new Set<number>();
  const searchFailed = new Map<number, number>();
  let fixed = false;
  for (const o of remaining) {
    const loop: SortObject[] = [];
    if (findLoop(o, o.id, processed, searchFailed, loop, byId)) {
      repairDependencyLoop(loop, postDataId);
      fixed = true;
      for (const m of loop) processed.add(m.id);
    } else {
      processed.add(o.id);
    }
  }
  if (!fixed) throw new Error('could not identify dependency loop');
}

function findLoop(o: SortObject, start: number, processed: Set<number>, searchFailed: Map<number, number>,
  workspace: SortObject[], byId: Map<number, SortObject>): boolean {
  if (processed.has(o.id) || searchFailed.get(o.id) === start || workspace.includes(o)) return false;
  workspace.push(o);
  if (o.deps.includes(start)) return true;
  for (const d of o.deps) {
    const next = byId.get(d);
    if (next && findLoop(next, start, processed, searchFailed, workspace, byId)) return true;
  }
  workspace.pop();
  searchFailed.set(o.id, start);
  return false;
}

/** repairDependencyLoop, for the kinds of objects a Relata database has. */
function repairDependencyLoop(loop: SortObject[], postDataId: number): void {
  const isCheckOf = (c: SortObject, t: SortObject) => c.type === 'constraint' && c.contype === 'c' && c.owningTable === t;
  const isDefaultOf = (d: SortObject, t: SortObject) => d.type === 'attrdef' && d.owningTable === t;
  // a table depending on itself (a partition key or generated column naming its columns)
  if (loop.length === 1) return removeDependency(loop[0], loop[0].id);
  if (loop.length === 2) {
    const [a, b] = loop;
    // a table and its CHECK constraint or default: drop the automatic dependency and keep it inline
    if (a.type === 'table' && isCheckOf(b, a)) return removeDependency(b, a.id);
    if (b.type === 'table' && isCheckOf(a, b)) return removeDependency(a, b.id);
  }
  for (const t of loop) {
    if (t.type !== 'table' || loop.length <= 2) continue;
    const c = loop.find(x => isCheckOf(x, t));
    if (c) {
      removeDependency(t, c.id);
      c.separate = true;
      c.deps.push(t.id, postDataId);
      return;
    }
  }
  if (loop.length === 2) {
    const [a, b] = loop;
    if (a.type === 'table' && isDefaultOf(b, a)) return removeDependency(b, a.id);
    if (b.type === 'table' && isDefaultOf(a, b)) return removeDependency(a, b.id);
  }
  for (const t of loop) {
    if (t.type !== 'table' || loop.length <= 2) continue;
    const d = loop.find(x => isDefaultOf(x, t));
    if (d) {
      removeDependency(t, d.id);
      d.separate = true;
      d.deps.push(t.id);
      return;
    }
  }
  // no principled way: break the loop arbitrarily, as pg_dump does (with a warning there)
  removeDependency(loop[0], loop[1 % loop.length].id);
}
