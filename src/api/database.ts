// The embedded database for TypeScript applications: one in-memory database and one session
// on it, with node-postgres's query interface (results, errors, notices), so that code can
// move between Relata and a PostgreSQL server without changes.
import { loadParser } from '../parser/index.js';
import { Session } from '../session/session.js';
import { DataDirectory } from '../session/data-directory.js';
import { durable } from '../session/durable-engine.js';
import type { StatementResult } from '../session/result.js';
import { errorStacks } from '../errors/index.js';
import { DatabaseError, toDatabaseError, toNoticeMessage, type NoticeMessage } from './errors.js';
import { prepareValue } from './prepare.js';
import { emptyResult, toQueryResult, type QueryResult, type RowMode } from './result.js';
import { defaultTypes, type TypeParsers } from './values.js';

export type NoticeListener = (notice: NoticeMessage) => void;

export interface DatabaseOptions {
  /** Receives every NOTICE / WARNING the database sends, as node-postgres's 'notice' event. */
  onNotice?: NoticeListener;
  /** Parsers by type oid for result values (node-postgres's `types` option); pg-types' defaults otherwise. */
  types?: TypeParsers;
}

export interface QueryOptions {
  /** 'array' gives each row as an array in column order instead of an object keyed by column name. */
  rowMode?: RowMode;
  types?: TypeParsers;
}

export interface QueryConfig extends QueryOptions {
  text: string;
  values?: unknown[];
}

const NO_OPTIONS: QueryOptions = {};

