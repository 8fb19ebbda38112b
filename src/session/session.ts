// One session per connection: transaction state, settings, and the flow of each
// statement: parse → analyze → plan → execute, with referential-integrity events
// fired at the end of the statement and deferred ones at COMMIT.
import { lookupTransitionTable } from '../triggers/transition.js';
import { PgError, type Notice } from '../errors/index.js';
import { loadParser, parse } from '../parser/index.js';
import '../types/index.js';
import '../types/datetime.js';
import { typeByOid, type EvalContext } from '../types/registry.js';
import { defaultFormatSettings, type FormatSettings } from '../types/type.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeDmlStatement, type DmlStatement } from '../analyzer/dml.js';
import { checkDmlPrivileges, checkQueryPrivileges } from '../privileges/requests.js';
import type { Query } from '../analyzer/query.js';
import type { Constraint, Table } from '../catalog/objects.js';
import { fireEvents, type WriteContext } from '../integrity/index.js';
import { execDml } from '../executor/dml.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import type { ReadView } from '../storage/visibility.js';
import { runUtility } from '../commands/utility.js';
import { execCopy } from '../commands/copy-exec.js';
import { Gucs } from './gucs.js';
import { rewriteNonstandardStrings } from '../parser/nonstandard-strings.js';
import { onCommitActions, TempNamespace } from '../commands/temp.js';
import { setSettingsSource } from '../catalog/system/index.js';
import { registerSettingFunctions, runSet, runShow } from './gucs-set.js';
import type { CommandContext, CompiledExpr } from '../commands/context.js';
import { Engine } from './engine.js';
import type { Field, ResultSink, StatementResult } from './result.js';
import { registerSequenceFunctions, SessionSequences, type SequenceHost } from './sequences.js';
import { makeRegLookup } from './reg-lookup.js';
import { installRegLookup } from '../types/oid-types.js';
import { registerCatalogFunctions } from './catalog-functions.js';
import { registerPartitionFunctions } from './partition-functions.js';
import { registerFilenodeFunctions } from './filenode-functions.js';
import { registerClientFunctions } from './client-functions.js';
import { isSuperuser, sessionUser, setRole, setSessionAuthorization } from './session-roles.js';
import { registerRuleutilsFunctions } from './ruleutils-functions.js';
import { registerViewdefFunctions } from './viewdef-functions.js';
import { registerDescribeFunctions } from './describe-functions.js';
import { analyzeWithParams, checkParamCount, describeCached } from './params.js';
import { StatementCache } from './statement-cache.js';
import { explain } from '../commands/explain.js';
import { describeStatement, fieldsOf, type StatementDescription } from './describe.js';
import { createTableAs, selectIntoAsCreateTableAs } from './create-table-as.js';
import { LockWait, StatementRetry } from '../storage/locks.js';
import { ssiHandle } from '../storage/ssi.js';
import { cancelWait, runStatementWaiting, runWaiting, StatementFailure } from './waiting.js';
import { makeVisible } from './commit-visibility.js';
import { setActiveSession } from '../functions/runtime.js';
import { activateSessionTypes, registerUserTypeSupport } from './user-types.js';
import { applyTransactionOptions, readOnlyRefusal, selectForName, transactionSetting, type TxnModes } from './txn-modes.js';
import type { Txn } from './txn.js';
import { transactionStatement, type TxnControl } from './transaction-stmt.js';
import { checkFn, compileRowExpr, defaultFn, storedExprFn } from './row-exprs.js';
import { registerXactFunctions } from './xact-functions.js';
import { policiesViewRows } from './policies-view.js';
import { isTemp } from '../commands/temp.js';
import { bindExecute, compileArgument, deallocate, describeExecute, prepare, preparedRows, withArgumentLiterals, type PrepareHost, type PreparedStatement } from './prepared-sql.js';
import { Cursors } from './cursors.js';
import { declaredQuery } from './cursor-query.js';
import { analyzeMerge } from '../analyzer/merge.js';
import { execMerge } from '../executor/merge.js';
import { armStatementTimeout, restoreStatementTimeout } from '../executor/deadline.js';
import { parseTimeoutMs } from '../storage/locks.js';
import { bindParams } from './params.js';
import { setSessionViewSources } from '../catalog/system/pg-session-views.js';
import { assignTop, assignXid, lazyXid, StatementWrite } from './write-context.js';


/** Statement kinds a read-only transaction refuses, with the name PostgreSQL's error gives. */
const WRITES: Record<string, string> = { InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', TruncateStmt: 'TRUNCATE TABLE' };

let nextPid = 1;
const NO_TYPES: readonly number[] = [];
/** A transaction's SET CONSTRAINTS of none (shared, never changed: setConstraintsMode gives the transaction its own). */
const NO_DEFER_BY: Map<Constraint, boolean> = new Map();
const COMMIT_STMT = { TransactionStmt: { kind: 'TRANS_STMT_COMMIT' } };
const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
const nowMicros = () => (Date.now() - EPOCH_2000_MS) * 1000;

/** A parsed statement's kind: its one key (without Object.entries' arrays). */
function kindOf(stmt: Record<string, any>): string {
  for (const k in stmt) return k;
  return '';
}

/** Statements of a function body that take its parameters (runNested). */
const NESTED_PLANNABLE = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'ExplainStmt']);

