// Row-level security applied to INSERT / UPDATE / DELETE (rowsecurity.c): when the table has
// row security enabled and the user is subject to it (not a superuser, not BYPASSRLS, not the
// owner unless FORCE), the USING quals of the policies for the command (permissive ones OR'ed,
// restrictive ones AND'ed, none permissive: no row) join the WHERE clause, and each new row
// must pass their WITH CHECK quals, with PostgreSQL's "new row violates row-level security
// policy" errors. A table read in FROM gets SELECT's USING quals (readSecurityQual, placed by
// analyzer/security-quals.ts); a read the analyzer did not filter is refused.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Policy, Table } from '../catalog/objects.js';
import { sharedOf } from '../catalog/shared.js';
import { coerce } from '../analyzer/coerce.js';
import type { Expr, Query } from '../analyzer/query.js';
import type { Scope } from '../analyzer/scope.js';
import type { SelectAnalyzer } from '../analyzer/select.js';
import type { ViewCheck } from '../analyzer/view-dml.js';
import { OID } from '../types/oids.js';
import { ownsObject, privilegeRoles } from './check.js';

/** Is `user` subject to the table's policies? */
export function rowSecurityActive(cat: Catalog, user: string | undefined, t: Table): boolean {
  if (!t.rowSecurity || user === undefined) return false;
  const shared = sharedOf(cat);
  const role = shared.roles.get(user);
  if (!role || role.superuser || role.bypassrls) return false;
  return !!t.forceRowSecurity || !ownsObject(cat, user, t.owner);
}

/** The policies for a command ('r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE) that apply to the user. */
function policiesFor(cat: Catalog, user: string, t: Table, cmd: Policy['cmd']): Policy[] {
  const shared = sharedOf(cat);
  const roles = privilegeRoles(shared, shared.roles.get(user)!, cat);
  return (t.policies ?? []).filter(p => (p.cmd === '*' || p.cmd === cmd) && p.roles.some(r => r === 0 || roles.has(r)));
}

const TRUE: Expr = { k: 'const', type: OID.bool, typmod: -1, value: true };
const FALSE: Expr = { k: 'const', type: OID.bool, typmod: -1, value: false };
const and = (args: Expr[]): Expr => (args.length === 1 ? args[0] : { k: 'and', type: OID.bool, typmod: -1, args });
const or = (args: Expr[]): Expr => (args.length === 1 ? args[0] : { k: 'or', type: OID.bool, typmod: -1, args });

function qual(sa: SelectAnalyzer, scope: Scope, e: { expr: any } | null): Expr {
  if (!e) return TRUE;
  return coerce(sa.ex.expr(e.expr, { ...scope, aggContext: 'POLICY' }), OID.bool, -1, 'a', sa.ctx);
}

/** The USING quals of the command's policies, combined; null when row security does not apply. */
function usingQual(sa: SelectAnalyzer, scope: Scope, t: Table, user: string, cmd: Policy['cmd']): Expr {
  const ps = policiesFor(sa.ctx.catalog, user, t, cmd);
  const permissive = ps.filter(p => p.permissive).map(p => qual(sa, scope, p.qual));
  const restrictive = ps.filter(p => !p.permissive).map(p => qual(sa, scope, p.qual));
  return and([permissive.length ? or(permissive) : FALSE, ...restrictive]);
}

/** WITH CHECK (or USING, when a policy has none) of the command's policies, as checks on each new row. */
function newRowChecks(sa: SelectAnalyzer, scope: Scope, t: Table, user: string, cmd: Policy['cmd'], forceUsing = false): ViewCheck[] {
  const ps = policiesFor(sa.ctx.catalog, user, t, cmd);
  const check = (p: Policy) => qual(sa, scope, forceUsing ? p.qual : (p.withCheck ?? p.qual));
  const permissive = ps.filter(p => p.permissive).map(check);
  const out: ViewCheck[] = [{ view: t.name, cond: permissive.length ? or(permissive) : FALSE, rls: { policy: null } }];
  for (const p of ps.filter(x => !x.permissive)) out.push({ view: t.name, cond: check(p), rls: { policy: p.name } });
  return out;
}

/**
 * UPDATE / DELETE's quals and UPDATE / INSERT's new-row checks for the target table (entry 0 of
 * `scope`); `reads`: the statement reads the table's columns, so SELECT's policies apply too.
 */
export function targetRowSecurity(sa: SelectAnalyzer, scope: Scope, t: Table, verb: 'insert' | 'update' | 'delete', reads: boolean):
  { where: Expr | null; checks: ViewCheck[] } {
  const user = sa.ctx.lookupUser;
  if (!rowSecurityActive(sa.ctx.catalog, user, t)) return { where: null, checks: [] };
  const cmd = verb === 'insert' ? 'a' : verb === 'update' ? 'w' : 'd';
  const quals: Expr[] = [];
  if (verb !== 'insert') {
    quals.push(usingQual(sa, scope, t, user!, cmd));
    if (reads) quals.push(usingQual(sa, scope, t, user!, 'r'));
  }
  const checks = verb === 'delete' ? [] : newRowChecks(sa, scope, t, user!, cmd);
  if (verb !== 'delete' && reads) checks.push(...newRowChecks(sa, scope, t, user!, 'r', true));
  return { where: quals.length ? and(quals) : null, checks };
}

/**
 * SELECT's policies for a table read in FROM (entry `entry` of `q`): the combined USING quals
 * over that entry, or null when row security does not apply to the reading role.
 */
export function readSecurityQual(sa: SelectAnalyzer, t: Table, entry: number, q: Query): Expr | null {
  const user = sa.ctx.rlsUser ?? sa.ctx.lookupUser;
  if (!rowSecurityActive(sa.ctx.catalog, user, t)) return null;
  // the policies read the table by its own name and columns, whatever the alias
  const scope = sa.newScope(q, null);
  scope.items.push(sa.itemFor(t.name, entry, t.columns.map(c => ({ name: c.name, type: c.typeOid, typmod: c.typmod, dropped: c.dropped }))));
  return usingQual(sa, scope, t, user!, 'r');
}

/**
 * A read of a table under row security whose policies were not applied by the analyzer (a
 * path that does not place them): refused rather than read unfiltered.
 */
export function checkSelectRowSecurity(cat: Catalog, user: string | undefined, t: Table, applied: boolean): void {
  if (!applied && rowSecurityActive(cat, user, t)) {
    throw new PgError('0A000', `row-level security policies on reading table "${t.name}" are not supported here`);
  }
}
