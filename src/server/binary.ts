// Binary format (format code 1) of the common types, as PostgreSQL's send/receive
// functions: big-endian integers and floats, dates as days and timestamps as
// microseconds since 2000-01-01 (infinity as the extreme values), uuid as 16 bytes.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { defaultFormatSettings } from '../types/type.js';

const INT64_MAX = 0x7fffffffffffffffn, INT64_MIN = -0x8000000000000000n;
const INT32_MAX = 0x7fffffff, INT32_MIN = -0x80000000;

const TEXT_LIKE = new Set<number>([OID.text, OID.varchar, OID.bpchar, OID.name, OID.json, OID.unknown]);

const typeName = (oid: number) => typeByOid(oid)?.name ?? String(oid);

/** Encodes an internal value in binary format; types without a binary form here fail with 0A000. */
export function encodeBinary(v: unknown, oid: number): Uint8Array {
  if (TEXT_LIKE.has(oid)) return Buffer.from(String(v), 'utf8');
  switch (oid) {
    case OID.bool: return Uint8Array.of(v ? 1 : 0);
    case OID.bytea: return v as Uint8Array;
    case OID.int2: { const b = Buffer.allocUnsafe(2); b.writeInt16BE(v as number); return b; }
    case OID.int4: { const b = Buffer.allocUnsafe(4); b.writeInt32BE(v as number); return b; }
    case OID.oid: case OID.regclass: case OID.regtype: case OID.regproc: case OID.regnamespace: {
      const b = Buffer.allocUnsafe(4); b.writeUInt32BE(v as number); return b;
    }
    case OID.int8: case OID.money: { const b = Buffer.allocUnsafe(8); b.writeBigInt64BE(BigInt(v as bigint)); return b; }
    case OID.float4: { const b = Buffer.allocUnsafe(4); b.writeFloatBE(v as number); return b; }
    case OID.float8: { const b = Buffer.allocUnsafe(8); b.writeDoubleBE(v as number); return b; }
    case OID.uuid: return Buffer.from((v as string).replace(/-/g, ''), 'hex');
    case OID.date: {
      const d = v as number;
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(d === Infinity ? INT32_MAX : d === -Infinity ? INT32_MIN : d);
      return b;
    }
    case OID.timestamp: case OID.timestamptz: {
      const t = v as number;
      const b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(t === Infinity ? INT64_MAX : t === -Infinity ? INT64_MIN : BigInt(Math.round(t)));
      return b;
    }
  }
  // an enum's binary form is its label's text (enum_send)
  const t = typeByOid(oid);
  if (t?.category === 'E') return Buffer.from(t.output(v, defaultFormatSettings), 'utf8');
  throw new PgError('0A000', `binary output of type ${typeName(oid)} is not supported`);
}

/** Decodes a binary parameter of type `oid` into an internal value; `n` is the 1-based parameter number. */
export function decodeBinary(b: Buffer, oid: number, n: number): unknown {
  const size = (len: number) => {
    if (b.length < len) throw new PgError('08P01', 'insufficient data left in message');
    if (b.length > len) throw new PgError('22P03', `incorrect binary data format in bind parameter ${n}`);
  };
  if (TEXT_LIKE.has(oid)) return b.toString('utf8');
  switch (oid) {
    case OID.bool: size(1); return b[0] !== 0;
    case OID.bytea: return new Uint8Array(b);
    case OID.int2: size(2); return b.readInt16BE();
    case OID.int4: size(4); return b.readInt32BE();
    case OID.oid: size(4); return b.readUInt32BE();
    case OID.int8: case OID.money: size(8); return b.readBigInt64BE();
    case OID.float4: size(4); return b.readFloatBE();
    case OID.float8: size(8); return b.readDoubleBE();
    case OID.uuid: {
      size(16);
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case OID.date: {
      size(4);
      const d = b.readInt32BE();
      return d === INT32_MAX ? Infinity : d === INT32_MIN ? -Infinity : d;
    }
    case OID.timestamp: case OID.timestamptz: {
      size(8);
      const t = b.readBigInt64BE();
      return t === INT64_MAX ? Infinity : t === INT64_MIN ? -Infinity : Number(t);
    }
  }
  const t = typeByOid(oid);
  if (t?.category === 'E') return t.input(b.toString('utf8'), -1, defaultFormatSettings);
  throw new PgError('0A000', `binary input of type ${typeName(oid)} is not supported`);
}
