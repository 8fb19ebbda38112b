// oid, regclass, regtype, regnamespace text I/O (expected values from PostgreSQL 15).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFormatSettings, typeByName, type FormatSettings } from '../../src/types/index.js';
import { installRegLookup, splitQualifiedName, type RegLookup } from '../../src/types/oid-types.js';
import { PgError } from '../../src/errors/index.js';
import { OID } from '../../src/types/oids.js';
import { opr, castv, throwsPg } from './types-helpers.js';

// a catalog of three relations: pg_catalog.pg_class (1259), public."Foo Bar" (16384), s2.t2 (16385)
const rels = [
  { oid: 1259, schema: 'pg_catalog', name: 'pg_class' },
  { oid: 16384, schema: 'public', name: 'Foo Bar' },
  { oid: 16385, schema: 's2', name: 't2' },
];
const schemas: Record<string, number> = { pg_catalog: 11, public: 2200, s2: 16000 };

function lookupWithPath(path: string[]): RegLookup {
  const q = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
  return {
    database: 'relata',
    relationOid(schema, name) {
      if (schema && schemas[schema] === undefined) throw new PgError('3F000', `schema "${schema}" does not exist`);
      for (const sp of schema ? [schema] : path) {
        const r = rels.find(x => x.schema === sp && x.name === name);
        if (r) return r.oid;
      }
      return undefined;
    },
    relationName(oid) {
      const r = rels.find(x => x.oid === oid);
      if (!r) return undefined;
      const first = path.map(sp => rels.find(x => x.schema === sp && x.name === r.name)).find(Boolean);
      return first === r ? q(r.name) : `${q(r.schema)}.${q(r.name)}`;
    },
    namespaceOid: name => schemas[name],
    namespaceName: oid => Object.keys(schemas).find(k => schemas[k] === oid),
    typeOid(text) {
      const t = typeByName(text === 'integer' || text === 'int' ? 'int4' : text);
      if (!t) throw new PgError('42704', `type "${text}" does not exist`);
      return t.oid;
    },
    procOid(text) { throw new PgError('42883', `function "${text}" does not exist`); },
    procName: () => undefined,
    operOid(text) { throw new PgError('42883', `operator does not exist: ${text}`); },
    operName: () => undefined,
  };
}

function settingsWith(path: string[]): FormatSettings {
  const s = { ...defaultFormatSettings };
  installRegLookup(s, lookupWithPath(path));
  return s;
}

const s1 = settingsWith(['pg_catalog', 'public']);
const regclass = typeByName('regclass')!, regtype = typeByName('regtype')!, regnamespace = typeByName('regnamespace')!;
const io = (t: typeof regclass, text: string, s = s1) => t.output(t.input(text, -1, s), s);

test('regclass input resolves names along the search path and prints them back', () => {
  assert.equal(io(regclass, 'pg_class'), 'pg_class');
  assert.equal(io(regclass, 'PG_CLASS'), 'pg_class');
  assert.equal(io(regclass, '  pg_class  '), 'pg_class');
  assert.equal(io(regclass, 'public."Foo Bar"'), '"Foo Bar"');
  assert.equal(io(regclass, 's2.t2'), 's2.t2');
  assert.equal(io(regclass, 'pg_catalog.pg_class'), 'pg_class');
  assert.equal(io(regclass, 'relata.s2.t2'), 's2.t2');
  assert.equal(regclass.input('pg_class', -1, s1), 1259);
});

test('regclass output qualifies relations that are not visible', () => {
  const s2 = settingsWith(['pg_catalog', 's2']);
  assert.equal(regclass.output(16384, s2), 'public."Foo Bar"');
  assert.equal(regclass.output(16385, s2), 't2');
  assert.equal(regclass.output(1259, s2), 'pg_class');
});

test('regclass numeric forms and "-"', () => {
  assert.equal(io(regclass, '12345'), '12345');
  assert.equal(io(regclass, '1259'), 'pg_class');
  assert.equal(io(regclass, '-'), '-');
  assert.equal(regclass.output(0, s1), '-');
});

test('regclass input errors', () => {
  throwsPg(() => regclass.input('nonexist', -1, s1), '42P01', 'relation "nonexist" does not exist');
  throwsPg(() => regclass.input('public.pg_class', -1, s1), '42P01', 'relation "public.pg_class" does not exist');
  throwsPg(() => regclass.input('-1', -1, s1), '42P01', 'relation "-1" does not exist');
  throwsPg(() => regclass.input(' 123', -1, s1), '42P01', 'relation "123" does not exist');
  throwsPg(() => regclass.input('x.y', -1, s1), '3F000', 'schema "x" does not exist');
  throwsPg(() => regclass.input('a.b.c.d', -1, s1), '42601', 'improper relation name (too many dotted names): a.b.c.d');
  throwsPg(() => regclass.input('other.public.t', -1, s1), '0A000', 'cross-database references are not implemented: "other.public.t"');
  for (const bad of ['', 'a b', '"unterminated', 'a.']) throwsPg(() => regclass.input(bad, -1, s1), '42602', 'invalid name syntax');
});

test('qualified name splitting follows SplitIdentifierString', () => {
  assert.deepEqual(splitQualifiedName('a.B."C d"'), ['a', 'b', 'C d']);
  assert.deepEqual(splitQualifiedName(' "x""y" . z '), ['x"y', 'z']);
  assert.deepEqual(splitQualifiedName('   '), []);
  assert.equal(splitQualifiedName('a..b'), null);
  assert.equal(splitQualifiedName('"a"b'), null);
});

test('regnamespace and regtype', () => {
  assert.equal(io(regnamespace, 'public'), 'public');
  assert.equal(io(regnamespace, '"public"'), 'public');
  assert.equal(regnamespace.input('pg_catalog', -1, s1), 11);
  assert.equal(regnamespace.output(99999, s1), '99999');
  throwsPg(() => regnamespace.input('nosuch', -1, s1), '3F000', 'schema "nosuch" does not exist');
  throwsPg(() => regnamespace.input('a.b', -1, s1), '42602', 'invalid name syntax');
  assert.equal(io(regtype, 'integer'), 'integer');
  assert.equal(regtype.output(OID.varchar, s1), 'character varying');
  assert.equal(regtype.output(OID._int4, s1), 'integer[]');
  assert.equal(regtype.output(0, s1), '-');
  assert.equal(regtype.output(999999, s1), '999999');
  assert.equal(io(regtype, '23'), 'integer');
  throwsPg(() => regtype.input('foo', -1, s1), '42704', 'type "foo" does not exist');
});

test('oid input, casts and comparisons', () => {
  const oid = typeByName('oid')!;
  assert.equal(oid.output(oid.input('-1', -1, s1), s1), '4294967295');
  throwsPg(() => oid.input('abc', -1, s1), '22P02', 'invalid input syntax for type oid: "abc"');
  throwsPg(() => oid.input('4294967296', -1, s1), '22003', 'value "4294967296" is out of range for type oid');
  assert.equal(castv('oid', 'int4', 3000000000), -1294967296);
  assert.equal(castv('int4', 'oid', -1), 4294967295);
  assert.equal(opr('=', 'oid', 'oid', 1, 1), true);
  assert.equal(opr('<', 'oid', 'oid', 5, 6), true);
  assert.equal(opr('>=', 'oid', 'oid', 5, 6), false);
});
