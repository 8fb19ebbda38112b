// Typed expressions compiled once into closures.
import { PgError } from '../errors/index.js';
import type { Expr, FromNode, Query } from '../analyzer/query.js';
import { forEachChild, isCorrelated } from '../planner/plan.js';
import { frameAggs, type Compiled, type Env, type Frame } from './env.js';
import { dims, flatten } from '../types/arrays.js';
import { typeByOid } from '../types/registry.js';
import { makeRecord } from '../types/record.js';
import { nameRecord } from '../types/record-mark.js';
import { markComposite } from '../types/record-mark.js';
import { compileSubscript } from './subscript.js';
import { compileSystemColumn } from './system-columns.js';

/** Runs a subquery for a sublink: all its output rows, or stops early when `limit` rows are found. */
export type SubqueryRunner = (q: Query, env: Env, limit?: number) => unknown[][];

const truthy = (v: unknown) => v === true;

export function compile(e: Expr, run: SubqueryRunner): Compiled {
  switch (e.k) {
    case 'const': { const v = e.value; return () => v; }
    case 'param': {
      const i = e.index;
      if (i < 0) { const col = -1 - i; return (_f, env) => env.subRow![col] ?? null; }
      return (_f, env) => env.params[i] ?? null;
    }
    case 'var': {
      const slot = 2 * e.entry, att = e.att, up = e.levelsUp;
      if (up === 0) return f => { const d = f[slot] as unknown[] | null; return d ? (d[att] ?? null) : null; };
      return (_f, env) => { const d = env.outer[env.outer.length - up][slot] as unknown[] | null; return d ? (d[att] ?? null) : null; };
    }
    case 'tableoid': {
      if (e.sys) return compileSystemColumn(e);
      const slot = 2 * e.entry + 1, up = e.levelsUp;
      return (f, env) => {
        const fr = up === 0 ? f : env.outer[env.outer.length - up];
        const t = fr[slot] as { rel?: number } | null;
        return t?.rel ?? null;
      };
    }
    case 'op': {
      const fn = e.op.fn;
      const strict = e.op.strict !== false;
      if (e.args.length === 1) {
        const a = compile(e.args[0], run);
        return (f, env) => { const x = a(f, env); return x === null && strict ? null : fn(undefined, x, env.ctx); };
      }
      const a = compile(e.args[0], run), b = compile(e.args[1], run);
      if (!strict) return (f, env) => fn(a(f, env), b(f, env), env.ctx);
      return (f, env) => {
        const x = a(f, env);
        if (x === null) return null;
        const y = b(f, env);
        return y === null ? null : fn(x, y, env.ctx);
      };
    }
    case 'func': {
      const fn = e.fn.fn, strict = e.fn.strict !== false;
      const args = e.args.map(a => compile(a, run));
      const n = args.length;
      return (f, env) => {
        const vals = new Array(n);
        for (let i = 0; i < n; i++) {
          const v = args[i](f, env);
          if (v === null && strict) return null;
          vals[i] = v;
        }
        return fn(vals, env.ctx);
      };
    }
    case 'cast': {
      const a = compile(e.arg, run);
      const fn = e.fn, mod = e.applyTypmod, onNull = !!e.fnOnNull && !!fn;
      return (f, env) => {
        let v = a(f, env);
        if (v === null) return onNull ? fn!(null, env.ctx) : null;
        if (fn) v = fn(v, env.ctx);
        if (mod && v !== null) v = mod(v);
        return v;
      };
    }
    case 'and': {
      const args = e.args.map(a => compile(a, run));
      return (f, env) => {
        let sawNull = false;
        for (const a of args) {
          const v = a(f, env);
          if (v === false) return false;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : true;
      };
    }
    case 'or': {
      const args = e.args.map(a => compile(a, run));
      return (f, env) => {
        let sawNull = false;
        for (const a of args) {
          const v = a(f, env);
          if (v === true) return true;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : false;
      };
    }
    case 'not': { const a = compile(e.arg, run); return (f, env) => { const v = a(f, env); return v === null ? null : !v; }; }
    case 'nulltest': {
      const a = compile(e.arg, run);
      if (e.row && e.arg.k === 'row') {
        // a table's whole row has slots for dropped columns, which do not count
        const named = typeByOid(e.arg.type)?.fields?.();
        const parts = e.arg.args.map(x => compile(x, run)).filter((_, i) => !named || named[i]);
        const isNull = e.isNull;
        return (f, env) => parts.every(p => (p(f, env) === null) === isNull);
      }
      const fields = e.row ? typeByOid(e.arg.type)?.fields?.() : undefined;
      if (fields) {
        // a composite value: null, or every (live) field null / not null
        const isNull = e.isNull;
        return (f, env) => {
          const v = a(f, env) as unknown[] | null;
          return v === null ? isNull : fields.every((fd, i) => !fd || ((v[i] ?? null) === null) === isNull);
        };
      }
      return e.isNull ? (f, env) => a(f, env) === null : (f, env) => a(f, env) !== null;
    }
    case 'booltest': {
      const a = compile(e.arg, run);
      const want = e.test === 'true' ? true : e.test === 'false' ? false : null;
      const neg = e.negate;
      return (f, env) => (a(f, env) === want) !== neg;
    }
    case 'distinct': {
      const eq = e.eq.fn;
      const a = compile(e.args[0], run), b = compile(e.args[1], run);
      const neg = e.negate;
      return (f, env) => {
        const x = a(f, env), y = b(f, env);
        let distinct: boolean;
        if (x === null || y === null) distinct = x !== y;
        else distinct = !eq(x, y, env.ctx);
        return distinct !== neg;
      };
    }
    case 'nullif': {
      const eq = e.eq.fn;
      const a = compile(e.args[0], run), b = compile(e.args[1], run);
      return (f, env) => {
        const x = a(f, env), y = b(f, env);
        return x !== null && y !== null && eq(x, y, env.ctx) === true ? null : x;
      };
    }
    case 'case': {
      const whens = e.whens.map(w => ({ c: compile(w.cond, run), r: compile(w.result, run) }));
      const els = e.else ? compile(e.else, run) : () => null;
      return (f, env) => {
        for (const w of whens) if (truthy(w.c(f, env))) return w.r(f, env);
        return els(f, env);
      };
    }
    case 'coalesce': {
      const args = e.args.map(a => compile(a, run));
      return (f, env) => {
        for (const a of args) { const v = a(f, env); if (v !== null) return v; }
        return null;
      };
    }
    case 'minmax': {
      const args = e.args.map(a => compile(a, run));
      const cmp = e.cmp, sign = e.greatest ? 1 : -1;
      return (f, env) => {
        let best: unknown = null;
        for (const a of args) {
          const v = a(f, env);
          if (v !== null && (best === null || cmp(v, best) * sign > 0)) best = v;
        }
        return best;
      };
    }
    case 'scalararray': {
      const a = compile(e.args[0], run), b = compile(e.args[1], run);
      const fn = e.op.fn, any = e.any;
      return (f, env) => {
        const x = a(f, env);
        const arr = b(f, env) as unknown[] | null;
        if (arr === null) return null;
        if (arr.length === 0) return !any;
        if (x === null) return null;
        let sawNull = false;
        for (const el of flatten(arr)) {
          if (el === null) { sawNull = true; continue; }
          const r = fn(x, el, env.ctx);
          if (any && r === true) return true;
          if (!any && r === false) return false;
        }
        return sawNull ? null : !any;
      };
    }
    case 'array': {
      const elems = e.elems.map(x => compile(x, run));
      const comp = typeByOid(e.elems[0]?.type ?? 0)?.fields;
      // composite elements are marked as records, never to be taken for sub-arrays
      if (comp) return (f, env) => elems.map(x => markComposite(x(f, env), comp));
      if (!e.elems.some(x => typeByOid(x.type)?.category === 'A')) return (f, env) => elems.map(x => x(f, env));
      // ARRAY[ARRAY[…], ARRAY[…]]: the sub-arrays become one more dimension and must agree in shape
      return (f, env) => {
        // a NULL or empty sub-array is only allowed when all of them are
        const parts = elems.map(x => (x(f, env) as unknown[] | null) ?? []);
        const nonEmpty = parts.filter(p => p.length > 0);
        if (nonEmpty.length === 0) return [];
        const shape = JSON.stringify(dims(nonEmpty[0]));
        if (nonEmpty.length !== parts.length || nonEmpty.some(p => JSON.stringify(dims(p)) !== shape)) {
          throw new PgError('2202E', 'multidimensional arrays must have array expressions with matching dimensions');
        }
        return nonEmpty;
      };
    }
    case 'rowcompare': return compileRowCompare(e, run);
    case 'subscript': return compileSubscript(e, run);
    case 'field': { const a = compile(e.arg, run), i = e.index; return (f, env) => (a(f, env) as unknown[] | null)?.[i] ?? null; }
    case 'row': {
      const args = e.args.map(x => compile(x, run));
      const types = e.args.map(x => x.type);
      // a table's whole row on the null-extended side of an outer join is NULL, not a row of NULLs
      const vars = e.wholeRow ? e.args.filter(x => x.k === 'var') as (Expr & { k: 'var' })[] : [];
      if (vars.length && vars.every(v => v.entry === vars[0].entry && v.levelsUp === vars[0].levelsUp)) {
        const slot = 2 * vars[0].entry, up = vars[0].levelsUp;
        const names = e.fieldNames;
        return (f, env) => {
          if ((up === 0 ? f : env.outer[env.outer.length - up])[slot] == null) return null;
          const r = makeRecord(args.map(x => x(f, env)), types);
          return names ? nameRecord(r, names) : r;
        };
      }
      // a FROM item's row keeps its column names (to_json and json_agg show them)
      const names = e.fieldNames;
      if (names) return (f, env) => nameRecord(makeRecord(args.map(x => x(f, env)), types), names);
      return (f, env) => makeRecord(args.map(x => x(f, env)), types);
    }
    case 'aggref': {
      const i = e.index, up = e.levelsUp ?? 0;
      if (up > 0) return (_f, env) => frameAggs.get(env.outer[env.outer.length - up])?.[i] ?? null;
      return (_f, env) => env.aggs![i];
    }
    case 'special': { const fn = e.fn; return (_f, env) => fn(env.ctx); }
    case 'sublink': return compileSublink(e, run);
  }
}

/** (a, b) < (c, d): the first column pair that is not equal decides; NULL when a compared pair has a NULL. */
function compileRowCompare(e: Expr & { k: 'rowcompare' }, run: SubqueryRunner): Compiled {
  const left = e.left.map(x => compile(x, run)), right = e.right.map(x => compile(x, run));
  const ops = e.ops.map(o => o.fn), eqs = e.eqs.map(o => o.fn);
  const n = left.length, whenEqual = e.whenEqual;
  return (f, env) => {
    for (let i = 0; i < n; i++) {
      const x = left[i](f, env), y = right[i](f, env);
      if (x === null || y === null) return null;
      if (eqs[i](x, y, env.ctx) === true) continue;
      return ops[i](x, y, env.ctx);
    }
    return whenEqual;
  };
}

function compileSublink(e: Expr & { k: 'sublink' }, run: SubqueryRunner): Compiled {
  const q = e.query;
  const correlated = isCorrelated(q);
  // an uncorrelated subquery runs once per execution (PostgreSQL's InitPlan); cache by env
  let cacheEnv: Env | null = null;
  let cacheParams: unknown[] | null = null;
  // WITH queries are computed anew each time the level that owns them runs (their rows may differ)
  let cacheCtes: unknown = null;
  let cached: unknown[][] = [];
  // a correlated one runs once per distinct value of what it reads outside (PostgreSQL's Memoize),
  // when nothing else can change its answer within the execution
  const refs = correlated ? outerReferences(q) : null;
  const keyParts = refs?.map(r => ({ fn: compile(r, run), hash: hashValue(r.type) })) ?? null;
  let memo = new Map<string, unknown[][]>();
  const rows = (f: Frame, env: Env, limit?: number): unknown[][] => {
    if (!correlated) {
      if (cacheEnv === env && cacheParams === env.params && cacheCtes === env.ctes) return cached;
      cached = run(q, env);
      cacheEnv = env;
      cacheParams = env.params;
      cacheCtes = env.ctes;
      return cached;
    }
    let key: string | null = null;
    if (keyParts) {
      if (cacheEnv !== env || cacheParams !== env.params || cacheCtes !== env.ctes) { memo = new Map(); cacheEnv = env; cacheParams = env.params; cacheCtes = env.ctes; }
      key = String(limit ?? '');
      for (const k of keyParts) key += '\u0001' + k.hash(k.fn(f, env));
      const hit = memo.get(key);
      if (hit) return hit;
    }
    env.outer.push(f);
    let r: unknown[][];
    try { r = run(q, env, limit); } finally { env.outer.pop(); }
    if (key !== null && memo.size < MEMO_LIMIT) memo.set(key, r);
    return r;
  };
  switch (e.kind) {
    case 'exists': return (f, env) => rows(f, env, 1).length > 0;
    case 'scalar': return (f, env) => {
      const r = rows(f, env, 2);
      if (r.length > 1) throw new PgError('21000', 'more than one row returned by a subquery used as an expression');
      return r.length ? r[0][0] : null;
    };
    case 'array': return (f, env) => rows(f, env).map(r => r[0]);
    case 'multiexpr': return (f, env) => {
      // SET (a, b) = (SELECT …): the one row (or none) the columns are read from
      const r = rows(f, env, 2);
      if (r.length > 1) throw new PgError('21000', 'more than one row returned by a subquery used as an expression');
      return r.length ? r[0] : null;
    };
    case 'rowcompare': {
      const test = compile(e.test!, run);
      return (f, env) => {
        const r = rows(f, env, 2);
        if (r.length > 1) throw new PgError('21000', 'more than one row returned by a subquery used as an expression');
        if (r.length === 0) return null;
        const saved = env.subRow;
        env.subRow = r[0];
        try { return test(f, env); } finally { env.subRow = saved; }
      };
    }
    case 'any': case 'all': {
      const test = compile(e.test!, run);
      const any = e.kind === 'any';
      return (f, env) => {
        const r = rows(f, env);
        let sawNull = false;
        const saved = env.subRow;
        for (const row of r) {
          env.subRow = row;
          let v: unknown;
          try { v = test(f, env); } finally { env.subRow = saved; }
          if (v === null) sawNull = true;
          else if (any && v === true) return true;
          else if (!any && v === false) return false;
        }
        return sawNull ? null : !any;
      };
    }
  }
}

/** Distinct outer values a correlated subquery's results are kept for, at most. */
const MEMO_LIMIT = 10000;

function hashValue(type: number): (v: unknown) => string {
  const t = typeByOid(type);
  const hk = t?.hashKey?.bind(t);
  return v => (v === null ? '\u0000N' : hk ? typeof v + String(hk(v)) : typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) : typeof v + String(v));
}

/**
 * The values a correlated subquery reads from the levels around it, as expressions of the
 * level that holds the sublink (a column of the current row has levelsUp 0); null when its
 * result may depend on more than those values (function calls — volatile or not known to be
 * stable —, WITH queries, LATERAL, functions in FROM), so that it must run every time.
 */
function outerReferences(q: Query): Expr[] | null {
  const found = new Map<string, Expr>();
  let safe = true;
  const expr = (e: Expr, depth: number): void => {
    if (!safe) return;
    if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp > depth) {
      const x = { ...e, levelsUp: e.levelsUp - depth - 1 } as Expr;
      found.set(`${e.k}.${(x as { levelsUp: number }).levelsUp}.${e.entry}.${e.k === 'var' ? e.att : ''}`, x);
      return;
    }
    if (e.k === 'func' || e.k === 'special' || (e.k === 'aggref' && (e.levelsUp ?? 0) > depth)) { safe = false; return; }
    if (e.k === 'sublink') { query(e.query, depth + 1); if (e.test) expr(e.test, depth); return; }
    forEachChild(e, c => expr(c, depth));
  };
  const query = (x: Query, depth: number): void => {
    if (!safe) return;
    if (x.ctes?.length || x.lateral) { safe = false; return; }
    if (x.where) expr(x.where, depth);
    if (x.having) expr(x.having, depth);
    for (const t of x.targets) expr(t.expr, depth);
    for (const g of x.groupBy) expr(g, depth);
    for (const o of x.orderBy) expr(o.expr, depth);
    if (x.limit) expr(x.limit, depth);
    if (x.offset) expr(x.offset, depth);
    for (const a of x.aggs) { for (const y of a.args) expr(y, depth); if (a.filter) expr(a.filter, depth); for (const o of a.orderBy) expr(o.expr, depth); }
    for (const en of x.entries) {
      if (en.kind === 'function' || en.kind === 'cte') { safe = false; return; }
      // a subquery in FROM reads the levels around its query as that query does (it is run with the same outer rows)
      if (en.query) query(en.query, depth);
      if (en.values) for (const r of en.values) for (const y of r) expr(y, depth);
    }
    const on = (n: FromNode): void => { if (n.k === 'join') { if (n.on) expr(n.on, depth); on(n.left); on(n.right); } };
    x.from.forEach(on);
    if (x.setOp) { query(x.setOp.left, depth); query(x.setOp.right, depth); }
  };
  query(q, 0);
  return safe ? [...found.values()] : null;
}
