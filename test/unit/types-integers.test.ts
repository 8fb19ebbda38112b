import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, opr, call, castv, throwsPg, T } from './types-helpers.js';

test('integer input and output (outputs from PostgreSQL 15)', () => {
  assert.equal(io('int4', ' 12 '), '12');
  assert.equal(io('int2', '+5'), '5');
  assert.equal(io('int4', '-0'), '0');
  assert.equal(io('int2', '-32768'), '-32768');
  assert.equal(io('int8', '-9223372036854775808'), '-9223372036854775808');
  assert.equal(io('int8', '9223372036854775807'), '9223372036854775807');
  assert.equal(io('oid', '-1'), '4294967295');
  for (const s of ['1 2', '', '0x10', '1_000', '12.0', ' \\t 3', 'abc', '-', '+']) {
    throwsPg(() => io('int4', s), '22P02', `invalid input syntax for type integer: "${s}"`);
  }
  throwsPg(() => io('int8', 'abc'), '22P02', 'invalid input syntax for type bigint: "abc"');
  throwsPg(() => io('int2', 'x'), '22P02', 'invalid input syntax for type smallint: "x"');
  throwsPg(() => io('int4', '99999999999'), '22003', 'value "99999999999" is out of range for type integer');
  throwsPg(() => io('int4', '2147483648'), '22003', 'value "2147483648" is out of range for type integer');
  assert.equal(io('int4', '-2147483648'), '-2147483648');
  throwsPg(() => io('int2', '32768'), '22003', 'value "32768" is out of range for type smallint');
  throwsPg(() => io('int8', '9223372036854775808'), '22003', 'value "9223372036854775808" is out of range for type bigint');
  throwsPg(() => io('oid', '4294967296'), '22003', 'value "4294967296" is out of range for type oid');
});

test('integer arithmetic', () => {
  assert.equal(opr('/', 'int4', 'int4', -7, 2), -3);
  assert.equal(opr('%', 'int4', 'int4', -7, 2), -1);
  assert.equal(opr('%', 'int4', 'int4', 7, -2), 1);
  assert.ok(Object.is(opr('%', 'int4', 'int4', -4, 2), 0));
  assert.equal(opr('%', 'int4', 'int4', -2147483648, -1), 0);
  assert.equal(opr('+', 'int4', 'int8', 1, 2n), 3n);
  assert.equal(opr('*', 'int2', 'int4', 300, 300), 90000);
  throwsPg(() => opr('/', 'int4', 'int4', -2147483648, -1), '22003', 'integer out of range');
  throwsPg(() => opr('/', 'int4', 'int4', 7, 0), '22012', 'division by zero');
  throwsPg(() => opr('/', 'int8', 'int8', 7n, 0n), '22012', 'division by zero');
  throwsPg(() => opr('+', 'int4', 'int4', 2147483647, 1), '22003', 'integer out of range');
  throwsPg(() => opr('+', 'int2', 'int2', 32767, 1), '22003', 'smallint out of range');
  throwsPg(() => opr('+', 'int8', 'int8', 9223372036854775807n, 1n), '22003', 'bigint out of range');
  throwsPg(() => opr('*', 'int2', 'int2', -32768, -1), '22003', 'smallint out of range');
  throwsPg(() => opr('@', '', 'int4', -2147483648), '22003', 'integer out of range');
  throwsPg(() => opr('-', '', 'int4', -2147483648), '22003', 'integer out of range');
  assert.equal(opr('-', '', 'int8', 5n), -5n);
  assert.equal(opr('=', 'int4', 'int8', 5, 5n), true);
  assert.equal(opr('<', 'int8', 'int2', 4n, 5), true);
  assert.equal(call('gcd', ['int4', 'int4'], 12, -18), 6);
  assert.equal(call('lcm', ['int4', 'int4'], 4, 6), 12);
  throwsPg(() => call('gcd', ['int4', 'int4'], -2147483648, 0), '22003', 'integer out of range');
});

test('integer casts', () => {
  throwsPg(() => castv('int4', 'int2', 70000), '22003', 'smallint out of range');
  throwsPg(() => castv('int8', 'int4', 5000000000n), '22003', 'integer out of range');
  throwsPg(() => castv('int4', 'char', 300), '22003', '"char" out of range');
  assert.equal(castv('int4', 'int8', 7), 7n);
  assert.equal(T('int4').formatType(-1), 'integer');
  assert.equal(T('int8').formatType(-1), 'bigint');
  assert.equal(T('int2').formatType(-1), 'smallint');
});

test('boolean', () => {
  assert.equal(io('bool', 'yes'), 't');
  assert.equal(io('bool', ' of '), 'f');
  assert.equal(io('bool', 'T'), 't');
  assert.equal(io('bool', '1'), 't');
  throwsPg(() => io('bool', 'o'), '22P02', 'invalid input syntax for type boolean: "o"');
  assert.equal(castv('bool', 'text', true), 'true');
  assert.equal(T('bool').formatType(-1), 'boolean');
});
