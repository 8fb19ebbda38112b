// Subqueries in expressions (transformSubLink): EXISTS, scalar, ARRAY, IN / op ANY / ALL,
// and row op (SELECT …), with PostgreSQL's column-count errors.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import type { ExprAnalyzer } from './expr.js';
import type { Expr } from './query.js';
import { rowCompare } from './rows.js';
import type { Scope } from './scope.js';
import { typeDisplayName } from './typenames.js';

const BOOL = OID.bool;
const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

export function analyzeSubLink(ex: ExprAnalyzer, n: any, scope: Scope): Expr {
  // stored expressions cannot hold queries (transformSubLink's per-context errors)
  const noSubquery: Record<string, string> = { 'check constraints': 'check constraint', 'DEFAULT expressions': 'DEFAULT expression' };
  const where = noSubquery[scope.aggContext ?? ''];
  if (where) throw new PgError('0A000', `cannot use subquery in ${where}`, pos(n.location));
  // the subquery's set-returning calls are its own (a new ParseState's p_last_srf in PostgreSQL)
  const srfBefore = ex.lastSrf;
  const query = ex.analyzeSubquery(n.subselect.SelectStmt ?? n.subselect, scope);
  ex.lastSrf = srfBefore;
  // whether it reads outer rows is decided by the executor (isCorrelated), which caches uncorrelated ones
  const correlated = true;
  const kinds: Record<string, 'exists' | 'scalar' | 'any' | 'all' | 'array' | 'rowcompare'> = {
    EXISTS_SUBLINK: 'exists', EXPR_SUBLINK: 'scalar', ANY_SUBLINK: 'any', ALL_SUBLINK: 'all', ARRAY_SUBLINK: 'array',
    ROWCOMPARE_SUBLINK: 'rowcompare',
  };
  const kind = kinds[n.subLinkType];
  if (!kind) throw new PgError('0A000', `subquery kind ${n.subLinkType} is not supported`, pos(n.location));
  const visible = query.targets.filter(t => !t.junk);
  if (kind === 'exists') return { k: 'sublink', type: BOOL, typmod: -1, kind, query, test: null, correlated };
  if (kind === 'scalar' || kind === 'array') {
    if (visible.length !== 1) throw new PgError('42601', 'subquery must return only one column', pos(n.location));
    const t = visible[0].expr.type;
    if (kind === 'array') return { k: 'sublink', type: typeByOid(t)?.array ?? t, typmod: -1, kind, query, test: null, correlated };
    return { k: 'sublink', type: t, typmod: visible[0].expr.typmod, kind, query, test: null, correlated };
  }
  // x op ANY/ALL (subquery): build the comparison against a placeholder for the subquery's column
  const opName = n.operName?.length ? str(n.operName[n.operName.length - 1]) : '=';
  const left = ex.expr(n.testexpr, scope);
  const leftArgs = left.k === 'row' ? left.args : [left];
  if (leftArgs.length !== visible.length) {
    throw new PgError('42601', visible.length > leftArgs.length ? 'subquery has too many columns' : 'subquery has too few columns', pos(n.location));
  }
  // the subquery's columns are read through placeholders (param index -1, -2, …)
  const rightArgs: Expr[] = visible.map((t, i) => ({ k: 'param', type: t.expr.type, typmod: -1, index: -1 - i }));
  const test = leftArgs.length === 1 ? ex.operator(opName, leftArgs[0], rightArgs[0], n.location)
    : rowCompare(ex, opName, leftArgs, rightArgs, n.location);
  if (test.type !== BOOL) throw new PgError('42804', `operator ${opName} must return type boolean, not type ${typeDisplayName(test.type)}`, pos(n.location));
  return { k: 'sublink', type: BOOL, typmod: -1, kind, query, test, correlated };
}
