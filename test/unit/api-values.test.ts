// Values through the embedded API: JavaScript parameters in (node-postgres's prepareValue),
// column values out (node-postgres's default pg-types parsers), for each type family.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, PostgresInterval } from '../../src/api/index.js';
import { parseArray } from '../../src/api/pg-array.js';
import { parseDate } from '../../src/api/pg-date.js';
import { prepareValue } from '../../src/api/prepare.js';
import { parseBytea } from '../../src/api/values.js';

/**
 * Stores `value` in a column of `type`, finds it again with the same parameter and reads it
 * back through the API. Arrays are compared with a cast (see the todo test below).
 */
async function roundTrip(db: Database, type: string, value: unknown): Promise<unknown> {
  await db.query(`CREATE TABLE rt (v ${type})`);
  try {
    const ins = await db.query('INSERT INTO rt VALUES ($1) RETURNING v', [value]);
    const param = type.endsWith('[]') ? `$1::${type}` : '$1';
    const sel = await db.query(`SELECT v FROM rt WHERE v IS NOT DISTINCT FROM ${param}`, [value]);
    assert.equal(sel.rowCount, 1, `${type}: the stored value is found again with the same parameter`);
    assert.deepEqual(sel.rows[0].v, ins.rows[0].v);
    return sel.rows[0].v;
  } finally {
    await db.query('DROP TABLE rt');
  }
}

test('integers, floats, numeric, boolean: node-postgres types (int8 and numeric as exact strings)', async () => {
  const db = await Database.open();
  assert.equal(await roundTrip(db, 'int2', -32768), -32768);
  assert.equal(await roundTrip(db, 'int4', 2147483647), 2147483647);
  assert.equal(await roundTrip(db, 'int8', 9007199254740993n), '9007199254740993');
  assert.equal(await roundTrip(db, 'int8', '-9223372036854775808'), '-9223372036854775808');
  assert.equal(await roundTrip(db, 'numeric', '12345678901234567890.000000000001'), '12345678901234567890.000000000001');
  assert.equal(await roundTrip(db, 'numeric(6,2)', 1.5), '1.50');
  assert.equal(await roundTrip(db, 'float8', 0.1), 0.1);
  assert.equal(await roundTrip(db, 'float8', -Infinity), -Infinity);
  assert.ok(Number.isNaN(await roundTrip(db, 'float8', NaN)));
  // real has fewer digits: PostgreSQL prints 1.1, which reads back as the number 1.1
  assert.equal(await roundTrip(db, 'real', 1.1), 1.1);
  assert.equal(await roundTrip(db, 'boolean', true), true);
  assert.equal(await roundTrip(db, 'boolean', false), false);
  assert.equal(await roundTrip(db, 'int4', null), null);
  assert.equal(await roundTrip(db, 'int4', undefined), null);
  const r = await db.query('SELECT $1::int + 1 AS a, $2::bigint * 2 AS b, $3::numeric / 3 AS c, 5 / 2.0 AS d', [41, 4611686018427387903n, 1]);
  assert.deepEqual(r.rows, [{ a: 42, b: '9223372036854775806', c: '0.33333333333333333333', d: '2.5000000000000000' }]);
  await db.close();
});

