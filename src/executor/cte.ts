// WITH queries at run time: each is computed at most once per execution of the query
// level that owns it (data-modifying ones always, before the main query, on the same
// snapshot), recursive ones by iterating their recursive term over a working table.
import type { CteDef } from '../analyzer/query.js';
import type { Plan } from '../planner/index.js';
import { compile } from './compile.js';
import { execDml } from './dml.js';
import { emitRows, type Compiled, type CteState, type Env, type RecursiveState } from './env.js';
import { hashFn, runSubquery, type Producer } from './query.js';
import { checkDeadline } from './deadline.js';

/** Runs `body` with the WITH queries `ctes` available to everything it runs. */
export function withCtes<T>(ctes: CteDef[] | undefined, env: Env, body: () => T): T {
  if (!ctes?.length) return body();
  const saved = env.ctes;
  const map = new Map(saved ?? []);
  // a WITH query reads the outer levels as they are where it is defined
  const own: Env = { ...env, outer: env.outer.slice(), ctes: map };
  (own as any).__frame = undefined;
  for (const def of ctes) map.set(def, { env: own, rows: null, working: null });
  env.ctes = map;
  try {
    for (const def of ctes) if (def.dml) cteRows(def, env);
    return body();
  } finally {
    env.ctes = saved;
  }
}

/** The rows of a WITH query, computed on first use (a recursive one to its end). */
export function cteRows(def: CteDef, env: Env): unknown[][] {
  if (def.ephemeralRows) return def.ephemeralRows();
  const st = stateOf(def, env);
  if (def.recursive) {
    const rec = recState(st);
    while (!rec.done) runStep(def, st, rec, rec.steps.length, undefined);
    return st.rows!;
  }
  if (st.rows) return st.rows;
  if (def.dml) st.rows = execDml(def.dml, st.env).rows ?? [];
  else st.rows = runSubquery(def.query!, st.env);
  return st.rows;
}

function stateOf(def: CteDef, env: Env): CteState {
  const st = env.ctes?.get(def);
  if (!st) throw new Error(`WITH query "${def.name}" is not available here`);
  return st;
}

function recState(st: CteState): RecursiveState {
  if (!st.rec) {
    st.rec = { steps: [], done: false, seen: null };
    st.rows = [];
  }
  return st.rec;
}

/**
 * Runs step k of a recursive WITH query: the non-recursive term, then the recursive term over
 * the rows of step k-1 (the working table). With `limit` (UNION ALL only) it may stop after
 * that many rows; a step that returns a number of rows other than the limit is complete and
 * is kept (UNION keeps only rows not produced before); an empty one ends the recursion.
 */
function runStep(def: CteDef, st: CteState, rec: RecursiveState, k: number, limit: number | undefined): unknown[][] {
  checkDeadline(); // a recursion of one-row steps is interruptible too
  const saved = st.working;
  st.working = k === 0 ? null : rec.steps[k - 1];
  let rows: unknown[][];
  try {
    rows = runSubquery(k === 0 ? def.query! : def.recursive!.term, st.env, limit);
  } finally {
    st.working = saved;
  }
  if (rows.length === limit || rec.steps.length !== k) return rows;
  if (!def.recursive!.all) rows = fresh(def, rec, rows);
  if (!rows.length) rec.done = true;
  else {
    rec.steps.push(rows);
    for (const r of rows) st.rows!.push(r);
  }
  return rows;
}

/** UNION (not ALL): the rows not produced before, in the first step too. */
function fresh(def: CteDef, rec: RecursiveState, rows: unknown[][]): unknown[][] {
  const hashes = def.columns.map(c => hashFn(c.type));
  const seen = (rec.seen ??= new Set<string>());
  return rows.filter(r => {
    let key = '';
    for (let i = 0; i < hashes.length; i++) key += hashes[i](r[i]) + '\u0001';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A scan of a recursive WITH query pulls its steps as it needs rows, and the rows of a step
 * a few at a time (UNION ALL), as PostgreSQL's executor pulls them: a LIMIT above stops the
 * recursion. Scans of the same query share the steps computed.
 */
function recursiveScan(def: CteDef, slot: number, width: number, filter: Compiled | null): Producer {
  return (env, emit) => {
    const st = stateOf(def, env);
    const rec = recState(st);
    for (let k = 0; ; k++) {
      let emitted = 0;
      if (k >= rec.steps.length) {
        if (rec.done) return true;
        for (let limit = def.recursive!.all ? 1 : undefined; ; limit! *= 4) {
          const rows = runStep(def, st, rec, k, limit);
          // complete (by this scan, or by another scan of the same query meanwhile)
          if (rec.steps.length > k || rec.done) break;
          // a partial step: emit what is new, then ask for more
          if (rows.length > emitted) {
            if (!emitRows(rows.slice(emitted), slot, width, filter, env, emit)) return false;
            emitted = rows.length;
          }
          if (rec.steps.length > k || rec.done) break;
        }
        if (rec.done && k >= rec.steps.length) return true;
      }
      if (!emitRows(emitted ? rec.steps[k].slice(emitted) : rec.steps[k], slot, width, filter, env, emit)) return false;
    }
  };
}

/** Scan of a WITH query (or of the working table of the recursive one being computed). */
export function compileCteScan(plan: Plan & { k: 'ctescan' }, width: number): Producer {
  const slot = 2 * plan.entry;
  const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
  const def = plan.cte, worktable = plan.worktable;
  if (worktable) return (env, emit) => emitRows(env.ctes?.get(def)?.working ?? [], slot, width, filter, env, emit);
  if (def.recursive) return recursiveScan(def, slot, width, filter);
  return (env, emit) => emitRows(cteRows(def, env), slot, width, filter, env, emit);
}
