// The anonymous composite type record: the value of ROW(…). A row value is a JS array
// of its fields; the field types travel with it (as a symbol-keyed property) so that
// record_out can print each field with its own output function.
import { PgError } from '../errors/index.js';
import { isSpaceCode } from './base.js';
import { defineType } from './base.js';
import { OID } from './oids.js';
import { typeByOid } from './registry.js';
import type { FormatSettings } from './type.js';

import { fieldTypesOf as fieldTypes, makeRecord } from './record-mark.js';

export { makeRecord };

function fieldText(v: unknown, type: number | undefined, s: FormatSettings): string {
  const t = type !== undefined ? typeByOid(type) : undefined;
  if (t) return t.output(v, s);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

/** record_out: (a,b,…), NULL as nothing, quoting fields that need it. */
export function recordOut(v: unknown[], s: FormatSettings, types = fieldTypes(v)): string {
  let out = '(';
  v.forEach((x, i) => {
    if (i) out += ',';
    if (x === null || x === undefined) return;
    const text = fieldText(x, types?.[i], s);
    let quote = text.length === 0;
    for (let j = 0; j < text.length && !quote; j++) {
      const c = text[j];
      if (c === '"' || c === '\\' || c === '(' || c === ')' || c === ',' || isSpaceCode(text.charCodeAt(j))) quote = true;
    }
    let body = '';
    for (const c of text) body += c === '"' || c === '\\' ? c + c : c;
    out += quote ? `"${body}"` : body;
  });
  return out + ')';
}

/** record_cmp: field by field, NULLs after values. */
export function compareRecords(a: unknown[], b: unknown[]): number {
  const types = fieldTypes(a) ?? fieldTypes(b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    if (x === null || y === null) { if (x !== y) return x === null ? 1 : -1; continue; }
    const t = types?.[i] !== undefined ? typeByOid(types[i]) : undefined;
    const c = t ? t.compare(x, y) : x! < y! ? -1 : x! > y! ? 1 : 0;
    if (c !== 0) return c;
  }
  if (a.length !== b.length) throw new PgError('42804', 'cannot compare record types with different numbers of columns');
  return 0;
}

defineType({
  oid: OID.record, name: 'record', category: 'P', preferred: false, len: -1, array: OID._record,
  input: () => { throw new PgError('0A000', 'input of anonymous composite types is not implemented'); },
  output: (v, s) => recordOut(v as unknown[], s),
  compare: (a, b) => compareRecords(a as unknown[], b as unknown[]),
  hashKey: (v) => recordHashKey(v as unknown[]),
});

/** A key equal for records that compare equal (record's hash support, for UNION and GROUP BY). */
export function recordHashKey(v: unknown[], types = fieldTypes(v)): string {
  return v.map((x, i) => {
    if (x === null || x === undefined) return '\u0000N';
    const t = types?.[i] !== undefined ? typeByOid(types[i]) : undefined;
    const k = t?.hashKey ? t.hashKey(x) : x;
    return typeof k === 'string' ? JSON.stringify(k) : typeof k + String(k);
  }).join('\u0001');
}
