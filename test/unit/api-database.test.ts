// The embedded Database API: results shaped as node-postgres's (command, rowCount, oid,
// fields, rows), exec of scripts, rowMode, transactions through SQL, close, open(dir).
// Field metadata and tags were checked against PostgreSQL 15 over the extended protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, DatabaseError, PgError } from '../../src/api/index.js';

async function fresh(): Promise<Database> {
  const db = await Database.open();
  await db.exec(`CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE child (id serial PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE, note varchar(5));
    INSERT INTO parent VALUES (1, 'a'), (2, 'b');`);
  return db;
}

test('query returns rows as objects keyed by column name, with fields, command and rowCount', async () => {
  const db = await fresh();
  const r = await db.query('SELECT id, name FROM parent WHERE id = $1', [1]);
  assert.equal(r.command, 'SELECT');
  assert.equal(r.rowCount, 1);
  assert.equal(r.oid, null);
  assert.deepEqual(r.rows, [{ id: 1, name: 'a' }]);
  const parent = r.fields[0].tableID;
  assert.ok(parent > 0);
  assert.deepEqual(r.fields, [
    { name: 'id', tableID: parent, columnID: 1, dataTypeID: 23, dataTypeSize: 4, dataTypeModifier: -1, format: 'text' },
    { name: 'name', tableID: parent, columnID: 2, dataTypeID: 25, dataTypeSize: -1, dataTypeModifier: -1, format: 'text' },
  ]);
  await db.close();
});

test('fields of expressions and typmods', async () => {
  const db = await fresh();
  const r = await db.query("SELECT 1 + 1 AS two, 'x' AS s, note FROM child");
  assert.deepEqual(r.rows, []);
  assert.equal(r.rowCount, 0);
  assert.deepEqual(r.fields.map(f => [f.name, f.tableID === 0, f.columnID, f.dataTypeID, f.dataTypeSize, f.dataTypeModifier]), [
    ['two', true, 0, 23, 4, -1],
    ['s', true, 0, 25, -1, -1],
    ['note', false, 3, 1043, -1, 9],
  ]);
  await db.close();
});

test('command and rowCount come from the command tag, as node-postgres reads it', async () => {
  const db = await fresh();
  const ins = await db.query('INSERT INTO child (pid, note) VALUES ($1, $2), ($1, $3)', [1, 'x', 'y']);
  assert.deepEqual([ins.command, ins.rowCount, ins.oid, ins.rows, ins.fields], ['INSERT', 2, 0, [], []]);
  const upd = await db.query('UPDATE child SET note = $1 WHERE pid = $2', ['z', 1]);
  assert.deepEqual([upd.command, upd.rowCount], ['UPDATE', 2]);
  const del = await db.query('DELETE FROM child WHERE note = $1 RETURNING id, note', ['z']);
  assert.deepEqual([del.command, del.rowCount], ['DELETE', 2]);
  assert.deepEqual(del.rows, [{ id: 1, note: 'z' }, { id: 2, note: 'z' }]);
  assert.deepEqual(del.fields.map(f => f.name), ['id', 'note']);
  const ddl = await db.query('CREATE TABLE other (a int)');
  assert.deepEqual([ddl.command, ddl.rowCount, ddl.oid], ['CREATE', null, null]);
  const empty = await db.query('');
  assert.deepEqual(empty, { command: null, rowCount: null, oid: null, rows: [], fields: [] });
  await db.close();
});

test("rowMode 'array' in a config object or as the third argument", async () => {
  const db = await fresh();
  const a = await db.query({ text: 'SELECT id, name, id AS id FROM parent ORDER BY id', rowMode: 'array' });
  assert.deepEqual(a.rows, [[1, 'a', 1], [2, 'b', 2]]);
  const b = await db.query('SELECT name FROM parent WHERE id = $1', [2], { rowMode: 'array' });
  assert.deepEqual(b.rows, [['b']]);
  const c = await db.query({ text: 'SELECT name FROM parent WHERE id = $1', values: [2] });
  assert.deepEqual(c.rows, [{ name: 'b' }]);
  // objects: a later column of the same name wins, as in node-postgres
  const d = await db.query('SELECT 1 AS x, 2 AS x');
  assert.deepEqual(d.rows, [{ x: 2 }]);
  await db.close();
});

test('exec runs a script and returns the result of each statement', async () => {
  const db = await fresh();
  const rs = await db.exec(`INSERT INTO child (pid) VALUES (1);
    SELECT count(*) AS n FROM child;
    UPDATE parent SET name = upper(name);
    SELECT name FROM parent ORDER BY id`);
  assert.deepEqual(rs.map(r => [r.command, r.rowCount]), [['INSERT', 1], ['SELECT', 1], ['UPDATE', 2], ['SELECT', 2]]);
  assert.deepEqual(rs[1].rows, [{ n: '1' }]);
  assert.deepEqual(rs[3].rows, [{ name: 'A' }, { name: 'B' }]);
  const arrays = await db.exec('SELECT 1 AS a; SELECT 2 AS b', { rowMode: 'array' });
  assert.deepEqual(arrays.map(r => r.rows), [[[1]], [[2]]]);
  assert.deepEqual(await db.exec(''), []);
  await db.close();
});