export class Session implements SequenceHost {
  settings: FormatSettings = { ...defaultFormatSettings };
  searchPath: string[] = ['"$user"', 'public'];
  user = 'postgres';
  database = 'relata';
  /** The server's databases (CREATE / DROP DATABASE); null for an embedded session (commands/access.ts). */
  cluster: import('../commands/database.js').DatabaseHost | null = null;
  /** SET ROLE / SET SESSION AUTHORIZATION (session-roles.ts): `user` is the current user. */
  authenticatedUser: string | null = null;
  sessionUser: string | null = null;
  currentRole: string | null = null;
  setRole(name: string | null): void { setRole(this, name); }
  setSessionAuthorization(name: string | null): void { setSessionAuthorization(this, name); }
  get isSuperuser(): boolean { return isSuperuser(this); }
  private txn: Txn | null = null;
  private sink: ResultSink | null = null;
  /** nextval/currval state of this session (sequences.ts). */
  sequences = new SessionSequences();
  onNotice: ((n: Notice) => void) | null = null;
  /** Settings set by SET that SHOW reads back. */
  gucs = new Map<string, string>();
  private tempNs: TempNamespace | null = null;
  /** The configuration parameters (gucs.ts): SET, SHOW, current_setting(), pg_settings; changes mirrored in `gucs`. */
  readonly config: Gucs = new Gucs(this, this.gucs, undo => this.engine.catalog.undoLog?.push(undo));
  private readonly settingsRows = () => this.config.rows();
  /** Named prepared statements, SQL PREPARE's and the protocol's (prepared-sql.ts). */
  readonly prepared = new Map<string, PreparedStatement>();
  /** SQL cursors (cursors.ts). */
  readonly cursors = new Cursors();
  /** The text of the query running (pg_prepared_statements, pg_cursors). */
  queryText = '';
  private readonly sessionViews = { pg_cursors: () => this.cursors.rows(), pg_prepared_statements: () => preparedRows(this.prepareHost()),
    pg_policies: () => policiesViewRows(this) };
  /**
   * The flush of the last commit's log record (durable-engine.ts): the server and the embedded
   * API await it (durable()) before the client hears of the commit.
   */
  pendingFlush: Promise<void> | null = null;
  /** SET SESSION CHARACTERISTICS AS TRANSACTION …: what each new transaction starts with. */
  private readonly txnDefaults: TxnModes = { isolation: 'read committed', readOnly: false, deferrable: false, queried: false };
  /** A query of several statements runs: they are in an implicit transaction block (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS). */
  private multiStatement = false;
  /** Names this session in deadlock reports (the server sets its backend process id). */
  pid = nextPid++;
  /** The snapshot of a statement that waited for a lock: it runs again on it (READ COMMITTED's EvalPlanQual, executor/epq.ts). */
  private retrySnap: import('../storage/transactions.js').Snapshot | null = null;
  private stmtSnap: import('../storage/transactions.js').Snapshot | null = null;
  /** When the running statement started (runStatement), in microseconds since 2000. */
  private stmtNow = 0;

  constructor(readonly engine: Engine = new Engine()) {
    registerSequenceFunctions();
    installRegLookup(this.settings, makeRegLookup(this));
    registerCatalogFunctions();
    registerPartitionFunctions();
    registerFilenodeFunctions();
    registerClientFunctions();
    registerSettingFunctions();
    registerRuleutilsFunctions(this);
    registerViewdefFunctions(this);
    registerDescribeFunctions();
    registerUserTypeSupport();
    registerXactFunctions();
  }

  /** The running transaction's top-level xid and whether it wrote yet (xact-functions.ts). */
  get currentXact(): { top: number; wrote: boolean } | null {
    const t = this.txn;
    if (!t) return null;
    const s = this;
    // pg_current_xact_id() assigns the xid if the transaction has none yet, as in PostgreSQL
    return { get top() { return assignTop(s, t); }, wrote: !!t.wrote };
  }

  get transactionStatus(): 'I' | 'T' | 'E' {
    if (!this.txn || !this.txn.explicit) return 'I';
    return this.txn.failed ? 'E' : 'T';
  }

  static async create(engine?: Engine): Promise<Session> {
    await loadParser();
    return new Session(engine);
  }

  /** The schemas the search path names that exist, "$user" and pg_temp resolved. */
  effectivePath(): string[] {
    const out: string[] = [];
    for (const p of this.searchPath) {
      const name = p === '"$user"' || p === '$user' ? this.user : p === 'pg_temp' ? (this.tempNs?.name ?? p) : p;
      if (this.engine.catalog.schemas.has(name) && !out.includes(name)) out.push(name);
    }
    return out;
  }

  /** The path names are looked up along: pg_catalog first unless search_path places it. */
  lookupPath(): string[] {
    const p = this.effectivePath();
    const path = p.includes('pg_catalog') ? p : ['pg_catalog', ...p];
    // the session's temporary schema comes first unless search_path places it
    const temp = this.tempNs?.schema?.name;
    return temp && !path.includes(temp) ? [temp, ...path] : path;
  }

  /** The session's temporary namespace (pg_temp_N), numbered on first use (commands/temp.ts). */
  get temp(): TempNamespace {
    return (this.tempNs ??= new TempNamespace(this.engine.catalog));
  }

  /** The session ends: its temporary objects are dropped and its pg_temp number freed. */
  async close(): Promise<void> {
    if (this.tempNs?.schema?.relations.size) {
      try { await this.query('DISCARD TEMP'); } catch { /* the session is going anyway */ }
    }
    this.tempNs?.release();
  }

