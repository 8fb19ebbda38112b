// WITH queries at run time: each is computed at most once per execution of the query
// level that owns it (data-modifying ones always, before the main query, on the same
// snapshot), recursive ones by iterating their recursive term over a working table.
import type { CteDef } from '../analyzer/query.js';
import type { Plan } from '../planner/index.js';
import { compile } from './compile.js';
import { execDml } from './dml.js';
import { emitRows, type CteState, type Env, type Frame } from './env.js';
import { hashFn, runSubquery, type Producer } from './query.js';

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

/** The rows of a WITH query, computed on first use. */
export function cteRows(def: CteDef, env: Env): unknown[][] {
  const st = env.ctes?.get(def);
  if (!st) throw new Error(`WITH query "${def.name}" is not available here`);
  if (st.rows) return st.rows;
  if (def.dml) st.rows = execDml(def.dml, st.env).rows ?? [];
  else if (def.recursive) st.rows = recursiveRows(def, st);
  else st.rows = runSubquery(def.query!, st.env);
  return st.rows;
}

function recursiveRows(def: CteDef, st: CteState): unknown[][] {
  const { term, all } = def.recursive!;
  const hashes = def.columns.map(c => hashFn(c.type));
  const seen = all ? null : new Set<string>();
  // UNION (not ALL) keeps only rows not produced before, in the first step too
  const fresh = (rows: unknown[][]) => {
    if (!seen) return rows;
    return rows.filter(r => {
      let k = '';
      for (let i = 0; i < hashes.length; i++) k += hashes[i](r[i]) + '\u0001';
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  const result: unknown[][] = [];
  let working = fresh(runSubquery(def.query!, st.env));
  while (working.length) {
    for (const r of working) result.push(r);
    st.working = working;
    working = fresh(runSubquery(term, st.env));
  }
  st.working = null;
  return result;
}

/** Scan of a WITH query (or of the working table of the recursive one being computed). */
export function compileCteScan(plan: Plan & { k: 'ctescan' }, width: number): Producer {
  const slot = 2 * plan.entry;
  const filter = plan.filter ? compile(plan.filter, runSubquery) : null;
  const def = plan.cte, worktable = plan.worktable;
  return (env, emit) => emitRows(worktable ? env.ctes?.get(def)?.working ?? [] : cteRows(def, env), slot, width, filter, env, emit);
}
