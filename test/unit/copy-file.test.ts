// COPY … TO 'file' and COPY … FROM 'file' (server-side files): a round trip through a file in
// a fresh directory, the text and csv formats, and PostgreSQL's errors for files (checked
// against PostgreSQL 15). The golden file copy_file covers STDIN/STDOUT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgError } from '../../src/errors/index.js';
import { Session } from '../../src/session/session.js';

async function run(s: Session, sql: string) {
  const out = await s.query(sql);
  return out[out.length - 1];
}

test('COPY TO a file writes what COPY FROM reads back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-copy-'));
  try {
    const s = await Session.create();
    await run(s, "CREATE TABLE t (a int, b text, c date); INSERT INTO t VALUES (1, 'x\ty', '2024-01-02'), (2, NULL, NULL)");
    const file = join(dir, 't.data');
    assert.equal((await run(s, `COPY t TO '${file}'`)).command, 'COPY 2');
    assert.equal(readFileSync(file, 'utf8'), '1\tx\\ty\t2024-01-02\n2\t\\N\t\\N\n');
    await run(s, 'CREATE TABLE u (a int, b text, c date)');
    assert.equal((await run(s, `COPY u FROM '${file}'`)).command, 'COPY 2');
    assert.deepEqual((await run(s, 'SELECT a, b FROM u ORDER BY a')).rows, [[1, 'x\ty'], [2, null]]);
    const csv = join(dir, 't.csv');
    await run(s, `COPY (SELECT a, b FROM t ORDER BY a) TO '${csv}' WITH (FORMAT csv, HEADER)`);
    assert.equal(readFileSync(csv, 'utf8'), 'a,b\n1,x\ty\n2,\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('COPY FROM a file: errors name the line and column; the statement is undone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relata-copy-'));
  try {
    const s = await Session.create();
    await run(s, 'CREATE TABLE t (a int PRIMARY KEY, b text)');
    const file = join(dir, 'bad.data');
    writeFileSync(file, '1\tone\n2\ttwo\nthree\t3\n');
    await assert.rejects(run(s, `COPY t FROM '${file}'`), (e: PgError) => {
      assert.equal(e.code, '22P02');
      assert.equal(e.message, 'invalid input syntax for type integer: "three"');
      assert.equal(e.where, 'COPY t, line 3, column a: "three"');
      return true;
    });
    writeFileSync(file, '1\tone\n1\tagain\n');
    await assert.rejects(run(s, `COPY t FROM '${file}'`), (e: PgError) => e.code === '23505');
    assert.deepEqual((await run(s, 'SELECT count(*) FROM t')).rows, [[0n]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('COPY file errors: missing file, relative path for TO, a directory', async () => {
  const s = await Session.create();
  await run(s, 'CREATE TABLE t (a int)');
  await assert.rejects(run(s, "COPY t FROM '/nonexistent/relata.data'"), (e: PgError) => {
    assert.equal(e.code, '58P01');
    assert.equal(e.message, 'could not open file "/nonexistent/relata.data" for reading: No such file or directory');
    assert.match(e.hint ?? '', /^COPY FROM instructs the PostgreSQL server process to read a file/);
    return true;
  });
  await assert.rejects(run(s, "COPY t TO 'relative.data'"), (e: PgError) => e.code === '42602' && e.message === 'relative path not allowed for COPY to file');
  await assert.rejects(run(s, `COPY t FROM '${tmpdir()}'`), (e: PgError) => e.code === '42809' && e.message === `"${tmpdir()}" is a directory`);
});
