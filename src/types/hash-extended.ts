// PostgreSQL's 64-bit seeded hash functions (hashfn.c's Jenkins lookup3 and the types'
// hash*extended support functions), as hash partitioning uses them: a row lands in the
// partition PostgreSQL would put it in only if every bit matches.
import { OID } from './oids.js';

const rot = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

interface State { a: number; b: number; c: number }

function mix(s: State): void {
  let { a, b, c } = s;
  a = (a - c) >>> 0; a = (a ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
  a = (a - c) >>> 0; a = (a ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
  s.a = a; s.b = b; s.c = c;
}

function final(s: State): void {
  let { a, b, c } = s;
  c = (c ^ b) >>> 0; c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 24)) >>> 0;
  s.a = a; s.b = b; s.c = c;
}

function seedState(s: State, seed: bigint): void {
  if (seed === 0n) return;
  s.a = (s.a + Number((seed >> 32n) & 0xffffffffn)) >>> 0;
  s.b = (s.b + Number(seed & 0xffffffffn)) >>> 0;
  mix(s);
}

const result = (s: State): bigint => (BigInt(s.b) << 32n) | BigInt(s.c);

/** hash_bytes_uint32_extended */
export function hashUint32Extended(k: number, seed: bigint): bigint {
  const init = (0x9e3779b9 + 4 + 3923095) >>> 0;
  const s: State = { a: init, b: init, c: init };
  seedState(s, seed);
  s.a = (s.a + (k >>> 0)) >>> 0;
  final(s);
  return result(s);
}

/** hash_bytes_extended (little-endian byte order, as on the machines PostgreSQL's expected files come from) */
export function hashBytesExtended(k: Uint8Array, seed: bigint): bigint {
  let len = k.length;
  const init = (0x9e3779b9 + len + 3923095) >>> 0;
  const s: State = { a: init, b: init, c: init };
  seedState(s, seed);
  let i = 0;
  const word = (j: number) => (k[j] | (k[j + 1] << 8) | (k[j + 2] << 16) | (k[j + 3] << 24)) >>> 0;
  while (len >= 12) {
    s.a = (s.a + word(i)) >>> 0;
    s.b = (s.b + word(i + 4)) >>> 0;
    s.c = (s.c + word(i + 8)) >>> 0;
    mix(s);
    i += 12;
    len -= 12;
  }
  // the last 11 bytes, little-endian into a, b, c; the lowest byte of c is reserved for the length
  for (let j = 0; j < len; j++) {
    const byte = k[i + j];
    if (j < 4) s.a = (s.a + (byte << (8 * j))) >>> 0;
    else if (j < 8) s.b = (s.b + (byte << (8 * (j - 4)))) >>> 0;
    else s.c = (s.c + (byte << (8 * (j - 7)))) >>> 0;
  }
  final(s);
  return result(s);
}

/** hashint8extended: the two halves folded into 32 bits first. */
function hashInt8Extended(v: bigint, seed: bigint): bigint {
  const lo = Number(BigInt.asUintN(32, v));
  const hi = Number(BigInt.asUintN(32, v >> 32n));
  const folded = v >= 0n ? (lo ^ hi) >>> 0 : (lo ^ (~hi >>> 0)) >>> 0;
  return hashUint32Extended(folded, seed);
}

function hashFloat8Extended(v: number, seed: bigint): bigint {
  // +0 and -0 hash alike; all NaNs hash alike
  if (v === 0) return seed;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Number.isNaN(v) ? NaN : v, true);
  return hashBytesExtended(new Uint8Array(buf.buffer), seed);
}

const utf8 = new TextEncoder();

/**
 * The type's extended hash of a (non-null) value with a seed, or undefined when the type has
 * no hash support here.
 */
export function hashValueExtended(typeOid: number, v: unknown, seed: bigint): bigint | undefined {
  switch (typeOid) {
    case OID.int2: case OID.int4: case OID.date: return hashUint32Extended((v as number) | 0, seed);
    case OID.oid: return hashUint32Extended((v as number) >>> 0, seed);
    case OID.bool: return hashUint32Extended(v ? 1 : 0, seed);
    case OID.int8: return hashInt8Extended(BigInt(v as bigint), seed);
    case OID.timestamp: case OID.timestamptz: return hashInt8Extended(BigInt(Math.round(v as number)), seed);
    case OID.float4: case OID.float8: return hashFloat8Extended(v as number, seed);
    case OID.text: case OID.varchar: case OID.name: return hashBytesExtended(utf8.encode(v as string), seed);
    case OID.bpchar: return hashBytesExtended(utf8.encode((v as string).replace(/ +$/, '')), seed);
    case OID.uuid: return hashBytesExtended(Uint8Array.from(((v as string).replace(/-/g, '').match(/../g) ?? []).map(h => parseInt(h, 16))), seed);
  }
  return undefined;
}

/** hash_combine64 */
export function hashCombine64(a: bigint, b: bigint): bigint {
  const M = (1n << 64n) - 1n;
  a = a ^ ((b + 0x49a0f4dd15e5a8e3n + (a << 54n) + (a >> 7n)) & M);
  return a & M;
}

export const HASH_PARTITION_SEED = 0x7A5B22367996DCFDn;
