// Errors and notices through the embedded API, with node-postgres's field names and types
// (position as a string). Expected fields are PostgreSQL 15's, read from its ErrorResponse /
// NoticeResponse over the extended protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, DatabaseError, PgError, type NoticeMessage } from '../../src/api/index.js';

async function fresh(onNotice?: (n: NoticeMessage) => void): Promise<Database> {
  const db = await Database.open({ onNotice });
  await db.exec(`CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
    CREATE TABLE child (id serial PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE, note varchar(5));
    INSERT INTO parent VALUES (1, 'a'), (2, 'b');`);
  return db;
}

/** The error a promise rejects with, checked to be the API's error class. */
async function failure(p: Promise<unknown>): Promise<DatabaseError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DatabaseError, `expected a DatabaseError, got ${String(e)}`);
    assert.ok(e instanceof PgError);
    assert.ok(e instanceof Error);
    return e;
  }
  assert.fail('expected the statement to fail');
}

/** The fields node-postgres's DatabaseError carries that PostgreSQL set (others undefined). */
function fieldsOf(e: DatabaseError): Record<string, unknown> {
  const keys = ['severity', 'code', 'message', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
    'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    assert.ok(k in e, `field ${k} present`);
    if (e[k] !== undefined) out[k] = e[k];
  }
  return out;
}

test('unique violation', async () => {
  const db = await fresh();
  const e = await failure(db.query('INSERT INTO parent VALUES ($1, $2)', [1, 'x']));
  assert.deepEqual(fieldsOf(e), {
    severity: 'ERROR', code: '23505', message: 'duplicate key value violates unique constraint "parent_pkey"',
    detail: 'Key (id)=(1) already exists.', schema: 'public', table: 'parent', constraint: 'parent_pkey',
  });
  assert.equal(e.name, 'error');
  await db.close();
});

test('foreign key violation', async () => {
  const db = await fresh();
  const e = await failure(db.query('INSERT INTO child (pid) VALUES ($1)', [9]));
  assert.deepEqual(fieldsOf(e), {
    severity: 'ERROR', code: '23503', message: 'insert or update on table "child" violates foreign key constraint "child_pid_fkey"',
    detail: 'Key (pid)=(9) is not present in table "parent".', schema: 'public', table: 'child', constraint: 'child_pid_fkey',
  });
  await db.close();
});

test('not-null violation names the column', async () => {
  const db = await fresh();
  const e = await failure(db.query('INSERT INTO parent (id, name) VALUES ($1, $2)', [3, null]));
  assert.deepEqual(fieldsOf(e), {
    severity: 'ERROR', code: '23502', message: 'null value in column "name" of relation "parent" violates not-null constraint',
    detail: 'Failing row contains (3, null).', schema: 'public', table: 'parent', column: 'name',
  });
  await db.close();
});

test('syntax error and unknown column carry the position as a string', async () => {
  const db = await fresh();
  assert.deepEqual(fieldsOf(await failure(db.query('SELECT * FROM parent WHER id = 1'))), {
    severity: 'ERROR', code: '42601', message: 'syntax error at or near "id"', position: '27',
  });
  assert.deepEqual(fieldsOf(await failure(db.exec('SELECT 1; SELECT nope FROM parent'))), {
    severity: 'ERROR', code: '42703', message: 'column "nope" does not exist', position: '18',
    hint: 'Perhaps you meant to reference the column "parent.name".',
  });
  await db.close();
});

test('parameter errors: wrong count, and a value the deduced type cannot read', async () => {
  const db = await fresh();
  assert.deepEqual(fieldsOf(await failure(db.query('SELECT $1::int, $2', [1]))), {
    severity: 'ERROR', code: '08P01', message: 'bind message supplies 1 parameters, but prepared statement "" requires 2',
  });
  assert.deepEqual(fieldsOf(await failure(db.query('SELECT 1', [1]))), {
    severity: 'ERROR', code: '08P01', message: 'bind message supplies 1 parameters, but prepared statement "" requires 0',
  });
  assert.deepEqual(fieldsOf(await failure(db.query('SELECT $1::int', ['x']))), {
    severity: 'ERROR', code: '22P02', message: 'invalid input syntax for type integer: "x"',
    where: "unnamed portal parameter $1 = '...'",
  });
  assert.deepEqual(fieldsOf(await failure(db.query('INSERT INTO child (pid, note) VALUES ($1, $2)', [1, 'toolong']))), {
    severity: 'ERROR', code: '22001', message: 'value too long for type character varying(5)',
  });
  await db.close();
});

test('an error inside exec stops the script; the statements before it stay done', async () => {
  const db = await fresh();
  await failure(db.exec("BEGIN; INSERT INTO parent VALUES (3, 'c'); INSERT INTO parent VALUES (3, 'c'); COMMIT"));
  assert.equal(db.transactionStatus, 'E');
  await db.query('ROLLBACK');
  assert.equal((await db.query('SELECT 1 FROM parent WHERE id = 3')).rowCount, 0);
  await db.close();
});

