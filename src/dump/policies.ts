// Row-level security in a dump, as pg_dump's getPolicies and dumpPolicy read and write it: a
// table's FORCE ROW LEVEL SECURITY goes with its CREATE TABLE, its ENABLE ROW LEVEL SECURITY
// and each CREATE POLICY are post-data entries of their own (after the foreign keys).
import { fmtId, qualified } from './names.js';
import type { Relation } from './read.js';
import type { Row } from './source.js';
import type { TocEntry } from './entries.js';

export interface PolicyDef {
  oid: string; relid: string; name: string;
  /** polcmd: '*' all, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE */
  cmd: string; permissive: boolean;
  /** The roles (quoted, comma-separated), null for PUBLIC. */
  roles: string | null; qual: string | null; withCheck: string | null;
}

/** Marks the tables with row security enabled or forced, and returns the policies of the dumped tables. */
export async function readPolicies(q: (sql: string) => Promise<Row[]>, relations: Map<string, Relation>): Promise<PolicyDef[]> {
  for (const [oid, enabled, forced] of await q(`SELECT oid, relrowsecurity, relforcerowsecurity FROM pg_catalog.pg_class
      WHERE (relrowsecurity OR relforcerowsecurity) AND oid >= 16384`)) {
    const rel = relations.get(oid ?? '');
    if (rel) { rel.rowSecurity = enabled === 't'; rel.forceRowSecurity = forced === 't'; }
  }
  const out: PolicyDef[] = [];
  for (const r of await q(`SELECT pol.oid, pol.polrelid, pol.polname, pol.polcmd, pol.polpermissive,
      CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(rolname)
        FROM pg_catalog.pg_roles WHERE oid = ANY(pol.polroles)), ', ') END,
      pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid)
      FROM pg_catalog.pg_policy pol`)) {
    if (!relations.has(r[1] ?? '')) continue;
    out.push({ oid: r[0] ?? '', relid: r[1] ?? '', name: r[2] ?? '', cmd: r[3] ?? '*', permissive: r[4] === 't', roles: r[5], qual: r[6], withCheck: r[7] });
  }
  return out;
}

const CMD: Record<string, string> = { '*': '', r: ' FOR SELECT', a: ' FOR INSERT', w: ' FOR UPDATE', d: ' FOR DELETE' };

/** dumpPolicy: CREATE POLICY, or (no policy) the table's ENABLE ROW LEVEL SECURITY (pg_dump ends that one without a newline). */
export function policyEntry(rel: Relation, p: PolicyDef | null): TocEntry {
  const table = qualified(rel.ns.name, rel.name);
  if (!p) return { tag: rel.name, desc: 'ROW SECURITY', namespace: rel.ns.name, owner: rel.owner, defn: `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;` };
  let defn = `CREATE POLICY ${fmtId(p.name)} ON ${table}${p.permissive ? '' : ' AS RESTRICTIVE'}${CMD[p.cmd] ?? ''}`;
  if (p.roles !== null) defn += ` TO ${p.roles}`;
  if (p.qual !== null) defn += ` USING (${p.qual})`;
  if (p.withCheck !== null) defn += ` WITH CHECK (${p.withCheck})`;
  return { tag: `${rel.name} ${p.name}`, desc: 'POLICY', namespace: rel.ns.name, owner: rel.owner, defn: `${defn};\n` };
}
