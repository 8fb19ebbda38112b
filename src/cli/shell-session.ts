// The part of a Session that the shell uses. The real Session (src/session)
// satisfies it; unit tests pass a small fake.
import type { ResultSink } from '../session/result.js';

export interface ShellSession {
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  readonly transactionStatus: 'I' | 'T' | 'E';
  simpleQuery(sql: string, sink: ResultSink): Promise<void>;
  formatValue(v: unknown, typeOid: number): string;
  /** A setting the server reports to clients (psql reads standard_conforming_strings). */
  parameterStatus?(name: string): string | undefined;
  /** The session ends (temporary tables are dropped). */
  close?(): Promise<void>;
}

export type SessionFactory = (dir?: string) => Promise<ShellSession>;
