// Result rows on the wire: RowDescription and DataRow messages written straight into the
// connection's output buffer. What does not change between executions of a statement is
// worked out once per result description (the session gives a cached statement the same
// Field[] every time, session/describe.ts): each column's type with its output function,
// and the RowDescription bytes in the all-text format clients ask for.
import type { Field } from '../session/result.js';
import { typeByOid } from '../types/registry.js';
import type { FormatSettings, PgType } from '../types/type.js';
import { encodeBinary } from './binary.js';
import * as msg from './messages.js';
import type { MessageWriter } from './protocol.js';

/** Oids below this are built-in types: what they are never changes (user-defined types may be altered or dropped). */
const FIRST_NORMAL_OID = 16384;

interface Columns {
  /** Each column's type, when every one is built in; null: looked up for each row. */
  types: (PgType | undefined)[] | null;
  /** RowDescription with every column in text format. */
  textDescription: Buffer | null;
}

const byFields = new WeakMap<Field[], Columns>();

function columnsOf(fields: Field[]): Columns {
  let c = byFields.get(fields);
  if (!c) {
    const builtin = fields.every(f => f.typeOid < FIRST_NORMAL_OID);
    c = { types: builtin ? fields.map(f => typeByOid(f.typeOid)) : null, textDescription: null };
    byFields.set(fields, c);
  }
  return c;
}

/** Whether a format list (one code per column, or none) asks for text only. */
const allText = (formats: readonly number[]) => {
  for (const f of formats) if (f !== 0) return false;
  return true;
};

/** RowDescription; `formats` holds one format code per field (0 text, 1 binary), or none for all text. */
export function writeRowDescription(w: MessageWriter, fields: Field[], formats: readonly number[]): void {
  if (!allText(formats)) { msg.rowDescription(w, fields, formats as number[]); return; }
  const c = columnsOf(fields);
  if (c.types === null) { msg.rowDescription(w, fields, []); return; }
  if (!c.textDescription) {
    const start = w.size;
    msg.rowDescription(w, fields, []);
    c.textDescription = w.copyOut(start);
    return;
  }
  w.raw(c.textDescription);
}

/**
 * DataRow messages for rows[from, to): values in text (the type's output function with the
 * session's settings) or binary (formats[i] === 1); null is SQL NULL. Stops early, returning
 * the next row, when the output grows past `flushAt` bytes (the caller writes it out and goes on).
 */
export function writeDataRows(w: MessageWriter, rows: unknown[][], from: number, to: number, fields: Field[],
  formats: readonly number[], settings: FormatSettings, flushAt = Infinity): number {
  const n = fields.length;
  const types = columnsOf(fields).types;
  const binary = !allText(formats);
  for (let r = from; r < to; r++) {
    const row = rows[r];
    w.begin('D').int16(n);
    for (let i = 0; i < n; i++) {
      const v = row[i];
      if (v === null || v === undefined) w.int32(-1);
      else if (binary && formats[i] === 1) w.value(encodeBinary(v, fields[i].typeOid));
      else {
        const t = types ? types[i] : typeByOid(fields[i].typeOid);
        w.text(t ? t.output(v, settings) : String(v));
      }
    }
    w.end();
    if (w.size > flushAt) return r + 1;
  }
  return to;
}
