// Comparison and concatenation operators of the character types and boolean.
import { OID } from './oids.js';
import { cmpBool, compareText } from './base.js';
import { compareBpchar, rtrimSpaces } from './text.js';
import { comparisonOps, op } from './define.js';
import { findCast, typeByOid } from './registry.js';
import { defaultFormatSettings, type FormatSettings } from './type.js';
import { ANYNONARRAY } from './registry.js';

const { text, bpchar, name, char, bool } = OID;

// text (varchar is binary-coercible to text and uses these)
op('=', text, text, bool, (a: string, b: string) => a === b);
op('<>', text, text, bool, (a: string, b: string) => a !== b);
op('<', text, text, bool, (a: string, b: string) => compareText(a, b) < 0);
op('>', text, text, bool, (a: string, b: string) => compareText(a, b) > 0);
op('<=', text, text, bool, (a: string, b: string) => compareText(a, b) <= 0);
op('>=', text, text, bool, (a: string, b: string) => compareText(a, b) >= 0);

// name, and name/text cross-type (nameeqtext, texteqname, …)
comparisonOps(name, name, compareText, bool);
comparisonOps(name, text, compareText, bool);
comparisonOps(text, name, compareText, bool);

// char(n): trailing spaces are insignificant
comparisonOps(bpchar, bpchar, compareBpchar, bool);

// "char"
comparisonOps(char, char, compareText, bool);

// boolean
op('=', bool, bool, bool, (a: boolean, b: boolean) => a === b);
op('<>', bool, bool, bool, (a: boolean, b: boolean) => a !== b);
comparisonOps(bool, bool, cmpBool, bool);

// concatenation: text || text, text || anynonarray, anynonarray || text
op('||', text, text, text, (a: string, b: string) => a + b);

/** The value cast to text, as `value::text` gives it (char(n) loses its padding, bool gives 'true'). */
export function anyToText(v: unknown, typeOid: number, s: FormatSettings = defaultFormatSettings): string {
  if (typeof v === 'string') return typeOid === bpchar ? rtrimSpaces(v) : v;
  // textanycat is `$1 || $2::text`: a pg_cast to text (bool → 'true') wins over the output function
  const c = findCast(typeOid, text);
  if (c?.fn) return c.fn(v, { settings: s, txnTimestamp: 0, stmtTimestamp: 0 }) as string;
  const t = typeByOid(typeOid);
  return t ? t.output(v, s) : String(v);
}

/**
 * text || anynonarray and anynonarray || text (textanycat/anytextcat). The operator
 * functions cannot see the operand's type, so the ENGINE SHOULD convert the non-text
 * operand with anyToText(value, type, settings) (i.e. its output function) and then
 * call text || text. As a fallback these implementations use strings as they are and
 * String()/toString() for other values (right for integers, booleans, numeric).
 */
export const textAnyCat = op('||', text, ANYNONARRAY, text, (a: string, b: unknown, ctx) =>
  a + (typeof b === 'string' ? b : stringify(b, ctx)));
export const anyTextCat = op('||', ANYNONARRAY, text, text, (a: unknown, b: string, ctx) =>
  (typeof a === 'string' ? a : stringify(a, ctx)) + b);

function stringify(v: unknown, _ctx: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v); // objects (Numeric, …) define toString() as their text output
}
