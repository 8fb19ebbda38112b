// node-postgres against the server, unchanged: parameterized queries, named prepared
// statements, transactions, error fields, notices, type parsing, a pool of connections.
// Results were compared with the same client against PostgreSQL 15.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as c from './server-client.js';
import { failure } from './server-client.js';

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server.close(); });

const config = () => (typeof server.port === 'string'
  ? { host: server.port.replace(/\/\.s\.PGSQL\.\d+$/, ''), port: Number(server.port.replace(/^.*\.s\.PGSQL\./, '')) }
  : { host: '127.0.0.1', port: server.port });

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ ...config(), user: 'postgres', database: c.testDatabase });
  await client.connect();
  return client;
}

/** A rejected query's error, or a failure when it succeeded. */
test('parameterized queries: typed parameters in, parsed values out', async () => {
  const client = await connect();
  await client.query(`CREATE TABLE pg_parent (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE pg_child (id serial PRIMARY KEY, p int REFERENCES pg_parent (id), v numeric, d date, ts timestamptz, b bytea, j jsonb, ok boolean, big int8)`);
  const r1 = await client.query('INSERT INTO pg_parent VALUES ($1, $2), ($3, $4) RETURNING *', [1, 'one', 2, 'two']);
  assert.equal(r1.command, 'INSERT');
  assert.equal(r1.rowCount, 2);
  assert.deepEqual(r1.rows, [{ id: 1, name: 'one' }, { id: 2, name: 'two' }]);
  const ts = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  const r2 = await client.query('INSERT INTO pg_child (p, v, d, ts, b, j, ok, big) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, p, v, ts, b, j, ok, big',
    [1, 1.5, '2024-01-02', ts, Buffer.from([1, 2, 255]), { a: [1, 2] }, true, 9007199254740993n.toString()]);
  assert.deepEqual(r2.rows, [{ id: 1, p: 1, v: '1.5', ts, b: Buffer.from([1, 2, 255]), j: { a: [1, 2] }, ok: true, big: '9007199254740993' }]);
  assert.deepEqual(r2.fields.map(f => [f.name, f.dataTypeID]), [['id', 23], ['p', 23], ['v', 1700], ['ts', 1184], ['b', 17], ['j', 3802], ['ok', 16], ['big', 20]]);
  const r3 = await client.query('SELECT $1::int + 1 AS x, $2 AS y, $3::text IS NULL AS n', [41, 'hi', null]);
  assert.deepEqual(r3.rows, [{ x: 42, y: 'hi', n: true }]);
  const r4 = await client.query({ text: 'SELECT id, name FROM pg_parent ORDER BY id', rowMode: 'array' });
  assert.deepEqual(r4.rows, [[1, 'one'], [2, 'two']]);
  await client.end();
});

test('named prepared statements are parsed once and reused', async () => {
  const client = await connect();
  await client.query("CREATE TABLE pg_named (id int PRIMARY KEY, v text); INSERT INTO pg_named VALUES (1, 'a'), (2, 'b')");
  const byId = (id: number) => client.query({ name: 'pg_named_by_id', text: 'SELECT v FROM pg_named WHERE id = $1', values: [id] });
  assert.deepEqual((await byId(2)).rows, [{ v: 'b' }]);
  assert.deepEqual((await byId(1)).rows, [{ v: 'a' }]);
  assert.deepEqual((await byId(3)).rows, []);
  await client.end();
});

test('transactions: commit, rollback, a failed block, savepoints', async () => {
  const client = await connect();
  await client.query('CREATE TABLE pg_tx (n int)');
  await client.query('BEGIN');
  await client.query('INSERT INTO pg_tx VALUES ($1)', [1]);
  await client.query('COMMIT');
  await client.query('BEGIN');
  await client.query('INSERT INTO pg_tx VALUES ($1)', [2]);
  assert.equal((await failure(client.query('SELECT 1/0'))).code, '22012');
  const aborted = await failure(client.query('SELECT 1'));
  assert.equal(aborted.code, '25P02');
  assert.equal(aborted.message, 'current transaction is aborted, commands ignored until end of transaction block');
  assert.equal((await client.query('COMMIT')).command, 'ROLLBACK');
  await client.query('BEGIN');
  await client.query('INSERT INTO pg_tx VALUES (3)');
  await client.query('SAVEPOINT s');
  await client.query('INSERT INTO pg_tx VALUES (4)');
  await client.query('ROLLBACK TO SAVEPOINT s');
  await client.query('COMMIT');
  assert.deepEqual((await client.query('SELECT n FROM pg_tx ORDER BY n')).rows, [{ n: 1 }, { n: 3 }]);
  await client.end();
});

