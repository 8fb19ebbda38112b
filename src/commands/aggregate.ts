// CREATE [OR REPLACE] AGGREGATE (PostgreSQL's DefineAggregate and AggregateCreate): the new
// and the old (BASETYPE = …) syntax; the aggregate is a pg_proc entry of kind 'a' whose
// pg_aggregate part (UserFunction.agg) names its transition and final functions.
import { PgError } from '../errors/index.js';
import type { AggFuncRef, AggregateSpec, UserFunction } from '../catalog/objects.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { typeByOid } from '../types/registry.js';
import { functionSignature, functionsOf, sameInputTypes } from '../functions/catalog.js';
import { lookupAggFunction } from '../functions/aggregate-funcs.js';
import { userFunctionByOid } from '../functions/catalog.js';
import type { CommandContext } from './context.js';
import { checkOptionSet, checkSerialization, checkSupportFunctions } from './aggregate-options.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { functionTarget } from './function.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
const PSEUDO: Record<string, number> = { any: 2276, anyelement: 2283, anyarray: 2277, anynonarray: 2776, anycompatible: 5077, anycompatiblearray: 5078 };
/** Options PostgreSQL accepts that evaluation here does not need (kept for pg_aggregate / dump). */
const OTHER = new Set(['combinefunc', 'serialfunc', 'deserialfunc', 'msfunc', 'minvfunc', 'mstype', 'msspace', 'mfinalfunc',
  'mfinalfunc_extra', 'mfinalfunc_modify', 'minitcond', 'sortop', 'sspace', 'finalfunc_modify', 'hypothetical']);
const ALIASES: Record<string, string> = { sfunc1: 'sfunc', stype1: 'stype', initcond1: 'initcond' };

function typeOf(tn: any): number {
  if (tn.String) return typeOfName(str(tn));
  const last = ((tn.names ?? []) as any[]).map(str).pop() ?? '';
  if (PSEUDO[last] !== undefined && !tn.arrayBounds?.length) return PSEUDO[last];
  return resolveTypeName(tn).oid;
}
function typeOfName(s: string): number {
  const l = s.toLowerCase();
  if (PSEUDO[l] !== undefined) return PSEUDO[l];
  return resolveTypeName({ names: s.split('.').map(x => ({ String: { sval: x } })), location: -1 }).oid;
}
const defText = (a: any): string => (a.TypeName ? (a.TypeName.names as any[]).map(str).join('.') : a.String ? str(a)
  : a.Integer ? String(a.Integer.ival) : a.Float ? str(a.Float) : a.Boolean ? String(a.Boolean.boolval) : a.List ? (a.List.items as any[]).map(str).join('.') : String(a));
const defNames = (a: any): string[] => (a.TypeName ? (a.TypeName.names as any[]).map(str) : a.List ? (a.List.items as any[]).map(str) : [defText(a)]);

