// Small helpers shared by the type family modules: PostgreSQL's standard errors,
// whitespace rules and code-point string comparison.
import { PgError } from '../errors/index.js';
import type { FormatSettings, PgType } from './type.js';
import { registerType } from './registry.js';

/** 22P02 invalid input syntax for type X: "text" */
export const invalidInput = (typeLabel: string, text: string): PgError =>
  new PgError('22P02', `invalid input syntax for type ${typeLabel}: "${text}"`);

/** 22003 value "text" is out of range for type X */
export const valueOutOfRange = (typeLabel: string, text: string): PgError =>
  new PgError('22003', `value "${text}" is out of range for type ${typeLabel}`);

export const outOfRange = (what: string): PgError => new PgError('22003', `${what} out of range`);
export const divisionByZero = (): PgError => new PgError('22012', 'division by zero');

/** isspace() of the C locale: space, \t \n \v \f \r. */
export const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** Index of the first non-space character at or after i. */
export function skipSpaces(s: string, i: number): number {
  const n = s.length;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** Trim C-locale whitespace from both ends. */
export function trimSpaces(s: string): string {
  let a = 0, b = s.length;
  while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * Compare two strings in code point order (= UTF-8 byte order = PostgreSQL's
 * "C" collation). JavaScript's `<` compares UTF-16 code units, which differs only
 * when a surrogate meets a character in U+E000..U+FFFF.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x < 0xe000 ? x + 0x2000 : x - 0x800;
        y = y < 0xe000 ? y + 0x2000 : y - 0x800;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Number of characters (code points) of a string. */
export function charLength(s: string): number {
  const n = s.length;
  let count = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) { count--; i++; }
    }
  }
  return count;
}

/** UTF-16 index where character (code point) number `chars` starts (or s.length). */
export function charOffset(s: string, chars: number): number {
  const n = s.length;
  let i = 0;
  while (chars > 0 && i < n) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    chars--;
  }
  return i;
}

/** Number of bytes of the UTF-8 encoding of s. */
export function utf8Length(s: string): number {
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) len += 1;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) { len += 2; i++; }
      else len += 2;
    }
  }
  return len;
}

export const cmpNum = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
export const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
export const cmpBool = (a: boolean, b: boolean): number => (a === b ? 0 : a ? 1 : -1);

/** Fill in the defaults of a PgType and register it. */
export function defineType(t: Omit<PgType, 'formatType'> & { formatType?: PgType['formatType'] }, label?: string): PgType {
  const full: PgType = { formatType: () => label ?? t.name, ...t } as PgType;
  return registerType(full);
}

export type { FormatSettings };
