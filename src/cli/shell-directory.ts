// `relata shell DIR`: the shell on the database `postgres` of a data directory. Each query
// returns once its commits are on disk; leaving the shell writes a checkpoint and releases
// the directory.
import { DataDirectory } from '../session/data-directory.js';
import { durable } from '../session/durable-engine.js';
import { Session } from '../session/session.js';
import type { ShellSession } from './shell-session.js';

export async function openDirectorySession(dir: string): Promise<ShellSession> {
  const store = DataDirectory.open(dir);
  let session: Session;
  try {
    session = await Session.create(store.open('postgres'));
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return {
    get transactionStatus() { return session.transactionStatus; },
    formatValue: (v, oid) => session.formatValue(v, oid),
    simpleQuery: async (sql, sink) => {
      try { await session.simpleQuery(sql, sink); } finally { await durable(session); }
    },
    close: async () => {
      try { await session.close(); } finally { await store.close(); }
    },
  };
}
