// Several connections on one database: MVCC isolation of an open writer, writers taking
// turns (lock_timeout, statement_timeout, CancelRequest), DDL invisible until commit,
// REPEATABLE READ's serialization failure, and a connection that disappears mid-transaction.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './server-client.js';

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server.close(); });

const open = async () => (await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase })).client;
const rows = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'D').map(c.dataRow);
const error = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'E').map(c.errorFields)[0];

/** Sends a query without waiting; the promise gives its messages and when they came. */
function pending(client: c.RawClient, sql: string): Promise<{ ms: c.BackendMessage[]; at: number }> {
  client.send(c.query(sql));
  return client.untilReady(10000).then(ms => ({ ms, at: Date.now() }));
}

test('a reader sees the committed state while another session writes; a second writer waits for the first to end', async () => {
  const a = await open(), b = await open();
  await a.query('CREATE TABLE acc (id int PRIMARY KEY, v text)');
  assert.equal(c.summary(await a.query("BEGIN; INSERT INTO acc VALUES (1, 'a')")), 'C:BEGIN C:INSERT 0 1 Z:T');
  assert.deepEqual(rows(await b.query('SELECT count(*) FROM acc')), [['0']]);
  const insert = pending(b, "INSERT INTO acc VALUES (1, 'b')");
  await c.sleep(150);
  const committedAt = Date.now();
  assert.equal(c.summary(await a.query('COMMIT')), 'C:COMMIT Z:I');
  const { ms, at } = await insert;
  assert.ok(at >= committedAt);
  assert.deepEqual(error(ms), { S: 'ERROR', V: 'ERROR', C: '23505', M: 'duplicate key value violates unique constraint "acc_pkey"',
    D: 'Key (id)=(1) already exists.', s: 'public', t: 'acc', n: 'acc_pkey' });
  // after a rollback the waiting writer goes on with the old state
  await a.query("BEGIN; DELETE FROM acc");
  const update = pending(b, "UPDATE acc SET v = 'b'");
  await c.sleep(50);
  await a.query('ROLLBACK');
  assert.equal(c.summary((await update).ms), 'C:UPDATE 1 Z:I');
  a.end(); b.end();
});

// an error ending a wait for a row names it as PostgreSQL does (CONTEXT: while updating tuple (0,1) in relation "lt"),
// by the ctid Relata shows (which numbers rows across tables, where PostgreSQL's counts within one)
test('lock_timeout and statement_timeout end a wait; CancelRequest cancels it', async () => {
  const a = await open(), b = await open();
  await a.query('CREATE TABLE lt (n int); INSERT INTO lt VALUES (1)');
  const [[ctid]] = rows(await a.query('SELECT ctid FROM lt'));
  await a.query('BEGIN; UPDATE lt SET n = 2');
  await b.query("SET lock_timeout = '100ms'");
  assert.deepEqual(error(await b.query('UPDATE lt SET n = 3')),
    { S: 'ERROR', V: 'ERROR', C: '55P03', M: 'canceling statement due to lock timeout', W: `while updating tuple ${ctid} in relation "lt"` });
  await b.query("RESET lock_timeout; SET statement_timeout = 100");
  assert.deepEqual(error(await b.query('DELETE FROM lt')),
    { S: 'ERROR', V: 'ERROR', C: '57014', M: 'canceling statement due to statement timeout', W: `while deleting tuple ${ctid} in relation "lt"` });
  await b.query('RESET statement_timeout');
  // CancelRequest from a new connection, with b's process id and secret key
  const b2 = await c.RawClient.connect(server.port);
  b2.send(c.startupMessage({ user: 'postgres' }));
  const startup = await b2.untilReady();
  const k = startup.find(m => m.type === 'K')!;
  const waiting = pending(b2, 'UPDATE lt SET n = 4');
  await c.sleep(50);
  const canceller = await c.RawClient.connect(server.port);
  canceller.send(c.frame(null, c.int32(80877102), k.body.subarray(0, 4), k.body.subarray(4, 8)));
  const { ms } = await waiting;
  assert.deepEqual(error(ms), { S: 'ERROR', V: 'ERROR', C: '57014', M: 'canceling statement due to user request', W: `while updating tuple ${ctid} in relation "lt"` });
  assert.equal(await canceller.next(), null);
  // reads never wait for a writer
  assert.deepEqual(rows(await b.query('SELECT n FROM lt')), [['1']]);
  await a.query('COMMIT');
  assert.deepEqual(rows(await b.query('SELECT n FROM lt')), [['2']]);
  a.end(); b.end(); b2.end();
});

