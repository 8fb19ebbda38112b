import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io, inp, out, opr, call, castv, throwsPg, T } from './types-helpers.js';
import { Numeric } from '../../src/types/numeric.js';

const N = (s: string): Numeric => Numeric.parse(s);
const S = (v: unknown): string => out('numeric', v);
const f1 = (name: string, s: string): string => S(call(name, ['numeric'], N(s)));
const f2 = (name: string, a: string, b: string): string => S(call(name, ['numeric', 'numeric'], N(a), N(b)));

test('numeric input/output (outputs from PostgreSQL 15)', () => {
  const cases: [string, string][] = [
    [' 1e3 ', '1000'], ['1.50e1', '15.0'], ['1.5e-3', '0.0015'], ['.5', '0.5'], ['5.', '5'],
    ['-0.000', '0.000'], ['inf', 'Infinity'], ['-INF', '-Infinity'], ['+infinity', 'Infinity'],
    ['nan', 'NaN'], ['1.500', '1.500'], ['-12.34', '-12.34'], ['00012', '12'],
  ];
  for (const [i, o] of cases) assert.equal(io('numeric', i), o, i);
  for (const s of ['1e', '.', '', 'abc', '1.2.3', '- 1']) {
    throwsPg(() => io('numeric', s), '22P02', `invalid input syntax for type numeric: "${s}"`);
  }
});

test('numeric typmod', () => {
  const t = T('numeric');
  const tm = t.typmodIn!([5, 2]);
  assert.equal(t.formatType(tm), 'numeric(5,2)');
  assert.equal(t.formatType(-1), 'numeric');
  assert.equal(io('numeric', '123.456', tm), '123.46');
  throwsPg(() => io('numeric', '999.996', tm), '22003', 'numeric field overflow',
    'A field with precision 5, scale 2 must round to an absolute value less than 10^3.');
  throwsPg(() => io('numeric', 'Infinity', tm), '22003', 'numeric field overflow',
    'A field with precision 5, scale 2 cannot hold an infinite value.');
  assert.equal(io('numeric', '12345', t.typmodIn!([3, -2])), '12300');
  assert.equal(io('numeric', '0.5', t.typmodIn!([1])), '1');
  throwsPg(() => io('numeric', '1', t.typmodIn!([2, 3])), '22003', 'numeric field overflow',
    'A field with precision 2, scale 3 must round to an absolute value less than 10^-1.');
  throwsPg(() => t.applyTypmod!(N('100000000.00'), t.typmodIn!([10, 2]), false), '22003', 'numeric field overflow',
    'A field with precision 10, scale 2 must round to an absolute value less than 10^8.');
});

test('numeric arithmetic scales', () => {
  const div: [string, string, string][] = [
    ['1', '3', '0.33333333333333333333'], ['10', '3.0', '3.3333333333333333'], ['1.0', '3', '0.33333333333333333333'],
    ['2', '1', '2.0000000000000000'], ['100000', '3', '33333.333333333333'], ['1', '300000', '0.000003333333333333333333'],
    ['0.000001', '3', '0.000000333333333333333333'], ['12345678.9', '0.001', '12345678900.00000000'],
    ['1e20', '7', '14285714285714285714'], ['7', '1e20', '0.000000000000000000070000000000000000'],
    ['2', '3', '0.66666666666666666667'], ['2.5', '2', '1.25000000000000000000'],
    ['1', '7e10', '0.0000000000142857142857142857'], ['123', '1000', '0.12300000000000000000'],
  ];
  for (const [a, b, r] of div) assert.equal(S(opr('/', 'numeric', 'numeric', N(a), N(b))), r, `${a}/${b}`);
  assert.equal(S(opr('%', 'numeric', 'numeric', N('10'), N('3.5'))), '3.0');
  assert.equal(S(opr('%', 'numeric', 'numeric', N('-7.5'), N('2'))), '-1.5');
  assert.equal(f2('div', '7.5', '2'), '3');
  assert.equal(f2('div', '-7.5', '2'), '-3');
  assert.equal(S(opr('*', 'numeric', 'numeric', N('1.5'), N('2.25'))), '3.375');
  assert.equal(S(opr('+', 'numeric', 'numeric', N('0.1'), N('0.25'))), '0.35');
  assert.equal(S(opr('-', 'numeric', 'numeric', N('1.000'), N('1'))), '0.000');
  throwsPg(() => opr('/', 'numeric', 'numeric', N('1'), N('0')), '22012', 'division by zero');
  throwsPg(() => opr('%', 'numeric', 'numeric', N('1'), N('0.0')), '22012', 'division by zero');
  assert.equal(S(opr('-', 'numeric', 'numeric', N('Infinity'), N('Infinity'))), 'NaN');
  assert.equal(S(opr('/', 'numeric', 'numeric', N('1'), N('Infinity'))), '0');
  assert.equal(S(opr('*', 'numeric', 'numeric', N('-Infinity'), N('-2'))), 'Infinity');
});

