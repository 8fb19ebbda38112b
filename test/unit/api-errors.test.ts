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
