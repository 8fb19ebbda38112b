// pg_policies: each row-level security policy with its table, roles by name (PUBLIC as
// "public") and its quals printed as pg_get_expr prints them — the view PostgreSQL defines
// over pg_policy, computed here because printing an expression needs the analyzer.
import { sharedOf } from '../catalog/shared.js';
import { allRelations } from '../catalog/system/pg-class.js';
import { deparseCheck } from '../analyzer/ruleutils-analyze.js';
import { analyzeContext, type RuleutilsHost } from './ruleutils-functions.js';

const CMD: Record<string, string> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

export function policiesViewRows(h: RuleutilsHost): unknown[][] {
  const cat = h.engine.catalog;
  const shared = sharedOf(cat);
  const out: unknown[][] = [];
  for (const t of allRelations(cat)) {
    if (t.kind !== 'table' || !t.policies?.length) continue;
    for (const p of t.policies) {
      const roles = p.roles.includes(0) ? ['public']
        : p.roles.map(oid => shared.roleByOid(oid)?.name ?? String(oid)).sort();
      const print = (e: { expr: any } | null) => (e ? deparseCheck(analyzeContext(h), t, e.expr, false) : null);
      out.push([t.schema.name, t.name, p.name, p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE', roles, CMD[p.cmd], print(p.qual), print(p.withCheck)]);
    }
  }
  return out;
}
