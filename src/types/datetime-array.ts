// Array types of the date/time family (_date, _timestamp, …): a small
// PostgreSQL-format array text I/O ({...}, quoting, NULL, nested dimensions)
// with values as JS arrays (nested for more than one dimension). A generic
// array module registered later for the same oids takes precedence.
import type { FormatSettings, PgType } from './type.js';
import { PgError } from '../errors/index.js';
import { registerType, typeByOid } from './registry.js';

function needsQuote(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length === 4 && s.toLowerCase() === 'null') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === '\\' || c === '{' || c === '}' || c === ',' || c === ' ' || c === '\t' || c === '\n' ||
      c === '\r' || c === '\v' || c === '\f') return true;
  }
  return false;
}

function outArr(v: unknown, elem: PgType, s: FormatSettings): string {
  if (!Array.isArray(v)) {
    if (v === null || v === undefined) return 'NULL';
    const t = elem.output(v, s);
    return needsQuote(t) ? '"' + t.replace(/["\\]/g, '\\$&') + '"' : t;
  }
  return '{' + v.map((x) => outArr(x, elem, s)).join(',') + '}';
}

function malformed(text: string, detail: string): PgError {
  return new PgError('22P02', `malformed array literal: "${text}"`, { detail });
}

function parseArr(text: string, elem: PgType, typmod: number, s: FormatSettings): unknown[] {
  let i = 0;
  const n = text.length;
  const ws = (): void => { while (i < n && /\s/.test(text[i])) i++; };
  ws();
  if (text[i] !== '{') throw malformed(text, 'Array value must start with "{" or dimension information.');
  const parseLevel = (): unknown[] => {
    i++; // '{'
    const out: unknown[] = [];
    ws();
    if (text[i] === '}') { i++; return out; }
    for (;;) {
      ws();
      if (text[i] === '{') out.push(parseLevel());
      else if (text[i] === '"') {
        i++;
        let v = '';
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\') i++;
          v += text[i++];
        }
        if (i >= n) throw malformed(text, 'Unexpected end of input.');
        i++;
        out.push(elem.input(v, typmod, s));
      } else {
        let v = '';
        while (i < n && text[i] !== ',' && text[i] !== '}') {
          if (text[i] === '\\') i++;
          v += text[i++];
        }
        v = v.trim();
        if (v === '') throw malformed(text, 'Unexpected "," character.');
        out.push(v.toLowerCase() === 'null' ? null : elem.input(v, typmod, s));
      }
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return out; }
      throw malformed(text, 'Unexpected end of input.');
    }
  };
  const r = parseLevel();
  ws();
  if (i < n) throw malformed(text, 'Junk after closing right brace.');
  return r;
}

function cmpArr(a: unknown, b: unknown, elem: PgType): number {
  const x = a as unknown[], y = b as unknown[];
  const len = Math.min(x.length, y.length);
  for (let k = 0; k < len; k++) {
    const p = x[k], q = y[k];
    if (p === null || q === null) {
      if (p === q) continue;
      return p === null ? 1 : -1;
    }
    const c = Array.isArray(p) ? cmpArr(p, q, elem) : elem.compare(p, q);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

export function makeArrayType(oid: number, name: string, elem: PgType): PgType {
  return {
    oid, name, category: 'A', preferred: false, len: -1, elem: elem.oid,
    input: (text, typmod, s) => parseArr(text, elem, typmod, s),
    output: (v, s) => outArr(v, elem, s),
    compare: (a, b) => cmpArr(a, b, elem),
    hashKey: (v) => JSON.stringify(v, (_k, x) => (elem.hashKey && x !== null && !Array.isArray(x) && typeof x === 'object' ? elem.hashKey(x) : x)),
    applyTypmod: elem.applyTypmod
      ? (v, typmod, explicit) => {
        const ap = (x: unknown): unknown => (Array.isArray(x) ? x.map(ap) : x === null ? null : elem.applyTypmod!(x, typmod, explicit));
        return ap(v);
      }
      : undefined,
    typmodIn: elem.typmodIn,
    formatType: (typmod) => elem.formatType(typmod) + '[]',
  };
}

/** Register the array type unless a generic array module already did. */
export function registerArray(oid: number, name: string, elem: PgType): void {
  if (!typeByOid(oid)) registerType(makeArrayType(oid, name, elem));
}