test('text types, uuid, json', async () => {
  const db = await Database.open();
  assert.equal(await roundTrip(db, 'text', 'it\'s "quoted" \\ é 😀'), 'it\'s "quoted" \\ é 😀');
  assert.equal(await roundTrip(db, 'varchar(3)', 'abc'), 'abc');
  assert.equal(await roundTrip(db, 'char(3)', 'ab'), 'ab ');
  assert.equal(await roundTrip(db, 'uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.deepEqual(await roundTrip(db, 'jsonb', { b: [1, 'x', null], a: { c: true } }), { a: { c: true }, b: [1, 'x', null] });
  // a string parameter is JSON text, not a JSON string
  assert.deepEqual(await roundTrip(db, 'jsonb', '{"n": 1.50}'), { n: 1.5 });
  // json keeps its text; a JavaScript array is an array literal (as in node-postgres), so JSON arrays go as JSON.stringify text
  await db.query('CREATE TABLE j (v json)');
  await db.query('INSERT INTO j VALUES ($1), ($2)', [JSON.stringify([1, { k: 'v' }]), { k: 'w' }]);
  assert.deepEqual((await db.query('SELECT v FROM j')).rows, [{ v: [1, { k: 'v' }] }, { v: { k: 'w' } }]);
  await assert.rejects(db.query('INSERT INTO j VALUES ($1)', [[1, 2]]), { code: '22P02', message: 'invalid input syntax for type json' });
  const r = await db.query("SELECT $1::jsonb -> 'k' AS k, $2 AS untyped", [{ k: [1, 2] }, 42]);
  assert.deepEqual(r.rows, [{ k: [1, 2], untyped: '42' }]);
  assert.equal(r.fields[1].dataTypeID, 25);
  await db.close();
});

test('bytea: Buffer and Uint8Array in, Buffer out', async () => {
  const db = await Database.open();
  const out = await roundTrip(db, 'bytea', Buffer.from([0, 1, 0xfe, 0xff]));
  assert.ok(Buffer.isBuffer(out));
  assert.deepEqual([...(out as Buffer)], [0, 1, 0xfe, 0xff]);
  assert.deepEqual([...(await roundTrip(db, 'bytea', new Uint8Array([7, 8])) as Buffer)], [7, 8]);
  const r = await db.query("SELECT '\\x6869'::bytea AS b, length($1::bytea) AS n", [Buffer.from('abc')]);
  assert.equal((r.rows[0].b as Buffer).toString(), 'hi');
  assert.equal(r.rows[0].n, 3);
  await db.close();
});

test('date, timestamp, timestamptz: Date in (local time with offset), Date out', async () => {
  const db = await Database.open();
  const day = new Date(2024, 1, 29);
  assert.deepEqual(await roundTrip(db, 'date', day), day);
  const local = new Date(2024, 1, 29, 13, 14, 15, 678);
  assert.deepEqual(await roundTrip(db, 'timestamp', local), local);
  const instant = new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999));
  assert.deepEqual(await roundTrip(db, 'timestamptz', instant), instant);
  const r = await db.query(
    "SELECT '2020-01-02 03:04:05.678+00'::timestamptz AS tz, 'infinity'::timestamptz AS inf, '-infinity'::date AS ninf, '0044-03-15 BC'::date AS bc");
  assert.deepEqual(r.rows[0].tz, new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)));
  assert.equal(r.rows[0].inf, Infinity);
  assert.equal(r.rows[0].ninf, -Infinity);
  const bc = r.rows[0].bc as Date;
  assert.deepEqual([bc.getFullYear(), bc.getMonth(), bc.getDate()], [-43, 2, 15]);
  // text parameters are read by the column's type, as by the server
  const t = await db.query("SELECT $1::date AS d, $2::timestamptz AS ts", ['2021-06-01', '2021-06-01 12:00:00+02']);
  assert.deepEqual(t.rows[0], { d: new Date(2021, 5, 1), ts: new Date(Date.UTC(2021, 5, 1, 10)) });
  await db.close();
});

test('interval: PostgresInterval objects, which can be passed back as parameters', async () => {
  const db = await Database.open();
  const iv = await roundTrip(db, 'interval', '1 year 2 mons 3 days 04:05:06.789') as PostgresInterval;
  assert.ok(iv instanceof PostgresInterval);
  assert.deepEqual({ ...iv }, { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 789 });
  assert.equal(iv.toPostgres(), '6.789 seconds 5 minutes 4 hours 3 days 2 months 1 years');
  assert.equal(iv.toISO(), 'P1Y2M3DT4H5M6.789S');
  const back = await db.query('SELECT $1::interval = $2::interval AS same', [iv, '1 year 2 mons 3 days 04:05:06.789']);
  assert.deepEqual(back.rows, [{ same: true }]);
  const neg = await db.query("SELECT '-1 day -02:03:04'::interval AS v, '0'::interval AS z");
  assert.deepEqual({ ...neg.rows[0].v }, { days: -1, hours: -2, minutes: -3, seconds: -4 });
  assert.deepEqual({ ...neg.rows[0].z }, {});
  await db.close();
});

