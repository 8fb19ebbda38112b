// pg_policy rows of the tables' row-level security policies. polqual / polwithcheck name the
// expression (`{POLICY :polid N :qual}`); pg_get_expr prints it back over the table.
import type { Catalog } from '../catalog.js';
import type { Policy, Table } from '../objects.js';
import { allRelations } from './pg-class.js';

export function policyRows(cat: Catalog): unknown[][] {
  const out: unknown[][] = [];
  for (const r of allRelations(cat)) {
    if (r.kind !== 'table') continue;
    for (const p of r.policies ?? []) {
      out.push([p.oid, p.name, r.oid, p.cmd, p.permissive, p.roles,
        p.qual ? `{POLICY :polid ${p.oid} :qual}` : null, p.withCheck ? `{POLICY :polid ${p.oid} :check}` : null]);
    }
  }
  return out;
}

/** The policy expression a polqual / polwithcheck value names, with its table; null for other trees. */
export function policyExprOf(cat: Catalog, tree: string): { table: Table; policy: Policy; expr: any; text: string } | null {
  const m = /^\{POLICY :polid (\d+) :(qual|check)\}$/.exec(tree);
  if (!m) return null;
  for (const r of allRelations(cat)) {
    if (r.kind !== 'table') continue;
    const p = r.policies?.find(x => x.oid === Number(m[1]));
    const e = m[2] === 'qual' ? p?.qual : p?.withCheck;
    if (p) return { table: r, policy: p, expr: e?.expr, text: e?.text ?? '' };
  }
  return null;
}
