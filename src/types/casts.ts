// pg_cast entries between the integer, boolean and character types.
// Conversions to/from numeric, float, json… live with those families.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { cast } from './define.js';
import { checkInt2, checkInt4, checkInt8 } from './integer-ops.js';
import { rtrimSpaces, toName } from './text.js';

const { int2, int4, int8, bool, text, varchar, bpchar, name, char, oid } = OID;
const { regproc, regprocedure, regoper, regoperator, regclass, regtype, regnamespace } = OID;

// integers
cast(int2, int4, 'i', (v: number) => v);
cast(int2, int8, 'i', (v: number) => BigInt(v));
cast(int4, int8, 'i', (v: number) => BigInt(v));
cast(int4, int2, 'a', (v: number) => checkInt2(v));
cast(int8, int4, 'a', (v: bigint) => {
  if (v < -2147483648n || v > 2147483647n) throw new PgError('22003', 'integer out of range');
  return Number(v);
});
cast(int8, int2, 'a', (v: bigint) => {
  if (v < -32768n || v > 32767n) throw new PgError('22003', 'smallint out of range');
  return Number(v);
});
cast(int4, bool, 'e', (v: number) => v !== 0);
cast(bool, int4, 'e', (v: boolean) => (v ? 1 : 0));

// oid and reg* (binary-coercible from int4; int8 → oid checks range)
const int8ToOid = (v: bigint): number => {
  if (v < 0n || v > 4294967295n) throw new PgError('22003', 'OID out of range');
  return Number(v);
};
const int4ToOid = (v: number): number => (v < 0 ? v + 4294967296 : v);
const oidToInt4 = (v: number): number => v | 0;
for (const t of [oid, regproc, regprocedure, regoper, regoperator, regclass, regtype, regnamespace]) {
  cast(int8, t, 'i', int8ToOid);
  cast(int2, t, 'i', int4ToOid);
  cast(int4, t, 'i', int4ToOid);
  cast(t, int8, 'a', (v: number) => BigInt(v));
  cast(t, int4, 'a', oidToInt4);
  if (t !== oid) {
    cast(oid, t, 'i');
    cast(t, oid, 'i');
  }
}
cast(regproc, regclass, 'e');
cast(regproc, regprocedure, 'i');
cast(regprocedure, regproc, 'i');
cast(regoper, regoperator, 'i');
cast(regoperator, regoper, 'i');

// "char"
cast(int4, char, 'e', (v: number) => {
  if (v < -128 || v > 127) throw new PgError('22003', '"char" out of range');
  return v === 0 ? '' : String.fromCharCode(v & 255);
});
cast(char, int4, 'e', (v: string) => {
  if (v.length === 0) return 0;
  const c = v.charCodeAt(0);
  return c >= 128 ? c - 256 : c;
});
const firstChar = (v: string): string => {
  if (v.length === 0) return '';
  const c = v.charCodeAt(0);
  if (c < 0x80) return v[0]!;
  return String.fromCharCode(Buffer.from(v.slice(0, 2), 'utf8')[0]!);
};
cast(char, text, 'i', (v: string) => v);
cast(char, bpchar, 'a', (v: string) => v);
cast(char, varchar, 'a', (v: string) => v);
cast(text, char, 'a', firstChar);
cast(bpchar, char, 'a', firstChar);
cast(varchar, char, 'a', firstChar);

// boolean → strings ('true' / 'false')
const boolText = (v: boolean): string => (v ? 'true' : 'false');
cast(bool, text, 'a', boolText);
cast(bool, bpchar, 'a', boolText);
cast(bool, varchar, 'a', boolText);

// text family
cast(text, varchar, 'i');
cast(varchar, text, 'i');
cast(text, bpchar, 'i');
cast(varchar, bpchar, 'i');
cast(bpchar, text, 'i', rtrimSpaces);
cast(bpchar, varchar, 'i', rtrimSpaces);
cast(bpchar, bpchar, 'i'); // length coercion: the engine applies applyTypmod
cast(varchar, varchar, 'i');
cast(text, name, 'i', toName);
cast(varchar, name, 'i', toName);
cast(bpchar, name, 'i', (v: string) => toName(rtrimSpaces(v)));
cast(name, text, 'i', (v: string) => v);
cast(name, bpchar, 'a', (v: string) => v);
cast(name, varchar, 'a', (v: string) => v);

export { checkInt4, checkInt8 };