export function createAggregate(cx: CommandContext, n: any): string {
  const { schema: schemaName, name } = functionTarget(cx, (n.defnames as any[]).map(str));
  const schema = cx.catalog.schema(schemaName);
  const opts = new Map<string, any>();
  for (const d of ((n.definition ?? []) as any[]).map(x => x.DefElem)) {
    const key = ALIASES[d.defname] ?? d.defname;
    if (key === 'sfunc' || key === 'stype' || key === 'initcond' || key === 'finalfunc' || key === 'finalfunc_extra' || key === 'parallel'
      || key === 'basetype' || OTHER.has(key)) opts.set(key, d.arg);
    else cx.notice({ severity: 'WARNING', code: '01000', message: `aggregate attribute "${d.defname}" not recognized` });
  }
  if (!opts.has('stype')) throw new PgError('42P13', 'aggregate stype must be specified');
  if (!opts.has('sfunc')) throw new PgError('42P13', 'aggregate sfunc must be specified');
  checkOptionSet(opts, defText);
  // the argument types: (*) is none; the old syntax's BASETYPE 'ANY' is none too
  let args: number[];
  if (n.oldstyle) {
    if (!opts.has('basetype')) throw new PgError('42P13', 'aggregate input type must be specified');
    const b = opts.get('basetype');
    args = b.String && str(b).toLowerCase() === 'any' ? [] : [typeOf(b.TypeName ?? b)];
  } else {
    if (opts.has('basetype')) throw new PgError('42P13', 'basetype is redundant with aggregate input type specification');
    const list = n.args?.[0]?.List?.items as any[] | undefined;
    const ordered = n.args?.[1]?.Integer?.ival ?? -1;
    if (ordered >= 0 || opts.has('hypothetical')) {
      // OR REPLACE of a plain aggregate by an ordered-set one is PostgreSQL's error before ours
      const types = (list ?? []).map(p => p.FunctionParameter).filter(p => p?.argType).map(p => typeOf(p.argType));
      const old = n.replace ? functionsOf(schema).get(name)?.find(g => sameInputTypes(g, types)) : undefined;
      if (old?.prokind === 'a') throw new PgError('42809', 'cannot change routine kind', { detail: `"${name}" is an ordinary aggregate function.` });
      throw new PgError('0A000', 'ordered-set aggregates are not supported');
    }
    args = (list ?? []).map(p => p.FunctionParameter).filter(p => p?.argType).map(p => {
      if (p.mode === 'FUNC_PARAM_VARIADIC') throw new PgError('0A000', 'variadic aggregates are not supported');
      return typeOf(p.argType);
    });
  }
  const stype = typeOf(opts.get('stype').TypeName ?? opts.get('stype'));
  checkSerialization(opts);
  const path = cx.analyze.searchPath;
  const transfn = lookupAggFunction(cx.catalog, defNames(opts.get('sfunc')), [stype, ...args], path);
  if (transfn.ret !== stype) throw new PgError('42804', `return type of transition function ${transfn.name} is not ${typeDisplayName(stype)}`);
  const finalExtra = opts.has('finalfunc_extra') ? opts.get('finalfunc_extra').Boolean?.boolval ?? true : false;
  const finalfn = opts.has('finalfunc')
    ? lookupAggFunction(cx.catalog, defNames(opts.get('finalfunc')), finalExtra ? [stype, ...args] : [stype], path) : null;
  checkSupportFunctions(cx, opts, defNames, a => typeOf(a.TypeName ?? a), stype, args);
  const initcond = opts.has('initcond') ? defText(opts.get('initcond')) : null;
  // the initial value must be valid input of the state type
  if (initcond !== null) typeByOid(stype)!.input(initcond, -1, cx.analyze.settings);
  const retType = finalfn ? finalfn.ret : stype;
  const other: Record<string, string> = {};
  for (const k of OTHER) if (opts.has(k)) other[k] = defText(opts.get(k));
  const ref = (r: AggFuncRef & { ret?: number }): AggFuncRef => ({ oid: r.oid, name: r.name, args: r.args });
  const spec: AggregateSpec = { transfn: ref(transfn), finalfn: finalfn && ref(finalfn), stype, initcond, finalExtra, other, ...(n.oldstyle ? { oldStyle: true } : {}) };
  const par = opts.has('parallel') ? defText(opts.get('parallel')).toLowerCase() : 'unsafe';
  if (!['safe', 'restricted', 'unsafe'].includes(par)) throw new PgError('22023', 'parameter "parallel" must be SAFE, RESTRICTED, or UNSAFE');
  const f: UserFunction = {
    kind: 'function', oid: 0, name, schema, owner: cx.user, prokind: 'a', params: args.map(type => ({ name: '', type, mode: 'i' })),
    defaults: [], retType, retSet: false, language: 'internal', src: 'aggregate_dummy', sqlBody: null, volatility: 'i', strict: false,
    securityDefiner: false, leakproof: false, parallel: par === 'safe' ? 's' : par === 'restricted' ? 'r' : 'u', cost: 1, rows: 0, config: null, agg: spec,
  };
  const existing = functionsOf(schema).get(name)?.find(g => sameInputTypes(g, args));
  if (existing && !n.replace) throw new PgError('42723', `function "${name}" already exists with same argument types`);
  if (existing) {
    if (existing.prokind !== 'a') throw new PgError('42809', 'cannot change routine kind', { detail: `"${name}" is a ${existing.prokind === 'p' ? 'procedure' : 'function'}.` });
    if (existing.retType !== retType) {
      throw new PgError('42P13', 'cannot change return type of existing function', { hint: `Use DROP AGGREGATE ${functionSignature(existing)} first.` });
    }
    for (const key of ['agg', 'parallel'] as const) cx.catalog.set(existing, key, f[key] as never);
    cx.catalog.set(existing, 'cache', {});
    return 'CREATE AGGREGATE';
  }
  f.oid = cx.catalog.allocOid();
  const map = functionsOf(schema);
  const list = map.get(name);
  if (list) cx.catalog.push(list, f);
  else { map.set(name, [f]); cx.catalog.record(() => map.delete(name)); }
  for (const ref of [transfn, finalfn]) {
    const used = ref?.oid ? userFunctionByOid(cx.catalog, ref.oid) : undefined;
    if (used) cx.catalog.deps.add(f, 0, used, 0, 'n');
  }
  return 'CREATE AGGREGATE';
}
