// Ordered-set and hypothetical-set aggregates (… WITHIN GROUP (ORDER BY …)):
// percentile_cont, percentile_disc, mode, and rank, dense_rank, percent_rank, cume_dist
// of a hypothetical row. The direct arguments are evaluated once per group; the ordered
// ones are the aggregated input, sorted.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { canCoerce, coerce, commonType } from './coerce.js';
import type { ExprAnalyzer } from './expr.js';
import { nodeLocation } from './expr.js';
import type { AggCall, Expr, SortKey } from './query.js';
import type { Scope } from './scope.js';
import { typeDisplayName } from './typenames.js';
import { refuseOuterLevelAggregate } from './agg-level.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export const ORDERED_SET = new Set(['percentile_cont', 'percentile_disc', 'mode']);
export const HYPOTHETICAL = new Set(['rank', 'dense_rank', 'percent_rank', 'cume_dist']);

/**
 * Is this call one of these aggregates? Without WITHIN GROUP it is when its arguments would
 * match the aggregate's (direct and aggregated ones together), which then says WITHIN GROUP is missing.
 */
export function isOrderedSetCall(name: string, n: any): boolean {
  if (n.agg_within_group) return true;
  if (n.over || n.agg_star) return false;
  const nargs = n.args?.length ?? 0;
  if (name === 'percentile_cont' || name === 'percentile_disc') return nargs === 2;
  if (name === 'mode') return nargs === 1;
  return HYPOTHETICAL.has(name) && nargs > 0;
}

export function orderedSetAggregate(ex: ExprAnalyzer, name: string, n: any, scope: Scope): Expr {
  const known = ORDERED_SET.has(name) || HYPOTHETICAL.has(name);
  if (!n.agg_within_group) {
    throw new PgError('42809', `WITHIN GROUP is required for ordered-set aggregate ${name}`, pos(n.location));
  }
  if (!known) throw new PgError('42809', `${name} is not an ordered-set aggregate, so it cannot have WITHIN GROUP`, pos(n.location));
  if (scope.aggContext !== 'ok') {
    if (scope.aggContext === 'nested') throw new PgError('42803', 'aggregate function calls cannot be nested', pos(n.location));
    throw new PgError('42803', `aggregate functions are not allowed in ${scope.aggContext ?? 'this context'}`, pos(n.location));
  }
  const inner: Scope = { ...scope, aggContext: 'nested' };
  const directNodes = (n.args ?? []) as any[];
  let direct = directNodes.map(a => ex.expr(a, inner));
  const sorts = ((n.agg_order ?? []) as any[]).map(s => s.SortBy);
  let keys: SortKey[] = sorts.map(s => ex.sortKey(s, inner));
  const sig = () => `${name}(${[...direct, ...keys.map(k => k.expr)].map(e => typeDisplayName(e.type)).join(', ')})`;
  const noFunction = (hint = 'No function matches the given name and argument types. You might need to add explicit type casts.') =>
    new PgError('42883', `function ${sig()} does not exist`, { hint, ...pos(n.location) });
  let ret: number;
  const resort = (i: number, e: Expr) => { keys[i] = ex.sortKey(sorts[i], inner, e); };
  if (HYPOTHETICAL.has(name)) {
    if (direct.length !== keys.length) {
      throw noFunction(`To use the hypothetical-set aggregate ${name}, the number of hypothetical direct arguments (here ${direct.length}) must match the number of ordering columns (here ${keys.length}).`);
    }
    direct = direct.map((d, i) => {
      const k = keys[i].expr;
      const t = commonType([k.type, d.type], 'WITHIN GROUP', [nodeLocation(sorts[i].node), nodeLocation(directNodes[i])]);
      resort(i, coerce(k, t, -1, 'i', ex.ctx, nodeLocation(sorts[i].node)));
      return coerce(d, t, -1, 'i', ex.ctx, nodeLocation(directNodes[i]));
    });
    ret = name === 'rank' || name === 'dense_rank' ? OID.int8 : OID.float8;
  } else if (name === 'mode') {
    if (direct.length || keys.length !== 1) throw noFunction();
    ret = keys[0].expr.type === OID.unknown ? OID.text : keys[0].expr.type;
    if (keys[0].expr.type === OID.unknown) resort(0, coerce(keys[0].expr, OID.text, -1, 'i', ex.ctx));
  } else {
    if (direct.length !== 1 || keys.length !== 1) throw noFunction();
    const d = direct[0];
    const many = typeByOid(d.type)?.category === 'A';
    const fraction = many ? OID._float8 : OID.float8;
    if (d.type !== fraction && d.type !== OID.unknown && !canCoerce(d.type, fraction, 'i')) throw noFunction();
    let t = keys[0].expr.type;
    if (name === 'percentile_cont') {
      if (t !== OID.interval) {
        if (t !== OID.float8 && t !== OID.unknown && !canCoerce(t, OID.float8, 'i')) throw noFunction();
        t = OID.float8;
        resort(0, coerce(keys[0].expr, t, -1, 'i', ex.ctx, nodeLocation(sorts[0].node)));
      }
    } else if (t === OID.unknown) {
      t = OID.text;
      resort(0, coerce(keys[0].expr, t, -1, 'i', ex.ctx));
    }
    direct = [coerce(d, fraction, -1, 'i', ex.ctx, nodeLocation(directNodes[0]))];
    ret = many ? typeByOid(t)?.array ?? t : t;
  }
  const filter = n.agg_filter ? ex.condition(n.agg_filter, inner, 'FILTER') : null;
  refuseOuterLevelAggregate([...keys.map(k => k.expr), ...(filter ? [filter] : [])], n.location);
  const call: AggCall = { name, type: ret, args: keys.map(k => k.expr), distinct: false, star: false, filter, orderBy: keys,
    direct, impl: null as any };
  scope.query.aggs.push(call);
  return { k: 'aggref', type: ret, typmod: -1, index: scope.query.aggs.length - 1 };
}
