// CREATE DATABASE (from a template), DROP DATABASE and ALTER DATABASE … RENAME need the
// database to themselves: like PostgreSQL's CountOtherDBBackends, wait up to 5 seconds for
// other sessions to leave it (a client that just disconnected may not be gone yet) before
// the command reports "being accessed by other users".
import type { Cluster } from '../session/cluster.js';

function databaseNeeded(stmt: Record<string, any>): string | null {
  // (most statements are none of these: looked up by key, without listing the node's entries)
  let n: any;
  if ((n = stmt.DropdbStmt)) return (n.options ?? []).some((o: any) => o.DefElem?.defname === 'force') ? null : n.dbname;
  if ((n = stmt.CreatedbStmt)) {
    const t = (n.options ?? []).find((o: any) => o.DefElem?.defname === 'template')?.DefElem.arg?.String?.sval;
    return t ?? 'template1';
  }
  if ((n = stmt.RenameStmt)) return n.renameType === 'OBJECT_DATABASE' ? n.subname : null;
  return null;
}

/** Waits for other sessions to leave the databases these statements need alone; null when there is nothing to wait for. */
export function waitForDatabases(cluster: Cluster, self: { database: string }, stmts: Record<string, any>[]): Promise<void> | null {
  const waits: string[] = [];
  for (const s of stmts) {
    const name = databaseNeeded(s);
    if (name && name !== self.database) waits.push(name);
  }
  if (!waits.length) return null;
  return (async () => {
    for (const name of waits) if (cluster.otherSessions(name, self)) await cluster.waitForOthers(name, self);
  })();
}

/** waitForDatabases for one statement (the extended protocol's). */
export function waitForDatabase(cluster: Cluster, self: { database: string }, stmt: Record<string, any>): Promise<void> | null {
  const name = databaseNeeded(stmt);
  return name && name !== self.database ? waitForDatabases(cluster, self, [stmt]) : null;
}
