// CREATE AGGREGATE's optional support functions PostgreSQL checks but evaluation here does not
// use (DefineAggregate / AggregateCreate): the moving-aggregate set (MSTYPE, MSFUNC, MINVFUNC,
// MFINALFUNC, MINITCOND), COMBINEFUNC, SERIALFUNC / DESERIALFUNC, the *_MODIFY keywords.
import { PgError } from '../errors/index.js';
import type { AggFuncRef } from '../catalog/objects.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { aggFunctionDef, lookupAggFunction } from '../functions/aggregate-funcs.js';
import type { CommandContext } from './context.js';

const fail = (message: string) => new PgError('42P13', message);

/** The checks DefineAggregate makes before it looks at the argument types. */
export function checkOptionSet(opts: Map<string, any>, text: (a: any) => string): void {
  if (opts.has('mstype')) {
    if (!opts.has('msfunc')) throw fail('aggregate msfunc must be specified when mstype is specified');
    if (!opts.has('minvfunc')) throw fail('aggregate minvfunc must be specified when mstype is specified');
  } else {
    for (const k of ['msfunc', 'minvfunc', 'mfinalfunc', 'mfinalfunc_extra', 'mfinalfunc_modify', 'msspace', 'minitcond']) {
      if (opts.has(k)) throw fail(`aggregate ${k} must not be specified without mstype`);
    }
  }
  for (const k of ['finalfunc_modify', 'mfinalfunc_modify']) {
    if (opts.has(k) && !['read_only', 'shareable', 'read_write'].includes(text(opts.get(k)).toLowerCase())) {
      throw new PgError('22023', `parameter "${k}" must be READ_ONLY, SHAREABLE, or READ_WRITE`);
    }
  }
}

/** The checks after the argument types are known (before the transition function is looked up). */
export function checkSerialization(opts: Map<string, any>): void {
  if (opts.has('serialfunc') !== opts.has('deserialfunc')) throw fail('must specify both or neither of serialization and deserialization functions');
  if (opts.has('serialfunc')) throw new PgError('42P13', 'serialization functions may be specified only when the aggregate transition data type is internal');
}

/** AggregateCreate's lookups of COMBINEFUNC and the moving-aggregate functions, with their result checks. */
export function checkSupportFunctions(cx: CommandContext, opts: Map<string, any>, names: (a: any) => string[], typeOf: (a: any) => number,
  stype: number, args: number[]): void {
  const path = cx.analyze.searchPath;
  const returning = (ref: AggFuncRef & { ret: number }, want: number, what: string) => {
    const def = aggFunctionDef(cx.catalog, ref)!;
    if (ref.ret !== want) throw new PgError('42804', `return type of ${what} ${ref.name} is not ${typeDisplayName(want)}`);
    return def;
  };
  if (opts.has('combinefunc')) returning(lookupAggFunction(cx.catalog, names(opts.get('combinefunc')), [stype, stype], path), stype, 'combine function');
  if (!opts.has('mstype')) return;
  const mstype = typeOf(opts.get('mstype'));
  const fwd = returning(lookupAggFunction(cx.catalog, names(opts.get('msfunc')), [mstype, ...args], path), mstype, 'transition function');
  const inv = returning(lookupAggFunction(cx.catalog, names(opts.get('minvfunc')), [mstype, ...args], path), mstype, 'inverse transition function');
  if ((fwd.strict !== false) !== (inv.strict !== false)) throw fail("strictness of aggregate's forward and inverse transition functions must match");
  if (opts.has('mfinalfunc')) lookupAggFunction(cx.catalog, names(opts.get('mfinalfunc')), [mstype], path);
}
