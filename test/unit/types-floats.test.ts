import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, out, opr, call, castv, throwsPg, T } from './types-helpers.js';
import { float8Out, float4Out } from '../../src/types/floats.js';

test('float8 output (PostgreSQL 15, extra_float_digits = 1)', () => {
  const cases: [number, string][] = [
    [0.1 + 0.2, '0.30000000000000004'], [1e20, '1e+20'], [1.5e-7, '1.5e-07'], [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'], [NaN, 'NaN'], [-0, '-0'], [1e15, '1e+15'], [1e14, '100000000000000'],
    [123456789012345678, '1.2345678901234568e+17'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1e-310, '1e-310'],
    [1.7976931348623157e308, '1.7976931348623157e+308'], [1e-318, '1e-318'], [1.4142135623730951, '1.4142135623730951'],
    [57.29577951308232, '57.29577951308232'], [2, '2'], [-1.5, '-1.5'],
  ];
  for (const [v, s] of cases) assert.equal(out('float8', v), s, s);
  assert.equal(float8Out(0.1, 0), '0.1');
  assert.equal(float8Out(0.1 + 0.2, 0), '0.3');
  assert.equal(float8Out(1e20, 0), '1e+20');
});

test('float4 output', () => {
  const cases: [number, string][] = [[1234567, '1.234567e+06'], [123456, '123456'], [0.1, '0.1'], [1e-5, '1e-05'],
    [16777217, '1.6777216e+07'], [3.4e38, '3.4e+38'], [1e10, '1e+10'], [0.0001, '0.0001'], [100000, '100000'],
    [999999, '999999'], [-0, '-0']];
  for (const [v, s] of cases) assert.equal(float4Out(Math.fround(v)), s, s);
  assert.equal(io('float4', '1e5'), '100000');
  assert.equal(io('float4', '   -0.0'), '-0');
  assert.equal(io('float4', 'INFINITY'), 'Infinity');
});

test('float input', () => {
  assert.equal(io('float8', ' 1.5 '), '1.5');
  assert.equal(io('float8', '0x10'), '16');
  assert.equal(io('float8', '.5'), '0.5');
  assert.equal(io('float8', '5.'), '5');
  assert.equal(io('float8', '+inf'), 'Infinity');
  assert.equal(io('float8', 'nan'), 'NaN');
  throwsPg(() => io('float8', '1e400'), '22003', '"1e400" is out of range for type double precision');
  throwsPg(() => io('float8', '1e-400'), '22003', '"1e-400" is out of range for type double precision');
  throwsPg(() => io('float8', 'abc'), '22P02', 'invalid input syntax for type double precision: "abc"');
  throwsPg(() => io('float8', ''), '22P02', 'invalid input syntax for type double precision: ""');
  throwsPg(() => io('float8', '1e'), '22P02', 'invalid input syntax for type double precision: "1e"');
  throwsPg(() => io('float4', '1e39'), '22003', '"1e39" is out of range for type real');
  assert.equal(T('float8').formatType(-1), 'double precision');
  assert.equal(T('float4').formatType(-1), 'real');
});

test('float arithmetic and errors', () => {
  throwsPg(() => opr('*', 'float8', 'float8', 1e308, 10), '22003', 'value out of range: overflow');
  assert.equal(opr('*', 'float8', 'float8', 1e-308, 1e-10), 1e-318);
  throwsPg(() => opr('/', 'float8', 'float8', 1, 0), '22012', 'division by zero');
  assert.ok(Number.isNaN(opr('/', 'float8', 'float8', NaN, 0)));
  assert.ok(Number.isNaN(opr('-', 'float8', 'float8', Infinity, Infinity)));
  assert.equal(opr('=', 'float8', 'float8', NaN, NaN), true);
  assert.equal(opr('>', 'float8', 'float8', NaN, Infinity), true);
  assert.equal(opr('=', 'float8', 'float8', -0, 0), true);
  assert.equal(out('float8', opr('*', 'float4', 'float8', Math.fround(1.1), 3)), '3.3000000715255737');
  throwsPg(() => opr('^', 'float8', 'float8', 1e300, 2), '22003', 'value out of range: overflow');
});

test('float functions and casts', () => {
  const f = (name: string, v: number): string => out('float8', call(name, ['float8'], v));
  assert.equal(f('round', 2.5), '2');
  assert.equal(f('round', -2.5), '-2');
  assert.equal(f('round', 3.5), '4');
  assert.equal(f('trunc', -2.7), '-2');
  assert.equal(f('ceil', -0.5), '-0');
  assert.equal(f('floor', 2.5), '2');
  assert.equal(f('sqrt', 2), '1.4142135623730951');
  assert.equal(f('exp', 1), '2.718281828459045');
  assert.equal(f('ln', 10), '2.302585092994046');
  assert.equal(f('log', 100), '2');
  assert.equal(f('sign', -2.5), '-1');
  assert.equal(out('float8', call('pi', [])), '3.141592653589793');
  assert.equal(out('float8', call('power', ['float8', 'float8'], 2, 0.5)), '1.4142135623730951');
  throwsPg(() => f('sqrt', -1), '2201F', 'cannot take square root of a negative number');
  throwsPg(() => f('ln', 0), '2201E', 'cannot take logarithm of zero');
  throwsPg(() => f('ln', -1), '2201E', 'cannot take logarithm of a negative number');
  throwsPg(() => call('power', ['float8', 'float8'], 0, -1), '2201F', 'zero raised to a negative power is undefined');
  throwsPg(() => call('power', ['float8', 'float8'], -2, 0.5), '2201F',
    'a negative number raised to a non-integer power yields a complex result');
  throwsPg(() => f('exp', 1000), '22003', 'value out of range: overflow');
  throwsPg(() => f('exp', -1000), '22003', 'value out of range: underflow');
  assert.equal(castv('float4', 'int4', Math.fround(2.5)), 2);
  assert.equal(castv('float8', 'int4', 3.5), 4);
  assert.equal(castv('float8', 'int4', -2.5), -2);
  assert.equal(castv('float8', 'int8', 1e10), 10000000000n);
  throwsPg(() => castv('float8', 'int4', NaN), '22003', 'integer out of range');
  assert.equal(call('width_bucket', ['float8', 'float8', 'float8', 'int4'], 5.0, 0, 10, 5), 3);
});
