// The conformance runner's model of psql's input handling: which lines psql
// echoes under -a, and after which lines a statement's output may follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelScript, scanMeta } from '../conformance/psql-model.js';

/** Each block as [first line, last line, echoed lines]. */
const shape = (sql: string) => modelScript(sql).map((b) => [b.firstLine, b.lastLine, b.echo]);

test('one block per statement; leading comments belong to the statement after them', () => {
  const sql = '-- first\nSELECT 1;\n\n-- second\nSELECT\n  2;\n';
  assert.deepEqual(shape(sql), [
    [1, 2, ['-- first', 'SELECT 1;']],
    [4, 6, ['-- second', 'SELECT', '  2;']],
  ]);
});

test('empty lines are neither echoed nor part of a block, unless inside a quote or a block comment', () => {
  assert.deepEqual(shape('SELECT\n\n1;\n'), [[1, 3, ['SELECT', '1;']]]);
  assert.deepEqual(shape("SELECT 'a\n\nb';\n"), [[1, 3, ["SELECT 'a", '', "b';"]]]);
  assert.deepEqual(shape('/* x\n\n*/ SELECT 1;\n'), [[1, 3, ['/* x', '', '*/ SELECT 1;']]]);
  // a line of spaces is not empty: psql echoes it
  assert.deepEqual(shape('SELECT 1;\n  \nSELECT 2;\n'), [[1, 1, ['SELECT 1;']], [2, 3, ['  ', 'SELECT 2;']]]);
});

test('semicolons inside quotes, comments, dollar quotes and parentheses do not end a statement', () => {
  const sql = [
    "SELECT ';', E'\\';', \"a;b\" -- ;",
    '  , $$ ; $$, $f$ $$; $f$ /* ; /* ; */ ; */',
    '  , (SELECT 1; ) ;',
  ].join('\n');
  const blocks = modelScript(sql);
  assert.equal(blocks.length, 1);
  assert.deepEqual([blocks[0].firstLine, blocks[0].lastLine, blocks[0].runs], [1, 3, true]);
});

test('two statements on one line make one block; a statement ending mid-line starts the next there', () => {
  assert.deepEqual(shape('SELECT 1; SELECT\n2;\n'), [[1, 1, ['SELECT 1; SELECT']], [2, 2, ['2;']]]);
});

test('CREATE FUNCTION … BEGIN ATOMIC: semicolons inside the body do not end it', () => {
  const sql = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;\n';
  assert.deepEqual(modelScript(sql).map((b) => [b.firstLine, b.lastLine]), [[1, 5], [6, 6]]);
  // outside a routine definition, BEGIN is a statement like any other
  assert.equal(modelScript('BEGIN;\nSELECT 1;\nEND;\n').length, 3);
});

test('meta-commands end a block; \\\\ lets SQL follow on the same line', () => {
  const blocks = modelScript('\\d t\n\\set VERBOSITY terse \\\\ -- why\nSELECT 1 \\gset\n');
  assert.deepEqual(blocks.map((b) => [b.firstLine, b.meta]), [[1, ['d']], [2, ['set']], [3, ['gset']]]);
});

test('\\set ECHO none stops the echo from the next line, \\set ECHO all restarts it after its own line', () => {
  const sql = "\\set ECHO none\nSELECT 'x'\n\\gexec\n\\set ECHO all\nSELECT 1;\n";
  assert.deepEqual(shape(sql), [
    [1, 1, ['\\set ECHO none']],
    [2, 3, []],
    [4, 4, []],
    [5, 5, ['SELECT 1;']],
  ]);
});

test('COPY FROM STDIN data lines are read by COPY: not echoed, part of the COPY block', () => {
  const sql = 'COPY t FROM stdin;\n1\t2\n\\.\nSELECT 1;\n';
  assert.deepEqual(shape(sql), [[1, 3, ['COPY t FROM stdin;']], [4, 4, ['SELECT 1;']]]);
  // a COPY followed by another COPY before any \. failed before reading data
  const two = 'copy t(a) from stdin;\ncopy t(b) from stdin;\n1\n\\.\nselect 1;\n';
  assert.deepEqual(shape(two), [[1, 1, ['copy t(a) from stdin;']], [2, 4, ['copy t(b) from stdin;']], [5, 5, ['select 1;']]]);
});

test('an unterminated statement at the end of the file runs at EOF; trailing comments do not', () => {
  assert.deepEqual(modelScript('SELECT 1;\nSELECT 2\n').map((b) => b.runs), [true, true]);
  assert.deepEqual(modelScript('SELECT 1;\n-- the end\n').map((b) => b.runs), [true, false]);
});

test('scanMeta: name, quoted arguments, and the end of the command', () => {
  assert.deepEqual(scanMeta("\\pset null '\\\\N'", 0), { name: 'pset', args: ['null', '\\\\N'], end: 16 });
  const line = '\\set a 1 \\\\ SELECT 1;';
  const m = scanMeta(line, 0);
  assert.deepEqual([m.name, m.args, line.slice(m.end)], ['set', ['a', '1'], ' SELECT 1;']);
});

test("while standard_conforming_strings is off, '…' takes backslash escapes, as psql lexes it", () => {
  const sql = "SET standard_conforming_strings = off;\nSELECT 'a\\'b';\nRESET standard_conforming_strings;\nSELECT 'a\\';\n";
  assert.deepEqual(modelScript(sql).map((b) => [b.firstLine, b.lastLine]), [[1, 1], [2, 2], [3, 3], [4, 4]]);
  // with the setting on, the same quote would still be open after `SELECT 'a\'b';`
  assert.equal(modelScript("SELECT 'a\\'b';\nSELECT 1;\n';\n").length, 1);
});
