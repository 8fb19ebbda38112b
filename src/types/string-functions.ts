// Text functions (varlena.c, oracle_compat.c): length, lower/upper (ASCII only, as
// in the "C" locale), substr, trim, pad, split_part, format, quote_*, md5, …
// Arguments typed "any" (concat, concat_ws, format, quote_literal/quote_nullable of
// anyelement) must arrive as their text output (strings); see textOfAny.
import { createHash } from 'node:crypto';
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { ANY, ANYELEMENT } from './registry.js';
import { charLength, charOffset, utf8Length } from './base.js';
import { rtrimSpaces } from './text.js';
import { fn } from './define.js';

const { text, int4, int8, bool, bpchar, name } = OID;

/** Fallback conversion for a value of an "any" argument that is not already text. */
export function textOfAny(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

export function asciiLower(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      out += s.slice(start, i) + String.fromCharCode(c + 32);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}
export function asciiUpper(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      out += s.slice(start, i) + String.fromCharCode(c - 32);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}
const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export function initcap(s: string): string {
  let out = '';
  let wasAlnum = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let ch = s[i]!;
    if (wasAlnum) { if (c >= 65 && c <= 90) ch = String.fromCharCode(c + 32); } else if (c >= 97 && c <= 122) ch = String.fromCharCode(c - 32);
    out += ch;
    wasAlnum = isAsciiAlnum(c);
  }
  return out;
}

/** substr(s, start[, count]) with SQL semantics (1-based; characters). */
export function substr(s: string, start: number, count?: number): string {
  let end: number;
  if (count !== undefined) {
    if (count < 0) throw new PgError('22011', 'negative substring length not allowed');
    end = start + count; // exclusive, 1-based
  } else end = Infinity;
  const from = Math.max(start, 1);
  if (end <= from) return '';
  const a = charOffset(s, from - 1);
  if (end === Infinity) return s.slice(a);
  const b = a + charOffset(s.slice(a), end - from);
  return s.slice(a, b);
}

function strpos(s: string, sub: string): number {
  const i = s.indexOf(sub);
  if (i < 0) return 0;
  return charLength(s.slice(0, i)) + 1;
}

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  const set = new Set(Array.from(chars));
  const cs = Array.from(s);
  let a = 0, b = cs.length;
  if (left) while (a < b && set.has(cs[a]!)) a++;
  if (right) while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function pad(s: string, len: number, fill: string, left: boolean): string {
  if (len <= 0) return '';
  const cs = Array.from(s);
  if (cs.length >= len) return cs.slice(0, len).join('');
  const fc = Array.from(fill);
  if (fc.length === 0) return s;
  const need = len - cs.length;
  let p = '';
  for (let i = 0; i < need; i++) p += fc[i % fc.length];
  return left ? p + s : s + p;
}

