// GROUP BY GROUPING SETS / ROLLUP / CUBE: the input rows are grouped once per set, by the
// set's grouping expressions; each set has its own projection in which the grouping
// expressions it leaves out are NULL and GROUPING(…) is a constant (analyzer/grouping-sets.ts).
import type { Expr, Query } from '../analyzer/query.js';
import { groupingOf, groupKeyOf } from '../analyzer/grouping-sets.js';
import { mapExpr } from '../planner/plan.js';
import { aggregateImpl } from './aggregates.js';
import { compile, type SubqueryRunner } from './compile.js';
import { frameAggs, type Env, type Frame } from './env.js';
import { compileProjection } from './srf-project.js';
import { aggOrder, hashFn, sortRows, type Producer } from './query.js';

/** Runs the grouping of a query with grouping sets; each output row (projected) goes to `emit`. */
export type GroupingSetsProgram = (env: Env, producer: Producer, emit: (row: unknown[]) => void) => void;

export function compileGroupingSets(q: Query, projected: Expr[], width: number, run: SubqueryRunner): GroupingSetsProgram {
  const sets = q.groupingSets!;
  const keys = q.groupBy.map(g => compile(g, run));
  const keyHash = q.groupBy.map(g => hashFn(g.type));
  const perSet = sets.map(set => {
    const inSet = new Set(set);
    const bind = (e: Expr) => mapExpr(e, x => {
      const k = groupKeyOf(x);
      if (k !== null) return inSet.has(k) ? (x as Expr & { k: 'func' }).args[0] : { k: 'const', type: x.type, typmod: x.typmod, value: null };
      const g = groupingOf(x);
      if (g) {
        // GROUPING(a, b, …): one bit per argument, the first the most significant, set when the argument is left out
        let v = 0;
        for (const r of g.refs) v = (v << 1) | (inSet.has(r) ? 0 : 1);
        return { k: 'const', type: x.type, typmod: -1, value: v };
      }
      return x;
    });
    return {
      set,
      project: compileProjection(projected.map(bind), run),
      having: q.having ? compile(bind(q.having), run) : null,
    };
  });
  const aggs = q.aggs.map(a => ({
    args: a.args.map(x => compile(x, run)), filter: a.filter ? compile(a.filter, run) : null, distinct: a.distinct,
    argHash: a.args.map(x => hashFn(x.type)), order: aggOrder(a).map(k => ({ key: compile(k.expr, run), k })),
    direct: a.direct?.map(x => compile(x, run)) ?? null, call: a,
  }));
  interface Group { frame: Frame; states: unknown[]; seen: (Set<string> | null)[]; ordered: unknown[][][] }

  return (env, producer, emit) => {
    const impls = q.aggs.map(a => aggregateImpl(a.name, a.args[0]?.type ?? 0, a.type, env.ctx, a));
    const newGroup = (f: Frame): Group => ({ frame: f.slice(), states: impls.map(i => i.init()),
      seen: aggs.map(a => (a.distinct ? new Set<string>() : null)), ordered: aggs.map(() => []) });
    const groups = sets.map(() => new Map<string, Group>());
    producer(env, f => {
      const keyVals = keys.map((k, i) => keyHash[i](k(f, env)));
      // each aggregate's input for this row, shared by every set
      const inputs = aggs.map((a, i) => {
        if (a.filter && a.filter(f, env) !== true) return null;
        const vals = a.args.map(x => x(f, env));
        if (impls[i].strict && vals.some(v => v === null)) return null;
        return { vals, order: a.order.map(o => o.key(f, env)) };
      });
      sets.forEach((set, s) => {
        const key = set.map(i => keyVals[i]).join('\u0001');
        let g = groups[s].get(key);
        if (!g) { g = newGroup(f); groups[s].set(key, g); }
        for (let i = 0; i < aggs.length; i++) {
          const inp = inputs[i];
          if (!inp) continue;
          if (aggs[i].distinct) {
            const k = inp.vals.map((v, j) => aggs[i].argHash[j](v)).join('\u0001');
            if (g.seen[i]!.has(k)) continue;
            g.seen[i]!.add(k);
          }
          if (aggs[i].order.length) g.ordered[i].push([...inp.vals, ...inp.order]);
          else g.states[i] = impls[i].step(g.states[i], inp.vals);
        }
      });
    });
    // an empty set makes one group even without input rows
    sets.forEach((set, s) => { if (!set.length && !groups[s].size) groups[s].set('', newGroup(new Array(width).fill(null))); });
    const saved = env.aggs;
    try {
      sets.forEach((_set, s) => {
        const { project, having } = perSet[s];
        for (const g of groups[s].values()) {
          const results = aggs.map((a, i) => {
            if (!a.order.length) return impls[i].final(g.states[i]);
            const n = a.args.length;
            sortRows(g.ordered[i], a.order.map(o => o.k), n);
            let st = g.states[i];
            for (const r of g.ordered[i]) st = impls[i].step(st, r.slice(0, n));
            return impls[i].final(st, a.direct?.map(d => d(g.frame, env)));
          });
          env.aggs = results;
          frameAggs.set(g.frame, results);
          if (having && having(g.frame, env) !== true) continue;
          project(g.frame, env, row => { emit(row); });
        }
      });
    } finally { env.aggs = saved; }
  };
}