  notice(n: Notice): void {
    if (!this.config.noticeVisible(n)) return;
    this.sink?.notice?.(n);
    this.onNotice?.(n);
  }

  /** Makes this database's user-defined types the ones type oids and names find (before any work for this session). */
  useTypes(): void {
    activateSessionTypes(this);
  }

  formatValue(v: unknown, typeOid: number): string {
    activateSessionTypes(this);
    const t = typeByOid(typeOid);
    if (!t) return String(v);
    return t.output(v, this.settings);
  }

  async simpleQuery(sql: string, sink: ResultSink): Promise<void> {
    this.sink = sink;
    activateSessionTypes(this);
    try {
      const stmts = this.parseText(sql);
      this.queryText = sql;
      // several statements in one query run in one implicit transaction, as PostgreSQL's
      // simple query protocol does: a failure undoes the earlier ones too (and after a COMMIT
      // among them, the rest run in a new one)
      let block = stmts.length > 1 && !this.txn ? this.begin(false) : null;
      this.multiStatement = stmts.length > 1;
      try {
        for (const s of stmts) {
          if (this.multiStatement && !this.txn) block = this.begin(false);
          // COPY awaits its data (the client's channel); it commits its own implicit transaction unless in the block
          if ('CopyStmt' in s.stmt) { sink.result(await execCopy(this, s.stmt.CopyStmt, sink, !block || this.txn !== block)); continue; }
          const r = this.runStatementNow(s.stmt, []);
          sink.result(r instanceof Promise ? await r : r);
        }
        // (its deferred checks may wait for a row lock, as a COMMIT does)
        const last = block;
        if (last && this.txn === last && !last.explicit) await runWaiting(this, COMMIT_STMT, () => { this.commit(last); return { command: 'COMMIT', rowCount: null }; });
      } catch (e) {
        if (block && this.txn === block && !block.explicit) this.abort(block);
        throw e;
      }
    } finally {
      this.sink = null;
      this.multiStatement = false;
    }
  }

  /** Runs one statement (with parameters) and returns its result. */
  async query(sql: string, params: unknown[] = []): Promise<StatementResult[]> {
    const out: StatementResult[] = [];
    for (const s of this.parseText(sql)) {
      const r = this.runParsed(s.stmt, sql, params);
      out.push(r instanceof Promise ? await r : r);
    }
    return out;
  }

  // ---- transactions -----------------------------------------------------------

  private begin(explicit: boolean, now = nowMicros()): Txn {
    // no xid yet: it is assigned at the first write (write-context.ts)
    const t: Txn = { top: 0, xid: 0, stmtSub: false, cid: 0, undo: [], deferred: [], savepoints: [], failed: false, explicit, startTime: now,
      deferAll: null, deferBy: NO_DEFER_BY, isolation: this.txnDefaults.isolation, readOnly: this.txnDefaults.readOnly, deferrable: this.txnDefaults.deferrable, snapshot: null, queried: false,
      stmtXids: [], ssi: null };
    this.txn = t;
    return t;
  }

  private commit(t: Txn): void {
    // cursors WITH HOLD are materialized (their query runs now if it has not), the others close
    if (this.cursors.map.size) try { this.cursors.commit(); } catch (e) { this.abort(t); throw e; }
    if (t.deferred.length) {
      // deferred checks run under their own xid: when one must wait for a row lock they are
      // undone and COMMIT runs again after the wait (waiting.ts)
      const pending = t.deferred, undoMark = t.undo.length, outer = t.xid;
      t.xid = this.engine.tm.beginSub(assignTop(this, t));
      const w = this.writeContext(t);
      w.queue = pending;
      t.deferred = [];
      this.engine.catalog.undoLog = t.undo;
      try { fireEvents(w, w.queue); } catch (e) {
        if (!(e instanceof LockWait || e instanceof StatementRetry)) { this.abort(t); throw e; }
        for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
        t.undo.length = undoMark;
        this.engine.tm.abort(t.xid);
        t.xid = outer;
        t.deferred = pending;
        throw e;
      }
    }
    if (this.tempNs?.hasOnCommitActions()) {
      // ON COMMIT DELETE ROWS / DROP of temporary tables, after the deferred constraints
      this.engine.catalog.undoLog = t.undo;
      const w = this.writeContext(t);
      w.cid = ++t.cid;
      const view: ReadView = { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: w.cid };
      try { onCommitActions(this.commandContext(t, w, view), this.tempNs.schema!); } catch (e) { this.abort(t); throw e; }
    }
    this.engine.catalog.undoLog = null;
    if (t.ssi) {
      // SERIALIZABLE: a dangerous structure fails the commit (storage/ssi.ts)
      try { this.engine.ssi.preCommit(t.ssi.sx); } catch (e) { this.abort(t); throw e; }
    }
    const storage = this.engine.storage;
    let flush: Promise<void> | null = null;
    if (storage) {
      // the write-ahead log record goes first: if it cannot be written the transaction aborts
      try { flush = storage.logCommit(t.top, this.gucs.get('synchronous_commit') !== 'off'); } catch (e) { this.abort(t); throw e; }
    }
    if (t.ssi) this.engine.ssi.committed(t.ssi.sx);
    this.txn = null;
    this.config.endTransaction();
    // visible to others (and its locks released) once its record is flushed (commit-visibility.ts)
    const visible = makeVisible(this.engine, this, t, flush);
    if (visible) this.pendingFlush = visible;
  }

