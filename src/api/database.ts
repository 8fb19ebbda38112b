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
import { StatementFailure, WouldWaitError } from '../session/waiting.js';
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
const NO_PARAMS: Param[] = [];

/**
 * A parameter value as the session takes it: text, or an integer (int32) standing for its text
 * String(v) (what prepareValue makes of it), which an integer parameter takes without the text
 * made and read again (session/params.ts).
 */
type Param = string | number | null;

/** A call's statement text, parameter values, and options. */
interface Call { text: string; params: Param[]; config: QueryOptions }

/** A parameter value that could not be converted: the caller's error, thrown as it was. */
class BadValue { constructor(readonly error: unknown) {} }

/** The parameter values as text (node-postgres's prepareValue) or numbers, or the caller's error. */
function readParams(vals: unknown[] | undefined): Param[] | BadValue {
  if (!vals || !vals.length) return NO_PARAMS;
  // (a copy all the same: the caller may change its array while a statement waits)
  const params = new Array<Param>(vals.length);
  try {
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      // (v | 0: an int32 kept as a small integer, so that the array never holds doubles — a string
      // stored after one would make V8 convert the array; -0 is 0, whose text "0" is -0's too)
      params[i] = typeof v === 'number' && (v | 0) === v ? v | 0 : prepareValue(v);
    }
  } catch (e) { return new BadValue(e); }
  return params;
}

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
    // the session and its catalogs are built while the parser's WebAssembly is still compiling,
    // and before its 37 MiB memory exists: while that memory is in V8's young generation, each
    // typed array the engine allocates would make V8 run a scavenge
    const session = new Session();
    await loadParser();
    return new Database(session, dirOrOptions ?? options);
  }

  /**
   * Runs one statement, with values for its parameters $1, $2, … (node-postgres's
   * `query(text, values)` or `query({ text, values, rowMode })`). Several statements need exec().
   */
  query<R = any>(text: string, values?: unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  query<R = any>(config: QueryConfig): Promise<QueryResult<R>>;
  query(textOrConfig: string | QueryConfig, values?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    // (no spread of the options into a new config: it was a tenth of a point query's cost)
    const byText = typeof textOrConfig === 'string';
    const params = readParams(byText ? values : textOrConfig.values);
    // a value that cannot be converted is the caller's error (as in node-postgres), not the database's
    if (params instanceof BadValue) return Promise.reject(params.error);
    const call: Call = { text: byText ? textOrConfig : textOrConfig.text, params, config: byText ? (options ?? NO_OPTIONS) : textOrConfig };
    // (inLine, written out: no closure on the per-statement path when nothing runs)
    if (this.busy) return this.enqueue(() => this.runQuery(call));
    this.busy = true;
    return this.runQuery(call);
  }

  /**
   * query(), synchronously: the result itself, or the statement's error thrown. For a
   * statement that would have to wait it throws WouldWaitError without running it: another
   * call still running or queued, COPY, a row or the database locked by another session, and
   * — on a database with a data directory under synchronous_commit = on — a statement outside
   * a transaction block or a transaction control statement (a commit waits for its write to disk).
   */
  querySync<R = any>(text: string, values?: unknown[], options?: QueryOptions): QueryResult<R>;
  querySync<R = any>(config: QueryConfig): QueryResult<R>;
  querySync(textOrConfig: string | QueryConfig, values?: unknown[], options?: QueryOptions): QueryResult {
    const byText = typeof textOrConfig === 'string';
    const params = readParams(byText ? values : textOrConfig.values);
    if (params instanceof BadValue) throw params.error;
    const text = byText ? textOrConfig : textOrConfig.text;
    if (this.closed) throw new Error('Database is closed and is not queryable');
    if (this.busy) throw new WouldWaitError('another call on this database is running or waiting');
    const session = this.session;
    let stmts;
    try { stmts = session.parseText(text); } catch (e) { throw toDatabaseError(e); }
    if (stmts.length > 1) throw new DatabaseError('cannot insert multiple commands into a prepared statement', { code: '42601' });
    if (stmts.length === 0) return emptyResult();
    const stmt = stmts[0].stmt;
    if (this.store && session.gucs.get('synchronous_commit') !== 'off' && (session.transactionStatus === 'I' || 'TransactionStmt' in stmt)) {
      throw new WouldWaitError('a commit on a database with a data directory waits for its write to disk (synchronous_commit)');
    }
    // (the statement's error comes back as a value and is thrown once, here)
    // (what is thrown before the statement runs — 25P02, a transaction statement's errors — is caught)
    let r: StatementResult | StatementFailure;
    try { r = session.tryParsedSync(stmt, text, params); } catch (e) { r = new StatementFailure(e); }
    if (r instanceof StatementFailure) throw r.error instanceof WouldWaitError ? r.error : toDatabaseError(r.error);
    return this.result(r, byText ? (options ?? NO_OPTIONS) : textOrConfig);
  }

  /** One statement (runQuery's, querySync's): its result, a promise of it when it must wait, null for an empty query. */
  private runNow(call: Call): StatementResult | StatementFailure | Promise<StatementResult> | null {
    // parsed once, by the session (which reads standard_conforming_strings)
    const stmts = this.session.parseText(call.text);
    if (stmts.length > 1) throw new DatabaseError('cannot insert multiple commands into a prepared statement', { code: '42601' });
    if (stmts.length === 0) return null;
    // (a statement that did not have to wait gives its result without a promise, its failure
    // as a value rather than thrown through each layer: waiting.ts)
    return this.session.tryParsed(stmts[0].stmt, call.text, call.params);
  }

  /** A call's statement; its promise settled already, without an async frame, when nothing had to wait. */
  private runQuery(call: Call): Promise<QueryResult> {
    // (the caller's mistake, not the database's: not a DatabaseError)
    if (this.closed) { this.next(); return Promise.reject(new Error('Database is closed and is not queryable')); }
    let out: QueryResult;
    let run: StatementResult | StatementFailure | Promise<StatementResult> | null;
    try { run = this.runNow(call); } catch (e) { run = new StatementFailure(e); }
    if (run instanceof StatementFailure) {
      if (this.session.pendingFlush) return this.settle(Promise.reject(run.error), call.config);
      this.next();
      return Promise.reject(toDatabaseError(run.error));
    }
    try {
      if (run === null) out = emptyResult();
      // a COMMIT is reported once it is on disk (an in-memory database has nothing to wait for)
      else if (run instanceof Promise || this.session.pendingFlush) return this.settle(run, call.config);
      else out = this.result(run, call.config);
    } catch (e) {
      if (this.session.pendingFlush) return this.settle(Promise.reject(e), call.config);
      this.next();
      return Promise.reject(toDatabaseError(e));
    }
    this.next();
    return Promise.resolve(out);
  }

  /** runQuery's slow path: the statement waited, or its commit must reach the disk first. */
  private async settle(run: StatementResult | Promise<StatementResult>, config: QueryOptions): Promise<QueryResult> {
    try {
      const r = run instanceof Promise ? await run : run;
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
