// Backend messages of protocol v3, written into a MessageWriter.
import { PgError, type Notice } from '../errors/index.js';
import type { Field } from '../session/result.js';
import { typeByOid } from '../types/registry.js';
import type { MessageWriter } from './protocol.js';

export const authenticationOk = (w: MessageWriter) => w.begin('R').int32(0).end();
export const parameterStatus = (w: MessageWriter, name: string, value: string) => w.begin('S').cstring(name).cstring(value).end();
export const backendKeyData = (w: MessageWriter, pid: number, key: number) => w.begin('K').int32(pid).int32(key).end();
export const readyForQuery = (w: MessageWriter, status: 'I' | 'T' | 'E') => w.begin('Z').byte(status.charCodeAt(0)).end();
export const commandComplete = (w: MessageWriter, tag: string) => w.begin('C').cstring(tag).end();
export const emptyQueryResponse = (w: MessageWriter) => w.begin('I').end();
export const parseComplete = (w: MessageWriter) => w.begin('1').end();
export const bindComplete = (w: MessageWriter) => w.begin('2').end();
export const closeComplete = (w: MessageWriter) => w.begin('3').end();
export const noData = (w: MessageWriter) => w.begin('n').end();
export const portalSuspended = (w: MessageWriter) => w.begin('s').end();

export function negotiateProtocolVersion(w: MessageWriter, newestMinor: number, unrecognized: string[]): void {
  w.begin('v').int32(newestMinor).int32(unrecognized.length);
  for (const o of unrecognized) w.cstring(o);
  w.end();
}

export function parameterDescription(w: MessageWriter, types: number[]): void {
  w.begin('t').int16(types.length);
  for (const t of types) w.int32(t);
  w.end();
}

/** RowDescription; `formats` holds one format code per field (0 text, 1 binary). */
export function rowDescription(w: MessageWriter, fields: Field[], formats: number[]): void {
  w.begin('T').int16(fields.length);
  fields.forEach((f, i) => {
    const len = typeByOid(f.typeOid)?.len ?? -1;
    w.cstring(f.name).int32(f.tableOid).int16(f.columnNumber).int32(f.typeOid).int16(len).int32(f.typmod).int16(formats[i] ?? 0);
  });
  w.end();
}

/** ErrorResponse with every field the error carries, in PostgreSQL's order. */
export function errorResponse(w: MessageWriter, e: PgError): void {
  w.begin('E');
  fields(w, e.severity, e.code, e.message, e);
  w.end();
}

export function noticeResponse(w: MessageWriter, n: Notice): void {
  w.begin('N');
  fields(w, n.severity, n.code, n.message, n);
  w.end();
}

interface MessageFields {
  detail?: string; hint?: string; position?: number; internalPosition?: number; internalQuery?: string; where?: string;
  schema?: string; table?: string; column?: string; dataType?: string; constraint?: string;
}

function fields(w: MessageWriter, severity: string, code: string, message: string, f: MessageFields): void {
  // (one top-level helper rather than a closure per message: W6 sends an ErrorResponse per attempt)
  field(w, 0x53, severity); // S
  field(w, 0x56, severity); // V
  field(w, 0x43, code); // C
  field(w, 0x4d, message); // M
  field(w, 0x44, f.detail); // D
  field(w, 0x48, f.hint); // H
  field(w, 0x50, f.position); // P
  field(w, 0x70, f.internalPosition); // p
  field(w, 0x71, f.internalQuery); // q
  field(w, 0x57, f.where); // W
  field(w, 0x73, f.schema); // s
  field(w, 0x74, f.table); // t
  field(w, 0x63, f.column); // c
  field(w, 0x64, f.dataType); // d
  field(w, 0x6e, f.constraint); // n
  w.byte(0);
}

function field(w: MessageWriter, tag: number, v: string | number | undefined): void {
  if (v !== undefined && v !== null) w.byte(tag).cstring(typeof v === 'string' ? v : String(v));
}

/** Any exception as the PgError the client receives: engine errors as they are, anything else XX000. */
export function asPgError(e: unknown): PgError {
  if (e instanceof PgError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PgError('XX000', message);
}
