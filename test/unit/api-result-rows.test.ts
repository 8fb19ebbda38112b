// The embedded API's fast paths give what the general ones give: a SELECT's rows handed over
// with their values converted in place (ORDER BY's extra columns cut, shared rows never
// changed), and integer parameter values taken without their text made and read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, DatabaseError } from '../../src/api/index.js';

async function fresh(): Promise<Database> {
  const db = await Database.open();
  await db.exec(`CREATE TABLE t (id int PRIMARY KEY, big int8, small int2, name text, amount numeric(10,2), ok boolean);
    INSERT INTO t VALUES (1, 10, 3, 'a', 1.50, true), (2, 20, 2, 'b', NULL, false), (3, 30, 1, NULL, 3.25, NULL);`);
  return db;
}

test('rows in array mode: values converted as pg-types does, columns ORDER BY added cut off', async () => {
  const db = await fresh();
  const r = db.querySync('SELECT name, amount, big, ok, id FROM t ORDER BY small', [], { rowMode: 'array' });
  assert.deepEqual(r.rows, [[null, '3.25', '30', null, 3], ['b', null, '20', false, 2], ['a', '1.50', '10', true, 1]]);
  for (const row of r.rows) assert.equal(row.length, 5);
  const byExpr = db.querySync('SELECT id FROM t ORDER BY -small, big + 1', [], { rowMode: 'array' });
  assert.deepEqual(byExpr.rows, [[1], [2], [3]]);
  assert.ok(byExpr.rows.every(row => row.length === 1));
  // the same through the promise API, and as objects
  assert.deepEqual((await db.query({ text: 'SELECT big, name FROM t WHERE id = $1', values: [2], rowMode: 'array' })).rows, [['20', 'b']]);
  assert.deepEqual(db.querySync('SELECT big, name FROM t WHERE id = $1', [2]).rows, [{ big: '20', name: 'b' }]);
});

test('a result changed by its caller changes nothing the next statement or a cursor gives', async () => {
  const db = await fresh();
  const sql = 'SELECT id, name FROM t WHERE id = $1';
  const a = db.querySync(sql, [1], { rowMode: 'array' });
  a.rows[0][1] = 'changed';
  a.rows.push([9, 'x']);
  a.fields[0].name = 'renamed';
  const b = db.querySync(sql, [1], { rowMode: 'array' });
  assert.deepEqual(b.rows, [[1, 'a']]);
  assert.equal(b.fields[0].name, 'id');
  // a WITH HOLD cursor's rows are kept by the session: FETCH gives copies
  db.querySync('DECLARE c SCROLL CURSOR WITH HOLD FOR SELECT id, big FROM t ORDER BY id');
  const f1 = db.querySync('FETCH ABSOLUTE 1 FROM c', [], { rowMode: 'array' });
  assert.deepEqual(f1.rows, [[1, '10']]);
  f1.rows[0][0] = 99;
  f1.rows[0][1] = 'x';
  assert.deepEqual(db.querySync('FETCH ABSOLUTE 1 FROM c', [], { rowMode: 'array' }).rows, [[1, '10']]);
  db.querySync('CLOSE c');
});

test('a custom type parser still reads every value, in place or not', async () => {
  const db = await fresh();
  const types = { getTypeParser: (oid: number) => (oid === 23 ? (s: string) => `int:${s}` : (s: string) => s) };
  assert.deepEqual(db.querySync({ text: 'SELECT id, name FROM t WHERE id < 3 ORDER BY id', rowMode: 'array', types }).rows, [['int:1', 'a'], ['int:2', 'b']]);
});

test('integer parameter values: as their text would be read, errors included', async () => {
  const db = await fresh();
  const one = (sql: string, values: unknown[]) => db.querySync(sql, values, { rowMode: 'array' }).rows[0];
  assert.deepEqual(one('SELECT $1::int4, $2::int2, $3::int8', [-2147483648, -32768, 2147483647]), [-2147483648, -32768, '2147483647']);
  assert.deepEqual(one('SELECT $1::int4, $2::int8', [-0, -0]), [0, '0']);
  assert.deepEqual(one('SELECT name FROM t WHERE id = $1', [3]), [null]);
  assert.deepEqual(one('SELECT id FROM t WHERE big = $1', [20]), [2]);
  // a parameter whose type is not deduced is text, and a number's text is String(v)
  assert.deepEqual(one('SELECT $1', [42]), ['42']);
  assert.deepEqual(one('SELECT $1::text, $2::numeric, $3::float8, $4::int8', [7, 1.5, 0.1, 9007199254740993]), ['7', '1.5', 0.1, '9007199254740992']);
  const failing: [string, unknown[], string, string][] = [
    ['SELECT $1::int4', [2147483648], '22003', 'value "2147483648" is out of range for type integer'],
    ['SELECT $1::int2', [40000], '22003', 'value "40000" is out of range for type smallint'],
    ['SELECT $1::int4', [1.5], '22P02', 'invalid input syntax for type integer: "1.5"'],
    ['SELECT $1::int4', [NaN], '22P02', 'invalid input syntax for type integer: "NaN"'],
  ];
  for (const [sql, values, code, message] of failing) {
    assert.throws(() => db.querySync(sql, values), (e: unknown) => e instanceof DatabaseError && e.code === code && e.message === message, sql);
    await assert.rejects(db.query(sql, values), (e: unknown) => e instanceof DatabaseError && e.code === code && e.message === message, sql);
  }
});
