// A connection reads into one buffer of its own and reads into it again (src/server/socket-reader.ts):
// bytes not yet handled must survive the next read — messages longer than the buffer, messages
// split at any byte, input queued behind a statement that waits for a lock — with the server's
// acceptor process and without it (sockets of net.Server), whose close() must not wait for
// the sockets the connections moved away from.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './server-client.js';
import { RelataServer } from '../../src/server/server.js';

let servers: RelataServer[] = [];
before(async () => {
  servers = [await RelataServer.start({ port: 0 }), await RelataServer.start({ port: 0, acceptor: false })];
});
after(async () => { for (const s of servers) await s.close(); });

const rows = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'D').map(c.dataRow);

/** Writes `data` in pieces of `size` bytes, letting the server read between them. */
async function trickle(client: c.RawClient, data: Buffer, size: number): Promise<void> {
  for (let i = 0; i < data.length; i += size) {
    client.socket.write(data.subarray(i, i + size));
    await new Promise(r => setImmediate(r));
  }
}

test('a query longer than the read buffer, and messages split at every few bytes', async () => {
  for (const server of servers) {
    const { client } = await c.RawClient.open(server.port);
    const big = 'x'.repeat(300_000);
    assert.deepEqual(rows(await client.query(`SELECT length('${big}'), right('${big}y', 2)`)), [['300000', 'xy']]);
    const batch = Buffer.concat([
      c.parse('s1', 'SELECT $1::int + 1, $2::text'), c.bind('', 's1', ['41', 'héllo']), c.describe('P', ''), c.execute(''), c.sync(),
      c.bind('', 's1', ['1', 'ω'.repeat(50)]), c.execute(''), c.sync(),
    ]);
    await trickle(client, batch, 3);
    const first = await client.untilReady();
    assert.equal(c.summary(first), '1 2 T D C:SELECT 1 Z:I');
    assert.deepEqual(rows(first), [['42', 'héllo']]);
    assert.deepEqual(rows(await client.untilReady()), [['2', 'ω'.repeat(50)]]);
    client.end();
  }
});

test('input queued behind a statement waiting for a lock is read intact', async () => {
  for (const server of servers) {
    const { client: setup } = await c.RawClient.open(server.port);
    await setup.query('DROP TABLE IF EXISTS queued; CREATE TABLE queued (n int); INSERT INTO queued VALUES (1)');
    const { client: holder } = await c.RawClient.open(server.port);
    await holder.query('BEGIN; UPDATE queued SET n = 10 WHERE n = 1');
    const { client: waiter } = await c.RawClient.open(server.port);
    // the UPDATE waits for holder's row lock; what follows it arrives meanwhile, in pieces
    const long = c.query(`SELECT length('${'b'.repeat(70000)}'), 'end'`);
    waiter.send(c.query('UPDATE queued SET n = n + 1'), long.subarray(0, 1000));
    await c.sleep(20);
    await trickle(waiter, Buffer.concat([long.subarray(1000), c.query('SELECT n FROM queued')]), 4096);
    await c.sleep(20);
    await holder.query('COMMIT');
    assert.equal(c.summary(await waiter.untilReady()), 'C:UPDATE 1 Z:I');
    assert.deepEqual(rows(await waiter.untilReady()), [['70000', 'end']]);
    assert.deepEqual(rows(await waiter.untilReady()), [['11']]);
    await setup.query('DROP TABLE queued');
    for (const cl of [setup, holder, waiter]) cl.end();
  }
});
