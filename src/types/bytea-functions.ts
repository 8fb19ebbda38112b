// bytea's string functions (varlena.c): substring/substr, trim, overlay, bit and byte access,
// bit_count, the sha2 family, LIKE on bytes.
import { createHash } from 'node:crypto';
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn, op } from './define.js';
import { like, likeEscape } from './pattern.js';

const { bytea, int4, int8, bool } = OID;
type Bytes = Uint8Array;

/** bytea_substring: 1-based start, an optional length (negative: an error). */
export function byteaSubstr(b: Bytes, start: number, count?: number): Bytes {
  if (count !== undefined && count < 0) throw new PgError('22011', 'negative substring length not allowed');
  const from = Math.max(start, 1);
  const end = count === undefined ? b.length + 1 : Math.min(start + count, b.length + 1);
  return end <= from ? new Uint8Array(0) : b.slice(from - 1, end - 1);
}

for (const nm of ['substr', 'substring']) {
  fn(nm, [bytea, int4], bytea, ([b, s]) => byteaSubstr(b, s));
  fn(nm, [bytea, int4, int4], bytea, ([b, s, c]) => byteaSubstr(b, s, c));
}

function trimBytes(b: Bytes, set: Bytes, left: boolean, right: boolean): Bytes {
  let i = 0, j = b.length;
  if (left) while (i < j && set.includes(b[i])) i++;
  if (right) while (j > i && set.includes(b[j - 1])) j--;
  return b.slice(i, j);
}
fn('btrim', [bytea, bytea], bytea, ([b, s]) => trimBytes(b, s, true, true));
fn('ltrim', [bytea, bytea], bytea, ([b, s]) => trimBytes(b, s, true, false));
fn('rtrim', [bytea, bytea], bytea, ([b, s]) => trimBytes(b, s, false, true));

function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) { out.set(p, k); k += p.length; }
  return out;
}
/** byteaoverlay: what precedes the start, the replacement, what follows start + length. */
function overlay(t1: Bytes, t2: Bytes, sp: number, sl: number): Bytes {
  if (sp <= 0) throw new PgError('22011', 'negative substring length not allowed');
  return concat(byteaSubstr(t1, 1, sp - 1), t2, byteaSubstr(t1, sp + sl));
}
fn('overlay', [bytea, bytea, int4], bytea, ([a, b, s]) => overlay(a, b, s, b.length));
fn('overlay', [bytea, bytea, int4, int4], bytea, ([a, b, s, l]) => overlay(a, b, s, l));

const outOfRange = (n: number | bigint, len: number) => new PgError('2202E', `index ${n} out of valid range, 0..${len - 1}`);
fn('get_bit', [bytea, int8], int4, ([b, n]) => {
  const i = Number(n);
  if (i < 0 || i >= b.length * 8) throw outOfRange(n, b.length * 8);
  return (b[i >> 3] >> (i & 7)) & 1;
});
fn('set_bit', [bytea, int8, int4], bytea, ([b, n, v]) => {
  const i = Number(n);
  if (i < 0 || i >= b.length * 8) throw outOfRange(n, b.length * 8);
  if (v !== 0 && v !== 1) throw new PgError('22023', 'new bit must be 0 or 1');
  const out = b.slice();
  out[i >> 3] = v ? out[i >> 3] | (1 << (i & 7)) : out[i >> 3] & ~(1 << (i & 7));
  return out;
});
fn('set_byte', [bytea, int4, int4], bytea, ([b, n, v]) => {
  if (n < 0 || n >= b.length) throw outOfRange(n, b.length);
  const out = b.slice();
  out[n] = v & 0xff;
  return out;
});
fn('bit_count', [bytea], int8, ([b]) => {
  let c = 0;
  for (const x of b as Bytes) { let y = x; while (y) { c += y & 1; y >>= 1; } }
  return BigInt(c);
});

for (const alg of ['sha224', 'sha384', 'sha512']) {
  fn(alg, [bytea], bytea, ([v]) => new Uint8Array(createHash(alg).update(v as Bytes).digest()));
}

// LIKE on bytes: each byte one character (latin1), so % and _ match single bytes
const latin1 = (b: Bytes) => Buffer.from(b).toString('latin1');
const fromLatin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
op('~~', bytea, bytea, bool, (a: Bytes, p: Bytes) => like(latin1(a), latin1(p)));
op('!~~', bytea, bytea, bool, (a: Bytes, p: Bytes) => !like(latin1(a), latin1(p)));
fn('like', [bytea, bytea], bool, ([a, p]) => like(latin1(a), latin1(p)));
fn('notlike', [bytea, bytea], bool, ([a, p]) => !like(latin1(a), latin1(p)));
fn('like_escape', [bytea, bytea], bytea, ([p, e]) => fromLatin1(likeEscape(latin1(p), latin1(e))));