test('numeric comparison and hashing', () => {
  const cmp = T('numeric').compare;
  assert.equal(cmp(N('1.0'), N('1.00')), 0);
  assert.ok(cmp(N('NaN'), N('Infinity')) > 0);
  assert.ok(cmp(N('-Infinity'), N('-1e100')) < 0);
  assert.equal(cmp(N('NaN'), N('NaN')), 0);
  assert.equal(T('numeric').hashKey!(N('1.50')), T('numeric').hashKey!(N('1.5')));
  assert.equal(T('numeric').hashKey!(N('0.00')), T('numeric').hashKey!(N('0')));
});

test('numeric functions (outputs from PostgreSQL 15)', () => {
  assert.equal(f1('round', '2.5'), '3');
  assert.equal(f1('round', '-2.5'), '-3');
  assert.equal(S(call('round', ['numeric', 'int4'], N('1.2345'), 2)), '1.23');
  assert.equal(S(call('round', ['numeric', 'int4'], N('1.5'), 3)), '1.500');
  assert.equal(S(call('round', ['numeric', 'int4'], N('1234.5'), -2)), '1200');
  assert.equal(S(call('trunc', ['numeric', 'int4'], N('1.999'), 1)), '1.9');
  assert.equal(f1('trunc', '-1.999'), '-1');
  assert.equal(f1('ceil', '-1.5'), '-1');
  assert.equal(f1('floor', '-1.5'), '-2');
  assert.equal(f1('ceil', '1.001'), '2');
  assert.equal(f1('sign', '-3.7'), '-1');
  assert.equal(f1('sign', '0.0'), '0');
  assert.equal(f1('abs', '-1.50'), '1.50');
  const sq: [string, string][] = [['2', '1.414213562373095'], ['2.0', '1.414213562373095'], ['100', '10.000000000000000'],
    ['0.0001', '0.01000000000000000'], ['123456789012345678901234567890', '351364182882014.4'], ['0', '0.000000000000000'],
    ['3', '1.732050807568877'], ['5', '2.236067977499790'], ['1.0000', '1.000000000000000'], ['0.5', '0.70710678118654752'],
    ['8.9999', '2.999983333287037']];
  for (const [a, r] of sq) assert.equal(f1('sqrt', a), r, `sqrt(${a})`);
  const ex: [string, string][] = [['1', '2.7182818284590452'], ['1.0', '2.7182818284590452'],
    ['100', '26881171418161354484126255515800135873611119'], ['-10', '0.00004539992976248485'],
    ['0.5', '1.6487212707001281'], ['-0.5', '0.6065306597126334'], ['0', '1.0000000000000000'],
    ['0.000001', '1.0000010000005000'],
    ['230.0', '7722018499983835717562125214027702035596274859123259583287869433834906416115729946738013959430022669.9']];
  for (const [a, r] of ex) assert.equal(f1('exp', a), r, `exp(${a})`);
  const ln: [string, string][] = [['10', '2.3025850929940457'], ['1.05', '0.048790164169432003'], ['2', '0.6931471805599453'],
    ['0.5', '-0.6931471805599453'], ['123456789.123', '18.631401767164318'], ['1', '0.0000000000000000'],
    ['1.1', '0.09531017980432486'], ['0.9', '-0.10536051565782630'], ['1e-20', '-46.05170185988091368036']];
  for (const [a, r] of ln) assert.equal(f1('ln', a), r, `ln(${a})`);
  assert.equal(f1('log', '100'), '2.0000000000000000');
  assert.equal(f1('log', '0.001'), '-3.0000000000000000');
  assert.equal(f1('log', '2'), '0.3010299956639812');
  assert.equal(f1('log', '1.0001'), '0.00004342727686266964');
  assert.equal(f2('log', '2', '8'), '3.0000000000000000');
  assert.equal(f2('log', '10', '1000.0'), '3.0000000000000000');
  assert.equal(f2('log', '2.0', '1000'), '9.9657842846620870');
  throwsPg(() => f1('ln', '0'), '2201E', 'cannot take logarithm of zero');
  throwsPg(() => f1('ln', '-1'), '2201E', 'cannot take logarithm of a negative number');
  throwsPg(() => f2('log', '1', '10'), '22012', 'division by zero');
  throwsPg(() => f1('sqrt', '-1'), '2201F', 'cannot take square root of a negative number');
  throwsPg(() => f1('exp', '10000'), '22003', 'value overflows numeric format');
  assert.equal(f1('exp', '-7000'), '0.' + '0'.repeat(1000));
  const pw: [string, string, string][] = [
    ['2', '10', '1024.0000000000000000'], ['2.0', '0.5', '1.4142135623730950'], ['1.5', '3', '3.3750000000000000'],
    ['2', '-2', '0.2500000000000000'], ['2', '100', '1267650600228229401496703205376.0000000000000000'],
    ['0.5', '20', '0.0000009536743164'], ['10', '-20', '0.0000000000000000'], ['0', '0', '1.0000000000000000'],
    ['0', '0.5', '0.0000000000000000'], ['0.0', '2', '0.0000000000000000'], ['-2', '3', '-8.0000000000000000'],
    ['1.5', '-3', '0.2962962962962963'], ['2.000', '3', '8.0000000000000000'],
    ['1.0000001', '10000000', '2.7182816925449663'], ['2', '0.333', '1.2596299799473994'],
    ['10', '20.5', '316227766016837933199.9'], ['0.001', '-5', '1000000000000000.0000000000000000'],
    ['3', '40', '12157665459056928801.0000000000000000'],
    ['NaN', '0', '1'], ['1', 'NaN', '1'], ['NaN', '1', 'NaN'], ['Infinity', '2', 'Infinity'], ['Infinity', '-2', '0'],
    ['Infinity', '0', '1'], ['-Infinity', '3', '-Infinity'], ['-Infinity', '2', 'Infinity'], ['-Infinity', '-3', '0'],
    ['2', 'Infinity', 'Infinity'], ['0.5', 'Infinity', '0'], ['2', '-Infinity', '0'], ['0.5', '-Infinity', 'Infinity'],
    ['1', 'Infinity', '1'], ['-1', 'Infinity', '1'], ['-0.5', 'Infinity', '0'], ['-2', 'Infinity', 'Infinity'],
  ];
  for (const [a, b, r] of pw) assert.equal(f2('power', a, b), r, `power(${a},${b})`);
  throwsPg(() => f2('power', '0', '-1'), '2201F', 'zero raised to a negative power is undefined');
  throwsPg(() => f2('power', '-2', '0.5'), '2201F', 'a negative number raised to a non-integer power yields a complex result');
  throwsPg(() => f2('power', '0', '-Infinity'), '2201F', 'zero raised to a negative power is undefined');
  assert.equal(call('scale', ['numeric'], N('1.50')), 2);
  assert.equal(call('min_scale', ['numeric'], N('1.500')), 1);
  assert.equal(f1('trim_scale', '1.500'), '1.5');
  assert.equal(f1('trim_scale', '0.000'), '0');
  assert.equal(f2('gcd', '12.5', '7.5'), '2.5');
  assert.equal(f2('lcm', '1.5', '2.25'), '4.50');
  assert.equal(call('width_bucket', ['numeric', 'numeric', 'numeric', 'int4'], N('5.35'), N('0.024'), N('10.06'), 5), 3);
});

