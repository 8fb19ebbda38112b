// The shell end to end with a fake session: -a echo interleaving, what is sent,
// errors and notices on stderr, -f prefixes, ON_ERROR_STOP, backslash commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PgError } from '../../src/errors/index.js';
import { FakeSession, field, intResult, runShell, type Reply } from './cli-fake-session.js';

const replies = (map: Record<string, Reply>) => (sql: string) => map[sql];

test('-a echoes each line when read; output follows the line holding the ;', async () => {
  const s = new FakeSession(replies({
    'select 1 as a;': { results: [intResult('a', 1)] },
    'select 2 as b;': { results: [intResult('b', 2)] },
  }));
  const { out } = await runShell('-- comment\nselect 1 as a; select 2 as b;\n\n', s);
  assert.equal(out, '-- comment\nselect 1 as a; select 2 as b;\n a \n---\n 1\n(1 row)\n\n b \n---\n 2\n(1 row)\n\n');
  assert.deepEqual(s.sent, ['select 1 as a;', 'select 2 as b;']);
});

test('command tags, RETURNING tables followed by their tag, -q hides tags', async () => {
  const s = new FakeSession(replies({
    'create table t (a int);': { results: [{ command: 'CREATE TABLE', rowCount: null }] },
    'insert into t values (1) returning a;': { results: [{ ...intResult('a', 1), command: 'INSERT 0 1' }] },
  }));
  const input = 'create table t (a int);\ninsert into t values (1) returning a;\n';
  assert.equal((await runShell(input, s)).out,
    'create table t (a int);\nCREATE TABLE\ninsert into t values (1) returning a;\n a \n---\n 1\n(1 row)\n\nINSERT 0 1\n');
  assert.equal((await runShell(input, s, ['-q'])).out, ' a \n---\n 1\n(1 row)\n\n');
});

test('errors go to stderr after flushing stdout, with the LINE excerpt', async () => {
  const err = new PgError('42P01', 'relation "nosuch" does not exist', { position: 15 });
  const s = new FakeSession(replies({ 'select * from nosuch;': { error: err }, 'select 1;': { results: [intResult('?column?', 1)] } }));
  const r = await runShell('select 1;\nselect * from nosuch;\n', s);
  assert.equal(r.out, 'select 1;\n ?column? \n----------\n        1\n(1 row)\n\nselect * from nosuch;\n' +
    'ERROR:  relation "nosuch" does not exist\nLINE 1: select * from nosuch;\n                      ^\n');
  assert.equal(r.stderr, 'ERROR:  relation "nosuch" does not exist\nLINE 1: select * from nosuch;\n                      ^\n');
  assert.equal(r.code, 0);
});

test('notices arrive on stderr in order, with DETAIL and HINT', async () => {
  const s = new FakeSession(replies({
    'do $$ x $$;': { notices: [{ severity: 'NOTICE', code: '00000', message: 'hi', detail: 'd', hint: 'h' }], results: [{ command: 'DO', rowCount: null }] },
  }));
  assert.equal((await runShell('do $$ x $$;\n', s)).out, 'do $$ x $$;\nNOTICE:  hi\nDETAIL:  d\nHINT:  h\nDO\n');
});

test('-f adds psql:FILE:LINE: with the line where the statement ended', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'relata-cli-'));
  const file = join(dir, 'x.sql');
  writeFileSync(file, 'select foo\n  from bar;\n\\foo\n');
  const s = new FakeSession(replies({ 'select foo\n  from bar;': { error: new PgError('42P01', 'relation "bar" does not exist', { position: 19 }) } }));
  const r = await runShell('', s, ['-a', '-f', file]);
  assert.equal(r.out, `select foo\n  from bar;\npsql:${file}:2: ERROR:  relation "bar" does not exist\nLINE 2:   from bar;\n               ^\n` +
    `\\foo\npsql:${file}:3: error: invalid command \\foo\n`);
});

test('ON_ERROR_STOP stops at the first error with exit code 3', async () => {
  const s = new FakeSession(replies({ 'select 1/0;': { error: new PgError('22012', 'division by zero') } }));
  const r = await runShell('\\set ON_ERROR_STOP on\nselect 1/0; select 2;\nselect 3;\n', s);
  assert.equal(r.code, 3);
  assert.deepEqual(s.sent, ['select 1/0;']);
  assert.equal(r.out, '\\set ON_ERROR_STOP on\nselect 1/0; select 2;\nERROR:  division by zero\n');
});

test('a statement without a semicolon at end of input is still sent', async () => {
  const s = new FakeSession();
  await runShell('select\n 1', s);
  assert.deepEqual(s.sent, ['select\n 1']);
});

test('\\echo, \\set and interpolation, \\pset null, \\x, unknown commands', async () => {
  const s = new FakeSession(replies({
    "select 'it''s' as v, null as n;": {
      results: [{ command: 'SELECT 1', fields: [field('v', 25), field('n', 25)], rows: [["it's", null]], rowCount: 1 }],
    },
  }));
  const input = [
    "\\set v 'it''s'",
    "\\echo :v :'v' -n",
    '\\pset null (null)',
    "select :'v' as v, null as n;",
    '\\x',
    "select :'v' as v, null as n;",
    '\\foo bar',
    '\\q',
    'select 99;',
  ].join('\n');
  const r = await runShell(input, s);
  assert.equal(r.out, [
    "\\set v 'it''s'",
    "\\echo :v :'v' -n",
    "it's 'it''s' -n",
    '\\pset null (null)',
    'Null display is "(null)".',
    "select :'v' as v, null as n;",
    '  v   |   n    ',
    '------+--------',
    " it's | (null)",
    '(1 row)',
    '',
    '\\x',
    'Expanded display is on.',
    "select :'v' as v, null as n;",
    '-[ RECORD 1 ]',
    "v | it's",
    'n | (null)',
    '',
    '\\foo bar',
    'invalid command \\foo',
    '\\q',
    '',
  ].join('\n'));
  assert.equal(s.sent.length, 2);
});

test('\\g sends the buffer, \\gset stores a row into variables', async () => {
  const s = new FakeSession(replies({
    'select 5 as n ': { results: [intResult('n', 5)] },
    'select 7 as x ': { results: [intResult('x', 7)] },
  }));
  const r = await runShell('select 5 as n \\g\nselect 7 as x \\gset p_\n\\echo :p_x\n', s, []);
  assert.equal(r.out, ' n \n---\n 5\n(1 row)\n\n7\n');
});

test('the prompt shows the transaction state', async () => {
  const { Shell } = await import('../../src/cli/shell.js');
  const { Output } = await import('../../src/cli/output.js');
  const fake = new FakeSession();
  const sh = new Shell(fake, new Output({ write: () => 0 }, { write: () => 0 }));
  assert.equal(sh.prompt(true), 'relata=> ');
  fake.transactionStatus = 'T';
  assert.equal(sh.prompt(true), 'relata=*> ');
  fake.transactionStatus = 'E';
  assert.equal(sh.prompt(true), 'relata=!> ');
});

test('\\if / \\elif / \\else / \\endif run only the active branch', async () => {
  const s = new FakeSession();
  const r = await runShell('\\if false\nselect 1;\n\\elif true\nselect 2;\n\\else\nselect 3;\n\\endif\n\\if on\nselect 4;\n', s, ['-q']);
  assert.deepEqual(s.sent, ['select 2;', 'select 4;']);
  assert.equal(r.stderr, 'reached EOF without finding closing \\endif(s)\n');
});
