// Dispatch of the statements on privileges: GRANT / REVOKE on objects, ALTER DEFAULT
// PRIVILEGES, and row-level security policies.
import { PgError } from '../errors/index.js';
import type { CommandContext } from './context.js';
import { runGrant } from './grant.js';
import { alterPolicy, alterRowSecurity, createPolicy, dropPolicy, renamePolicy } from './policy.js';

const tag = (command: string) => ({ command, rowCount: null });

/** Runs the statement if it is one of these, else returns null. */
export function runPrivilegeCommand(cx: CommandContext, kind: string, n: any): { command: string; rowCount: null } | null {
  switch (kind) {
    case 'GrantStmt': return tag(runGrant(cx, n));
    case 'AlterDefaultPrivilegesStmt': throw new PgError('0A000', 'ALTER DEFAULT PRIVILEGES is not supported');
    case 'CreatePolicyStmt': return tag(createPolicy(cx, n));
    case 'AlterPolicyStmt': return tag(alterPolicy(cx, n));
    case 'DropStmt': return n.removeType === 'OBJECT_POLICY' ? tag(dropPolicy(cx, n)) : null;
    case 'RenameStmt': return n.renameType === 'OBJECT_POLICY' ? tag(renamePolicy(cx, n)) : null;
    case 'AlterTableStmt': {
      const done = alterRowSecurity(cx, n);
      return done ? tag(done) : null;
    }
  }
  return null;
}
