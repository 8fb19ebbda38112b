// Option lists of CREATE/ALTER ROLE and CREATE/ALTER DATABASE (DefElem nodes), read as
// PostgreSQL's defGet* functions do, and the role lookups those commands share.
import { PgError } from '../errors/index.js';
import type { Role, SharedCatalog } from '../catalog/shared.js';

export interface DefElem { defname: string; arg?: any; location?: number }

export const position = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** The options by name, refusing one given twice ("conflicting or redundant options"). */
export function optionMap(options: any[] | undefined): Map<string, DefElem> {
  const out = new Map<string, DefElem>();
  for (const o of options ?? []) {
    const d: DefElem = o.DefElem;
    if (out.has(d.defname)) throw new PgError('42601', 'conflicting or redundant options', position(d.location));
    out.set(d.defname, d);
  }
  return out;
}

/** defGetString: the option's value as text. */
export function defString(d: DefElem): string {
  const a = d.arg;
  if (!a) throw new PgError('42601', `${d.defname} requires a parameter`);
  if (a.String) return a.String.sval;
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return a.Float.fval;
  if (a.Boolean) return a.Boolean.boolval ? 'true' : 'false';
  if (a.TypeName) return a.TypeName.names.map((n: any) => n.String.sval).join('.');
  throw new PgError('42601', `${d.defname} requires a parameter`);
}

/** defGetBoolean: true/false/on/off/1/0 (any case), or no value meaning true. */
export function defBoolean(d: DefElem): boolean {
  const a = d.arg;
  if (!a) return true;
  if (a.Boolean) return !!a.Boolean.boolval;
  if (a.Integer) {
    if (a.Integer.ival === 1) return true;
    if (!a.Integer.ival) return false;
  } else if (a.String) {
    const v = a.String.sval.toLowerCase();
    if (['true', 'on'].includes(v)) return true;
    if (['false', 'off'].includes(v)) return false;
  }
  throw new PgError('42601', `${d.defname} requires a Boolean value`);
}

/** defGetInt32. */
export function defInt(d: DefElem): number {
  const a = d.arg;
  if (a?.Integer) return a.Integer.ival ?? 0;
  throw new PgError('42601', `${d.defname} requires an integer value`);
}

/** A RoleSpec node's role: CURRENT_USER / SESSION_USER / CURRENT_ROLE or a name. */
export function roleSpecName(spec: any, currentUser: string): string | null {
  switch (spec.roletype) {
    case 'ROLESPEC_CSTRING': return spec.rolename;
    case 'ROLESPEC_CURRENT_USER': case 'ROLESPEC_CURRENT_ROLE': case 'ROLESPEC_SESSION_USER': return currentUser;
    default: return null; // PUBLIC
  }
}

/** get_role_oid: the role or `role "x" does not exist`. */
export function getRole(shared: SharedCatalog, name: string): Role {
  const r = shared.roles.get(name);
  if (!r) throw new PgError('42704', `role "${name}" does not exist`);
  return r;
}

/** get_rolespec_tuple: PUBLIC is no role here. */
export function getRoleSpec(shared: SharedCatalog, spec: any, currentUser: string): Role {
  const name = roleSpecName(spec, currentUser);
  if (name === null) throw new PgError('42704', 'role "public" does not exist');
  return getRole(shared, name);
}

/** Names starting with pg_ belong to the system. */
export function checkReservedRoleName(name: string): void {
  if (name.startsWith('pg_')) {
    throw new PgError('42939', `role name "${name}" is reserved`, { detail: 'Role names starting with "pg_" are reserved.' });
  }
}

/**
 * ALTER DATABASE / ALTER ROLE … SET, RESET: the setting as pg_db_role_setting keeps it
 * ("name=value", the value as SET would show it), or null for RESET; name '' for RESET ALL.
 */
export function settingEntry(setstmt: any): { name: string; value: string | null } {
  switch (setstmt.kind) {
    case 'VAR_RESET_ALL': return { name: '', value: null };
    case 'VAR_RESET': case 'VAR_SET_DEFAULT': return { name: setstmt.name.toLowerCase(), value: null };
    case 'VAR_SET_VALUE': {
      const name = setstmt.name.toLowerCase();
      const values = ((setstmt.args ?? []) as any[]).map(a => {
        const c = a.A_Const ?? a.TypeCast?.arg?.A_Const;
        if (c?.sval) return c.sval.sval;
        if (c?.ival) return String(c.ival.ival ?? 0);
        if (c?.fval) return c.fval.fval;
        if (c?.boolval) return c.boolval.boolval ? 'true' : 'false';
        throw new PgError('0A000', `this value of parameter "${name}" is not supported`);
      });
      return { name, value: values.map(v => (name === 'search_path' ? quoteListItem(v) : v)).join(', ') };
    }
  }
  throw new PgError('0A000', `SET ${setstmt.name ?? ''} FROM CURRENT is not supported here`);
}

/** How a list setting's element is written back (quote_identifier for GUC_LIST_QUOTE parameters). */
function quoteListItem(v: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(v) || v === '$user' ? (v === '$user' ? '"$user"' : v) : '"' + v.replace(/"/g, '""') + '"';
}
