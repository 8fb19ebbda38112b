// The wire protocol byte for byte with a raw client: startup, simple and extended query,
// formats, errors and notices, transaction status. Every expectation was read from
// PostgreSQL 15 answering the same messages (less the F/L/R source-location fields).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './server-client.js';

let server: c.TestServer;
before(async () => { server = await c.startServer(); });
after(async () => { await server.close(); });

const open = async (params: Record<string, string> = { user: 'postgres', database: c.testDatabase }) => (await c.RawClient.open(server.port, params)).client;
const fieldsOf = (ms: c.BackendMessage[], type = 'E') => ms.filter(m => m.type === type).map(c.errorFields);
const rows = (ms: c.BackendMessage[]) => ms.filter(m => m.type === 'D').map(c.dataRow);

test('startup: AuthenticationOk, ParameterStatus in PostgreSQL 15 order, BackendKeyData, ReadyForQuery', async () => {
  const { client, startup } = await c.RawClient.open(server.port, { user: 'postgres', database: c.testDatabase, application_name: 'x' });
  assert.equal(c.summary(startup), 'R S S S S S S S S S S S S S K Z:I');
  assert.equal(startup[0].body.readInt32BE(0), 0);
  const reported = startup.filter(m => m.type === 'S').map(c.cstrings);
  // a reference server reports its own build and zone: 15.18 (Debian …), Etc/UTC
  if (c.reference) for (const p of reported) if (p[0] === 'server_version' || p[0] === 'TimeZone') p.pop();
  assert.deepEqual(reported, [
    ['application_name', 'x'], ['client_encoding', 'UTF8'], ['DateStyle', 'ISO, MDY'], ['default_transaction_read_only', 'off'],
    ['in_hot_standby', 'off'], ['integer_datetimes', 'on'], ['IntervalStyle', 'postgres'], ['is_superuser', 'on'],
    ['server_encoding', 'UTF8'], c.reference ? ['server_version'] : ['server_version', '15.18'], ['session_authorization', 'postgres'],
    ['standard_conforming_strings', 'on'], c.reference ? ['TimeZone'] : ['TimeZone', 'UTC'],
  ]);
  assert.equal(startup.find(m => m.type === 'K')!.body.length, 8);
  client.end();
});

test('SSLRequest and GSSENCRequest are answered N, then the startup goes on in the clear', async () => {
  const client = await c.RawClient.connect(server.port);
  client.send(c.frame(null, c.int32(80877103)));
  assert.equal(await client.byte(), 'N');
  client.send(c.frame(null, c.int32(80877104)));
  assert.equal(await client.byte(), 'N');
  client.send(c.startupMessage({ user: 'postgres' }));
  assert.equal(c.summary(await client.untilReady()).slice(-3), 'Z:I');
  client.end();
});

test('startup options: -c settings, DateStyle and search_path; FATAL for unknown roles, databases, settings and protocols', async () => {
  const client = await open({ user: 'postgres', options: '-c search_path=s1,\\ public --DateStyle=German', TimeZone: 'Europe/Berlin' });
  assert.deepEqual(rows(await client.query('SHOW search_path')), [['s1, public']]);
  assert.deepEqual(rows(await client.query('SHOW TimeZone')), [['Europe/Berlin']]);
  assert.deepEqual(rows(await client.query("SELECT date '2024-03-05'")), [['05.03.2024']]);
  client.end();
  const fatal = async (params: Record<string, string>, version?: number) => {
    const cl = await c.RawClient.connect(server.port);
    cl.send(c.startupMessage(params, version));
    const ms = await cl.untilReady();
    assert.ok(cl.closed || (await cl.next()) === null);
    return fieldsOf(ms)[0];
  };
  assert.deepEqual(await fatal({ user: 'nobody' }), { S: 'FATAL', V: 'FATAL', C: '28000', M: 'role "nobody" does not exist' });
  assert.deepEqual(await fatal({ user: 'postgres', database: 'nodb' }), { S: 'FATAL', V: 'FATAL', C: '3D000', M: 'database "nodb" does not exist' });
  assert.deepEqual(await fatal({ user: 'postgres', options: '-c nosuch=1' }), { S: 'FATAL', V: 'FATAL', C: '42704', M: 'unrecognized configuration parameter "nosuch"' });
  assert.deepEqual(await fatal({ database: 'postgres' }), { S: 'FATAL', V: 'FATAL', C: '28000', M: 'no PostgreSQL user name specified in startup packet' });
  assert.deepEqual(await fatal({ user: 'postgres' }, 4 << 16),
    { S: 'FATAL', V: 'FATAL', C: '0A000', M: 'unsupported frontend protocol 4.0: server supports 3.0 to 3.0' });
  // a protocol 2 client gets the error in protocol 2's form
  const old = await c.RawClient.connect(server.port);
  old.send(c.startupMessage({ user: 'postgres' }, 2 << 16));
  let text = '';
  for (;;) { try { text += await old.byte(); } catch { break; } }
  assert.equal(text, 'EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n\0');
});