test('notices reach onNotice and db.on("notice"), shaped like node-postgres NoticeMessage', async () => {
  const seen: NoticeMessage[] = [];
  const viaOn: string[] = [];
  const db = await fresh(n => seen.push(n));
  const listener = (n: NoticeMessage) => viaOn.push(n.message!);
  db.on('notice', listener);
  const r = await db.query('DROP TABLE IF EXISTS missing');
  assert.equal(r.command, 'DROP');
  assert.deepEqual(seen, [{
    name: 'notice', message: 'table "missing" does not exist, skipping', severity: 'NOTICE', code: '00000',
    detail: undefined, hint: undefined, position: undefined, internalPosition: undefined, internalQuery: undefined,
    where: undefined, schema: undefined, table: undefined, column: undefined, dataType: undefined, constraint: undefined,
    file: undefined, line: undefined, routine: undefined,
  }]);
  await db.exec('DROP TABLE parent CASCADE');
  assert.deepEqual(viaOn, ['table "missing" does not exist, skipping', 'drop cascades to constraint child_pid_fkey on table child']);
  db.off('notice', listener);
  await db.query('COMMIT');
  assert.deepEqual(seen.slice(2).map(n => [n.severity, n.code, n.message]), [['WARNING', '25P01', 'there is no transaction in progress']]);
  assert.equal(viaOn.length, 2);
  await db.close();
});

test('a DatabaseError is shaped as node-postgres\'s: own fields in order, message not enumerable, stack without frames', async () => {
  const db = await fresh();
  const e = await failure(db.query('INSERT INTO child (pid) VALUES ($1)', [9]));
  assert.deepEqual(Object.keys(e), ['name', 'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery',
    'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine']);
  const message = Object.getOwnPropertyDescriptor(e, 'message');
  assert.equal(message?.value, 'insert or update on table "child" violates foreign key constraint "child_pid_fkey"');
  assert.equal(message?.enumerable, false);
  assert.equal(JSON.stringify(e), '{"name":"error","severity":"ERROR","code":"23503","detail":"Key (pid)=(9) is not present in table \\"parent\\".",' +
    '"schema":"public","table":"child","constraint":"child_pid_fkey"}');
  assert.equal(e.stack, `error: ${e.message}`);
  assert.equal(String(e), `error: ${e.message}`);
  assert.equal(Object.prototype.toString.call(e), '[object Error]');
  // set by hand as on any Error: own properties from then on
  e.message = 'changed';
  e.stack = 'mine';
  assert.equal(e.message, 'changed');
  assert.equal(e.stack, 'mine');
  // the constructor, as node-postgres callers and the API's own errors use it
  const own = new DatabaseError('boom', { code: '42601' }, { cause: 7 });
  assert.equal(own.severity, 'ERROR');
  assert.equal(own.code, '42601');
  assert.equal(own.cause, 7);
  assert.equal(Object.keys(own).includes('cause'), false);
  assert.ok(own instanceof Error);
  await db.close();
});

test('cascades nested through a child\'s BEFORE DELETE trigger that deletes parents of other cascades', async () => {
  const db = await Database.open();
  await db.exec(`CREATE TABLE p (id int PRIMARY KEY);
    CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p ON DELETE CASCADE, other int);
    CREATE TABLE p2 (id int PRIMARY KEY);
    CREATE TABLE c2 (id int PRIMARY KEY, pid int REFERENCES p2 ON DELETE CASCADE);
    CREATE TABLE log (msg text);
    CREATE FUNCTION c_del() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO log VALUES ('c ' || old.id); DELETE FROM p2 WHERE id = old.other; RETURN old; END $$;
    CREATE TRIGGER c_bd BEFORE DELETE ON c FOR EACH ROW EXECUTE FUNCTION c_del();
    CREATE FUNCTION c2_del() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO log VALUES ('c2 ' || old.id); RETURN old; END $$;
    CREATE TRIGGER c2_bd BEFORE DELETE ON c2 FOR EACH ROW EXECUTE FUNCTION c2_del();
    INSERT INTO p VALUES (1), (2);
    INSERT INTO p2 SELECT g FROM generate_series(1, 6) g;
    INSERT INTO c SELECT g, 1 + g % 2, g FROM generate_series(1, 6) g;
    INSERT INTO c2 SELECT g * 10 + h, g FROM generate_series(1, 6) g, generate_series(1, 3) h;`);
  assert.equal((await db.query('DELETE FROM p WHERE id = 1')).rowCount, 1);
  // (PostgreSQL 15's rows)
  const col = async (sql: string) => (await db.query<unknown[]>(sql, [], { rowMode: 'array' })).rows.map(r => r[0]);
  assert.deepEqual(await col('SELECT msg FROM log ORDER BY msg'),
    ['c 2', 'c 4', 'c 6', 'c2 21', 'c2 22', 'c2 23', 'c2 41', 'c2 42', 'c2 43', 'c2 61', 'c2 62', 'c2 63']);
  assert.deepEqual(await col('SELECT id FROM c ORDER BY id'), [1, 3, 5]);
  assert.deepEqual(await col('SELECT id FROM c2 ORDER BY id'), [11, 12, 13, 31, 32, 33, 51, 52, 53]);
  assert.deepEqual(await col('SELECT id FROM p2 ORDER BY id'), [1, 3, 5]);
  // RESTRICT / NO ACTION find a referencing row the same way
  await db.exec(`CREATE TABLE r (id int PRIMARY KEY); CREATE TABLE rc (id int PRIMARY KEY, rid int REFERENCES r ON DELETE RESTRICT);
    INSERT INTO r VALUES (1), (2); INSERT INTO rc VALUES (1, 1), (2, 1);`);
  assert.equal((await db.query('DELETE FROM r WHERE id = 2')).rowCount, 1);
  const e = await failure(db.query('DELETE FROM r WHERE id = 1'));
  assert.equal(e.code, '23503');
  assert.equal(e.detail, 'Key (id)=(1) is still referenced from table "rc".');
  await db.close();
});
