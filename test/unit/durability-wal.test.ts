// The write-ahead log's framing and reader (torn tails, damaged checksums, a log cut at
// every offset), crc32, and the value codec's exact round trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from '../../src/storage/crc32.js';
import { frameRecord, scanWal } from '../../src/storage/wal.js';
import { decodeValue, encodeValue } from '../../src/catalog/serialize-codec.js';
import { Numeric } from '../../src/types/numeric.js';
import { Interval } from '../../src/types/interval.js';
import { JSON_NULL, parseJsonb } from '../../src/types/json.js';
import '../../src/types/index.js';

const records = (bytes: Uint8Array) => {
  const out: string[] = [];
  const valid = scanWal(bytes, r => out.push(Buffer.from(r).toString('utf8')));
  return { out, valid };
};

const log = (...payloads: string[]) => Buffer.concat(payloads.map(p => frameRecord(Buffer.from(p))));

test('crc32 gives the IEEE checksum (zlib, PNG)', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(0)), 0);
  // computed in two pieces: the same
  const b = Buffer.from('The quick brown fox jumps over the lazy dog');
  assert.equal(crc32(b), 0x414fa339);
  assert.equal(crc32(b, crc32(b, 0, 0, 10), 10), 0x414fa339);
});

test('records read back in order, and the valid length is the whole log', () => {
  const bytes = log('first', '', 'third record');
  assert.deepEqual(records(bytes), { out: ['first', '', 'third record'], valid: bytes.length });
});

test('a log cut at every offset yields exactly the records wholly before the cut', () => {
  const payloads = ['a', 'bb', 'a longer third record', 'x'.repeat(300)];
  const bytes = log(...payloads);
  const ends: number[] = [];
  let at = 0;
  for (const p of payloads) { at += frameRecord(Buffer.from(p)).length; ends.push(at); }
  for (let cut = 0; cut <= bytes.length; cut++) {
    const n = ends.filter(e => e <= cut).length;
    const r = records(bytes.subarray(0, cut));
    assert.deepEqual(r.out, payloads.slice(0, n), `cut at ${cut}`);
    assert.equal(r.valid, n ? ends[n - 1] : 0, `cut at ${cut}`);
  }
});

test('a damaged byte anywhere in a record ends the log before that record', () => {
  const bytes = log('one', 'two', 'three');
  const second = frameRecord(Buffer.from('one')).length;
  const third = second + frameRecord(Buffer.from('two')).length;
  for (let i = second; i < third; i++) {
    const copy = Buffer.from(bytes);
    copy[i] ^= 0x40;
    const r = records(copy);
    assert.deepEqual(r.out, ['one'], `byte ${i}`);
    assert.equal(r.valid, second);
  }
});

test('zeros after the last record (a file extended before its data was written) are a torn tail', () => {
  const bytes = Buffer.concat([log('kept'), Buffer.alloc(64)]);
  assert.deepEqual(records(bytes), { out: ['kept'], valid: bytes.length - 64 });
});

test('a record larger than a frame spans several and is only read when all of them are there', () => {
  const big = Buffer.alloc(2500, 7);
  const framed = frameRecord(big, 1000);
  assert.equal(framed.length, 2500 + 3 * 9);
  const seen: number[] = [];
  assert.equal(scanWal(framed, r => seen.push(r.length)), framed.length);
  assert.deepEqual(seen, [2500]);
  // the last frame missing: nothing
  const cut = framed.subarray(0, framed.length - 10);
  const none: number[] = [];
  assert.equal(scanWal(cut, r => none.push(r.length)), 0);
  assert.deepEqual(none, []);
});

test('the value codec round-trips every kind of stored value exactly', () => {
  const values: unknown[] = [
    null, true, false, 0, -1, 42, 2 ** 31, -(2 ** 40), 2 ** 53 + 2, 1.5, -0, NaN, Infinity, -Infinity, 1e-310,
    12345678901234567890n, -5n, 0n, '', 'héllo wörld ✓ 😀', 'x'.repeat(1000),
    new Uint8Array([0, 1, 255]), new Uint8Array(0),
    Numeric.parse('123.4500'), Numeric.parse('-0.000001'), Numeric.NaN, Numeric.PInf, Numeric.NInf, Numeric.parse('9'.repeat(200)),
    new Interval(14, -3, 3_600_000_123), new Interval(0, 0, 0.5),
    parseJsonb('{"b": [1, 2.50, null, true], "a": {"x": "y"}, "": null}'), JSON_NULL,
    [1, null, [2, 3], ['a', null]], { time: 3600000000, offset: -7200 },
    [new Date(0), new Date(1e12)],
  ];
  for (const v of values) {
    const back = decodeValue(encodeValue(v));
    assert.deepEqual(back, v, `value ${String(v)}`);
    if (typeof v === 'number') assert.ok(Object.is(back, v), `number ${v}`);
    if (v instanceof Numeric) assert.equal((back as Numeric).toString(), v.toString());
  }
  const row = [1, 'two', Numeric.parse('3.00'), null, [new Interval(1, 2, 3)]];
  assert.deepEqual(decodeValue(encodeValue(row)), row);
});

test('values the codec cannot store are refused, never silently changed', () => {
  assert.throws(() => encodeValue(() => 1), /cannot serialize a function/);
  assert.throws(() => encodeValue(Symbol('x')), /cannot serialize the symbol/);
  class Unknown { a = 1; }
  assert.throws(() => encodeValue(new Unknown()), /cannot serialize an instance of Unknown/);
});