test('a newer minor protocol version gets NegotiateProtocolVersion', async () => {
  const client = await c.RawClient.connect(server.port);
  client.send(c.startupMessage({ user: 'postgres', '_pq_.extra': 'x' }, (3 << 16) | 2));
  const ms = await client.untilReady();
  assert.equal(ms[0].type, 'v');
  assert.equal(ms[0].body.readInt32BE(0), 196608);
  assert.deepEqual(c.cstrings({ type: 'v', body: ms[0].body.subarray(8) }), ['_pq_.extra']);
  assert.equal(ms[1].type, 'R');
  client.end();
});

test('simple query: several statements, RowDescription, DataRow, tags, notices, EmptyQueryResponse', async () => {
  const client = await open();
  let ms = await client.query('DROP TABLE IF EXISTS sq; CREATE TABLE sq (id int PRIMARY KEY, t text); INSERT INTO sq VALUES (1, \'a\'), (2, NULL); SELECT * FROM sq ORDER BY id');
  assert.equal(c.summary(ms), 'N:00000 C:DROP TABLE C:CREATE TABLE C:INSERT 0 2 T D D C:SELECT 2 Z:I');
  assert.deepEqual(fieldsOf(ms, 'N'), [{ S: 'NOTICE', V: 'NOTICE', C: '00000', M: 'table "sq" does not exist, skipping' }]);
  const desc = c.rowDescription(ms.find(m => m.type === 'T')!);
  assert.deepEqual(desc.map(f => [f.name, f.typeOid, f.column, f.size, f.typmod, f.format, f.tableOid > 0]), [
    ['id', 23, 1, 4, -1, 0, true], ['t', 25, 2, -1, -1, 0, true]]);
  assert.deepEqual(rows(ms), [['1', 'a'], ['2', null]]);
  assert.equal(c.summary(await client.query('')), 'I Z:I');
  assert.equal(c.summary(await client.query('-- nothing')), 'I Z:I');
  ms = await client.query('SELECT 1; SELEC 2');
  assert.deepEqual(fieldsOf(ms), [{ S: 'ERROR', V: 'ERROR', C: '42601', M: 'syntax error at or near "SELEC"', P: '11' }]);
  client.end();
});

