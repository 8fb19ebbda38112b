// JavaScript parameter values to the text PostgreSQL reads, as node-postgres's prepareValue
// does: null/undefined → NULL, Date → timestamptz text in local time, bytes → bytea hex,
// arrays → array literals, objects → toPostgres() or JSON, everything else → toString().

export function prepareValue(v: unknown, seen?: unknown[]): string | null {
  // (the usual values first, without the checks for objects)
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return '\\x' + hex(v);
  if (ArrayBuffer.isView(v)) return '\\x' + hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  if (v instanceof Date) return dateToString(v);
  if (Array.isArray(v)) return arrayString(v);
  if (typeof v === 'object') return prepareObject(v, seen ?? []);
  return String(v);
}

function prepareObject(v: object, seen: unknown[]): string | null {
  const toPostgres = (v as { toPostgres?: (prepare: typeof prepareValue) => unknown }).toPostgres;
  if (typeof toPostgres === 'function') {
    if (seen.includes(v)) throw new Error(`circular reference detected while preparing "${String(v)}" for query`);
    seen.push(v);
    return prepareValue(toPostgres.call(v, prepareValue), seen);
  }
  return JSON.stringify(v);
}

function arrayString(values: unknown[]): string {
  const parts = values.map(e => {
    if (e === null || e === undefined) return 'NULL';
    if (Array.isArray(e)) return arrayString(e);
    if (e instanceof Uint8Array) return '\\\\x' + hex(e);
    return '"' + (prepareValue(e) ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  });
  return '{' + parts.join(',') + '}';
}

const hex = (b: Uint8Array) => Array.from(b, x => x.toString(16).padStart(2, '0')).join('');

const pad = (n: number, digits: number) => String(n).padStart(digits, '0');

/** node-postgres's dateToString: local time with its UTC offset, BC for years before 1. */
function dateToString(d: Date): string {
  let offset = -d.getTimezoneOffset();
  let year = d.getFullYear();
  const bc = year < 1;
  if (bc) year = Math.abs(year) + 1;
  let s = `${pad(year, 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}T${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
  if (offset < 0) { s += '-'; offset = -offset; } else s += '+';
  s += `${pad(Math.floor(offset / 60), 2)}:${pad(offset % 60, 2)}`;
  return bc ? s + ' BC' : s;
}
