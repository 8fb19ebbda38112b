// SELECT … FOR UPDATE / SHARE (PostgreSQL's LockRows node, below LIMIT and above the sort):
// each row the query returns has the rows of its marked tables locked (storage/rowlocks.ts)
// in output order, rows skipped by SKIP LOCKED do not count toward LIMIT, and only as many
// rows as OFFSET + LIMIT need are locked.
import type { RowMark } from '../analyzer/row-marks.js';
import type { Expr, FromNode, Query, SortKey } from '../analyzer/query.js';
import type { WriteContext } from '../integrity/index.js';
import { StatementRetry } from '../storage/locks.js';
import { lockRow } from '../storage/rowlocks.js';
import { compile } from './compile.js';
import type { Tuple } from '../storage/tuple.js';
import type { Compiled, Env, Frame } from './env.js';
import { runSubquery } from './query.js';

type Projector = (f: Frame, env: Env, emit: (row: unknown[]) => boolean | void) => void;

/**
 * The query's rows ([outputs..., sort keys...]), those whose rows could be locked, sorted when
 * `sort` is given (the caller's sort then keeps their order). Under READ COMMITTED a row a
 * committed transaction updated after the snapshot is read in its newest version, if it still
 * meets WHERE and its inner joins' conditions (EvalPlanQual, as epq.ts for UPDATE).
 */
export function lockedRows(q: Query, marks: RowMark[], producer: (env: Env, emit: (f: Frame) => boolean | void) => boolean,
  project: Projector, env: Env, wanted: number, sort: ((rows: unknown[][]) => void) | null, width: number): unknown[][] {
  const w = env.write?.w;
  const recheck = compileRecheck(q);
  /** Locks the frame's marked rows, after moving them to their newest versions; false to skip the frame. */
  const lock = (f: Frame): boolean => {
    if (!w) return true;
    if (!w.xactSnapshot && !newestVersions(w, q, marks, f, env, recheck)) return false;
    for (const m of marks) {
      const t = f[2 * m.entry + 1] as Tuple | null;
      if (t && lockRow(w, t, m.mode, m.wait, q.entries[m.entry].table!.name, true) === 'skip') return false;
    }
    return true;
  };
  const out: unknown[][] = [];
  if (!sort) {
    producer(env, f => {
      if (out.length >= wanted || !lock(f)) return out.length < wanted;
      project(f, env, row => {
        out.push(row);
        if (out.length >= wanted) return false;
      });
      return out.length < wanted;
    });
    return out;
  }
  // sorted: each row keeps its frame until the rows are in order
  const all: { row: unknown[]; f: Frame }[] = [];
  producer(env, f => {
    const copy = f.slice();
    project(f, env, row => { all.push({ row, f: copy }); });
  });
  const rows = all.map(x => x.row);
  const frameOf = new Map(all.map(x => [x.row, x.f]));
  sort(rows);
  for (const r of rows) {
    if (out.length >= wanted) break;
    const f = frameOf.get(r)!;
    const before = marks.map(m => f[2 * m.entry + 1]);
    if (!lock(f)) continue;
    if (marks.some((m, i) => f[2 * m.entry + 1] !== before[i])) project(f, env, row => { out.push(row.slice(0, width)); return false; });
    else out.push(r);
  }
  return out;
}

const rechecks = new WeakMap<Query, Compiled | null>();
/**
 * What a row's newest version must still meet: WHERE and the ON conditions of the inner joins
 * it was joined by (PostgreSQL re-runs the join for the row); an outer join's condition would
 * null-extend rather than drop it, and is not rechecked.
 */
function compileRecheck(q: Query): Compiled | null {
  if (rechecks.has(q)) return rechecks.get(q)!;
  const conds: Expr[] = q.where ? [q.where] : [];
  const ons = (n: FromNode): void => {
    if (n.k !== 'join' || (n.type !== 'inner' && n.type !== 'cross')) return;
    if (n.on) conds.push(n.on);
    ons(n.left);
    ons(n.right);
  };
  q.from.forEach(ons);
  const c = conds.length === 0 ? null
    : compile(conds.length === 1 ? conds[0] : { k: 'and', type: 16, typmod: -1, args: conds }, runSubquery);
  rechecks.set(q, c);
  return c;
}

/** READ COMMITTED: marked rows updated by transactions committed after the snapshot move to their newest version; false when one was deleted or no longer qualifies. */
function newestVersions(w: WriteContext, q: Query, marks: RowMark[], f: Frame, env: Env, recheck: Compiled | null): boolean {
  const tm = w.tm;
  let moved = false;
  for (const m of marks) {
    const slot = 2 * m.entry;
    const t = f[slot + 1] as Tuple | null;
    if (!t) continue;
    let cur = t;
    for (;;) {
      const x = cur.xmax;
      if (x === 0 || tm.isAborted(x) || tm.top(x) === w.top || tm.isRunning(x)) break;
      if (!cur.next) return false;
      cur = cur.next;
    }
    if (cur === t) continue;
    // a row of an inheritance child is read in its parent's layout: the statement runs again instead
    if (cur.rel !== q.entries[m.entry].table!.oid) throw new StatementRetry();
    f[slot] = cur.data;
    f[slot + 1] = cur;
    moved = true;
  }
  return !moved || !recheck || recheck(f, env) === true;
}

export type { SortKey };