test('numeric casts', () => {
  assert.equal(castv('numeric', 'int4', N('2.5')), 3);
  assert.equal(castv('numeric', 'int4', N('-2.5')), -3);
  throwsPg(() => castv('numeric', 'int4', N('NaN')), '0A000', 'cannot convert NaN to integer');
  throwsPg(() => castv('numeric', 'int8', N('Infinity')), '0A000', 'cannot convert infinity to bigint');
  throwsPg(() => castv('numeric', 'int2', N('NaN')), '0A000', 'cannot convert NaN to smallint');
  throwsPg(() => castv('numeric', 'int4', N('2147483647.5')), '22003', 'integer out of range');
  const f8n: [number, string][] = [[1e20, '100000000000000000000'], [0.1, '0.1'], [1.0, '1'], [1e-5, '0.00001'],
    [NaN, 'NaN'], [1234567890123456789, '1234567890123460000']];
  for (const [f, r] of f8n) assert.equal(S(castv('float8', 'numeric', f)), r);
  assert.equal(S(castv('float4', 'numeric', Math.fround(123.456))), '123.456');
  assert.equal(S(castv('float4', 'numeric', Infinity)), 'Infinity');
  assert.equal(castv('numeric', 'float8', N('0.1')), 0.1);
  assert.equal(S(castv('int8', 'numeric', 5n)), '5');
  assert.ok(inp('numeric', '1') instanceof Numeric);
});
