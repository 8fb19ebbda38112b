// The extended protocol as a driver with prepared statements uses it: the same statements
// bound again and again (Bind reuses the name it read last when the bytes spell it), and
// an Execute that fails again and again (the failure comes back as a value, not thrown).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './server-client.js';

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server.close(); });

const open = async () => (await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase })).client;
const rows = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'D').map(c.dataRow);

test('statements bound one after another each run their own text, whatever the name before', async () => {
  const client = await open();
  // names that are prefixes of each other, the unnamed one, and two whose bytes and characters
  // could be confused: 'Ã©' is U+00C3 U+00A9, 'é' is the UTF-8 bytes C3 A9
  const names = ['s1', 's', 's10', '', 'Ã©', 'é'];
  client.send(...names.map((n, i) => c.parse(n, `SELECT ${i} AS n, $1::text AS v`)), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 1 1 1 1 1 Z:I');
  const order = [0, 1, 2, 0, 3, 4, 5, 4, 5, 1, 0, 0, 2];
  for (const i of order) {
    client.send(c.bind('', names[i], [`v${i}`]), c.execute(''), c.sync());
    const got = await client.untilReady();
    assert.deepEqual(rows(got), [[String(i), `v${i}`]], `statement ${JSON.stringify(names[i])}`);
  }
  // a statement closed is gone, even when it is the one bound last
  client.send(c.bind('', 's10', ['x']), c.execute(''), c.close('S', 's10'), c.bind('', 's10', ['x']), c.sync());
  const got = await client.untilReady();
  assert.equal(c.summary(got), '2 D C:SELECT 1 3 E:26000 Z:I');
  assert.equal(c.errorFields(got.find(m => m.type === 'E')!).M, 'prepared statement "s10" does not exist');
  client.end();
});

test('an INSERT failing at each Execute: ErrorResponse, skipped to Sync, nothing kept; then one that succeeds', async () => {
  const client = await open();
  await client.query('DROP TABLE IF EXISTS rep_child, rep_parent');
  await client.query('CREATE TABLE rep_parent (id int PRIMARY KEY)');
  await client.query('CREATE TABLE rep_child (id serial PRIMARY KEY, parent int REFERENCES rep_parent)');
  await client.query('INSERT INTO rep_parent VALUES (1)');
  client.send(c.parse('ins', 'INSERT INTO rep_child (parent) VALUES ($1)'), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 Z:I');
  const attempt = async (parent: string) => {
    client.send(c.bind('', 'ins', [parent]), c.describe('P', ''), c.execute(''), c.bind('', 'ins', ['1']), c.execute(''), c.sync());
    return client.untilReady();
  };
  for (let i = 0; i < 5; i++) {
    const got = await attempt(String(100 + i));
    // the second Bind and Execute are skipped: the Execute before them failed
    assert.equal(c.summary(got), '2 n E:23503 Z:I');
    assert.deepEqual(c.errorFields(got.find(m => m.type === 'E')!), {
      S: 'ERROR', V: 'ERROR', C: '23503',
      M: 'insert or update on table "rep_child" violates foreign key constraint "rep_child_parent_fkey"',
      D: `Key (parent)=(${100 + i}) is not present in table "rep_parent".`,
      s: 'public', t: 'rep_child', n: 'rep_child_parent_fkey',
    });
  }
  assert.equal(c.summary(await attempt('1')), '2 n C:INSERT 0 1 2 C:INSERT 0 1 Z:I');
  assert.deepEqual(rows(await client.query('SELECT count(*), min(id) > 5 FROM rep_child')), [['2', 't']]);
  // in a transaction block the failure fails the block
  await client.query('BEGIN');
  assert.equal(c.summary(await attempt('7')), '2 n E:23503 Z:E');
  client.send(c.bind('', 'ins', ['1']), c.execute(''), c.sync());
  assert.equal(c.summary(await client.untilReady()), 'E:25P02 Z:E');
  assert.equal(c.summary(await client.query('ROLLBACK')), 'C:ROLLBACK Z:I');
  assert.deepEqual(rows(await client.query('SELECT count(*) FROM rep_child')), [['2']]);
  await client.query('DROP TABLE rep_child, rep_parent');
  client.end();
});
