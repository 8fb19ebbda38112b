import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Numeric } from '../../src/types/numeric.js';
import { NumericSum } from '../../src/types/numeric-sum.js';

const N = (s: string): Numeric => Numeric.parse(s);

/** The sum as a chain of Numeric.add (what sum(numeric) computed before the accumulator). */
function chained(vals: Numeric[]): Numeric {
  let s = vals[0]!;
  for (let i = 1; i < vals.length; i++) s = s.add(vals[i]!);
  return s;
}

function summed(vals: Numeric[]): NumericSum {
  const acc = new NumericSum();
  for (const v of vals) acc.add(v);
  return acc;
}

test('NumericSum equals the chain of adds: value and display scale', () => {
  const cases: string[][] = [
    ['1.50', '2.25', '-0.75'],
    ['1', '0.5', '0.125', '10'], // scale grows: 0 → 1 → 3
    ['0.001', '1', '2'], // scale shrinks after the first value: the sum keeps 3
    ['-0.000', '0'],
    ['9007199254740991', '1'], // the integer sum leaves the safe range: continued exactly in bigints
    ['90071992547409.91', '0.01', '0.001'],
    ['123456789012345678901234567890.5', '1.25'], // a coefficient beyond 2^53 from the start
    ['1e-20', '1'], // a rescale beyond 10^15
    ['5', '-5', '1e100'],
  ];
  for (const c of cases) {
    const vals = c.map(N);
    const acc = summed(vals);
    const want = chained(vals);
    assert.equal(acc.result().toString(), want.toString(), c.join(' + '));
    assert.equal(acc.result().scale, want.scale, c.join(' + '));
    assert.equal(acc.count, c.length);
  }
});

test('NumericSum with NaN and infinities gives what numeric_add gives', () => {
  const cases: [string[], string][] = [
    [['1.5', 'NaN', '2'], 'NaN'],
    [['Infinity', '1.25'], 'Infinity'],
    [['1.25', '-Infinity', '3'], '-Infinity'],
    [['Infinity', '-Infinity'], 'NaN'],
    [['2', 'Infinity', 'NaN'], 'NaN'],
  ];
  for (const [c, want] of cases) {
    assert.equal(summed(c.map(N)).result().toString(), want, c.join(' + '));
    assert.equal(chained(c.map(N)).toString(), want, c.join(' + '));
  }
});

test('NumericSum over many values stays exact (random cents, mixed scales)', () => {
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  const vals: Numeric[] = [];
  for (let i = 0; i < 5000; i++) {
    const scale = rnd() % 4;
    const coef = BigInt(rnd() % 2000000000) * (rnd() % 2 ? 1n : -1n) * (i % 97 === 0 ? 10n ** 12n : 1n);
    vals.push(new Numeric(coef, scale));
  }
  assert.equal(summed(vals).result().toString(), chained(vals).toString());
});

test('Numeric.c is a number exactly while the coefficient is a safe integer', () => {
  assert.equal(N('12.34').c, 1234);
  assert.equal(N('-9007199254740991').c, -9007199254740991);
  assert.equal(N('9007199254740992').c, 9007199254740992n);
  assert.equal(N('-90071992547409.92').c, -9007199254740992n);
  assert.ok(Number.isNaN(N('NaN').c));
  assert.equal(N('-Infinity').c, -Infinity);
  assert.equal(new Numeric(10n ** 20n, 2).c, 10n ** 20n);
  assert.equal(new Numeric(123n, 2).c, 123);
  assert.equal(N('-0.00').c, 0);
  assert.ok(Object.is(N('-0.00').c, 0) && Object.is(N('-2').mul(N('0')).c, 0), 'never -0');
  assert.equal(N('12.34').coef, 1234n);
  assert.equal(N('NaN').coef, 0n);
});
