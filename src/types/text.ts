// Character types: text, varchar(n), bpchar/char(n), name, "char", unknown.
// All are JS strings. char(n) values are stored padded with spaces to n characters
// and compare ignoring trailing spaces. Typmod for varchar/char is n + 4.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import type { TypeCategory } from './type.js';
import { charLength, charOffset, compareText, defineType, utf8Length } from './base.js';

export const VARHDRSZ = 4;

/** Remove trailing spaces (bpchar's significant value). */
export function rtrimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}

function tooLong(kind: 'character varying' | 'character', n: number): PgError {
  return new PgError('22001', `value too long for type ${kind}(${n})`);
}

/** True when s[from..] is all spaces. */
function onlySpacesFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

/** varchar(n) coercion: error (22001) unless explicit or the excess is spaces; truncate. */
export function applyVarcharTypmod(s: string, typmod: number, explicit: boolean): string {
  if (typmod < VARHDRSZ) return s;
  const max = typmod - VARHDRSZ;
  if (s.length <= max) return s;
  if (charLength(s) <= max) return s;
  const cut = charOffset(s, max);
  if (!explicit && !onlySpacesFrom(s, cut)) throw tooLong('character varying', max);
  return s.slice(0, cut);
}

/** char(n) coercion: like varchar, then pad with spaces to n characters. */
export function applyBpcharTypmod(s: string, typmod: number, explicit: boolean): string {
  if (typmod < VARHDRSZ) return s;
  const max = typmod - VARHDRSZ;
  const len = s.length <= max ? s.length : charLength(s);
  if (len === max) return s;
  if (len < max) return s + ' '.repeat(max - len);
  const cut = charOffset(s, max);
  if (!explicit && !onlySpacesFrom(s, cut)) throw tooLong('character', max);
  return s.slice(0, cut);
}

export function compareBpchar(a: string, b: string): number {
  return compareText(rtrimSpaces(a), rtrimSpaces(b));
}

/** name: truncated to 63 bytes (NAMEDATALEN - 1) at a character boundary. */
export function toName(s: string): string {
  if (s.length <= 21 || utf8Length(s) <= 63) return s;
  let bytes = 0, i = 0;
  while (i < s.length) {
    const c = s.codePointAt(i)!;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + w > 63) break;
    bytes += w;
    i += c >= 0x10000 ? 2 : 1;
  }
  return s.slice(0, i);
}

/** "char" input: the first byte; a 4-char '\ooo' octal escape is accepted (PG15 charin). */
export function toChar(s: string): string {
  if (s.length === 4 && s.charCodeAt(0) === 92 && /^\\[0-3][0-7][0-7]$/.test(s)) {
    const v = parseInt(s.slice(1), 8);
    return v === 0 ? '' : String.fromCharCode(v);
  }
  if (s.length === 0) return '';
  const c = s.charCodeAt(0);
  if (c < 0x80) return s[0]!;
  // first byte of the UTF-8 encoding
  return String.fromCharCode(Buffer.from(s.slice(0, 2), 'utf8')[0]!);
}

export function charOut(v: string): string {
  if (v.length === 0) return '';
  const c = v.charCodeAt(0);
  if (c >= 0x80) return '\\' + c.toString(8).padStart(3, '0');
  return v;
}

const strOut = (v: unknown): string => v as string;
const cmpStr = (a: unknown, b: unknown): number => compareText(a as string, b as string);

function lengthTypmodIn(kind: string) {
  return (mods: number[]): number => {
    if (mods.length !== 1) throw new PgError('22023', `invalid type modifier`);
    const n = mods[0]!;
    if (n < 1) throw new PgError('22023', `length for type ${kind} must be at least 1`);
    if (n > 10485760) throw new PgError('22023', `length for type ${kind} cannot exceed 10485760`);
    return n + VARHDRSZ;
  };
}

export const textType = defineType({
  oid: OID.text, name: 'text', category: 'S', preferred: true, len: -1, array: OID._text,
  input: (t) => t, output: strOut, compare: cmpStr,
});

export const varcharType = defineType({
  oid: OID.varchar, name: 'varchar', category: 'S', preferred: false, len: -1, array: OID._varchar,
  input: (t, typmod) => applyVarcharTypmod(t, typmod, false),
  output: strOut, compare: cmpStr,
  applyTypmod: (v, typmod, explicit) => applyVarcharTypmod(v as string, typmod, explicit),
  typmodIn: lengthTypmodIn('varchar'),
  formatType: (typmod) => (typmod >= VARHDRSZ ? `character varying(${typmod - VARHDRSZ})` : 'character varying'),
});

export const bpcharType = defineType({
  oid: OID.bpchar, name: 'bpchar', category: 'S', preferred: false, len: -1, array: OID._bpchar,
  input: (t, typmod) => applyBpcharTypmod(t, typmod, false),
  output: strOut,
  compare: (a, b) => compareBpchar(a as string, b as string),
  hashKey: (v) => rtrimSpaces(v as string),
  applyTypmod: (v, typmod, explicit) => applyBpcharTypmod(v as string, typmod, explicit),
  typmodIn: lengthTypmodIn('char'),
  formatType: (typmod) => (typmod >= VARHDRSZ ? (typmod > VARHDRSZ ? `character(${typmod - VARHDRSZ})` : 'character') : 'bpchar'),
});

export const nameType = defineType({
  oid: OID.name, name: 'name', category: 'S', preferred: false, len: 64, array: OID._name,
  input: (t) => toName(t), output: strOut, compare: cmpStr,
});

export const charType = defineType({
  // pg_type.typcategory of "char" is 'Z' (internal-use).
  oid: OID.char, name: 'char', category: 'Z' as TypeCategory, preferred: false, len: 1, array: OID._char,
  input: (t) => toChar(t), output: (v) => charOut(v as string), compare: cmpStr,
}, '"char"');

export const unknownType = defineType({
  oid: OID.unknown, name: 'unknown', category: 'X', preferred: false, len: -2,
  input: (t) => t, output: strOut, compare: cmpStr,
});

defineType({
  oid: OID.void, name: 'void', category: 'P', preferred: false, len: 4,
  input: () => null, output: () => '', compare: () => 0,
});
