// Bad input ends only the connection that sent it: malformed, truncated, oversized and unknown
// messages, random and mutated bytes, abrupt disconnects. A witness connection with an open
// transaction and committed data go on untouched throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './server-client.js';

let server: c.TestServer;
let witness: c.RawClient;
before(async () => {
  server = await c.startServer();
  witness = (await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase })).client;
  await witness.query("CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2)");
});
after(async () => { witness.end(); await server.close(); });

const rows = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'D').map(c.dataRow);

/** The server still serves: a new connection answers, the witness too, nothing committed is lost. */
async function stillServing(): Promise<void> {
  const { client } = await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase });
  assert.deepEqual(rows(await client.query('SELECT sum(n) FROM kept')), [['3']]);
  client.end();
  assert.deepEqual(rows(await witness.query('SELECT count(*) FROM kept')), [['2']]);
}

/** Sends bytes after a completed startup; returns what came back until the server closed (or went quiet). */
async function afterStartup(...bytes: Buffer[]): Promise<c.BackendMessage[]> {
  const { client } = await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase });
  client.send(...bytes);
  const out: c.BackendMessage[] = [];
  for (;;) {
    const m = await client.next(300).catch(() => null);
    if (!m) break;
    out.push(m);
  }
  client.socket.destroy();
  return out;
}

test('an unknown message type is a FATAL protocol violation that closes only that connection', async () => {
  const ms = await afterStartup(c.frame('y'));
  assert.deepEqual(ms.map(c.errorFields), [{ S: 'FATAL', V: 'FATAL', C: '08P01', M: 'invalid frontend message type 121' }]);
  await stillServing();
});

test('an invalid length closes the connection without an answer; a malformed body is an ERROR and the connection goes on', async () => {
  assert.deepEqual(await afterStartup(Buffer.from([0x51, 0, 0, 0, 2])), []); // a Query with a length below 4
  assert.deepEqual(await afterStartup(Buffer.from([0x53, 0x7f, 0xff, 0xff, 0xff])), []); // a Sync claiming 2 GB
  const answers = async (...bytes: Buffer[]) => (await afterStartup(...bytes)).map(m => (m.type === 'E' ? c.errorFields(m).M : c.summary([m])));
  assert.deepEqual(await answers(c.frame('P', '', 'SELECT 1', c.int16(2)), c.sync()), ['insufficient data left in message', 'Z:I']);
  assert.deepEqual(await answers(Buffer.concat([Buffer.from([0x51, 0, 0, 0, 12]), Buffer.from('SELECT 1')]), c.sync()),
    ['invalid string in message', 'Z:I', 'Z:I']);
  assert.deepEqual(await answers(c.frame('S', 'x'), c.query('SELECT 1')), ['invalid message format', 'Z:I', 'T', 'D', 'C:SELECT 1', 'Z:I']);
  assert.deepEqual(await answers(c.frame('D', [90], ''), c.sync()), ['invalid DESCRIBE message subtype 90', 'Z:I']);
  assert.deepEqual(await answers(c.frame('B', '', '', c.int16(0), c.int16(3)), c.sync()), ['unnamed prepared statement does not exist', 'Z:I']);
  await stillServing();
});

test('startup packets that are too short, too long or truncated', async () => {
  for (const bytes of [Buffer.from([0, 0, 0, 4]), Buffer.from([0, 1, 0, 0, 0, 3, 0, 0]), c.startupMessage({ user: 'postgres' }).subarray(0, 12)]) {
    const client = await c.RawClient.connect(server.port);
    client.send(bytes);
    await c.sleep(20);
    client.socket.destroy();
  }
  await stillServing();
});

test('abrupt disconnects: mid-message, mid-transaction, while waiting for a row lock', async () => {
  const { client: a } = await c.RawClient.open(server.port);
  a.send(c.query('SELECT 1').subarray(0, 7));
  a.socket.destroy();
  const { client: b } = await c.RawClient.open(server.port);
  await b.query('BEGIN; INSERT INTO kept VALUES (100); SELECT n FROM kept WHERE n = 1 FOR UPDATE');
  const { client: waiter } = await c.RawClient.open(server.port);
  // waits for b's row lock (writers of other rows would not wait)
  waiter.send(c.query('DELETE FROM kept WHERE n = 1'));
  await c.sleep(30);
  waiter.socket.destroy();
  await c.sleep(10);
  b.socket.destroy();
  await c.sleep(30);
  await stillServing();
});

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

test('fuzz: random bytes and mutated valid messages never stop the server', async () => {
  const rnd = random(7);
  const valid = [
    c.query('SELECT n FROM kept'), c.parse('', 'SELECT $1::int'), c.bind('', '', ['5']), c.describe('P', ''), c.execute('', 1),
    c.sync(), c.parse('s', 'INSERT INTO kept VALUES ($1)'), c.close('S', 's'), c.flush(), c.query('BEGIN; SELECT 1/0'),
  ];
  for (let round = 0; round < 60; round++) {
    const parts: Buffer[] = [];
    const n = 1 + Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) {
      const m = Buffer.from(valid[Math.floor(rnd() * valid.length)]);
      const kind = rnd();
      if (kind < 0.3) parts.push(m);
      else if (kind < 0.6) { m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256); parts.push(m); }
      else if (kind < 0.8) parts.push(m.subarray(0, Math.floor(rnd() * m.length)));
      else parts.push(Buffer.from(Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))));
    }
    const { client } = await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase });
    client.send(...parts);
    await c.sleep(2);
    client.socket.destroy();
  }
  await c.sleep(50);
  await stillServing();
});
