// ALTER FUNCTION / PROCEDURE / ROUTINE … options (volatility, STRICT, SECURITY, LEAKPROOF,
// COST, ROWS, PARALLEL, SET / RESET).
import { PgError } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { lookupFunction } from './function-lookup.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

export function alterFunction(cx: CommandContext, n: any): string {
  const kind = n.objtype === 'OBJECT_PROCEDURE' ? 'procedure' : n.objtype === 'OBJECT_ROUTINE' ? 'routine' : 'function';
  const f = lookupFunction(cx, n.func, kind, false, 'ALTER')!;
  const set = <K extends keyof UserFunction>(k: K, v: UserFunction[K]) => cx.catalog.set(f, k, v);
  for (const a of (n.actions ?? []) as any[]) {
    const d = a.DefElem;
    const arg = d.arg;
    switch (d.defname) {
      case 'volatility': { const v = str(arg); set('volatility', v === 'immutable' ? 'i' : v === 'stable' ? 's' : 'v'); break; }
      case 'strict': set('strict', !!arg.Boolean?.boolval); break;
      case 'security': set('securityDefiner', !!arg.Boolean?.boolval); break;
      case 'leakproof': set('leakproof', !!arg.Boolean?.boolval); break;
      case 'cost': {
        const c = arg.Integer ? arg.Integer.ival : Number(arg.Float?.fval ?? str(arg));
        if (!(c > 0)) throw new PgError('22023', 'COST must be positive');
        set('cost', c);
        break;
      }
      case 'rows': {
        if (!f.retSet) throw new PgError('22023', 'ROWS is not applicable when function does not return a set');
        const r = arg.Integer ? arg.Integer.ival : Number(arg.Float?.fval ?? str(arg));
        if (!(r > 0)) throw new PgError('22023', 'ROWS must be positive');
        set('rows', r);
        break;
      }
      case 'parallel': {
        const p = str(arg);
        if (!['safe', 'restricted', 'unsafe'].includes(p)) throw new PgError('22023', 'parameter "parallel" must be SAFE, RESTRICTED, or UNSAFE');
        set('parallel', p === 'safe' ? 's' : p === 'restricted' ? 'r' : 'u');
        break;
      }
      case 'set': {
        const s = arg.VariableSetStmt;
        const cur = (f.config ?? []).filter(c => s.kind === 'VAR_RESET_ALL' ? false : !c.startsWith(`${s.name}=`));
        if (s.kind === 'VAR_SET_VALUE') {
          const vals = ((s.args ?? []) as any[]).map(x => x.A_Const?.sval?.sval ?? String(x.A_Const?.ival?.ival ?? x.A_Const?.fval?.fval ?? ''));
          cur.push(`${s.name}=${vals.join(', ')}`);
        }
        set('config', cur.length ? cur : null);
        break;
      }
      default: throw new PgError('0A000', `ALTER FUNCTION ${d.defname} is not supported`);
    }
  }
  cx.catalog.set(f, 'cache', {});
  return `ALTER ${kind.toUpperCase()}`;
}