test('errors carry every field: detail, schema, table, column, constraint, position', async () => {
  const client = await open();
  await client.query('CREATE TABLE ep (id int PRIMARY KEY); CREATE TABLE ec (id int NOT NULL, p int REFERENCES ep, CHECK (id > 0))');
  assert.deepEqual(fieldsOf(await client.query('INSERT INTO ec VALUES (1, 5)')), [{
    S: 'ERROR', V: 'ERROR', C: '23503', M: 'insert or update on table "ec" violates foreign key constraint "ec_p_fkey"',
    D: 'Key (p)=(5) is not present in table "ep".', s: 'public', t: 'ec', n: 'ec_p_fkey' }]);
  assert.deepEqual(fieldsOf(await client.query('INSERT INTO ec VALUES (-1, NULL)')), [{
    S: 'ERROR', V: 'ERROR', C: '23514', M: 'new row for relation "ec" violates check constraint "ec_id_check"',
    D: 'Failing row contains (-1, null).', s: 'public', t: 'ec', n: 'ec_id_check' }]);
  assert.deepEqual(fieldsOf(await client.query('INSERT INTO ec VALUES (NULL, NULL)')), [{
    S: 'ERROR', V: 'ERROR', C: '23502', M: 'null value in column "id" of relation "ec" violates not-null constraint',
    D: 'Failing row contains (null, null).', s: 'public', t: 'ec', c: 'id' }]);
  assert.deepEqual(fieldsOf(await client.query('SELECT nosuch FROM ep')), [{ S: 'ERROR', V: 'ERROR', C: '42703', M: 'column "nosuch" does not exist', P: '8' }]);
  client.end();
});

test('ReadyForQuery reports I, T and E; a failed block refuses statements until ROLLBACK', async () => {
  const client = await open();
  await client.query('CREATE TABLE tx (id int)');
  assert.equal(c.summary(await client.query('BEGIN; INSERT INTO tx VALUES (1); SELECT 1/0; COMMIT')), 'C:BEGIN C:INSERT 0 1 E:22012 Z:E');
  assert.equal(c.summary(await client.query('SELECT 1')), 'E:25P02 Z:E');
  assert.equal(c.summary(await client.query('COMMIT')), 'C:ROLLBACK Z:I');
  assert.equal(c.summary(await client.query('BEGIN')), 'C:BEGIN Z:T');
  assert.equal(c.summary(await client.query('SELEC')), 'E:42601 Z:E');
  assert.equal(c.summary(await client.query('ROLLBACK')), 'C:ROLLBACK Z:I');
  assert.deepEqual(rows(await client.query('SELECT count(*) FROM tx')), [['0']]);
  assert.equal(c.summary(await client.query('SELECT 1; SAVEPOINT a')), 'T D C:SELECT 1 E:25P01 Z:I');
  client.end();
});

test('ParameterStatus follows a change of a reported setting, before ReadyForQuery', async () => {
  const client = await open();
  let ms = await client.query("SET application_name = 'app'; SET TimeZone = 'America/New_York'");
  assert.equal(c.summary(ms), 'C:SET C:SET S S Z:I');
  assert.deepEqual(ms.filter(m => m.type === 'S').map(c.cstrings), [['application_name', 'app'], ['TimeZone', 'America/New_York']]);
  ms = await client.query("SET DateStyle = 'SQL, DMY'");
  assert.deepEqual(ms.filter(m => m.type === 'S').map(c.cstrings), [['DateStyle', 'SQL, DMY']]);
  assert.equal(c.summary(await client.query("SET application_name = 'app'")), 'C:SET Z:I');
  client.end();
});

