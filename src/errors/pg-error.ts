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
let savedStackLimit = 10;
/** Runs before Error's constructor (as super's argument): no stack frames are captured. */
function withoutStack(message: string): string {
  if (!errorStacks.capture) { savedStackLimit = Error.stackTraceLimit; Error.stackTraceLimit = 0; }
  return message;
}

export class PgError extends Error implements ErrorFields {
  code: string;
  severity: Severity = 'ERROR';
  detail?: string;
  hint?: string;
  position?: number;
  internalPosition?: number;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  /** The row of an INSERT … VALUES list being inserted when the error arose (0-based; not sent to clients). */
  valuesRow?: number;

  constructor(code: string, message: string, fields?: ErrorFields) {
    super(withoutStack(message));
    if (!errorStacks.capture) Error.stackTraceLimit = savedStackLimit;
    this.name = 'PgError';
    this.code = code;
    if (fields) Object.assign(this, fields);
  }
}

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