  private abort(t: Txn): void {
    if (this.cursors.map.size) this.cursors.abort();
    this.engine.catalog.undoLog = null;
    for (let i = t.undo.length - 1; i >= 0; i--) t.undo[i]();
    for (const sp of t.savepoints) this.engine.tm.abort(sp.xid);
    if (t.top) this.engine.tm.abort(t.top);
    if (t.ssi) this.engine.ssi.aborted(t.ssi.sx);
    this.txn = null;
    this.config.endTransaction();
    this.engine.locks.releaseDb(this);
  }

  private writeContext(t: Txn): StatementWrite {
    return new StatementWrite(this, t);
  }

  private evalCtx(t: Txn): EvalContext {
    return { settings: this.settings, txnTimestamp: t.startTime, stmtTimestamp: this.stmtNow || nowMicros(), session: this };
  }

  private env(t: Txn, view: ReadView, params: unknown[]): Env {
    return { view, params, ctx: this.evalCtx(t), aggs: null, outer: [] };
  }

  /** Analyzed statements reused while the catalog is unchanged (statement-cache.ts). */
  readonly statementCache = new StatementCache();
  get catalogVersion(): number { return this.engine.catalog.version; }

  analyzeContext(paramTypes: number[] = []): AnalyzeContext {
    activateSessionTypes(this);
    return {
      catalog: this.engine.catalog, searchPath: this.lookupPath(), settings: this.settings, paramTypes, currentUser: this.user, lookupUser: this.user,
      ephemeral: lookupTransitionTable,
      sessionValue: (name) => (name === 'current_user' ? this.user : name === 'session_user' ? sessionUser(this)
        : name === 'current_schema' ? (this.effectivePath()[0] ?? null) : this.database),
    };
  }

  /** A partition key expression on a row of its table, compiled once per table version. */
  /** An environment of its own (a fresh snapshot) for expressions evaluated outside a statement's. */
  private freshEnv(t: Txn): Env {
    return this.env(t, { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: t.cid }, []);
  }

  /** (write-context.ts) */
  evalStoredExpr(table: Table, raw: unknown, row: unknown[], t: Txn): unknown {
    return storedExprFn(table, raw, () => this.analyzeContext())(row, this.freshEnv(t));
  }

  /** (write-context.ts) */
  evalCheck(c: Constraint, row: unknown[], t: Txn): unknown {
    return checkFn(c, () => this.analyzeContext())(row, this.freshEnv(t));
  }

  /** ALTER TABLE's DEFAULT and USING expressions, over one row of `table` (commands/context.ts). */
  private compileRowExpr(table: Table | null, expr: any, kind: string, typeOid: number, typmod: number, t: Txn): CompiledExpr {
    return compileRowExpr(this.analyzeContext(), table, expr, kind, typeOid, typmod, () => this.freshEnv(t));
  }

  /** (write-context.ts) */
  defaultValue(table: Table, attnum: number, t: Txn, stmtEnv?: Env): unknown {
    const fn = defaultFn(table, attnum, () => this.analyzeContext());
    // in a statement, its own environment (snapshot, clock); else a fresh one
    return fn ? fn(stmtEnv ?? this.freshEnv(t)) : null;
  }

  // ---- one statement ------------------------------------------------------------

  runStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = []): StatementResult {
    const r = this.tryStatement(stmt, params, paramTypes);
    if (r instanceof StatementFailure) throw r.error;
    return r;
  }

  /**
   * runStatement, its failure returned rather than thrown. (V8 leaves a function that catches
   * an exception unoptimized for as long as every call ends by throwing — its tier-up counts
   * returns — so a run of failing statements, W6's, would all run in slow code.)
   */
  tryStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = NO_TYPES): StatementResult | StatementFailure {
    activateSessionTypes(this);
    setActiveSession(this); // user functions called without an evaluation context's session (functions/runtime.ts)
    // the statement's clock, read once (reading it is a system call on some machines: ~0.3 µs)
    this.stmtNow = nowMicros();
    const kind = kindOf(stmt), node = stmt[kind];
    if (kind === 'TransactionStmt') { checkParamCount(params.length, 0); return transactionStatement(this.control ??= this.makeControl(), node); }
    let t = this.txn;
    if (t?.failed) {
      throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const implicit = !t;
    if (!t) t = this.begin(false, this.stmtNow);
    this.engine.catalog.undoLog = t.undo;
    setSettingsSource(this.engine.catalog, this.settingsRows);
    setSessionViewSources(this.engine.catalog, this.sessionViews);
    // in a transaction block each statement writes under its own xid, so that a statement that
    // must wait for a row lock can be undone alone and run again (waiting.ts)
    // (the statement's xid is made at its first write: write-context.ts)
    const outer = t.xid, undoMark = t.undo.length, deferredMark = t.deferred.length;
    if (!implicit) t.stmtSub = true;
    // statement_timeout: the executor's row loops read the clock (executor/deadline.ts)
    const outerDeadline = armStatementTimeout(parseTimeoutMs(this.gucs.get('statement_timeout')));
    try {
      const result = this.execute(kind, node, params, t, paramTypes);
      if (implicit) this.commit(t);
      return result;
    } catch (e) {
      // after waiting for a row lock a statement runs again on its snapshot; after a concurrent update under READ COMMITTED, on a new one
      if (e instanceof LockWait) this.retrySnap = this.stmtSnap;
      if (implicit) { if (this.txn === t) this.abort(t); } else if (e instanceof LockWait || e instanceof StatementRetry) {
        for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
        t.undo.length = undoMark;
        t.deferred.length = Math.min(t.deferred.length, deferredMark);
        // (the statement's own xid, if it wrote)
        if (!t.stmtSub) this.engine.tm.abort(t.xid);
      } else this.failInPlace(t);
      return new StatementFailure(e);
    } finally {
      restoreStatementTimeout(outerDeadline);
      // (a statement that wrote first assigned the top-level xid: it is the outer one now)
      if (this.txn === t && !implicit) { t.stmtSub = false; t.xid = outer || t.top; }
      this.engine.catalog.undoLog = this.txn ? this.txn.undo : null;
    }
  }

  /**
   * runStatement, waiting as PostgreSQL does (waiting.ts): for the database lock the statement
   * needs, and for a transaction whose row it met, after which the statement runs again.
   */
  runStatementWaiting(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = []): Promise<StatementResult> {
    try {
      const r = this.runStatementNow(stmt, params, paramTypes);
      return r instanceof Promise ? r : Promise.resolve(r);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** runStatementWaiting, its result without a promise when the statement did not wait (errors then thrown). */
  runStatementNow(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = NO_TYPES): StatementResult | Promise<StatementResult> {
    return runStatementWaiting(this, stmt, params, paramTypes);
  }

  /**
   * One parsed statement of `sql` (the embedded API's query(), which parsed it with parseText):
   * its result, without a promise when nothing had to wait.
   */
  runParsed(stmt: Record<string, any>, sql: string, params: unknown[]): StatementResult | Promise<StatementResult> {
    this.queryText = sql;
    // COPY with a server-side file (no client channel here), in its own implicit transaction unless in a block
    if ('CopyStmt' in stmt && !params.length) return execCopy(this, stmt.CopyStmt, {}, true);
    return this.runStatementNow(stmt, params);
  }

  /** Ends a wait of this session's statement (a cancel request, the connection closing). */
  cancelWait(e: PgError): void {
    cancelWait(this, e);
  }

  /** The end of a statement that may have written: its integrity events fire. */
  private finish(w: WriteContext, t: Txn): void {
    fireEvents(w, w.queue);
    // (a function's statements inside this one may have moved it further)
    t.cid = Math.max(t.cid, w.cid + 1);
  }

  private execute(kind: string, node: any, params: unknown[], t: Txn, paramTypes: readonly number[]): StatementResult {
    if (kind === 'ExecuteStmt') {
      // EXECUTE runs the prepared statement with its arguments as parameter values (prepared-sql.ts)
      const x = bindExecute(this.prepareHost(t, params, paramTypes), node);
      return this.execute(x.kind, x.node, x.params, t, x.paramTypes);
    }
    const w = this.writeContext(t);
    w.cid = ++t.cid;
    if (t.readOnly) {
      // INSERT/UPDATE/DELETE are checked by their target after analysis (temporary tables may be written)
      const what = readOnlyRefusal(kind, node);
      if (what) throw new PgError('25006', `cannot execute ${what} in a read-only transaction`);
    }
    if (kind !== 'VariableSetStmt' && kind !== 'VariableShowStmt') t.queried = true;
    if (!t.wrote && kind !== 'SelectStmt' && (WRITES[kind] || readOnlyRefusal(kind, node))) t.wrote = true;
    // the xid is assigned at the first write (write-context.ts), except for what changes more
    // than rows (DDL, whose catalog changes a checkpoint must not take while it runs) and for
    // SERIALIZABLE, whose conflict tracking names its transaction from the start
    if (t.top === 0 && (t.isolation === 'serializable' || !lazyXid(kind, node))) assignTop(this, t);
    // a STABLE function's statements see what the calling statement sees (runNested)
    const stable = this.stableView;
    const snap = stable?.snap ?? t.snapshot ?? this.retrySnap ?? this.engine.tm.snapshot();
    this.retrySnap = null;
    this.stmtSnap = snap;
    if (t.isolation === 'repeatable read' || t.isolation === 'serializable') t.snapshot = snap;
    if (t.isolation === 'serializable' && !t.ssi) {
      const sx = this.engine.ssi.begin(t.top, t.readOnly, snap);
      t.ssi = { sx, handle: ssiHandle(this.engine.ssi, sx) };
    }
    w.snap = snap;
    w.ssi = t.ssi?.handle ?? null;
    const view: ReadView = { tm: this.engine.tm, snap, top: t.top, cid: stable?.cid ?? w.cid, ssi: w.ssi };
    this.stmtView = view;
    const env = this.env(t, view, params);
    // INSERT/UPDATE/DELETE, also inside WITH of a SELECT, write through w
    env.write = w;
    if (kind === 'CreateTableAsStmt' || (kind === 'SelectStmt' && node.intoClause)) {
      checkParamCount(params.length, 0);
      let ctas = kind === 'SelectStmt' ? selectIntoAsCreateTableAs(node) : node;
      let types: number[] = [];
      if (ctas.query?.ExecuteStmt) {
        // CREATE TABLE … AS EXECUTE: the prepared SELECT with its arguments
        const x = bindExecute(this.prepareHost(t, params, paramTypes), ctas.query.ExecuteStmt);
        if (x.kind !== 'SelectStmt') throw new PgError('42809', 'prepared statement is not a SELECT');
        ctas = { ...ctas, query: { SelectStmt: x.node } };
        types = x.paramTypes;
        env.params = bindParams(x.params, types, this.settings);
      }
      const res = createTableAs(this.commandContext(t, w, view), ctas, env, () => new SelectAnalyzer(this.analyzeContext([...types])));
      this.finish(w, t);
      return res;
    }
    switch (kind) {
      case 'ExplainStmt': {
        if (node.query?.ExecuteStmt) {
          // EXPLAIN EXECUTE: the prepared statement's plan with its arguments
          const x = bindExecute(this.prepareHost(t, params, paramTypes), node.query.ExecuteStmt);
          // the custom plan PostgreSQL shows: the arguments as literals where their type allows
          const literal = withArgumentLiterals(x.node, x.params, x.paramTypes, oid => (oid < 10000 ? typeByOid(oid)?.name ?? null : null));
          node = { ...node, query: { [x.kind]: literal } };
          params = x.params;
          paramTypes = x.paramTypes;
        }
        return explain(node, { settings: this.settings, analyze: (what, n) => this.analyzeWithParams(n, params, env,
          sa => (what === 'SelectStmt' ? this.checked(sa.select(n, null)) : this.checkedDml(analyzeDmlStatement(sa, { [what]: n }))), paramTypes) });
      }
      case 'SelectStmt': {
        const q = this.analyzeWithParams(node, params, env, this.analyzeSelect, paramTypes);
        if (t.readOnly && q.ctes?.some(c => c.dml && !isTemp(c.dml.table))) throw new PgError('25006', 'cannot execute SELECT in a read-only transaction');
        if (t.readOnly && q.rowMarks?.some(m => { const tb = q.entries[m.entry].table; return !tb || !isTemp(tb); })) throw new PgError('25006', `cannot execute ${selectForName(q.rowMarks[0].mode)} in a read-only transaction`);
        const rows = runSubquery(q, env);
        if (w.queue.length) this.finish(w, t); // a data-modifying WITH queued integrity events
        return { command: `SELECT ${rows.length}`, rowCount: rows.length, rows, fields: fieldsOf(q.targets) };
      }
      case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': {
        const s = this.analyzeWithParams(node, params, env, this.analyzeDml[kind as 'InsertStmt'], paramTypes);
        const returning = s.returning;
        if (t.readOnly && !isTemp(s.table)) throw new PgError('25006', `cannot execute ${WRITES[kind]} in a read-only transaction`);
        const r = execDml(s, env);
        this.finish(w, t);
        const tag = kind === 'InsertStmt' ? `INSERT 0 ${r.count}` : kind === 'UpdateStmt' ? `UPDATE ${r.count}` : `DELETE ${r.count}`;
        const res: StatementResult = { command: tag, rowCount: r.count };
        if (r.rows) { res.rows = r.rows; res.fields = fieldsOf(returning); }
        return res;
      }
      case 'MergeStmt': {
        const s = this.analyzeWithParams(node, params, env, sa => analyzeMerge(sa, node), paramTypes);
        if (t.readOnly && !isTemp(s.table)) throw new PgError('25006', 'cannot execute MERGE in a read-only transaction');
        const r = execMerge(s, env);
        this.finish(w, t);
        return { command: `MERGE ${r.count}`, rowCount: r.count };
      }
      case 'PrepareStmt': return prepare(this.prepareHost(t), node);
      case 'DeallocateStmt': return deallocate(this.prepareHost(t), node);
      case 'DeclareCursorStmt': {
        const sel = node.query.SelectStmt;
        const q = this.analyzeWithParams(sel, params, env, sa => sa.select(sel, null), paramTypes);
        return this.cursors.declare(node, declaredQuery(node, q, env),
          { text: this.queryText, now: nowMicros(), xact: t.top, depth: t.savepoints.length, inBlock: this.inTransactionBlock });
      }
      case 'FetchStmt': return this.cursors.fetch(node);
      case 'ClosePortalStmt': return this.cursors.close(node);
      default: {
        checkParamCount(params.length, 0);
        if (kind === 'DiscardStmt' && node.target === 'DISCARD_ALL' && !this.inTransactionBlock) {
          // DISCARD ALL also does CLOSE ALL and DEALLOCATE ALL
          this.cursors.map.clear();
          deallocate(this.prepareHost(t), {});
        }
        const cx = this.commandContext(t, w, view);
        const res = runUtility(cx, kind, node, this);
        this.finish(w, t);
        return res;
      }
    }
  }

  /** WHERE CURRENT OF (executor/system-columns.ts): the row the cursor is on. */
  cursorTuple(name: string, tableOid: number, tableName: string): import('../storage/tuple.js').Tuple {
    return this.cursors.currentTuple(name, tableOid, tableName) as import('../storage/tuple.js').Tuple;
  }

  /** What PREPARE / EXECUTE need (prepared-sql.ts); `t` for evaluating EXECUTE's arguments. */
  private prepareHost(t?: Txn, outerParams: unknown[] = [], outerTypes: readonly number[] = []): PrepareHost {
    return {
      prepared: this.prepared, queryText: this.queryText, now: nowMicros,
      describe: (stmt, types) => this.describe(stmt, types),
      formatValue: (v, oid) => this.formatValue(v, oid),
      evalParam: (expr, typeOid) => this.executeArgument(expr, typeOid, t!, outerParams, outerTypes),
    };
  }

  /** The privilege checks of an analyzed statement (privileges/requests.ts): at analysis, so cached with it per user. */
  private checked<T extends Query>(q: T): T { checkQueryPrivileges(this.engine.catalog, this.user, q); return q; }
  private checkedDml<T extends DmlStatement>(s: T): T { checkDmlPrivileges(this.engine.catalog, this.user, s); return s; }

  /** An argument of EXECUTE, coerced to its parameter's type; it may read the statement's own parameters ($n over the protocol). */
  private executeArgument(expr: any, typeOid: number, t: Txn, params: unknown[], paramTypes: readonly number[]): { type: number; value: (() => unknown) | null } {
    const types = [...paramTypes];
    const { type, fn } = compileArgument(this, expr, typeOid, types);
    if (!fn) return { type, value: null };
    checkParamCount(params.length, types.length);
    const view: ReadView = { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: t.cid };
    const env = this.env(t, view, types.some(x => x !== 0) ? bindParams(params, types, this.settings) : params);
    return { type, value: () => fn([], env) };
  }

  /** Analysis through the statement cache (params.ts); env.params gets the values read with the deduced types. */
  private analyzeWithParams<T, N extends object>(node: N, params: unknown[], env: Env, analyze: (sa: SelectAnalyzer, node: N) => T, paramTypes: readonly number[]): T {
    const stmt = analyzeWithParams(this, node, this.paramsTyped ? params.map(() => null) : params, analyze, paramTypes, env);
    // a function body's statements get their parameters as values already (runNested)
    if (this.paramsTyped) env.params = params;
    return stmt;
  }

  // the analyses of the common statements, made once (not a closure per statement)
  private readonly analyzeSelect = (sa: SelectAnalyzer, node: any) => this.checked(sa.select(node, null));
  private readonly analyzeDml = {
    InsertStmt: (sa: SelectAnalyzer, node: any) => this.checkedDml(analyzeDmlStatement(sa, { InsertStmt: node })),
    UpdateStmt: (sa: SelectAnalyzer, node: any) => this.checkedDml(analyzeDmlStatement(sa, { UpdateStmt: node })),
    DeleteStmt: (sa: SelectAnalyzer, node: any) => this.checkedDml(analyzeDmlStatement(sa, { DeleteStmt: node })),
  };

  /** Set while a function body's statement runs (its parameters are typed values, not text). */
  private paramsTyped = false;

  /** A statement of a function body, inside the current statement's transaction (functions/call.ts). */
  runNested(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[], stable = false): StatementResult {
    const t = this.txn;
    if (!t) throw new PgError('0A000', 'function bodies run only inside a statement');
    const kind = kindOf(stmt), node = stmt[kind];
    if (kind === 'TransactionStmt') throw new PgError('0A000', 'transaction control in functions is not supported');
    const typed = this.paramsTyped, view = this.stmtView, outerStable = this.stableView;
    this.paramsTyped = true;
    this.stableView = stable ? view : null;
    // utility statements take no parameters (PL/pgSQL variables reach only plannable statements)
    const plannable = NESTED_PLANNABLE.has(kind) && !(kind === 'SelectStmt' && node.intoClause);
    try {
      return this.execute(kind, node, plannable ? params : [], t, plannable ? paramTypes : []);
    } finally { this.paramsTyped = typed; this.stmtView = view; this.stableView = outerStable; }
  }

  /** The snapshot and command id of the statement running (stmtView), and the one STABLE functions' statements read with. */
  private stmtView: { snap: any; cid: number } | null = null;
  private stableView: { snap: any; cid: number } | null = null;

  /** Runs fn as a subtransaction (PL/pgSQL's BEGIN … EXCEPTION): when it fails, its changes are undone. */
  subtransaction<T>(fn: () => T): T {
    const t = this.txn;
    if (!t) return fn();
    // (its xid is a subtransaction of the statement's own, which it needs now)
    const undoMark = t.undo.length, deferredMark = t.deferred.length, outer = assignXid(this, t);
    t.xid = this.engine.tm.beginSub(t.top);
    try {
      return fn();
    } catch (e) {
      for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
      t.undo.length = undoMark;
      t.deferred.length = Math.min(t.deferred.length, deferredMark);
      this.engine.tm.abort(t.xid);
      throw e;
    } finally {
      t.xid = outer;
    }
  }

  private commandContext(t: Txn, w: WriteContext, view: ReadView): CommandContext {
    return {
      catalog: this.engine.catalog, tm: this.engine.tm, analyze: this.analyzeContext(), write: w, view, user: this.user,
      notice: n => this.notice(n),
      temp: this.temp,
      creationSchema: () => {
        const p = this.effectivePath();
        if (!p.length) throw new PgError('3F000', 'no schema has been selected to create in');
        return p[0];
      },
      compileExpr: (table, expr, kind, typeOid, typmod) => this.compileRowExpr(table, expr, kind, typeOid, typmod, t),
      evalContext: () => this.evalCtx(t),
      checkExisting: (table, con) => {
        for (const tup of table.heap.tuples) {
          if (!(tup.xmax === 0 || this.engine.tm.isAborted(tup.xmax)) || this.engine.tm.isAborted(tup.xmin)) continue;
          if (this.evalCheck(con, tup.data, t) === false) {
            throw new PgError('23514', `check constraint "${con.name}" of relation "${table.name}" is violated by some row`,
              { schema: table.schema.name, table: table.name, constraint: con.name });
          }
        }
      },
    };
  }

  private control: TxnControl | null = null;
  /** What transaction-stmt.ts may do to this session's transaction. */
  private makeControl(): TxnControl {
    const s = this;
    return {
      get txn() { return s.txn; }, tm: s.engine.tm, cursors: s.cursors,
      begin: explicit => s.begin(explicit), commit: t => s.commit(t), abort: t => s.abort(t), notice: n => s.notice(n),
      assignTop: t => assignTop(s, t),
    };
  }

  /** SET CONSTRAINTS support for commands/. */
  setConstraintsMode(all: boolean, cons: Constraint[], deferred: boolean): void {
    const t = this.txn!;
    if (t.deferBy === NO_DEFER_BY) t.deferBy = new Map();
    if (all) { t.deferAll = deferred; t.deferBy.clear(); } else for (const c of cons) t.deferBy.set(c, deferred);
    if (!deferred) {
      // fire pending deferred events of the constraints that became immediate
      const now = t.deferred.filter(ev => all || cons.includes(ev.c));
      t.deferred = t.deferred.filter(ev => !now.includes(ev));
      const w = this.writeContext(t);
      w.queue = now;
      fireEvents(w, now);
    }
  }

  setTransaction(options: any[], session: boolean): void {
    if (session) { applyTransactionOptions(this.txnDefaults, options, false, true); return; }
    if (!this.inTransactionBlock) {
      this.notice({ severity: 'WARNING', code: '25P01', message: 'SET TRANSACTION can only be used in transaction blocks' });
      return;
    }
    const t = this.txn!;
    applyTransactionOptions(t, options, t.savepoints.length > 0);
  }

  transactionSetting(name: string): string | undefined {
    return transactionSetting(this.txn, this.txnDefaults, name);
  }

  get inTransactionBlock(): boolean {
    return !!this.txn?.explicit || this.multiStatement;
  }

  /**
   * Parses a query's text; while standard_conforming_strings is off, '…' literals are read
   * with backslash escapes first, with escape_string_warning's warnings (nonstandard-strings.ts).
   */
  parseText(sql: string): ReturnType<typeof parse> {
    if (this.gucs.get('standard_conforming_strings') !== 'off') return parse(sql);
    const r = rewriteNonstandardStrings(sql, this.gucs.get('escape_string_warning') !== 'off');
    for (const w of r.warnings) this.notice({ severity: 'WARNING', code: '22P06', ...w });
    return parse(r.sql);
  }

  /** The value of a setting as SHOW prints it, as the server reports it (ParameterStatus). */
  parameterStatus(name: string): string | undefined {
    return this.config.showByName(name, true).value ?? undefined;
  }

  /** SET / RESET and SHOW statements (gucs-set.ts). */
  runSet(n: any): string {
    return runSet(this, n);
  }

  runShow(name: string): { columns: string[]; rows: string[][] } {
    return runShow(this.config, name);
  }

  discardSequences(): void {
    this.sequences = new SessionSequences();
  }

  /** For nextval()/setval(), which a read-only transaction refuses. */
  get inReadOnlyTransaction(): boolean {
    return !!this.txn?.readOnly;
  }

  /** Parameter types and result columns of one statement, without running it (the extended protocol's Parse/Describe). */
  describe(stmt: Record<string, any>, paramTypes: readonly number[]): StatementDescription {
    activateSessionTypes(this);
    // FETCH and EXECUTE return the rows of a cursor or prepared statement of this session
    if (stmt.FetchStmt && !stmt.FetchStmt.ismove) {
      const c = this.cursors.map.get(stmt.FetchStmt.portalname);
      return { paramTypes: [...paramTypes], fields: c ? c.fields : null };
    }
    if (stmt.ExecuteStmt) return describeExecute(this, stmt.ExecuteStmt, paramTypes);
    // the extended protocol describes a statement at every Parse: reuse it while nothing changed
    return describeCached(this, stmt, paramTypes, () => describeStatement(stmt, paramTypes, types => this.analyzeContext(types)));
  }

  /**
   * The extended protocol's implicit transaction: statements executed before Sync share one
   * transaction (as a multi-statement simple query does); Sync commits it, an error aborts it.
   */
  beginImplicitBlock(): void {
    if (!this.txn) this.begin(false);
  }

  endImplicitBlock(): void {
    const t = this.txn;
    if (t && !t.explicit) this.commit(t);
  }

  /** An error outside a statement (a protocol message's): a transaction block fails, an implicit one is undone. */
  failTransaction(): void {
    this.retrySnap = null;
    const t = this.txn;
    if (!t) return;
    if (t.explicit) this.failInPlace(t); else this.abort(t);
  }

  /**
   * An error in a transaction block: as PostgreSQL does, the innermost (sub)transaction is
   * aborted at once, so that its row locks go and other sessions waiting for it go on; the
   * block stays failed until ROLLBACK (or ROLLBACK TO the savepoint).
   */
  private failInPlace(t: Txn): void {
    if (t.failed) return;
    t.failed = true;
    const sp = t.savepoints[t.savepoints.length - 1];
    const undoMark = sp?.undoMark ?? 0;
    for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
    t.undo.length = undoMark;
    t.deferred.length = Math.min(t.deferred.length, sp?.deferredMark ?? 0);
    if (sp) {
      this.engine.tm.abort(sp.xid);
      for (let j = sp.stmtMark; j < t.stmtXids.length; j++) this.engine.tm.abort(t.stmtXids[j]);
      t.stmtXids.length = sp.stmtMark;
    } else {
      if (t.top) this.engine.tm.abort(t.top);
      if (t.ssi) this.engine.ssi.aborted(t.ssi.sx);
      this.engine.locks.releaseDb(this);
    }
  }
}
