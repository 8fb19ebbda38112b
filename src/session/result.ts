// What the session hands to its front ends (cli/, api/, server/) for each statement.
import type { Notice } from '../errors/index.js';

export interface Field {
  name: string;
  /** pg_type oid of the column's type. */
  typeOid: number;
  typmod: number;
  /** Table oid and attribute number when the column comes straight from a table, else 0. */
  tableOid: number;
  columnNumber: number;
}

export interface StatementResult {
  /** The command tag exactly as PostgreSQL sends it: 'SELECT 3', 'INSERT 0 1', 'CREATE TABLE', … */
  command: string;
  /** Present when the statement returns rows (SELECT, … RETURNING, SHOW, …), even if zero rows. */
  fields?: Field[];
  /** Internal values (see ARCHITECTURE.md "Values"); null is SQL NULL. */
  rows?: unknown[][];
  /** The number in the tag (rows affected or returned), null when the tag has none. */
  rowCount: number | null;
  /**
   * `rows` and each row are new arrays that nothing else refers to, each row listed once: the
   * front end may change them (the embedded API converts a row's values in place). Unset: the
   * rows may be shared (a cursor's materialized rows), and are only read.
   */
  owned?: boolean;
}

/** Front ends receive results and notices as they happen, in order. */
export interface ResultSink {
  result(r: StatementResult): void;
  notice?(n: Notice): void;
  /** COPY … FROM STDIN: the client's data, whole (absent: the front end cannot send any). */
  copyIn?(): Promise<string>;
  /** COPY … TO STDOUT: lines of data for the client. */
  copyOut?(text: string): void;
}