test('extended query: named statement, ParameterDescription, RowDescription, Bind with parameters, Execute', async () => {
  const client = await open();
  await client.query("CREATE TABLE xq (id int PRIMARY KEY, b bytea, t text); INSERT INTO xq VALUES (1, '\\x01', 'one'), (2, NULL, 'two')");
  client.send(c.parse('byid', 'SELECT id, t FROM xq WHERE id = $1'), c.describe('S', 'byid'), c.sync());
  let ms = await client.untilReady();
  assert.equal(c.summary(ms), '1 t T Z:I');
  assert.equal(ms[1].body.readInt16BE(0), 1);
  assert.equal(ms[1].body.readInt32BE(2), 23);
  client.send(c.bind('', 'byid', ['2']), c.describe('P', ''), c.execute(''), c.bind('p1', 'byid', ['1']), c.execute('p1'), c.sync());
  ms = await client.untilReady();
  assert.equal(c.summary(ms), '2 T D C:SELECT 1 2 D C:SELECT 1 Z:I');
  assert.deepEqual(rows(ms), [['2', 'two'], ['1', 'one']]);
  // parameter types deduced from an INSERT's target columns
  client.send(c.parse('', 'INSERT INTO xq (id, b) VALUES ($1, $2) RETURNING id'), c.describe('S', ''), c.sync());
  ms = await client.untilReady();
  const t = ms.find(m => m.type === 't')!;
  assert.deepEqual([t.body.readInt32BE(2), t.body.readInt32BE(6)], [23, 17]);
  // an empty query, and a statement that returns no rows
  client.send(c.parse('', ''), c.bind('', '', []), c.describe('P', ''), c.execute(''), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 n I Z:I');
  client.send(c.parse('', 'UPDATE xq SET t = $1 WHERE id = $2'), c.bind('', '', ['uno', '1']), c.describe('P', ''), c.execute(''), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 n C:UPDATE 1 Z:I');
  client.end();
});

test('Execute with a row limit returns PortalSuspended, then the rest', async () => {
  const client = await open();
  await client.query('CREATE TABLE lim (n int); INSERT INTO lim VALUES (1), (2), (3), (4), (5)');
  client.send(c.parse('', 'SELECT n FROM lim ORDER BY n'), c.bind('', '', []), c.execute('', 2), c.execute('', 2), c.execute('', 2), c.execute('', 2), c.sync());
  const ms = await client.untilReady();
  assert.equal(c.summary(ms), '1 2 D D s D D s D C:SELECT 1 C:SELECT 0 Z:I');
  assert.deepEqual(rows(ms).flat(), ['1', '2', '3', '4', '5']);
  client.end();
});

test('extended-protocol errors: PostgreSQL messages, then everything up to Sync is skipped', async () => {
  const client = await open();
  const err = async (...msgs: Buffer[]) => { client.send(...msgs, c.sync()); return fieldsOf(await client.untilReady())[0]; };
  assert.equal((await err(c.bind('', 'nope', []))).M, 'prepared statement "nope" does not exist');
  assert.equal((await err(c.close('S', ''), c.bind('', '', []))).M, 'unnamed prepared statement does not exist');
  assert.deepEqual(await err(c.execute('zz')), { S: 'ERROR', V: 'ERROR', C: '34000', M: 'portal "zz" does not exist' });
  assert.deepEqual(await err(c.parse('s1', 'SELECT $1::int'), c.bind('', 's1', [])),
    { S: 'ERROR', V: 'ERROR', C: '08P01', M: 'bind message supplies 0 parameters, but prepared statement "s1" requires 1' });
  assert.deepEqual(await err(c.parse('s1', 'SELECT 1')), { S: 'ERROR', V: 'ERROR', C: '42P05', M: 'prepared statement "s1" already exists' });
  assert.deepEqual(await err(c.parse('', 'SELECT 1; SELECT 2')), { S: 'ERROR', V: 'ERROR', C: '42601', M: 'cannot insert multiple commands into a prepared statement' });
  assert.equal((await err(c.parse('', 'SELECT 1, 2'), c.bind('', '', [], [], [0, 1, 0]))).M, 'bind message has 3 result formats but query has 2 columns');
  assert.equal((await err(c.parse('', 'SELECT $1::int'), c.bind('', '', ['1'], [0, 0]))).M, 'bind message has 2 parameter formats but 1 parameters');
  assert.deepEqual(await err(c.parse('', 'SELECT * FROM nosuch')), { S: 'ERROR', V: 'ERROR', C: '42P01', M: 'relation "nosuch" does not exist', P: '15' });
  // after the error, a Query before Sync is ignored too
  client.send(c.parse('', 'SELECT * FROM nosuch'), c.query('SELECT 1'), c.sync());
  assert.equal(c.summary(await client.untilReady()), 'E:42P01 Z:I');
  assert.equal(c.summary(await client.query('SELECT 1')), 'T D C:SELECT 1 Z:I');
  // a Bind error inside a transaction block fails the block
  await client.query('BEGIN');
  client.send(c.bind('', 'nope', []), c.sync());
  assert.equal(c.summary(await client.untilReady()), 'E:26000 Z:E');
  assert.equal(c.summary(await client.query('ROLLBACK')), 'C:ROLLBACK Z:I');
  client.end();
});

test('statements before Sync share one implicit transaction: an error undoes them all', async () => {
  const client = await open();
  await client.query('CREATE TABLE imp (n int NOT NULL)');
  const run = (sql: string) => [c.parse('', sql), c.bind('', '', []), c.execute('')];
  client.send(...run('INSERT INTO imp VALUES (1)'), ...run('INSERT INTO imp VALUES (2)'), ...run('INSERT INTO imp VALUES (NULL)'), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 C:INSERT 0 1 1 2 C:INSERT 0 1 1 2 E:23502 Z:I');
  assert.deepEqual(rows(await client.query('SELECT count(*) FROM imp')), [['0']]);
  client.send(...run('INSERT INTO imp VALUES (1)'), ...run('INSERT INTO imp VALUES (2)'), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 C:INSERT 0 1 1 2 C:INSERT 0 1 Z:I');
  assert.deepEqual(rows(await client.query('SELECT count(*) FROM imp')), [['2']]);
  client.end();
});

test('Flush sends what is ready without ending the transaction; notices arrive in the extended protocol', async () => {
  const client = await open();
  client.send(c.parse('', 'DROP TABLE IF EXISTS nothing_here'), c.bind('', '', []), c.execute(''), c.flush());
  const got: string[] = [];
  for (let i = 0; i < 4; i++) got.push((await client.next())!.type);
  assert.deepEqual(got, ['1', '2', 'N', 'C']);
  client.send(c.sync());
  assert.equal(c.summary(await client.untilReady()), 'Z:I');
  client.end();
});

test('binary format: results and parameters of the common types', async () => {
  const client = await open();
  const sql = "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.25::float8, true, 'hé'::text, '\\x00ff'::bytea, " +
    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '2000-01-02'::date, '2000-01-01 00:00:01'::timestamp, 'infinity'::timestamptz";
  client.send(c.parse('', sql), c.bind('', '', [], [], [1]), c.describe('P', ''), c.execute(''), c.sync());
  const ms = await client.untilReady();
  assert.ok(c.rowDescription(ms.find(m => m.type === 'T')!).every(f => f.format === 1));
  const v = c.dataRowBytes(ms.find(m => m.type === 'D')!).map(b => b!.toString('hex'));
  assert.deepEqual(v, ['0001', '00000002', '0000000000000003', '3fc00000', '4002000000000000', '01', Buffer.from('hé').toString('hex'), '00ff',
    'a0eebc999c0b4ef8bb6d6bb9bd380a11', '00000001', '00000000000f4240', '7fffffffffffffff']);
  // binary parameters, text results
  client.send(c.parse('', 'SELECT $1::int4 + 1, $2::int8, $3::bool, $4::float8, $5::bytea, $6::date, $7::uuid'),
    c.bind('', '', [c.int32(41), Buffer.from('0000000000000007', 'hex'), Buffer.from([1]), Buffer.from('4002000000000000', 'hex'),
      Buffer.from([1, 2]), c.int32(1), Buffer.from('a0eebc999c0b4ef8bb6d6bb9bd380a11', 'hex')], [1]), c.execute(''), c.sync());
  assert.deepEqual(rows(await client.untilReady()), [['42', '7', 't', '2.25', '\\x0102', '2000-01-02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']]);
  // a text value the parameter's type refuses fails at Bind, with the portal named
  client.send(c.parse('', 'SELECT $1::int'), c.bind('p', '', ['abc']), c.execute('p'), c.sync());
  const ms2 = await client.untilReady();
  assert.equal(c.summary(ms2), '1 E:22P02 Z:I');
  assert.deepEqual(fieldsOf(ms2), [{ S: 'ERROR', V: 'ERROR', C: '22P02', M: 'invalid input syntax for type integer: "abc"', W: 'portal "p" parameter $1 = \'...\'' }]);
  // a binary int4 of the wrong size
  client.send(c.parse('', 'SELECT $1::int'), c.bind('', '', [Buffer.from([1, 2])], [1]), c.sync());
  assert.deepEqual(fieldsOf(await client.untilReady()), [{ S: 'ERROR', V: 'ERROR', C: '08P01', M: 'insufficient data left in message', W: 'unnamed portal parameter $1' }]);
  client.end();
});

test('a text parameter is read at Bind, with the settings then in force; the statement uses that value', async () => {
  const client = await open();
  await client.query('BEGIN');
  // portal "a" binds under DateStyle MDY; a SET DMY runs before its Execute
  client.send(c.parse('d', 'SELECT $1::date, $2::numeric(6,2) * 2, $3::int + 1'), c.bind('a', 'd', ['01/02/2000', '1.005', '41']), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 Z:T');
  await client.query('SET DateStyle = ISO, DMY');
  client.send(c.execute('a'), c.bind('b', 'd', ['01/02/2000', null, '-1']), c.execute('b'), c.sync());
  assert.deepEqual(rows(await client.untilReady()), [['2000-01-02', '2.02', '42'], ['2000-02-01', null, '0']]);
  await client.query('ROLLBACK');
  client.end();
});

test('portals live until the transaction ends; Close removes statements and portals', async () => {
  const client = await open();
  await client.query('BEGIN');
  client.send(c.parse('q', 'SELECT 1'), c.bind('cur', 'q', []), c.sync());
  assert.equal(c.summary(await client.untilReady()), '1 2 Z:T');
  client.send(c.execute('cur'), c.sync());
  assert.equal(c.summary(await client.untilReady()), 'D C:SELECT 1 Z:T');
  await client.query('COMMIT');
  client.send(c.execute('cur'), c.sync());
  assert.equal(c.summary(await client.untilReady()), 'E:34000 Z:I');
  client.send(c.close('S', 'q'), c.close('P', 'none'), c.bind('', 'q', []), c.sync());
  assert.equal(c.summary(await client.untilReady()), '3 3 E:26000 Z:I');
  client.end();
});

test('COPY over the protocol: CopyOutResponse and CopyData; CopyInResponse, CopyData in pieces, CopyDone; CopyFail', async () => {
  const client = await open();
  await client.query("CREATE TABLE cp (a int, b text); INSERT INTO cp VALUES (1, 'x'), (2, NULL)");
  let ms = await client.query('COPY cp TO STDOUT');
  assert.equal(c.summary(ms), 'H d d c C:COPY 2 Z:I');
  assert.deepEqual([...ms[0].body], [0, 0, 2, 0, 0, 0, 0]);
  assert.deepEqual(ms.filter(m => m.type === 'd').map(m => m.body.toString()), ['1\tx\n', '2\t\\N\n']);
  client.send(c.query('COPY cp FROM STDIN (FORMAT csv)'));
  const g = await client.next();
  assert.equal(g!.type, 'G');
  assert.deepEqual([...g!.body], [0, 0, 2, 0, 0, 0, 0]);
  // rows may be split anywhere, even inside a character or a quoted field
  const data = Buffer.from('3,"é\n,"\n4,\n');
  client.send(c.frame('d', data.subarray(0, 5)), c.frame('d', data.subarray(5, 9)), c.frame('d', data.subarray(9)), c.frame('c'));
  assert.equal(c.summary(await client.untilReady()), 'C:COPY 2 Z:I');
  assert.deepEqual(rows(await client.query('SELECT a, b FROM cp WHERE a > 2 ORDER BY a')), [['3', 'é\n,'], ['4', null]]);
  client.send(c.query('COPY cp FROM STDIN'));
  assert.equal((await client.next())!.type, 'G');
  client.send(c.frame('d', '5\ty'), c.frame('f', 'client gave up'));
  ms = await client.untilReady();
  assert.deepEqual(fieldsOf(ms), [{ S: 'ERROR', V: 'ERROR', C: '57014', M: 'COPY from stdin failed: client gave up', W: 'COPY cp, line 1' }]);
  assert.deepEqual(rows(await client.query('SELECT count(*) FROM cp')), [['4']]);
  client.end();
});