export function quoteIdent(s: string): string {
  const safe = s.length > 0 && /^[a-z_][a-z0-9_$]*$/.test(s) && !RESERVED.has(s);
  if (safe) return s;
  return '"' + s.replace(/"/g, '""') + '"';
}
export function quoteLiteral(s: string): string {
  const hasBackslash = s.indexOf('\\') >= 0;
  const body = s.replace(/'/g, "''").replace(/\\/g, '\\\\');
  return (hasBackslash ? "E'" : "'") + body + "'";
}

// Keywords that quote_ident quotes (reserved, type_func_name and col_name keywords of PG15).
const RESERVED = new Set((
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
  'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
  'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral ' +
  'leading limit localtime localtimestamp not null offset on only or order placing primary references returning ' +
  'select session_user some symmetric table then to trailing true union unique user using variadic when where window with ' +
  'authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like ' +
  'natural notnull outer overlaps right similar tablesample verbose ' +
  'between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout int ' +
  'integer interval least national nchar none normalize nullif numeric out overlay position precision real row ' +
  'setof smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists ' +
  'xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'
).split(' '));

/** format(fmt, args...) with %s %I %L %%, positions (%1$s) and widths (%-5s, %*s). */
export function format(fmt: string, args: (string | null)[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const n = fmt.length;
  const tooFew = (): PgError => new PgError('22023', 'too few arguments for format()');
  while (i < n) {
    const c = fmt[i]!;
    if (c !== '%') { out += c; i++; continue; }
    i++;
    if (i >= n) throw new PgError('22023', 'unterminated format() type specifier', { hint: 'For a single "%" use "%%".' });
    if (fmt[i] === '%') { out += '%'; i++; continue; }
    // [argpos$][flags][width][type]
    let argpos = -1;
    let m = /^(\d+)\$/.exec(fmt.slice(i));
    if (m) {
      argpos = Number(m[1]);
      if (argpos === 0) throw new PgError('22023', 'format specifies argument 0, but arguments are numbered from 1');
      i += m[0].length;
    }
    let leftAlign = false;
    if (fmt[i] === '-') { leftAlign = true; i++; }
    let width = 0;
    if (fmt[i] === '*') {
      i++;
      let wpos = -1;
      m = /^(\d+)\$/.exec(fmt.slice(i));
      if (m) {
        wpos = Number(m[1]);
        if (wpos === 0) throw new PgError('22023', 'format specifies argument 0, but arguments are numbered from 1');
        i += m[0].length;
      }
      // a width taken from argument n: the value is the argument after it, unless placed explicitly
      const wi = wpos > 0 ? wpos - 1 : argi++;
      if (wpos > 0) argi = wpos;
      if (wi >= args.length) throw tooFew();
      const wv = args[wi];
      width = wv === null ? 0 : Number(wv);
      if (width < 0) { leftAlign = true; width = -width; }
    } else {
      m = /^\d+/.exec(fmt.slice(i));
      if (m) { width = Number(m[0]); i += m[0].length; }
    }
    if (i >= n) throw new PgError('22023', 'unterminated format() type specifier', { hint: 'For a single "%" use "%%".' });
    const type = fmt[i]!;
    i++;
    if (type !== 's' && type !== 'I' && type !== 'L') {
      throw new PgError('22023', `unrecognized format() type specifier "${type}"`, { hint: 'For a single "%" use "%%".' });
    }
    const ai = argpos > 0 ? argpos - 1 : argi;
    if (argpos > 0) argi = argpos; else argi++;
    if (ai >= args.length) throw tooFew();
    const v = args[ai]!;
    let s: string;
    if (type === 's') s = v === null ? '' : v;
    else if (type === 'I') {
      if (v === null) throw new PgError('22004', 'null values cannot be formatted as an SQL identifier');
      s = quoteIdent(v);
    } else s = v === null ? 'NULL' : quoteLiteral(v);
    const len = charLength(s);
    if (width > len) s = leftAlign ? s + ' '.repeat(width - len) : ' '.repeat(width - len) + s;
    out += s;
  }
  return out;
}

const t1 = (nm: string, impl: (s: string) => unknown, ret: number = text): void => { fn(nm, [text], ret, ([s]) => impl(s)); };

t1('length', charLength, int4);
t1('char_length', charLength, int4);
t1('character_length', charLength, int4);
t1('octet_length', utf8Length, int4);
t1('bit_length', (s) => utf8Length(s) * 8, int4);
fn('length', [bpchar], int4, ([s]) => charLength(rtrimSpaces(s)));
fn('char_length', [bpchar], int4, ([s]) => charLength(rtrimSpaces(s)));
fn('character_length', [bpchar], int4, ([s]) => charLength(rtrimSpaces(s)));
fn('octet_length', [bpchar], int4, ([s]) => utf8Length(s));
t1('lower', asciiLower);
t1('upper', asciiUpper);
t1('initcap', initcap);
t1('reverse', (s) => Array.from(s).reverse().join(''));
t1('md5', (s) => createHash('md5').update(s, 'utf8').digest('hex'));
t1('ascii', (s) => (s.length === 0 ? 0 : s.codePointAt(0)!), int4);
t1('btrim', (s) => trimChars(s, ' ', true, true));
t1('ltrim', (s) => trimChars(s, ' ', true, false));
t1('rtrim', (s) => trimChars(s, ' ', false, true));
t1('quote_ident', quoteIdent);
t1('quote_literal', quoteLiteral);
fn('quote_literal', [ANYELEMENT], text, ([s]) => quoteLiteral(textOfAny(s)));
fn('quote_nullable', [text], text, ([s]) => (s === null ? 'NULL' : quoteLiteral(s)), { strict: false });
fn('quote_nullable', [ANYELEMENT], text, ([s]) => (s === null ? 'NULL' : quoteLiteral(textOfAny(s))), { strict: false });

fn('btrim', [text, text], text, ([s, c]) => trimChars(s, c, true, true));
fn('ltrim', [text, text], text, ([s, c]) => trimChars(s, c, true, false));
fn('rtrim', [text, text], text, ([s, c]) => trimChars(s, c, false, true));
for (const nm of ['substr', 'substring']) {
  fn(nm, [text, int4], text, ([s, a]) => substr(s, a));
  fn(nm, [text, int4, int4], text, ([s, a, c]) => substr(s, a, c));
}
/** position(string, substring): the parser turns POSITION(sub IN str) into position(str, sub). */
fn('position', [text, text], int4, ([s, sub]) => strpos(s, sub));
fn('strpos', [text, text], int4, ([s, sub]) => strpos(s, sub));
fn('replace', [text, text, text], text, ([s, from, to]) => (from === '' ? s : s.split(from).join(to)));
fn('translate', [text, text, text], text, ([s, from, to]) => {
  const f = Array.from(from as string), t = Array.from(to as string);
  let out = '';
  for (const ch of s as string) {
    const k = f.indexOf(ch);
    if (k < 0) out += ch; else if (k < t.length) out += t[k];
  }
  return out;
});
fn('left', [text, int4], text, ([s, n]) => {
  const cs = Array.from(s as string);
  return (n >= 0 ? cs.slice(0, n) : cs.slice(0, Math.max(cs.length + n, 0))).join('');
});
fn('right', [text, int4], text, ([s, n]) => {
  const cs = Array.from(s as string);
  return (n >= 0 ? cs.slice(Math.max(cs.length - n, 0)) : cs.slice(Math.min(-n, cs.length))).join('');
});
fn('lpad', [text, int4], text, ([s, n]) => pad(s, n, ' ', true));
fn('lpad', [text, int4, text], text, ([s, n, f]) => pad(s, n, f, true));
fn('rpad', [text, int4], text, ([s, n]) => pad(s, n, ' ', false));
fn('rpad', [text, int4, text], text, ([s, n, f]) => pad(s, n, f, false));
fn('repeat', [text, int4], text, ([s, n]) => {
  if (n <= 0) return '';
  if ((s as string).length * n > 1073741823) throw new PgError('54000', 'requested length too large');
  return (s as string).repeat(n);
});
fn('split_part', [text, text, int4], text, ([s, d, n]) => {
  if (n === 0) throw new PgError('22023', 'field position must not be zero');
  if (d === '') return n === 1 || n === -1 ? s : '';
  const parts = (s as string).split(d);
  const k = n > 0 ? n - 1 : parts.length + n;
  return k >= 0 && k < parts.length ? parts[k] : '';
});
fn('starts_with', [text, text], bool, ([s, p]) => (s as string).startsWith(p));
fn('chr', [int4], text, ([c]) => {
  if (c === 0) throw new PgError('54000', 'null character not permitted');
  if (c < 0 || c > 0x10ffff) throw new PgError('54000', 'requested character too large for encoding: ' + c);
  if (c >= 0xd800 && c <= 0xdfff) throw new PgError('54000', 'requested character not valid for encoding: ' + c);
  return String.fromCodePoint(c);
});
fn('to_hex', [int4], text, ([v]) => (v >>> 0).toString(16));
fn('to_hex', [int8], text, ([v]) => BigInt.asUintN(64, v).toString(16));
fn('overlay', [text, text, int4, int4], text, ([s, r, from, count]) => {
  if (from < 1) throw new PgError('22011', 'negative substring length not allowed');
  return substr(s, 1, from - 1) + r + substr(s, from + count);
});
fn('overlay', [text, text, int4], text, ([s, r, from]) => substr(s, 1, from - 1) + r + substr(s, from + charLength(r)));

// "any"-typed: the engine passes each argument as its text output (string) or null.
fn('concat', [ANY], text, (args: unknown[]) => {
  let out = '';
  for (const a of args) if (a !== null && a !== undefined) out += textOfAny(a);
  return out;
}, { variadic: ANY, strict: false, volatility: 's' });
fn('concat_ws', [text, ANY], text, (args: unknown[]) => {
  const sep = args[0];
  if (sep === null || sep === undefined) return null;
  const parts: string[] = [];
  for (let i = 1; i < args.length; i++) if (args[i] !== null && args[i] !== undefined) parts.push(textOfAny(args[i]));
  return parts.join(sep as string);
}, { variadic: ANY, strict: false, volatility: 's' });
// num_nulls / num_nonnulls (VARIADIC "any"): NULL arguments counted
fn('num_nulls', [ANY], int4, (args: unknown[]) => args.filter(a => a === null || a === undefined).length, { variadic: ANY, strict: false });
fn('num_nonnulls', [ANY], int4, (args: unknown[]) => args.filter(a => a !== null && a !== undefined).length, { variadic: ANY, strict: false });
fn('format', [text], text, ([f]) => (f === null ? null : format(f, [])), { strict: false, volatility: 's' });
fn('format', [text, ANY], text, (args: unknown[]) => {
  if (args[0] === null || args[0] === undefined) return null;
  return format(args[0] as string, args.slice(1).map((a) => (a === null || a === undefined ? null : textOfAny(a))));
}, { variadic: ANY, strict: false, volatility: 's' });

// name versions used by catalog queries
fn('length', [name], int4, ([s]) => charLength(s));
