// WITH CHECK OPTION: a row written through a view must satisfy the view's condition
// (and those of the views below it, as the option cascades); otherwise the statement
// fails as PostgreSQL's ExecWithCheckOptions does, naming the view and the row.
import { PgError } from '../errors/index.js';
import type { ViewCheck } from '../analyzer/view-dml.js';
import type { Table } from '../catalog/objects.js';
import { failingRow } from '../integrity/messages.js';
import { compile } from './compile.js';
import type { Env } from './env.js';
import { runSubquery } from './query.js';

/** Checks a new row of `table` (in its own column order); null when there is nothing to check. */
export function compileViewChecks(checks: ViewCheck[] | undefined): ((row: unknown[], table: Table, env: Env) => void) | null {
  if (!checks?.length) return null;
  const compiled = checks.map(c => ({ view: c.view, cond: compile(c.cond, runSubquery), rls: c.rls }));
  return (row, table, env) => {
    const f = [row, null];
    for (const c of compiled) {
      // unlike a CHECK constraint, NULL fails: the row must satisfy the condition
      if (c.cond(f, env) !== true) {
        if (c.rls) {
          const which = c.rls.policy === null ? '' : ` "${c.rls.policy}"`;
          throw new PgError('42501', `new row violates row-level security policy${which} for table "${c.view}"`);
        }
        throw new PgError('44000', `new row violates check option for view "${c.view}"`,
          { detail: failingRow(env.write!.w, table, row) });
      }
    }
  };
}
