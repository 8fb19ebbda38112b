// bytea: Uint8Array. Hex ('\x…') and escape text formats, as byteain/byteaout.
import { createHash } from 'node:crypto';
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType, isSpaceCode } from './base.js';
import { comparisonOps, fn, op } from './define.js';

const { bytea, text, int4, bool } = OID;
const HEX = '0123456789abcdef';

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

export function parseBytea(s: string): Uint8Array {
  if (s.length >= 2 && s.charCodeAt(0) === 92 && s.charCodeAt(1) === 120) {
    const out = new Uint8Array((s.length - 2) >> 1);
    let n = 0;
    for (let i = 2; i < s.length;) {
      const c = s.charCodeAt(i);
      if (isSpaceCode(c)) { i++; continue; }
      const hi = hexVal(c);
      if (hi < 0) throw new PgError('22023', `invalid hexadecimal digit: "${String.fromCodePoint(s.codePointAt(i)!)}"`);
      if (i + 1 >= s.length) throw new PgError('22023', 'invalid hexadecimal data: odd number of digits');
      const lo = hexVal(s.charCodeAt(i + 1));
      if (lo < 0) throw new PgError('22023', `invalid hexadecimal digit: "${String.fromCodePoint(s.codePointAt(i + 1)!)}"`);
      out[n++] = (hi << 4) | lo;
      i += 2;
    }
    return n === out.length ? out : out.slice(0, n);
  }
  // escape format
  const src = Buffer.from(s, 'utf8');
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c !== 92) { out[n++] = c; i++; continue; }
    if (i + 1 < src.length && src[i + 1] === 92) { out[n++] = 92; i += 2; continue; }
    if (i + 3 < src.length + 0 && isOct(src[i + 1]!, '0', '3') && isOct(src[i + 2]!, '0', '7') && isOct(src[i + 3]!, '0', '7')) {
      out[n++] = ((src[i + 1]! - 48) << 6) | ((src[i + 2]! - 48) << 3) | (src[i + 3]! - 48);
      i += 4;
      continue;
    }
    throw new PgError('22P02', 'invalid input syntax for type bytea');
  }
  return out.slice(0, n);
}
const isOct = (c: number, lo: string, hi: string): boolean => c >= lo.charCodeAt(0) && c <= hi.charCodeAt(0);

export function byteaToHex(v: Uint8Array): string {
  let s = '\\x';
  for (let i = 0; i < v.length; i++) s += HEX[v[i]! >> 4]! + HEX[v[i]! & 15]!;
  return s;
}
export function byteaToEscape(v: Uint8Array): string {
  let s = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === 92) s += '\\\\';
    else if (c < 32 || c > 126) s += '\\' + c.toString(8).padStart(3, '0');
    else s += String.fromCharCode(c);
  }
  return s;
}

export function compareBytea(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const byteaType = defineType({
  oid: bytea, name: 'bytea', category: 'U', preferred: false, len: -1, array: OID._bytea,
  input: (t) => parseBytea(t),
  output: (v, s) => (s.byteaOutput === 'escape' ? byteaToEscape(v as Uint8Array) : byteaToHex(v as Uint8Array)),
  compare: (a, b) => compareBytea(a as Uint8Array, b as Uint8Array),
  hashKey: (v) => Buffer.from(v as Uint8Array).toString('latin1'),
});

comparisonOps(bytea, bytea, compareBytea, bool);
op('||', bytea, bytea, bytea, (a: Uint8Array, b: Uint8Array) => {
  const r = new Uint8Array(a.length + b.length);
  r.set(a, 0);
  r.set(b, a.length);
  return r;
});
fn('length', [bytea], int4, ([v]) => (v as Uint8Array).length);
fn('octet_length', [bytea], int4, ([v]) => (v as Uint8Array).length);
fn('md5', [bytea], text, ([v]) => createHash('md5').update(v as Uint8Array).digest('hex'));
fn('sha256', [bytea], bytea, ([v]) => new Uint8Array(createHash('sha256').update(v as Uint8Array).digest()));
fn('get_byte', [bytea, int4], int4, ([v, n]) => {
  const b = v as Uint8Array;
  if (n < 0 || n >= b.length) throw new PgError('2202E', `index ${n} out of valid range, 0..${b.length - 1}`);
  return b[n];
});
fn('encode', [bytea, text], text, ([v, f]) => {
  const b = Buffer.from(v as Uint8Array);
  switch ((f as string).toLowerCase()) {
    case 'hex': return b.toString('hex');
    case 'base64': return (b.toString('base64').match(/.{1,76}/g) ?? ['']).join('\n');
    // esc_encode: only NUL and bytes with the high bit set become \ooo (unlike bytea_output = escape)
    case 'escape': {
      let out = '';
      for (const x of v as Uint8Array) {
        out += x === 0 || x >= 0x80 ? '\\' + x.toString(8).padStart(3, '0') : x === 0x5c ? '\\\\' : String.fromCharCode(x);
      }
      return out;
    }
  }
  throw new PgError('22023', `unrecognized encoding: "${f}"`);
});
fn('decode', [text, text], bytea, ([s, f]) => {
  switch ((f as string).toLowerCase()) {
    case 'hex': return parseBytea('\\x' + s);
    case 'base64': return new Uint8Array(Buffer.from((s as string).replace(/\s+/g, ''), 'base64'));
    case 'escape': return parseBytea(s);
  }
  throw new PgError('22023', `unrecognized encoding: "${f}"`);
});
