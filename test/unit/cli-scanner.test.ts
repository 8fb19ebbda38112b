// The psql statement splitter: where statements end and what text is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlScanner } from '../../src/cli/sql-scanner.js';

/** Feed lines like psql's main loop; return the statement texts and what is left over. */
function split(input: string, vars: Record<string, string> = {}): { statements: string[]; rest: string } {
  const sc = new SqlScanner({ getVariable: (n, q) => (n in vars ? (q === 'literal' ? `'${vars[n]}'` : q === 'ident' ? `"${vars[n]}"` : vars[n]) : undefined) });
  const buf = { text: '' };
  const statements: string[] = [];
  for (const line of input.split('\n')) {
    if (line === '' && !sc.inQuote()) continue;
    if (buf.text.length > 0) buf.text += '\n';
    sc.setup(line);
    for (;;) {
      const r = sc.scan(buf);
      if (r === 'semicolon') {
        statements.push(buf.text);
        buf.text = '';
      } else break;
    }
  }
  return { statements, rest: buf.text };
}

test('several statements on one line, whitespace and comments before each dropped', () => {
  assert.deepEqual(split('select 1;  select 2; -- done').statements, ['select 1;', 'select 2;']);
});

test('a statement spanning lines keeps its newlines; blank lines are skipped', () => {
  assert.deepEqual(split('select\n  1\n\n  + 2;').statements, ['select\n  1\n  + 2;']);
});

test('leading -- comments are dropped, comments inside a statement are kept', () => {
  assert.deepEqual(split('-- head\nselect 1 -- mid\n;').statements, ['select 1 -- mid\n;']);
});

test('semicolons inside quotes, identifiers, comments and parentheses do not end a statement', () => {
  const { statements } = split(`select 'a;b', "c;d", /* e; /* nested; */ f; */ (select 2; 3);`);
  assert.deepEqual(statements, [`select 'a;b', "c;d", /* e; /* nested; */ f; */ (select 2; 3);`]);
});

test("doubled quotes and E'' backslash escapes", () => {
  assert.deepEqual(split(`select 'it''s;', E'back\\';slash';`).statements, [`select 'it''s;', E'back\\';slash';`]);
  // in a standard string a backslash is an ordinary character
  assert.deepEqual(split(`select 'a\\'; select 2;`).statements, [`select 'a\\';`, 'select 2;']);
});

test('dollar quotes, with and without tags, across lines', () => {
  const src = 'create function f() returns int as $$\nbegin; return 1; end\n$$ language plpgsql; select $t$ a $$ ; $t$;';
  assert.deepEqual(split(src).statements, [
    'create function f() returns int as $$\nbegin; return 1; end\n$$ language plpgsql;',
    'select $t$ a $$ ; $t$;',
  ]);
  // $1 parameters and identifiers with $ are not dollar quotes
  assert.deepEqual(split('select a$b$, $1; select 2;').statements, ['select a$b$, $1;', 'select 2;']);
});

test('CREATE FUNCTION … BEGIN ATOMIC bodies keep their semicolons', () => {
  const src = 'create function f() returns int language sql\nbegin atomic\n  select 1;\n  select case when true then 1 end;\nend;\nselect 2;';
  const { statements } = split(src);
  assert.equal(statements.length, 2);
  assert.ok(statements[0].endsWith('end;'));
});

test('unterminated input stays in the buffer', () => {
  assert.deepEqual(split("select 'abc;\nmore"), { statements: [], rest: "select 'abc;\nmore" });
});

test('variables: :name, :\'name\', :"name", unset names kept, :: casts untouched', () => {
  const { statements } = split(`select :v, :'v', :"v", :nope, 1::int;`, { v: 'x' });
  assert.deepEqual(statements, [`select x, 'x', "x", :nope, 1::int;`]);
});

test('a plain variable is lexed as if typed, so it may hold a semicolon', () => {
  assert.deepEqual(split('select 1 :v select 3;', { v: '; select 2;' }).statements, ['select 1 ;', 'select 2;', 'select 3;']);
});

test('backslash stops the scan; \\; and \\: are literal', () => {
  const sc = new SqlScanner();
  const buf = { text: '' };
  sc.setup('select 1 \\; select 2 \\g');
  assert.equal(sc.scan(buf), 'backslash');
  assert.equal(buf.text, 'select 1 ; select 2 ');
  assert.equal(sc.rest, 'g');
});