test('arrays: JavaScript arrays in, arrays out with element types parsed as node-postgres does', async () => {
  const db = await Database.open();
  assert.deepEqual(await roundTrip(db, 'int4[]', [1, null, 3]), [1, null, 3]);
  assert.deepEqual(await roundTrip(db, 'int8[]', [1n, '9223372036854775807']), ['1', '9223372036854775807']);
  assert.deepEqual(await roundTrip(db, 'text[]', ['a"b', null, 'c\\d', 'NULL', '', 'x,y', '{z}']), ['a"b', null, 'c\\d', 'NULL', '', 'x,y', '{z}']);
  assert.deepEqual(await roundTrip(db, 'int4[]', [[1, 2], [3, 4]]), [[1, 2], [3, 4]]);
  assert.deepEqual(await roundTrip(db, 'bool[]', [true, false, null]), [true, false, null]);
  assert.deepEqual(await roundTrip(db, 'float8[]', [0.5, -1]), [0.5, -1]);
  // numeric[] elements are numbers by node-postgres's default (numeric alone stays a string)
  assert.deepEqual(await roundTrip(db, 'numeric[]', ['1.50', 2]), [1.5, 2]);
  assert.deepEqual(await roundTrip(db, 'date[]', [new Date(2020, 0, 1)]), [new Date(2020, 0, 1)]);
  assert.deepEqual(await roundTrip(db, 'jsonb[]', [{ a: 1 }, { b: [2] }]), [{ a: 1 }, { b: [2] }]);
  assert.deepEqual(await roundTrip(db, 'uuid[]', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']), ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']);
  const bytes = await roundTrip(db, 'bytea[]', [Buffer.from([1, 2]), null]) as (Buffer | null)[];
  assert.deepEqual(bytes.map(b => b && [...b]), [[1, 2], null]);
  const r = await db.query('SELECT $1::int[] AS a, 3 = ANY($1::int[]) AS has3', [[1, 2, 3]]);
  assert.deepEqual(r.rows, [{ a: [1, 2, 3], has3: true }]);
  await db.close();
});

test('an array parameter compared with an array column takes the column type', async () => {
  const db = await Database.open();
  await db.exec("CREATE TABLE a (v int[]); INSERT INTO a VALUES ('{1,2}')");
  assert.equal((await db.query("SELECT 1 FROM a WHERE v = '{1,2}'")).rowCount, 1);
  assert.equal((await db.query('SELECT 1 FROM a WHERE v = $1', [[1, 2]])).rowCount, 1);
  await db.close();
});

test('custom type parsers (node-postgres types option), per database and per query', async () => {
  const types = { getTypeParser: (oid: number) => (oid === 20 ? (s: string) => BigInt(s) : (s: string) => s) };
  const db = await Database.open({ types });
  const r = await db.query('SELECT 9007199254740993::int8 AS big, 1 AS one');
  assert.deepEqual(r.rows, [{ big: 9007199254740993n, one: '1' }]);
  const q = await db.query({ text: 'SELECT 1.5::float8 AS f', types: { getTypeParser: () => (s: string) => `<${s}>` } });
  assert.deepEqual(q.rows, [{ f: '<1.5>' }]);
  await db.close();
});

test('prepareValue: node-postgres conversions of parameters to text', () => {
  assert.equal(prepareValue(null), null);
  assert.equal(prepareValue(undefined), null);
  assert.equal(prepareValue(12n), '12');
  assert.equal(prepareValue(true), 'true');
  assert.equal(prepareValue(1.5), '1.5');
  assert.equal(prepareValue(Buffer.from([0xde, 0xad])), '\\xdead');
  assert.equal(prepareValue([1, null, 'a"b', 'c\\d', [2]]), '{"1",NULL,"a\\"b","c\\\\d",{"2"}}');
  assert.equal(prepareValue([Buffer.from([1])]), '{\\\\x01}');
  assert.equal(prepareValue({ a: [1] }), '{"a":[1]}');
  assert.equal(prepareValue({ toPostgres: () => 'custom' }), 'custom');
  const d = new Date(2020, 0, 2, 3, 4, 5, 6);
  const off = -d.getTimezoneOffset();
  const zone = (off < 0 ? '-' : '+') + String(Math.floor(Math.abs(off) / 60)).padStart(2, '0') + ':' + String(Math.abs(off) % 60).padStart(2, '0');
  assert.equal(prepareValue(d), '2020-01-02T03:04:05.006' + zone);
});

test('pg-types readers: arrays, dates, bytea escape format', () => {
  assert.deepEqual(parseArray('{1,NULL,"NULL","a\\"b",""}'), ['1', null, 'NULL', 'a"b', '']);
  assert.deepEqual(parseArray('{{1,2},{3,4}}', s => Number(s)), [[1, 2], [3, 4]]);
  assert.deepEqual(parseArray('[0:1]={7,8}'), ['7', '8']);
  assert.deepEqual(parseArray('{}'), []);
  assert.deepEqual(parseDate('2020-01-02'), new Date(2020, 0, 2));
  assert.deepEqual(parseDate('2020-01-02 03:04:05.5-05:30'), new Date(Date.UTC(2020, 0, 2, 8, 34, 5, 500)));
  assert.equal((parseDate('0050-06-01 00:00:00+00') as Date).toISOString(), '0050-06-01T00:00:00.000Z');
  assert.equal(parseDate('nonsense'), null);
  assert.deepEqual([...parseBytea('a\\\\b\\001')], [0x61, 0x5c, 0x62, 1]);
});
