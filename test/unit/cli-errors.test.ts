// Error and notice text as psql prints it, with the LINE n: excerpt and caret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorPositionExcerpt, formatMessage } from '../../src/cli/error-format.js';

test('caret under the error position', () => {
  assert.equal(errorPositionExcerpt('select * from nosuch;', 15), 'LINE 1: select * from nosuch;\n                      ^\n');
});

test('the line of a multi-line statement that holds the position', () => {
  assert.equal(errorPositionExcerpt('select 1 +\n  foo\n  from bar;', 25), 'LINE 3:   from bar;\n               ^\n');
});

test('long lines are cut to about 60 columns around the position', () => {
  const q = `select '${'a'.repeat(74)}', nosuchcol from (select 1) s;`;
  assert.equal(errorPositionExcerpt(q, 86),
    `LINE 1: ...${'a'.repeat(47)}', nosuchcol ...\n` + ' '.repeat(61) + '^\n');
  const q2 = `select '${'a'.repeat(118)}', nosuchcol, '${'b'.repeat(72)}' from (select 1) s;`;
  assert.equal(errorPositionExcerpt(q2, 130),
    `LINE 1: ...${'a'.repeat(47)}', nosuchcol,...\n` + ' '.repeat(61) + '^\n');
});

test('tabs become spaces and wide characters take two columns', () => {
  assert.equal(errorPositionExcerpt("select\t'日本日本', nosuch;", 16), "LINE 1: select '日本日本', nosuch;\n                           ^\n");
});

test('ERROR, LINE, DETAIL, HINT, CONTEXT in psql order', () => {
  const text = formatMessage(
    { severity: 'ERROR', code: '23503', message: 'insert or update on table "c" violates foreign key constraint "c_p_fkey"',
      detail: 'Key (p)=(9) is not present in table "p".', hint: 'Check it.', where: 'SQL function "f"', position: 8 },
    'insert into c values (9);',
    { isError: true },
  );
  assert.equal(text, [
    'ERROR:  insert or update on table "c" violates foreign key constraint "c_p_fkey"',
    'LINE 1: insert into c values (9);',
    '               ^',
    'DETAIL:  Key (p)=(9) is not present in table "p".',
    'HINT:  Check it.',
    'CONTEXT:  SQL function "f"',
    '',
  ].join('\n'));
});

test('notices show no CONTEXT by default; VERBOSITY terse and sqlstate', () => {
  assert.equal(formatMessage({ severity: 'NOTICE', message: 'hi', detail: 'd', where: 'w' }, 'do …', { isError: false }), 'NOTICE:  hi\nDETAIL:  d\n');
  assert.equal(formatMessage({ severity: 'ERROR', code: '42703', message: 'column "x" does not exist', position: 8 }, 'select x;', { verbosity: 'terse', isError: true }),
    'ERROR:  column "x" does not exist at character 8\n');
  assert.equal(formatMessage({ severity: 'ERROR', code: '42703', message: 'm' }, 'q', { verbosity: 'sqlstate' }), 'ERROR:  42703\n');
});
