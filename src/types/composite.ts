// Composite types (CREATE TYPE … AS (…), CREATE TABLE … OF): a value is an array with one slot
// per attribute, dropped attributes included (as null), so that ALTER TYPE … DROP ATTRIBUTE
// leaves stored values readable; slots past the end (ADD ATTRIBUTE) read as null. Text I/O as
// record_in / record_out.
import { PgError } from '../errors/index.js';
import { isSpaceCode } from './base.js';
import { compareRecords, recordOut } from './record.js';
import { op } from './define.js';
import { OID } from './oids.js';
import { typeByOid } from './registry.js';
import type { PgType } from './type.js';
import { registerArrayType } from './arrays.js';
import { makeRecord } from './record-mark.js';

// record[] (the type of a SEARCH/CYCLE path): record is defined after the other element types' arrays
registerArrayType(typeByOid(OID.record)!);

/** What a composite type is made of (catalog/objects.ts UserType satisfies it; read live). */
export interface CompositeSource {
  oid: number;
  name: string;
  arrayOid: number;
  attributes?: { name: string; typeOid: number; typmod: number; dropped: boolean }[];
}

type Field = { name: string; type: number; typmod: number } | null;

export function makeCompositeType(src: CompositeSource, display: () => string): PgType {
  const fields = (): Field[] => (src.attributes ?? []).map(a => (a.dropped ? null : { name: a.name, type: a.typeOid, typmod: a.typmod }));
  const live = (v: unknown[]) => {
    const vals: unknown[] = [], types: number[] = [];
    fields().forEach((f, i) => { if (f) { vals.push(v[i] ?? null); types.push(f.type); } });
    return { vals, types };
  };
  const fieldType = (f: Field): PgType => {
    const t = f && typeByOid(f.type);
    if (!t) throw new PgError('XX000', `cache lookup failed for type ${f?.type}`);
    return t;
  };
  return {
    oid: src.oid,
    get name() { return src.name; },
    category: 'C', preferred: false, len: -1, array: src.arrayOid,
    input(text, _typmod, s) {
      const fs = fields();
      const texts = parseRecord(text, fs.filter(f => f).length);
      let k = 0;
      return makeRecord(fs.map(f => {
        if (!f) return null;
        const t = texts[k++];
        if (t === null) return null;
        const ft = fieldType(f);
        const v = ft.input(t, f.typmod, s);
        return ft.applyTypmod && f.typmod >= 0 ? ft.applyTypmod(v, f.typmod, false) : v;
      }), fs.map(f => f?.type ?? 0));
    },
    output(v, s) {
      const { vals, types } = live(v as unknown[]);
      return recordOut(vals, s, types);
    },
    compare(a, b) {
      const x = a as unknown[], y = b as unknown[];
      const fs = fields();
      for (let i = 0; i < fs.length; i++) {
        const f = fs[i];
        if (!f) continue;
        const p = x[i] ?? null, q = y[i] ?? null;
        if (p === null || q === null) { if (p !== q) return p === null ? 1 : -1; continue; }
        const c = fieldType(f).compare(p, q);
        if (c !== 0) return c;
      }
      return 0;
    },
    hashKey(v) {
      const fs = fields();
      return fs.map((f, i) => {
        const x = (v as unknown[])[i] ?? null;
        if (!f || x === null) return '\u0000N';
        const t = fieldType(f);
        const k = t.hashKey ? t.hashKey(x) : x;
        return typeof k === 'string' ? JSON.stringify(k) : String(k);
      }).join('\u0001');
    },
    formatType: display,
    fields,
  };
}

const malformed = (text: string, detail: string) => new PgError('22P02', `malformed record literal: "${text}"`, { detail });

/** record_in's parse: the fields' texts (null for an empty unquoted field), `count` of them. */
export function parseRecord(text: string, count: number): (string | null)[] {
  let i = 0;
  const n = text.length;
  while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  if (text[i] !== '(') throw malformed(text, 'Missing left parenthesis.');
  i++;
  const out: (string | null)[] = [];
  let needComma = false;
  for (let f = 0; f < count; f++) {
    if (needComma) {
      if (text[i] === ',') i++;
      else throw malformed(text, i >= n ? 'Unexpected end of input.' : 'Too few columns.');
    }
    if (text[i] === ',' || text[i] === ')') { out.push(null); needComma = true; continue; }
    let buf = '';
    let inQuote = false;
    for (;;) {
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      const c = text[i];
      if (!inQuote && (c === ',' || c === ')')) break;
      i++;
      if (c === '\\') {
        if (i >= n) throw malformed(text, 'Unexpected end of input.');
        buf += text[i++];
      } else if (c === '"') {
        if (!inQuote) inQuote = true;
        else if (text[i] === '"') { buf += '"'; i++; } else inQuote = false;
      } else buf += c;
    }
    out.push(buf);
    needComma = true;
  }
  if (text[i] !== ')') throw malformed(text, i >= n ? 'Unexpected end of input.' : 'Too many columns.');
  i++;
  while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  if (i < n) throw malformed(text, 'Junk after right parenthesis.');
  return out;
}


// record = record and friends (record_eq, record_lt …): field by field, with the fields' types
// when the operands are of a named composite type
function recordComparison(name: string, test: (c: number) => boolean): void {
  op(name, OID.record, OID.record, OID.bool, (a, b) => test(compareRecords(a as unknown[], b as unknown[])), {
    bind: (left) => {
      const t = typeByOid(left);
      if (!t?.fields) return (a: unknown, b: unknown) => test(compareRecords(a as unknown[], b as unknown[]));
      return (a: unknown, b: unknown) => test(t.compare(a, b));
    },
  });
}
recordComparison('=', c => c === 0);
recordComparison('<>', c => c !== 0);
recordComparison('<', c => c < 0);
recordComparison('>', c => c > 0);
recordComparison('<=', c => c <= 0);
recordComparison('>=', c => c >= 0);
