// A call of a user-defined aggregate (CREATE AGGREGATE): the overload chosen for the argument
// types, and its evaluation as PostgreSQL's nodeAgg does it: the state starts as INITCOND
// (or NULL), the transition function folds each row in (a strict one skips rows with a NULL
// argument, and with no INITCOND takes the first row's value as the state), the final
// function (if any) turns the state into the result.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { UserFunction } from '../catalog/objects.js';
import type { AggCall, AggImpl } from '../analyzer/query.js';
import { sameExpr } from '../analyzer/grouping.js';
import { typeByOid, type EvalContext, type FuncDef } from '../types/registry.js';
import { concreteArgs, functionCandidates, resolvePolymorphic, selectCandidate } from '../analyzer/coerce.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { inputTypes, userFunctionsNamed } from './catalog.js';
import { aggFunctionDef } from './aggregate-funcs.js';
import './aggregate-builtins.js';

/** User aggregates of this name along the path (or in the schema). */
export function userAggregatesNamed(cat: Catalog, schema: string | null, name: string, path: readonly string[]): UserFunction[] {
  return userFunctionsNamed(cat, schema, name, path).filter(f => f.prokind === 'a');
}

export interface UserAggChoice { oid: number; args: number[]; ret: number; impl: (ctx: EvalContext) => AggImpl }

/** The aggregate among `aggs` for these argument types, or null when none takes them. */
export function chooseUserAggregate(cat: Catalog, aggs: UserFunction[], types: number[], name: string, location: number): UserAggChoice | null {
  const defs = aggs.map(f => ({ name: f.name, args: inputTypes(f), ret: f.retType, fn: () => null, agg: f }) as FuncDef & { agg: UserFunction });
  const pick = selectCandidate(functionCandidates(defs, types), types);
  if (pick === 'ambiguous') {
    throw new PgError('42725', `function ${name}(${types.map(t => typeDisplayName(t)).join(', ')}) is not unique`, { position: location + 1,
      hint: 'Could not choose a best candidate function. You might need to add explicit type casts.' });
  }
  if (!pick) return null;
  const f = (pick.def as FuncDef & { agg: UserFunction }).agg;
  const args = concreteArgs(pick.args, types);
  const ret = resolvePolymorphic(pick.args, types, f.retType);
  const spec = f.agg!;
  const trans = bound(aggFunctionDef(cat, spec.transfn), [spec.stype, ...args], f);
  const final = spec.finalfn ? bound(aggFunctionDef(cat, spec.finalfn), [spec.stype, ...(spec.finalExtra ? args : [])], f) : null;
  const stype = resolvePolymorphic(pick.args, types, spec.stype);
  const init = spec.initcond;
  const nExtra = spec.finalExtra ? args.length : 0;
  const impl = (ctx: EvalContext): AggImpl => ({
    init: () => (init === null ? null : typeByOid(stype)!.input(init, -1, ctx.settings)),
    step: (s, a) => {
      if (trans.strict) {
        // the first non-NULL input is the state when there is no initial value
        if (s === null) return init === null ? a[0] : null;
      }
      return trans.fn([s, ...a], ctx);
    },
    final: s => {
      if (!final) return s;
      const vals = [s, ...new Array(nExtra).fill(null)];
      if (final.strict && vals.some(v => v === null)) return null;
      return final.fn(vals, ctx);
    },
    strict: trans.strict,
  });
  return { oid: f.oid, args, ret, impl };
}

function bound(def: FuncDef | null, types: number[], agg: UserFunction): { fn: FuncDef['fn']; strict: boolean } {
  if (!def) throw new PgError('XX000', `a support function of aggregate ${agg.name} no longer exists`);
  return { fn: def.bind ? def.bind(types) : def.fn, strict: def.strict !== false };
}

/** An earlier call of the same user aggregate with the same inputs (ExecInitAgg shares it: its functions run once per row). */
export function sameUserAggCall(a: AggCall, b: AggCall): boolean {
  return a.userOid !== undefined && a.userOid === b.userOid && a.distinct === b.distinct && a.star === b.star
    && a.args.length === b.args.length && a.args.every((x, i) => sameExpr(x, b.args[i]))
    && (a.filter === null ? b.filter === null : b.filter !== null && sameExpr(a.filter, b.filter))
    && a.orderBy.length === b.orderBy.length
    && a.orderBy.every((k, i) => k.desc === b.orderBy[i].desc && k.nullsFirst === b.orderBy[i].nullsFirst && sameExpr(k.expr, b.orderBy[i].expr));
}