test('exec runs a script as one implicit transaction: an error undoes the statements before it', async () => {
    const db = await fresh();
    await assert.rejects(db.exec("INSERT INTO parent VALUES (3, 'c'); INSERT INTO parent VALUES (3, 'c')"), { code: '23505' });
    assert.equal(db.transactionStatus, 'I');
    assert.equal((await db.query('SELECT 1 FROM parent WHERE id = 3')).rowCount, 0);
    await db.close();
  });

test('query takes one statement: several are an error, as in the extended protocol', async () => {
  const db = await fresh();
  await assert.rejects(db.query('SELECT 1; SELECT 2'),
    (e: DatabaseError) => e.code === '42601' && e.message === 'cannot insert multiple commands into a prepared statement');
  await db.close();
});

test('transactions through SQL: BEGIN, ROLLBACK, COMMIT, and the aborted state', async () => {
  const db = await fresh();
  assert.equal((await db.query('BEGIN')).command, 'BEGIN');
  assert.equal(db.transactionStatus, 'T');
  await db.query('INSERT INTO parent VALUES ($1, $2)', [3, 'c']);
  await db.query('ROLLBACK');
  assert.equal(db.transactionStatus, 'I');
  assert.equal((await db.query('SELECT * FROM parent WHERE id = 3')).rowCount, 0);

  await db.query('BEGIN');
  await db.query('INSERT INTO parent VALUES ($1, $2)', [3, 'c']);
  await assert.rejects(db.query('INSERT INTO parent VALUES ($1, $2)', [3, 'c']), { code: '23505' });
  assert.equal(db.transactionStatus, 'E');
  await assert.rejects(db.query('SELECT 1'), {
    code: '25P02', message: 'current transaction is aborted, commands ignored until end of transaction block',
  });
  // COMMIT of a failed transaction rolls back, and says so
  assert.equal((await db.query('COMMIT')).command, 'ROLLBACK');
  assert.equal((await db.query('SELECT * FROM parent WHERE id = 3')).rowCount, 0);

  await db.exec("BEGIN; INSERT INTO parent VALUES (3, 'c'); COMMIT");
  assert.deepEqual((await db.query('SELECT name FROM parent WHERE id = 3')).rows, [{ name: 'c' }]);
  await db.close();
});

test('statements run one at a time in call order, even when not awaited', async () => {
  const db = await fresh();
  const all = await Promise.all([
    db.query('BEGIN'),
    db.query('INSERT INTO parent VALUES (3, $1)', ['c']),
    db.query('SELECT count(*)::int AS n FROM parent'),
    db.query('ROLLBACK'),
    db.query('SELECT count(*)::int AS n FROM parent'),
  ]);
  assert.deepEqual(all.map(r => r.command), ['BEGIN', 'INSERT', 'SELECT', 'ROLLBACK', 'SELECT']);
  assert.deepEqual([all[2].rows[0], all[4].rows[0]], [{ n: 3 }, { n: 2 }]);
  await db.close();
});

test('close rolls back an open transaction; a closed database refuses queries', async () => {
  const db = await fresh();
  await db.query('BEGIN');
  await db.query('DELETE FROM parent');
  await db.close();
  await db.close();
  await assert.rejects(db.query('SELECT 1'), /Database is closed/);
});

test('each Database.open() is a new, separate in-memory database', async () => {
  const a = await fresh();
  const b = await Database.open();
  await assert.rejects(b.query('SELECT * FROM parent'), { code: '42P01', message: 'relation "parent" does not exist' });
  await a.close();
  await b.close();
});

test('Database.open with a path that cannot be a data directory fails clearly', async () => {
  await assert.rejects(Database.open('/dev/null'), (e: unknown) => {
    assert.ok(e instanceof DatabaseError && e instanceof PgError);
    assert.equal(e.code, '58P02');
    assert.equal(e.message, 'could not create directory "/dev/null": File exists');
    return true;
  });
});

test('the README example behaves as documented', async () => {
  const notices: string[] = [];
  const db = await Database.open({ onNotice: n => notices.push(`${n.severity} ${n.message}`) });
  await db.exec(`
    CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE book (id serial PRIMARY KEY, author_id int REFERENCES author, title text);
    INSERT INTO author VALUES (1, 'Ursula');`);
  const r = await db.query('SELECT id, name FROM author WHERE id = $1', [1]);
  assert.deepEqual([r.command, r.rowCount, r.rows], ['SELECT', 1, [{ id: 1, name: 'Ursula' }]]);
  assert.deepEqual((await db.query({ text: 'SELECT id, name FROM author', rowMode: 'array' })).rows, [[1, 'Ursula']]);
  await assert.rejects(db.query('INSERT INTO book (author_id, title) VALUES ($1, $2)', [9, 'Missing']), (e: unknown) => {
    assert.ok(e instanceof PgError);
    assert.deepEqual([e.code, e.detail, e.schema, e.table, e.constraint],
      ['23503', 'Key (author_id)=(9) is not present in table "author".', 'public', 'book', 'book_author_id_fkey']);
    return true;
  });
  await db.query('BEGIN');
  await db.query('UPDATE author SET name = $1 WHERE id = $2', ['Le Guin', 1]);
  await db.query('COMMIT');
  assert.deepEqual((await db.query('SELECT name FROM author')).rows, [{ name: 'Le Guin' }]);
  assert.deepEqual(notices, []);
  await db.close();
});
