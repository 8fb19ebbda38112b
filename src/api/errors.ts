// Errors and notices as node-postgres exposes them (pg-protocol's DatabaseError and
// NoticeMessage): the same field names, with positions as strings, so that code written
// for node-postgres reads them unchanged.
import { errorStacks, PgError as EnginePgError, type Notice } from '../errors/index.js';

interface NoticeOrError {
  severity: string | undefined;
  code: string | undefined;
  detail: string | undefined;
  hint: string | undefined;
  /** 1-based character position in the query text, as a string (node-postgres's type). */
  position: string | undefined;
  internalPosition: string | undefined;
  internalQuery: string | undefined;
  where: string | undefined;
  schema: string | undefined;
  table: string | undefined;
  column: string | undefined;
  dataType: string | undefined;
  constraint: string | undefined;
  /** PostgreSQL's source file, line and routine: never set by Relata. */
  file: string | undefined;
  line: string | undefined;
  routine: string | undefined;
}

const FIELD_NAMES = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where', 'schema',
  'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'] as const satisfies readonly (keyof NoticeOrError)[];

/** Every failure of a statement: SQLSTATE `code`, `message`, and PostgreSQL's other fields. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the fields are declared once, in NoticeOrError
export interface DatabaseError extends NoticeOrError {}
export class DatabaseError extends Error {
  constructor(message: string, fields: Partial<NoticeOrError> = {}, options?: { cause?: unknown }) {
    // no JavaScript stack, as the engine's errors (errors/pg-error.ts): it would only show Relata's internals
    const limit = Error.stackTraceLimit;
    if (!errorStacks.capture) Error.stackTraceLimit = 0;
    super(message, options);
    Error.stackTraceLimit = limit;
    // node-postgres names its errors after the protocol message: 'error'
    this.name = 'error';
    // every field is an own property, present even when undefined, as in node-postgres
    for (const k of FIELD_NAMES) this[k] = undefined;
    this.severity = 'ERROR';
    Object.assign(this, fields);
  }
}

/** A NOTICE, WARNING or INFO message, as node-postgres's NoticeMessage. */
export interface NoticeMessage extends NoticeOrError {
  name: 'notice';
  message: string | undefined;
}

const str = (n: number | undefined) => (n === undefined ? undefined : String(n));

/** The engine's error as the API throws it; anything else is an internal error (XX000). */
export function toDatabaseError(e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e;
  if (e instanceof EnginePgError) {
    return new DatabaseError(e.message, {
      severity: e.severity, code: e.code, detail: e.detail, hint: e.hint, position: str(e.position),
      internalPosition: str(e.internalPosition), internalQuery: e.internalQuery, where: e.where,
      schema: e.schema, table: e.table, column: e.column, dataType: e.dataType, constraint: e.constraint,
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new DatabaseError(message, { code: 'XX000' }, { cause: e });
}

export function toNoticeMessage(n: Notice): NoticeMessage {
  return {
    name: 'notice', message: n.message, severity: n.severity, code: n.code, detail: n.detail, hint: n.hint,
    position: undefined, internalPosition: undefined, internalQuery: undefined, where: undefined, schema: undefined,
    table: undefined, column: undefined, dataType: undefined, constraint: undefined, file: undefined, line: undefined,
    routine: undefined,
  };
}
