// The conformance runner's output splitter, comparator, cause classification
// and ratchet, on small synthetic scripts and outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelScript } from '../conformance/psql-model.js';
import { pieceOutput, splitOutput, toUnits } from '../conformance/split.js';
import { classify, compareFile, normalize, type RunInfo } from '../conformance/compare.js';
import { checkRatchet, raiseRatchet } from '../conformance/ratchet.js';
import { groupCauses } from '../conformance/report.js';

const ok: RunInfo = { status: 'ok', crashes: [] };
const lines = (...ls: string[]) => ls.map((l) => l + '\n').join('');

const SQL = '-- numbers\nSELECT 1 AS a;\n\nSELECT 1/0;\nCREATE TABLE t (a int);\n\\d t\n';
const EXPECTED = lines(
  '-- numbers', 'SELECT 1 AS a;', ' a ', '---', ' 1 ', '(1 row)', '',
  'SELECT 1/0;', 'ERROR:  division by zero',
  'CREATE TABLE t (a int);',
  '\\d t', '         Table "public.t"', '',
);

test('the output is cut at each echoed statement, blank lines of results included', () => {
  const units = toUnits(modelScript(SQL));
  const s = splitOutput(units, EXPECTED);
  assert.deepEqual(units.map((_, i) => pieceOutput(s, i)), [
    [' a ', '---', ' 1 ', '(1 row)', ''],
    ['ERROR:  division by zero'],
    [],
    ['         Table "public.t"', ''],
  ]);
});

test('the earliest match of the next echo wins, so a blank line is output only when the next echo follows it', () => {
  const units = toUnits(modelScript('SELECT 1;\n  \nSELECT 2;\n'));
  const s = splitOutput(units, lines('SELECT 1;', 'x', '', '  ', 'SELECT 2;', 'y'));
  assert.deepEqual([pieceOutput(s, 0), pieceOutput(s, 1)], [['x', ''], ['y']]);
});

test('identical output passes every statement; describe commands count, and are tallied among them', () => {
  const r = compareFile('f', SQL, [{ file: 'f.out', text: EXPECTED }], EXPECTED, ok);
  assert.deepEqual([r.passed, r.total, r.describePassed, r.describeTotal, r.failures.length], [4, 4, 1, 1, 0]);
});

test('a difference fails only its own statement, with its cause', () => {
  const actual = EXPECTED.replace('ERROR:  division by zero\n', '').replace(' 1 \n', ' 2 \n');
  const r = compareFile('f', SQL, [{ file: 'f.out', text: EXPECTED }], actual, ok);
  assert.equal(r.passed, 2);
  assert.deepEqual(r.failures.map((f) => [f.line, f.cause]), [
    [1, 'wrong result'],
    [4, 'missing error: ERROR:  division by zero'],
  ]);
});

test('the best matching alternative expected file is used', () => {
  const alt = EXPECTED.replace(' 1 \n', ' 2 \n');
  const r = compareFile('f', SQL, [{ file: 'f.out', text: EXPECTED }, { file: 'f_1.out', text: alt }], alt, ok);
  assert.deepEqual([r.expectedFile, r.passed], ['f_1.out', 4]);
});

test('statements after the point where the run stopped are "not reached", with the reason', () => {
  const cut = EXPECTED.slice(0, EXPECTED.indexOf('CREATE TABLE'));
  const run: RunInfo = { status: 'timeout', detail: 'timed out after 60 s in f: CREATE TABLE t (a int);', crashes: [] };
  const r = compareFile('f', SQL, [{ file: 'f.out', text: EXPECTED }], cut, run);
  const cause = 'not reached: timed out after 60 s in f: CREATE TABLE t (a int);';
  assert.deepEqual(r.failures.map((f) => [f.line, f.cause]), [[5, cause], [6, cause]]);
});

test('an engine crash is the cause of the statement whose output it was printed in', () => {
  const actual = EXPECTED.replace('ERROR:  division by zero', "ERROR:  Cannot read properties of undefined (reading 'x')");
  const offset = actual.indexOf('ERROR:');
  const run: RunInfo = {
    status: 'ok',
    crashes: [{ kind: 'crash', offset, file: 'f', sql: 'SELECT 1/0;', error: "TypeError: Cannot read properties of undefined (reading 'x')", stack: '' }],
  };
  const r = compareFile('f', SQL, [{ file: 'f.out', text: EXPECTED }], actual, run);
  assert.deepEqual(r.failures.map((f) => [f.line, f.cause]), [[4, "crash: TypeError: Cannot read properties of undefined (reading '…')"]]);
});

test('causes: Relata\'s error line, missing error, details, notices, order, output', () => {
  const rows = [' a ', '---', ' 1 ', ' 2 ', '(2 rows)', ''];
  assert.equal(classify(rows, ['ERROR:  relation "x" does not exist']), 'ERROR:  relation "…" does not exist');
  assert.equal(classify(['ERROR:  a'], ['ERROR:  b', 'DETAIL:  c']), 'ERROR:  b');
  assert.equal(classify(['ERROR:  a', 'DETAIL:  b'], ['ERROR:  a']), 'error DETAIL/HINT/LINE/CONTEXT differs');
  assert.equal(classify(['NOTICE:  n', ...rows], rows), 'NOTICE/WARNING differs');
  assert.equal(classify(rows, [' a ', '---', ' 2 ', ' 1 ', '(2 rows)', '']), 'wrong row order');
  assert.equal(classify(rows, [' b ', '---', ' 1 ', ' 2 ', '(2 rows)', '']), 'wrong column name');
  assert.equal(classify([], ['CREATE TABLE']), 'unexpected output');
  assert.equal(classify(rows, []), 'missing output');
  assert.equal(classify([], ['\\getenv: command not supported by relata shell']), 'shell: \\getenv: command not supported by relata shell');
});

test('normalize makes quoted names and values alike', () => {
  assert.equal(normalize(`ERROR:  column "a" of relation "t" has value 'x'`), `ERROR:  column "…" of relation "…" has value '…'`);
  assert.equal(normalize('ERROR:  relation "pg_class" does not exist'), 'ERROR:  relation "pg_class" does not exist');
});

test('causes are grouped, most frequent first', () => {
  const f = (cause: string) => ({ line: 1, label: '', cause, expected: [], actual: [] });
  assert.deepEqual(groupCauses([f('b'), f('a'), f('b')]).map((g) => [g.cause, g.count]), [['b', 2], ['a', 1]]);
});

test('the ratchet: a file below its figure fails, --update raises but never lowers', () => {
  const committed = { files: { a: 5, b: 3 } };
  const today = new Map([['a', 4], ['b', 7], ['c', 1]]);
  const { fell, rose } = checkRatchet(committed, today);
  assert.deepEqual(fell, [{ name: 'a', committed: 5, passed: 4 }]);
  assert.deepEqual(rose.map((r) => r.name), ['b', 'c']);
  assert.deepEqual(raiseRatchet(committed, today).files, { a: 5, b: 7, c: 1 });
});
