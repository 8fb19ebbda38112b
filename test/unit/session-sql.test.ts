// Session-level SQL over the wire protocol: SQL PREPARE / EXECUTE share one namespace with the
// protocol's named statements, FETCH of an SQL cursor through the extended protocol is
// described (RowDescription) like a SELECT, and statement_timeout cancels a running statement.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { RelataServer } from '../../src/server/server.js';
import { failure } from './server-client.js';

let server: RelataServer;
let client: pg.Client;
before(async () => {
  server = await RelataServer.start({ port: 0 });
  client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
  await client.connect();
});
after(async () => { await client.end(); await server.close(); });

test('a statement prepared by Parse runs by SQL EXECUTE and shows in pg_prepared_statements', async () => {
  await client.query({ name: 'proto_stmt', text: 'SELECT $1::int * 2 AS n', values: [1] });
  assert.deepEqual((await client.query('EXECUTE proto_stmt(21)')).rows, [{ n: 42 }]);
  const r = await client.query("SELECT name, statement, from_sql, parameter_types::text AS types FROM pg_prepared_statements WHERE name = 'proto_stmt'");
  assert.deepEqual(r.rows, [{ name: 'proto_stmt', statement: 'SELECT $1::int * 2 AS n', from_sql: false, types: '{integer}' }]);
  await client.query('PREPARE sql_stmt(text) AS SELECT upper($1) AS u');
  assert.deepEqual((await client.query({ text: 'EXECUTE sql_stmt($1)', values: ['abc'] })).rows, [{ u: 'ABC' }]);
  const e = await failure(client.query('PREPARE proto_stmt AS SELECT 1'));
  assert.deepEqual([e.code, e.message], ['42P05', 'prepared statement "proto_stmt" already exists']);
  await client.query('DEALLOCATE ALL');
  assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows, [{ n: 0 }]);
});

test('FETCH through the extended protocol returns the cursor rows with their description', async () => {
  await client.query('BEGIN');
  await client.query('DECLARE c SCROLL CURSOR FOR SELECT g AS v FROM generate_series(1, 5) g');
  const r = await client.query({ text: 'FETCH 2 FROM c', values: [] });
  assert.deepEqual([r.command, r.rowCount, r.rows], ['FETCH', 2, [{ v: 1 }, { v: 2 }]]);
  const back = await client.query('FETCH BACKWARD 1 FROM c');
  assert.deepEqual(back.rows, [{ v: 1 }]);
  await client.query('COMMIT');
  const e = await failure(client.query('FETCH c'));
  assert.deepEqual([e.code, e.message], ['34000', 'cursor "c" does not exist']);
});

test('statement_timeout cancels a long-running statement with 57014', async () => {
  await client.query("SET statement_timeout = '100ms'");
  const started = Date.now();
  const e = await failure(client.query('SELECT count(*) FROM generate_series(1, 100000000)'));
  assert.deepEqual([e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
  assert.ok(Date.now() - started < 5000);
  await client.query('RESET statement_timeout');
  assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
});
