// A Relata server for one ORM test file, with a fresh database per file (as test tools do:
// CREATE DATABASE per test run), and the connection settings the ORMs take.
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';

export interface OrmServer {
  server: RelataServer;
  database: string;
  config: { host: string; port: number; user: string; database: string };
  close(): Promise<void>;
}

export async function ormServer(database: string): Promise<OrmServer> {
  const server = await RelataServer.start({ port: 0 });
  const admin = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    server, database,
    config: { host: '127.0.0.1', port: server.port, user: 'postgres', database },
    close: async () => {
      // a pool's end() resolves before its clients' Terminate is read: let them leave first
      for (let i = 0; i < 100 && server.openConnections; i++) await new Promise(r => setTimeout(r, 10));
      await server.close();
    },
  };
}
