// CREATE DATABASE (from a template), DROP DATABASE and ALTER DATABASE … RENAME need the
// database to themselves: like PostgreSQL's CountOtherDBBackends, wait up to 5 seconds for
// other sessions to leave it (a client that just disconnected may not be gone yet) before
// the command reports "being accessed by other users".
import type { Cluster } from '../session/cluster.js';

function databaseNeeded(stmt: Record<string, any>): string | null {
  const [kind, n] = Object.entries(stmt)[0] as [string, any];
  switch (kind) {
    case 'DropdbStmt': return (n.options ?? []).some((o: any) => o.DefElem?.defname === 'force') ? null : n.dbname;
    case 'CreatedbStmt': {
      const t = (n.options ?? []).find((o: any) => o.DefElem?.defname === 'template')?.DefElem.arg?.String?.sval;
      return t ?? 'template1';
    }
    case 'RenameStmt': return n.renameType === 'OBJECT_DATABASE' ? n.subname : null;
  }
  return null;
}

export async function waitForDatabases(cluster: Cluster, self: { database: string }, stmts: Record<string, any>[]): Promise<void> {
  for (const s of stmts) {
    const name = databaseNeeded(s);
    if (name && name !== self.database && cluster.otherSessions(name, self)) await cluster.waitForOthers(name, self);
  }
}
