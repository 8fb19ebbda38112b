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

const NO_FIELDS: Partial<NoticeOrError> = Object.freeze({});

/** Every failure of a statement: SQLSTATE `code`, `message`, and PostgreSQL's other fields. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the fields are declared once, in NoticeOrError
export interface DatabaseError extends NoticeOrError, Error {}
/**
 * Made as the engine's PgError is (errors/pg-error.ts): without Error's constructor, which walks
 * the stack even at Error.stackTraceLimit = 0, and with every field assigned in one order (one
 * shape for all: W6's failing inserts make one per attempt). Its prototype's prototype is
 * Error.prototype, so `instanceof Error` holds; `message` (and `cause`) are own non-enumerable
 * properties and `stack` reads "error: message", as for an Error of node-postgres's made at
 * stackTraceLimit 0; RELATA_ERROR_STACKS=1 (errorStacks.capture) captures the real stack.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class DatabaseError {
  declare name: string;
  declare message: string;
  declare stack?: string;
  declare cause?: unknown;

  constructor(message: string, fields: Partial<NoticeOrError> = NO_FIELDS, options?: { cause?: unknown }) {
    Object.defineProperty(this, 'message', { value: message, writable: true, enumerable: false, configurable: true });
    // node-postgres names its errors after the protocol message: 'error'
    this.name = 'error';
    // every field is an own property, present even when undefined, as in node-postgres
    this.severity = 'severity' in fields ? fields.severity : 'ERROR';
    this.code = fields.code;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.position = fields.position;
    this.internalPosition = fields.internalPosition;
    this.internalQuery = fields.internalQuery;
    this.where = fields.where;
    this.schema = fields.schema;
    this.table = fields.table;
    this.column = fields.column;
    this.dataType = fields.dataType;
    this.constraint = fields.constraint;
    this.file = fields.file;
    this.line = fields.line;
    this.routine = fields.routine;
    if (options && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, enumerable: false, configurable: true });
    }
    if (errorStacks.capture) Error.captureStackTrace(this, DatabaseError);
  }

  /** (Object.prototype.toString gives [object Error], so util.inspect prints it as an error) */
  get [Symbol.toStringTag](): string { return 'Error'; }
}
Object.setPrototypeOf(DatabaseError.prototype, Error.prototype);
// without a captured stack, `stack` reads as Error's would with no frames: "error: message"
Object.defineProperty(DatabaseError.prototype, 'stack', {
  get(this: DatabaseError) { return `${this.name}: ${this.message}`; },
  set(this: DatabaseError, v: unknown) { Object.defineProperty(this, 'stack', { value: v, writable: true, configurable: true }); },
  configurable: true,
});

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
    // (an error without positions — most failures of a statement that ran — carries its fields
    // under the API's names and types already: read straight from it, no object of them made)
    if (e.position === undefined && e.internalPosition === undefined) return new DatabaseError(e.message, e as Partial<NoticeOrError>);
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