export class Database {
  private readonly listeners = new Set<NoticeListener>();
  /** A call is running; the calls made meanwhile wait in `queued`, in call order (serialized()). */
  private busy = false;
  private readonly queued: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly session: Session, private readonly options: DatabaseOptions,
    private readonly store: DataDirectory | null = null) {
    if (options.onNotice) this.listeners.add(options.onNotice);
    session.onNotice = n => this.deliver(toNoticeMessage(n));
  }

  /**
   * Opens a new in-memory database, or — given a directory — the database `postgres` of the data
   * directory there (created on first use; recovered from its checkpoint and write-ahead log).
   * Every COMMIT is on disk before its promise resolves; close() writes a checkpoint.
   */
  static async open(dirOrOptions?: string | DatabaseOptions, options: DatabaseOptions = {}): Promise<Database> {
    // SQL errors carry no JavaScript stack (errors/pg-error.ts), unless asked for
    errorStacks.capture = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.RELATA_ERROR_STACKS === '1';
    if (typeof dirOrOptions === 'string') {
      await loadParser();
      let store: DataDirectory;
      try { store = DataDirectory.open(dirOrOptions); } catch (e) { throw toDatabaseError(e); }
      try {
        return new Database(await Session.create(store.open('postgres')), options, store);
      } catch (e) {
        await store.close().catch(() => undefined);
        throw toDatabaseError(e);
      }
    }
    return new Database(await Session.create(), dirOrOptions ?? options);
  }

  /**
   * Runs one statement, with values for its parameters $1, $2, … (node-postgres's
   * `query(text, values)` or `query({ text, values, rowMode })`). Several statements need exec().
   */
  query<R = any>(text: string, values?: unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  query<R = any>(config: QueryConfig): Promise<QueryResult<R>>;
  query(textOrConfig: string | QueryConfig, values?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    // (no spread of the options into a new config: it was a tenth of a point query's cost)
    const config: QueryOptions & { values?: unknown[] } = typeof textOrConfig === 'string' ? (options ?? NO_OPTIONS) : textOrConfig;
    const text = typeof textOrConfig === 'string' ? textOrConfig : textOrConfig.text;
    const vals = typeof textOrConfig === 'string' ? values : textOrConfig.values;
    let params: (string | null)[] = [];
    // a value that cannot be converted is the caller's error (as in node-postgres), not the database's
    if (vals && vals.length) {
      try { params = vals.map(v => prepareValue(v)); } catch (e) { return Promise.reject(e); }
    }
    // (inLine, written out: no closure on the per-statement path when nothing runs)
    if (this.busy) return this.enqueue(() => this.runQuery(text, params, config));
    this.busy = true;
    return this.runQuery(text, params, config);
  }

  private async runQuery(text: string, params: (string | null)[], config: QueryOptions): Promise<QueryResult> {
    // (the caller's mistake, not the database's: not a DatabaseError)
    if (this.closed) { this.next(); throw new Error('Database is closed and is not queryable'); }
    try {
      // parsed once, by the session (which reads standard_conforming_strings)
      const stmts = this.session.parseText(text);
      if (stmts.length > 1) throw new DatabaseError('cannot insert multiple commands into a prepared statement', { code: '42601' });
      if (stmts.length === 0) return emptyResult();
      // (a statement that did not have to wait gives its result without a promise: waiting.ts)
      const run = this.session.runParsed(stmts[0].stmt, text, params);
      const r = run instanceof Promise ? await run : run;
      // a COMMIT is reported once it is on disk (an in-memory database has nothing to wait for)
      if (this.session.pendingFlush) await durable(this.session);
      return this.result(r, config);
    } catch (e) {
      throw await this.failed(e);
    } finally {
      this.next();
    }
  }

  /** Runs a script of any number of statements (the simple query protocol); the result of each, in order. */
  exec(script: string, options: QueryOptions = {}): Promise<QueryResult[]> {
    return this.serialized(async () => {
      const results: StatementResult[] = [];
      await this.session.simpleQuery(script, { result: r => results.push(r) });
      // a COMMIT is reported once it is on disk
      if (this.session.pendingFlush) await durable(this.session);
      return results.map(r => this.result(r, options));
    });
  }

  /** Listens for notices ('notice' is the only event). */
  on(event: 'notice', listener: NoticeListener): this {
    if (event !== 'notice') throw new TypeError(`unknown event "${String(event)}"`);
    this.listeners.add(listener);
    return this;
  }

  off(event: 'notice', listener: NoticeListener): this {
    if (event === 'notice') this.listeners.delete(listener);
    return this;
  }

  /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  get transactionStatus(): 'I' | 'T' | 'E' {
    return this.session.transactionStatus;
  }

  /** Waits for running statements, rolls back an open transaction, and closes the database. */
  close(): Promise<void> {
    const run = async () => {
      try {
        if (this.closed) return;
        this.closed = true;
        this.session.onNotice = null;
        try {
          if (this.session.transactionStatus !== 'I') await this.session.query('ROLLBACK');
          await durable(this.session);
          await this.store?.close();
        } catch (e) { throw toDatabaseError(e); }
      } finally {
        this.next();
      }
    };
    return this.inLine(run);
  }

  private readonly format = (v: unknown, oid: number) => this.session.formatValue(v, oid);

  private result(r: StatementResult, o: QueryOptions): QueryResult {
    const types = o.types ?? this.options.types ?? defaultTypes;
    return toQueryResult(r, this.format, o.rowMode ?? 'object', types);
  }

  private deliver(n: NoticeMessage): void {
    for (const l of this.listeners) {
      try { l(n); } catch (e) {
        // a failing listener must not abort the statement; its error surfaces as uncaught
        queueMicrotask(() => { throw e; });
      }
    }
  }

  /**
   * Statements run one at a time, in the order they were called, as on one connection: a call
   * made while another runs waits in line (without a promise chain when none runs, the usual case).
   */
  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const step = async () => {
      if (this.closed) { this.next(); throw new Error('Database is closed and is not queryable'); }
      try {
        return await run();
      } catch (e) {
        throw await this.failed(e);
      } finally {
        this.next();
      }
    };
    return this.inLine(step);
  }

  /** Runs `run` now if no call is running, else once the calls before it are done; `run` ends with next(). */
  private inLine<T>(run: () => Promise<T>): Promise<T> {
    if (this.busy) return this.enqueue(run);
    this.busy = true;
    return run();
  }

  /** The error a failed call rejects with; a failed statement may follow a commit in the same script, reported once on disk. */
  private async failed(e: unknown): Promise<DatabaseError> {
    if (this.session.pendingFlush) await durable(this.session).catch(() => undefined);
    return toDatabaseError(e);
  }

  /** Runs `run` once the calls before it are done (each ends with next()). */
  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => { this.queued.push(() => { run().then(resolve, reject); }); });
  }

  /** A call ended: the next one waiting starts. */
  private next(): void {
    const run = this.queued.shift();
    if (run) run(); else this.busy = false;
  }
}
