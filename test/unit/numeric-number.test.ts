// Numeric's coefficient as a number while it is a safe integer (types/numeric.ts): outputs
// from PostgreSQL 15 for values on both sides of 2^53, at scales the output table covers
// (1–3), beyond it, and beyond 10^15; the number and bigint paths must agree everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Numeric, applyNumericTypmod, numericTypmod } from '../../src/types/numeric.js';
import { NumericSum } from '../../src/types/numeric-sum.js';

const N = (s: string): Numeric => Numeric.parse(s);

test('output at every scale (PostgreSQL 15)', () => {
  const cases = [
    '0.0000000000000001', '-0.000000000000000123', '1.0000000000000000', '-0.5', '0.05', '-0.005',
    '12.0500', '-9007199254740.991', '9007199254740991', '-9007199254740992', '0.1', '-0.01', '0.001',
    '999.999', '1000000.0001', '123456789012345678901234567890.5', '0.000', '7',
  ];
  for (const s of cases) assert.equal(N(s).toString(), s, s);
  assert.equal(N('-0.000').toString(), '0.000');
  assert.equal(N('1.5e-16').toString(), '0.00000000000000015');
});

test('arithmetic across 2^53 (PostgreSQL 15)', () => {
  assert.equal(N('9007199254740991').add(N('1')).toString(), '9007199254740992');
  assert.equal(N('9007199254740991').mul(N('1.5')).toString(), '13510798882111486.5');
  assert.equal(N('-90071992547409.91').sub(N('0.01')).toString(), '-90071992547409.92');
  assert.equal(N('90071992547409.91').add(N('0.001')).toString(), '90071992547409.911');
  assert.equal(N('94906265.62425156').mul(N('94906265.62425156')).toString(), '9007199254740993.3497368101624336');
  assert.equal(N('1.5').mul(N('2.0000000000000001')).toString(), '3.00000000000000015');
  assert.equal(N('1234567.891').mul(N('7654321.123')).toString(), '9449779085858.861593');
  assert.equal(N('0.1').mul(N('0.1')).toString(), '0.01');
  assert.equal(N('1.05').mul(N('-0')).toString(), '0.00');
  assert.equal(N('-3').mul(N('0.00')).toString(), '0.00');
  assert.equal(N('5.5').sub(N('5.50')).toString(), '0.00');
  assert.equal(N('123456789.123').add(N('0.0000001')).toString(), '123456789.1230001');
  assert.equal(N('Infinity').add(N('1.5')).toString(), 'Infinity');
  assert.equal(N('Infinity').sub(N('Infinity')).toString(), 'NaN');
  assert.equal(N('Infinity').mul(N('0')).toString(), 'NaN');
  assert.equal(N('-Infinity').mul(N('-2.5')).toString(), 'Infinity');
  assert.equal(N('Infinity').neg().toString(), '-Infinity');
  assert.equal(N('-Infinity').abs().toString(), 'Infinity');
});

test('comparison and hashing across scales and 2^53 (PostgreSQL 15)', () => {
  const cmp = (a: string, b: string): number => Math.sign(N(a).compare(N(b)));
  assert.equal(cmp('0.0000000000000001', '0.00000000000000010'), 0);
  assert.equal(cmp('1e-20', '1e-19'), -1);
  assert.equal(cmp('1', '0.99999999999999999999'), 1);
  assert.equal(cmp('123.4500', '123.45'), 0);
  assert.equal(cmp('9007199254740993', '9007199254740991.5'), 1);
  assert.equal(cmp('Infinity', '9007199254740993'), 1);
  assert.equal(cmp('-Infinity', '-1e300'), -1);
  assert.equal(cmp('NaN', 'Infinity'), 1);
  assert.equal(cmp('NaN', 'NaN'), 0);
  assert.equal(cmp('-0.001', '0'), -1);
  assert.equal(cmp('2.00', '1.999'), 1);
  // equal values hash alike whichever representation each has
  assert.equal(N('123456789012345678901234567890.5000').normalizedKey(), N('123456789012345678901234567890.5').normalizedKey());
  assert.equal(N('1000000000000000.000').normalizedKey(), N('1e15').normalizedKey());
  assert.equal(N('90071992547409920.0').normalizedKey(), N('9.007199254740992e16').normalizedKey());
  assert.equal(N('1.50').normalizedKey(), N('1.5').normalizedKey());
  assert.equal(N('-0.00').normalizedKey(), N('0').normalizedKey());
});

