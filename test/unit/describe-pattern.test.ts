// psql's name patterns for the describe commands (describe-pattern.ts): the WHERE
// conditions must be the ones psql 15 sends (recorded with `psql -E` against PostgreSQL 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namePatternClause, patternToRegex, type NamePatternOptions } from '../../src/cli/describe-pattern.js';

const REL: NamePatternOptions = {
  haveWhere: true, schemaVar: 'n.nspname', nameVar: 'c.relname', visibilityRule: 'pg_catalog.pg_table_is_visible(c.oid)',
  maxParts: 3, database: 'db',
};
const VISIBLE = '  AND pg_catalog.pg_table_is_visible(c.oid)\n';
const relname = (lit: string) => `  AND c.relname OPERATOR(pg_catalog.~) ${lit} COLLATE pg_catalog.default\n`;
const sql = (pattern: string | null, o = REL) => {
  const r = namePatternClause(pattern, o);
  return 'sql' in r ? r.sql : `error: ${r.error}`;
};

test('shell wildcards, case folding and quoting become anchored regular expressions', () => {
  assert.equal(sql('b*'), relname("'^(b.*)$'") + VISIBLE);
  assert.equal(sql('Foo?x'), relname("'^(foo.x)$'") + VISIBLE);
  assert.equal(sql('"Mixed Case"'), relname("'^(Mixed Case)$'") + VISIBLE);
  assert.equal(sql('x|y'), relname("'^(x|y)$'") + VISIBLE);
  assert.equal(sql('"Odd""Name"'), relname(`'^(Odd"Name)$'`) + VISIBLE);
});

test('a backslash in the expression is written E\'…\' with doubled backslashes, as psql does', () => {
  assert.equal(sql('a$b'), relname("E'^(a\\\\$b)$'") + VISIBLE);
  assert.equal(sql('int[]'), relname("E'^(int\\\\[])$'") + VISIBLE);
  assert.equal(sql('"a.b"'), relname("E'^(a\\\\.b)$'") + VISIBLE);
});

test('a schema part replaces the visibility rule; "*" parts are left out', () => {
  assert.equal(sql('public.b*'), relname("'^(b.*)$'") + "  AND n.nspname OPERATOR(pg_catalog.~) '^(public)$' COLLATE pg_catalog.default\n");
  assert.equal(sql('*.thing'), relname("'^(thing)$'"));
  assert.equal(sql('public.*'), "  AND n.nspname OPERATOR(pg_catalog.~) '^(public)$' COLLATE pg_catalog.default\n");
  assert.equal(sql('*'), VISIBLE);
});

test('no pattern: only the visibility rule; the first condition opens the WHERE clause', () => {
  assert.equal(sql(null), VISIBLE);
  assert.equal(sql('t', { ...REL, haveWhere: false }), "WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n" + VISIBLE);
});

test('database.schema.name: the database must be the connected one; more dots are refused', () => {
  assert.equal(sql('db.public.t'), relname("'^(t)$'") + "  AND n.nspname OPERATOR(pg_catalog.~) '^(public)$' COLLATE pg_catalog.default\n");
  assert.equal(sql('nodb.public.book'), 'error: cross-database references are not implemented: nodb.public.book');
  assert.equal(sql('a.b.c.d'), 'error: improper qualified name (too many dotted names): a.b.c.d');
  // a schema list (no schema variable) takes a dot as a database part too
  const schemas: NamePatternOptions = { haveWhere: false, schemaVar: null, nameVar: 'n.nspname', visibilityRule: null, maxParts: 2, database: 'db' };
  assert.equal(sql('pub*', schemas), "WHERE n.nspname OPERATOR(pg_catalog.~) '^(pub.*)$' COLLATE pg_catalog.default\n");
  assert.equal(sql('public.x', schemas), 'error: cross-database references are not implemented: public.x');
});

test('the parts of a pattern: quoted dots do not split, the database part is kept as written', () => {
  assert.deepEqual(patternToRegex('"A.B".c', 3), { name: '^(c)$', schema: '^(A\\.B)$', dbLiteral: null, dots: 1 });
  assert.deepEqual(patternToRegex('My.s.t', 3), { name: '^(t)$', schema: '^(s)$', dbLiteral: 'my', dots: 2 });
  assert.deepEqual(patternToRegex('a.b', 1), { name: '^(a.b)$', schema: null, dbLiteral: null, dots: 1 });
});
