// One session per connection: transaction state, settings, prepared statements.
// (Stub interface; the engine fills it in.)
import type { FormatSettings } from '../types/type.js';
import type { ResultSink } from './result.js';

export class Session {
  settings!: FormatSettings;
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  get transactionStatus(): 'I' | 'T' | 'E' { return 'I'; }
  static async create(): Promise<Session> { throw new Error('not yet'); }
  /**
   * Runs every statement of a simple-query text in order (PostgreSQL's implicit
   * transaction rules). Results and notices reach `sink` as they happen; the first
   * failing statement throws its PgError and the rest of the text is not run.
   */
  async simpleQuery(_sql: string, _sink: ResultSink): Promise<void> { throw new Error('not yet'); }
  /** The text form PostgreSQL would send for a value of this type, under this session's settings. */
  formatValue(_v: unknown, _typeOid: number): string { throw new Error('not yet'); }
}