test('typmod rounding half away from zero and overflow (PostgreSQL 15)', () => {
  const fit = (s: string, p: number, sc: number): string => applyNumericTypmod(N(s), numericTypmod(p, sc)).toString();
  assert.equal(fit('0.005', 5, 2), '0.01');
  assert.equal(fit('-0.005', 5, 2), '-0.01');
  assert.equal(fit('0.0049', 5, 2), '0.00');
  assert.equal(fit('-12.345', 6, 2), '-12.35');
  assert.equal(fit('999.994', 5, 2), '999.99');
  assert.equal(fit('1.5', 1, 0), '2');
  assert.equal(fit('-2.5', 2, 0), '-3');
  assert.equal(fit('123.456', 10, -1), '120');
  assert.equal(fit('-125', 3, -1), '-130');
  assert.equal(fit('0.00001', 3, 5), '0.00001');
  assert.equal(fit('12', 4, 2), '12.00');
  assert.equal(fit('0.0001', 2, 3), '0.000');
  assert.equal(fit('12345678901234567.5', 20, 0), '12345678901234568');
  assert.equal(fit('NaN', 4, 2), 'NaN');
  const overflow = (s: string, p: number, sc: number, detail: string): void => assert.throws(() => fit(s, p, sc),
    (e: any) => e.code === '22003' && e.message === 'numeric field overflow' && e.detail === detail);
  overflow('999.995', 5, 2, 'A field with precision 5, scale 2 must round to an absolute value less than 10^3.');
  overflow('-99999999.995', 10, 2, 'A field with precision 10, scale 2 must round to an absolute value less than 10^8.');
  overflow('100000000', 10, 2, 'A field with precision 10, scale 2 must round to an absolute value less than 10^8.');
  overflow('100', 2, 3, 'A field with precision 2, scale 3 must round to an absolute value less than 10^-1.');
  overflow('-Infinity', 10, 2, 'A field with precision 10, scale 2 cannot hold an infinite value.');
  // a value already at the column's scale is kept as it is (no copy)
  const v = N('123.45');
  assert.equal(applyNumericTypmod(v, numericTypmod(10, 2)), v);
});

test('round, float conversion (PostgreSQL 15)', () => {
  assert.equal(N('-1.005').round(2).toString(), '-1.01');
  assert.equal(N('9007199254740991.5').round(0).toString(), '9007199254740992');
  assert.equal(N('0.4999').round(3).toString(), '0.500');
  assert.equal(N('-0.5').round(0).toString(), '-1');
  assert.equal(N('1.5').round(3).toString(), '1.500');
  assert.equal(N('12345678901.23').toNumber(), 12345678901.23);
  assert.equal(N('1.23e-5').toNumber(), 1.23e-5);
  assert.equal(N('123456.789012345678').toNumber(), 123456.78901234567);
  assert.equal(N('0.3').toNumber(), 0.3);
  assert.equal(N('-123.456').toNumber(), -123.456);
});

test('sums across 2^53 (PostgreSQL 15)', () => {
  const sum = (vals: string[]): string => { const a = new NumericSum(); for (const v of vals) a.add(N(v)); return a.result().toString(); };
  assert.equal(sum(['4503599627370496', '4503599627370496', '0.5']), '9007199254740992.5');
  assert.equal(sum(['9007199254740991', '9007199254740991', '-9007199254740991']), '9007199254740991');
  assert.equal(sum(['Infinity', '1.5', '-Infinity']), 'NaN');
  assert.equal(sum(['1.25', '2.5', '-0.125']), '3.625');
  const a = new NumericSum();
  a.add(N('1e20'));
  a.reset();
  a.add(N('0.25'));
  assert.equal(a.result().toString(), '0.25');
  assert.equal(a.count, 1);
});
