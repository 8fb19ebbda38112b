// Where a dump reads from: anything that runs one SQL statement and returns its rows with
// every value as PostgreSQL's text output (null for NULL). The same dump code then reads an
// embedded Relata database, a Relata server or a real PostgreSQL through their catalogs.
import type { Database } from '../api/database.js';

export type Row = (string | null)[];

export interface DumpSource {
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Values as the server printed them: no parsing into JavaScript types. */
const rawText = { getTypeParser: () => (s: string) => s };

/** An embedded database (the caller keeps ownership: close() leaves it open). */
export function databaseSource(db: Database): DumpSource {
  return {
    query: async sql => (await db.query({ text: sql, rowMode: 'array', types: rawText })).rows as Row[],
    close: async () => undefined,
  };
}

/** A PostgreSQL server, Relata's or PostgreSQL's, by connection string (postgres://…). */
export async function urlSource(url: string): Promise<DumpSource> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async sql => (await client.query({ text: sql, rowMode: 'array', types: rawText })).rows as Row[],
    close: () => client.end(),
  };
}
