// The aligned printer against output captured from psql 15 (psql -X -q).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPrintOptions, type PrintableTable } from '../../src/cli/print-options.js';
import { printTable } from '../../src/cli/print-result.js';

const table = (headers: string[], aligns: string, rows: string[][]): PrintableTable => ({
  headers,
  aligns: [...aligns].map((c) => (c === 'r' ? 'r' : 'l')),
  rows,
});
const print = (t: PrintableTable, opts: Partial<ReturnType<typeof defaultPrintOptions>> = {}) =>
  printTable(t, { ...defaultPrintOptions(), ...opts });

test('numeric types right-aligned, others left; header centred; trailing spaces as psql', () => {
  const t = table(['i2', 'i4', 'i8', 'f4', 'f8', 'num', 'o', 'm', 't', 'b'], 'rrrrrrrrll', [
    ['1', '2', '3', '1.5', '2.25', '123.456', '26', '$1.00', 'txt', 't'],
  ]);
  assert.equal(print(t), [
    ' i2 | i4 | i8 | f4  |  f8  |   num   | o  |   m   |  t  | b ',
    '----+----+----+-----+------+---------+----+-------+-----+---',
    '  1 |  2 |  3 | 1.5 | 2.25 | 123.456 | 26 | $1.00 | txt | t',
    '(1 row)',
    '',
    '',
  ].join('\n'));
});

test('NULLs print as the null string (empty by default)', () => {
  const t = table(['n', 's', 'x'], 'rll', [['1', 'a', ''], ['22222', '', 'long value here'], ['', 'ccc', '']]);
  assert.equal(print(t), [
    '   n   |  s  |        x        ',
    '-------+-----+-----------------',
    '     1 | a   | ',
    ' 22222 |     | long value here',
    '       | ccc | ',
    '(3 rows)',
    '',
    '',
  ].join('\n'));
});

test('multi-line values and headers get + continuation marks', () => {
  assert.equal(print(table(['ml', 'n', 's'], 'lrl', [['line1\nline two\n3', '42', 'single']])), [
    '    ml    | n  |   s    ',
    '----------+----+--------',
    ' line1   +| 42 | single',
    ' line two+|    | ',
    ' 3        |    | ',
    '(1 row)',
    '',
    '',
  ].join('\n'));
  assert.equal(print(table(['multi\nline header', 'n'], 'lr', [['x', '1']])), [
    '    multi   +| n ',
    ' line header |   ',
    '-------------+---',
    ' x           | 1',
    '(1 row)',
    '',
    '',
  ].join('\n'));
});

test('empty result and a result without columns', () => {
  assert.equal(print(table(['a'], 'r', [])), ' a \n---\n(0 rows)\n\n');
  assert.equal(print(table([], '', [[]])), '--\n(1 row)\n\n');
});

test('wide characters, tabs and control characters', () => {
  const t = table(['e', 'cjk', 'emoji', 'tab', 'cr'], 'lllll', [['é', '日本語', 'a😀b', 'tab\tx', 'cr\rx']]);
  assert.equal(print(t), [
    ' e |  cjk   | emoji |    tab    |  cr   ',
    '---+--------+-------+-----------+-------',
    ' é | 日本語 | a😀b  | tab     x | cr\\rx',
    '(1 row)',
    '',
    '',
  ].join('\n'));
});

test('border 0 and border 2', () => {
  const t = table(['a', 'b'], 'rl', [['1', 'ab\nc']]);
  assert.equal(print(t, { border: 0 }), 'a b  \n- --\n1 ab+\n  c\n(1 row)\n\n');
  assert.equal(print(t, { border: 2 }), [
    '+---+----+',
    '| a | b  |',
    '+---+----+',
    '| 1 | ab+|',
    '|   | c  |',
    '+---+----+',
    '(1 row)',
    '',
    '',
  ].join('\n'));
});

test('expanded display (\\x)', () => {
  const t = table(['a', 'bb'], 'rl', [['1', 'x'], ['3', 'yyyyyyyyyyyyyyyyyyyy']]);
  assert.equal(print(t, { expanded: 'on' }), [
    '-[ RECORD 1 ]------------',
    'a  | 1',
    'bb | x',
    '-[ RECORD 2 ]------------',
    'a  | 3',
    'bb | yyyyyyyyyyyyyyyyyyyy',
    '',
    '',
  ].join('\n'));
  assert.equal(print(table(['a'], 'r', []), { expanded: 'on' }), '(0 rows)\n\n');
  assert.equal(print(table(['a', 'b', 'c'], 'rll', [['1', 'NULL', 'x\ny']]), { expanded: 'on', border: 2 }), [
    '+-[ RECORD 1 ]-+',
    '| a | 1    |',
    '| b | NULL |',
    '| c | x   +|',
    '|   | y    |',
    '+---+------+',
    '',
    '',
  ].join('\n'));
});

test('unaligned format and tuples only', () => {
  const t = table(['a', 'b'], 'rr', [['1', '2'], ['3', '4']]);
  assert.equal(print(t, { format: 'unaligned' }), 'a|b\n1|2\n3|4\n(2 rows)\n');
  assert.equal(print(t, { format: 'unaligned', expanded: 'on' }), 'a|1\nb|2\n\na|3\nb|4\n');
  assert.equal(print(table(['a'], 'r', [['1']]), { tuplesOnly: true }), ' 1\n\n');
});