test('error fields: code, detail, schema, table, column, constraint, position', async () => {
  const client = await connect();
  await client.query('CREATE TABLE pg_ep (id int PRIMARY KEY, name text NOT NULL); CREATE TABLE pg_ec (p int REFERENCES pg_ep (id))');
  await client.query("INSERT INTO pg_ep VALUES (1, 'x')");
  const fk = await failure(client.query('INSERT INTO pg_ec VALUES ($1)', [99]));
  assert.equal(fk.message, 'insert or update on table "pg_ec" violates foreign key constraint "pg_ec_p_fkey"');
  assert.deepEqual([fk.code, fk.detail, fk.schema, fk.table, fk.constraint, fk.column, fk.severity],
    ['23503', 'Key (p)=(99) is not present in table "pg_ep".', 'public', 'pg_ec', 'pg_ec_p_fkey', undefined, 'ERROR']);
  const dup = await failure(client.query('INSERT INTO pg_ep VALUES ($1, $2)', [1, 'dup']));
  assert.deepEqual([dup.code, dup.detail, dup.table, dup.constraint], ['23505', 'Key (id)=(1) already exists.', 'pg_ep', 'pg_ep_pkey']);
  const nn = await failure(client.query('INSERT INTO pg_ep VALUES ($1, $2)', [3, null]));
  assert.deepEqual([nn.code, nn.detail, nn.table, nn.column], ['23502', 'Failing row contains (3, null).', 'pg_ep', 'name']);
  const syntax = await failure(client.query('SELEC 1'));
  assert.deepEqual([syntax.code, syntax.message, syntax.position], ['42601', 'syntax error at or near "SELEC"', '1']);
  const multi = await failure(client.query('SELECT $1::int; SELECT 2', [1]));
  assert.deepEqual([multi.code, multi.message], ['42601', 'cannot insert multiple commands into a prepared statement']);
  await client.end();
});

test('notices reach the notice event; several statements without parameters run as a simple query', async () => {
  const client = await connect();
  const notices: any[] = [];
  client.on('notice', n => notices.push(n));
  await client.query('DROP TABLE IF EXISTS pg_nothing');
  assert.deepEqual(notices.map(n => [n.severity, n.code, n.message]), [['NOTICE', '00000', 'table "pg_nothing" does not exist, skipping']]);
  const results = await client.query('SELECT 1 AS a; SELECT 2 AS b') as unknown as pg.QueryResult[];
  assert.deepEqual(results.map(r => r.rows), [[{ a: 1 }], [{ b: 2 }]]);
  await client.end();
});

test('a pool of connections writing concurrently', async () => {
  const pool = new pg.Pool({ ...config(), user: 'postgres', database: c.testDatabase, max: 5 });
  await pool.query('CREATE TABLE pg_pool (id int PRIMARY KEY)');
  await Promise.all(Array.from({ length: 40 }, (_, i) => pool.query('INSERT INTO pg_pool VALUES ($1)', [i])));
  assert.deepEqual((await pool.query('SELECT count(*)::int AS n, sum(id)::int AS s FROM pg_pool')).rows, [{ n: 40, s: 780 }]);
  await Promise.all(Array.from({ length: 5 }, async (_, k) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE pg_pool SET id = id + 100 WHERE id = $1', [k]);
      await client.query('COMMIT');
    } finally { client.release(); }
  }));
  assert.deepEqual((await pool.query('SELECT count(*)::int AS n FROM pg_pool WHERE id >= 100')).rows, [{ n: 5 }]);
  await pool.end();
  // pool.end() resolves before the server has read the Terminate messages: let it, before it shuts down
  await c.sleep(50);
});
