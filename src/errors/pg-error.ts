// PgError: every failure in Relata is one of these, carrying the fields of
// PostgreSQL's ErrorResponse (and of node-postgres's DatabaseError).

export type Severity = 'ERROR' | 'FATAL' | 'PANIC' | 'WARNING' | 'NOTICE' | 'DEBUG' | 'INFO' | 'LOG';

export interface ErrorFields {
  detail?: string;
  hint?: string;
  /** 1-based character position in the query text, as PostgreSQL reports it. */
  position?: number;
  internalPosition?: number;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  severity?: Severity;
}

/**
 * Whether a PgError records where in Relata it was thrown. Capturing the JavaScript stack is
 * most of the cost of an SQL error (W6's failing inserts: ~6 µs of ~45); the embedded API turns
 * it off (an SQL error's stack says nothing to the application), RELATA_ERROR_STACKS=1 keeps it.
 */
export const errorStacks = { capture: true };

/**
 * A PgError is an Error (its prototype is Error.prototype: `instanceof Error` holds, it prints
 * as `PgError: message`) made without Error's constructor: that constructor walks the stack
 * for the trace even when Error.stackTraceLimit is 0 (Node.js asks V8 to keep frames for
 * uncaught exceptions), and in code not yet optimized each frame's position is found by a
 * linear search. Its stack is captured only when errorStacks.capture says so.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- Error's members, inherited at run time
export interface PgError extends Error {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PgError implements ErrorFields {
  declare name: string;
  declare message: string;
  declare stack?: string;
  declare code: string;
  declare severity: Severity;
  declare detail?: string;
  declare hint?: string;
  declare position?: number;
  declare internalPosition?: number;
  declare internalQuery?: string;
  declare where?: string;
  declare schema?: string;
  declare table?: string;
  declare column?: string;
  declare dataType?: string;
  declare constraint?: string;
  /** The row of an INSERT … VALUES list being inserted when the error arose (0-based; not sent to clients). */
  declare valuesRow?: number;

  constructor(code: string, message: string, fields?: ErrorFields) {
    // every field an own property from the start, in one order (one shape for all PgErrors)
    this.name = 'PgError';
    this.message = message;
    this.code = code;
    this.severity = 'ERROR';
    this.detail = undefined;
    this.hint = undefined;
    this.position = undefined;
    this.internalPosition = undefined;
    this.internalQuery = undefined;
    this.where = undefined;
    this.schema = undefined;
    this.table = undefined;
    this.column = undefined;
    this.dataType = undefined;
    this.constraint = undefined;
    this.valuesRow = undefined;
    if (fields) Object.assign(this, fields);
    if (errorStacks.capture) Error.captureStackTrace(this, PgError);
  }

  /** (Object.prototype.toString gives [object Error], so util.inspect prints it as an error) */
  get [Symbol.toStringTag](): string { return 'Error'; }
}
Object.setPrototypeOf(PgError.prototype, Error.prototype);
// without a captured stack, `stack` reads as Error's would with no frames: "PgError: message"
Object.defineProperty(PgError.prototype, 'stack', {
  get(this: PgError) { return `${this.name}: ${this.message}`; },
  set(this: PgError, v: unknown) { Object.defineProperty(this, 'stack', { value: v, writable: true, configurable: true }); },
  configurable: true,
});

/** A NOTICE / WARNING / INFO message delivered to the client without ending the statement. */
export interface Notice {
  severity: 'NOTICE' | 'WARNING' | 'INFO' | 'LOG' | 'DEBUG';
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the query text (a warning about a token). */
  position?: number;
}

export const pgError = (code: string, message: string, fields?: ErrorFields) => new PgError(code, message, fields);

/** The 0A000 error for anything Relata does not implement: never a silently wrong answer. */
export const notSupported = (what: string) => new PgError('0A000', `${what} is not supported`);
