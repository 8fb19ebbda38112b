import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, opr, castv, throwsPg, T, inp } from './types-helpers.js';

test('varchar / char(n) typmods (outputs from PostgreSQL 15)', () => {
  const vc = T('varchar'), bp = T('bpchar');
  assert.equal(vc.applyTypmod!('abcd', 7, true), 'abc');
  throwsPg(() => vc.applyTypmod!('abcd', 7, false), '22001', 'value too long for type character varying(3)');
  assert.equal(vc.applyTypmod!('abc   ', 7, false), 'abc');
  assert.equal(bp.applyTypmod!('ab    ', 7, false), 'ab ');
  assert.equal(bp.applyTypmod!('ab', 8, false), 'ab  ');
  throwsPg(() => bp.applyTypmod!('abcd', 7, false), '22001', 'value too long for type character(3)');
  throwsPg(() => io('varchar', 'abcd', 7), '22001', 'value too long for type character varying(3)');
  assert.equal(io('bpchar', 'a', 7), 'a  ');
  assert.equal(opr('=', 'bpchar', 'bpchar', 'ab  ', 'ab '), true);
  assert.equal(castv('bpchar', 'text', 'a  '), 'a');
  assert.equal(castv('bpchar', 'varchar', 'ab  '), 'ab');
  assert.equal(T('bpchar').hashKey!('ab  '), 'ab');
  assert.equal(vc.typmodIn!([50]), 54);
  assert.equal(vc.formatType(54), 'character varying(50)');
  assert.equal(vc.formatType(-1), 'character varying');
  assert.equal(bp.formatType(5), 'character(1)');
  assert.equal(bp.formatType(-1), 'bpchar');
  assert.equal(bp.formatType(4), 'character');
  assert.equal(T('char').formatType(-1), '"char"');
  assert.equal(T('name').formatType(-1), 'name');
  // multibyte: length counts characters
  assert.equal(vc.applyTypmod!('é😀x', 6, true), 'é😀');
});

test('name, "char"', () => {
  assert.equal(io('name', 'x'.repeat(70)), 'x'.repeat(63));
  assert.equal(io('char', 'abc'), 'a');
  assert.equal(io('char', 'é'), '\\303');
  assert.equal(io('char', ''), '');
  assert.equal(castv('char', 'int4', inp('char', 'é')), -61);
  assert.equal(castv('int4', 'char', 65), 'A');
});

test('text comparison is code point order', () => {
  const cmp = T('text').compare;
  assert.ok(cmp('a', 'b') < 0);
  assert.ok(cmp('ab', 'a') > 0);
  assert.ok(cmp('B', 'a') < 0);
  assert.ok(cmp('\uffff', '😀') < 0); // U+FFFF < U+1F600 in UTF-8 byte order
  assert.ok(cmp('😀', '\ue000') > 0);
  assert.equal(opr('||', 'text', 'text', 'a', 'b'), 'ab');
  assert.equal(opr('||', 'text', 'anynonarray', 'a', 5), 'a5');
});
