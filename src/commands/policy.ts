// Row-level security (policy.c): ALTER TABLE … ENABLE / DISABLE / [NO] FORCE ROW LEVEL
// SECURITY, CREATE / ALTER / DROP POLICY. The policies are kept on their table; the analyzer
// applies them (privileges/row-security.ts).
import { PgError } from '../errors/index.js';
import type { Policy, Table } from '../catalog/objects.js';
import { sharedOf } from '../catalog/shared.js';
import { checkRelationOwner } from '../privileges/commands.js';
import type { CommandContext } from './context.js';
import { deparse } from './deparse.js';
import { getRole, roleSpecName } from './role-options.js';

const RLS_SUBTYPES: Record<string, [keyof Table, boolean]> = {
  AT_EnableRowSecurity: ['rowSecurity', true], AT_DisableRowSecurity: ['rowSecurity', false],
  AT_ForceRowSecurity: ['forceRowSecurity', true], AT_NoForceRowSecurity: ['forceRowSecurity', false],
};

/** ALTER TABLE whose commands are all about row-level security: applied here (else null). */
export function alterRowSecurity(cx: CommandContext, n: any): string | null {
  const cmds = (n.cmds as any[]).map(c => c.AlterTableCmd);
  if (!cmds.length || !cmds.every(c => c.subtype in RLS_SUBTYPES)) return null;
  const t = policyTable(cx, n.relation, !!n.missing_ok);
  if (!t) return 'ALTER TABLE';
  for (const c of cmds) {
    const [key, value] = RLS_SUBTYPES[c.subtype];
    if (t[key] !== value) cx.catalog.set(t, key, value as never);
  }
  return 'ALTER TABLE';
}

function policyTable(cx: CommandContext, rv: any, missingOk = false): Table | null {
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) {
    if (missingOk) return null;
    throw new PgError('42P01', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname}" does not exist`);
  }
  if (rel.kind !== 'table') throw new PgError('42809', `"${rel.name}" is not a table`);
  checkRelationOwner(cx.catalog, cx.user, rel);
  return rel;
}

const CMDS: Record<string, Policy['cmd']> = { all: '*', select: 'r', insert: 'a', update: 'w', delete: 'd' };

function roleOids(cx: CommandContext, specs: any[] | undefined): number[] {
  if (!specs?.length) return [0];
  const shared = sharedOf(cx.catalog);
  const oids = specs.map(s => {
    const name = roleSpecName(s.RoleSpec ?? s, cx.user);
    return name === null ? 0 : getRole(shared, name).oid;
  });
  // PUBLIC with other roles is PUBLIC (policy_role_list_to_array)
  if (oids.includes(0) && oids.length > 1) {
    cx.notice({ severity: 'WARNING', code: '01000', message: 'ignoring specified roles other than PUBLIC', hint: 'All roles are members of the PUBLIC role.' });
  }
  return oids.includes(0) ? [0] : oids;
}

const expr = (e: any) => (e ? { expr: e, text: deparse(e) } : null);

export function createPolicy(cx: CommandContext, n: any): string {
  const t = policyTable(cx, n.table)!;
  const cmd = CMDS[n.cmd_name ?? 'all'];
  if (cmd === 'r' && n.with_check) throw new PgError('42601', 'WITH CHECK cannot be applied to SELECT or DELETE');
  if (cmd === 'd' && n.with_check) throw new PgError('42601', 'WITH CHECK cannot be applied to SELECT or DELETE');
  if (cmd === 'a' && n.qual) throw new PgError('42601', 'only WITH CHECK expression allowed for INSERT');
  if ((t.policies ?? []).some(p => p.name === n.policy_name)) {
    throw new PgError('42710', `policy "${n.policy_name}" for table "${t.name}" already exists`);
  }
  const p: Policy = {
    oid: cx.catalog.allocOid(), name: n.policy_name, cmd, permissive: !!n.permissive,
    roles: roleOids(cx, n.roles), qual: expr(n.qual), withCheck: expr(n.with_check),
  };
  cx.catalog.set(t, 'policies', [...(t.policies ?? []), p]);
  return 'CREATE POLICY';
}

function findPolicy(t: Table, name: string): Policy {
  const p = t.policies?.find(x => x.name === name);
  if (!p) throw new PgError('42704', `policy "${name}" for table "${t.name}" does not exist`);
  return p;
}

export function alterPolicy(cx: CommandContext, n: any): string {
  const t = policyTable(cx, n.table)!;
  const p = findPolicy(t, n.policy_name);
  if (n.with_check && (p.cmd === 'r' || p.cmd === 'd')) throw new PgError('42601', 'only USING expression allowed for SELECT, DELETE');
  if (n.qual && p.cmd === 'a') throw new PgError('42601', 'only WITH CHECK expression allowed for INSERT');
  const next: Policy = { ...p, roles: n.roles ? roleOids(cx, n.roles) : p.roles,
    qual: n.qual ? expr(n.qual) : p.qual, withCheck: n.with_check ? expr(n.with_check) : p.withCheck };
  cx.catalog.set(t, 'policies', t.policies!.map(x => (x === p ? next : x)));
  return 'ALTER POLICY';
}

export function renamePolicy(cx: CommandContext, n: any): string {
  const t = policyTable(cx, n.relation)!;
  const p = findPolicy(t, n.subname);
  if (t.policies!.some(x => x.name === n.newname)) throw new PgError('42710', `policy "${n.newname}" for table "${t.name}" already exists`);
  cx.catalog.set(t, 'policies', t.policies!.map(x => (x === p ? { ...p, name: n.newname } : x)));
  return 'ALTER POLICY';
}

/** DROP POLICY [IF EXISTS] name ON table. */
export function dropPolicy(cx: CommandContext, n: any): string {
  for (const obj of n.objects as any[]) {
    const names = (obj.List.items as any[]).map(x => x.String.sval as string);
    const name = names.pop()!;
    const rv = { relname: names.pop(), schemaname: names.pop() ?? null };
    const t = policyTable(cx, rv, !!n.missing_ok);
    if (!t) {
      cx.notice({ severity: 'NOTICE', code: '00000', message: `relation "${rv.relname}" does not exist, skipping` });
      continue;
    }
    const p = t.policies?.find(x => x.name === name);
    if (!p) {
      if (n.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `policy "${name}" for relation "${t.name}" does not exist, skipping` }); continue; }
      throw new PgError('42704', `policy "${name}" for table "${t.name}" does not exist`);
    }
    cx.catalog.set(t, 'policies', t.policies!.filter(x => x !== p));
  }
  return 'DROP POLICY';
}