// Relata's own rule (storage/locks.ts: DDL holds the database exclusively): PostgreSQL would answer the second SELECT at once, without the new table
test('DDL of an open transaction is not seen by others: their statements wait until it ends', async () => {
  const a = await open(), b = await open();
  await a.query('BEGIN; CREATE TABLE ddl_new (x int)');
  const read = pending(b, 'SELECT * FROM ddl_new');
  await c.sleep(100);
  await a.query('ROLLBACK');
  assert.deepEqual(error((await read).ms), { S: 'ERROR', V: 'ERROR', C: '42P01', M: 'relation "ddl_new" does not exist', P: '15' });
  await a.query('BEGIN; CREATE TABLE ddl_new (x int)');
  const read2 = pending(b, 'SELECT * FROM ddl_new');
  await c.sleep(50);
  await a.query('COMMIT');
  assert.equal(c.summary((await read2).ms), 'T C:SELECT 0 Z:I');
  a.end(); b.end();
});

test('REPEATABLE READ: updating a row another transaction changed since the snapshot is a serialization failure', async () => {
  const a = await open(), b = await open();
  await a.query("CREATE TABLE rr (id int PRIMARY KEY, v text); INSERT INTO rr VALUES (1, 'a')");
  await b.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  assert.deepEqual(rows(await b.query('SELECT v FROM rr')), [['a']]);
  await a.query("UPDATE rr SET v = 'z'");
  assert.deepEqual(rows(await b.query('SELECT v FROM rr')), [['a']]);
  assert.deepEqual(error(await b.query("UPDATE rr SET v = 'w'")), { S: 'ERROR', V: 'ERROR', C: '40001', M: 'could not serialize access due to concurrent update' });
  await b.query('ROLLBACK');
  // READ COMMITTED sees the committed update and changes it
  await b.query("BEGIN; UPDATE rr SET v = v || 'w'; COMMIT");
  assert.deepEqual(rows(await a.query('SELECT v FROM rr')), [['zw']]);
  a.end(); b.end();
});

test('a connection that disappears mid-transaction is rolled back and its lock goes to the next writer', async () => {
  const a = await open(), b = await open();
  await a.query('CREATE TABLE gone (n int)');
  await a.query('BEGIN; INSERT INTO gone VALUES (1)');
  const insert = pending(b, 'INSERT INTO gone VALUES (2)');
  await c.sleep(50);
  a.socket.destroy();
  assert.equal(c.summary((await insert).ms), 'C:INSERT 0 1 Z:I');
  assert.deepEqual(rows(await b.query('SELECT n FROM gone')), [['2']]);
  b.end();
});

test('many connections work at once, each with its own session state', async () => {
  const clients = await Promise.all(Array.from({ length: 20 }, () => open()));
  await clients[0].query('CREATE TABLE many (id int PRIMARY KEY, who text)');
  const results = await Promise.all(clients.map(async (cl, i) => {
    await cl.query(`SET application_name = 'c${i}'`);
    assert.equal(c.summary(await cl.query(`BEGIN; INSERT INTO many VALUES (${i}, 'c${i}'); COMMIT`)), 'C:BEGIN C:INSERT 0 1 C:COMMIT Z:I');
    return rows(await cl.query('SHOW application_name'))[0][0];
  }));
  assert.deepEqual(results, clients.map((_, i) => `c${i}`));
  assert.deepEqual(rows(await clients[0].query('SELECT count(*) FROM many')), [['20']]);
  for (const cl of clients) cl.end();
});
