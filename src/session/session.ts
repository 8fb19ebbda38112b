// One session per connection: its state (transaction, settings, prepared statements, cursors)
// and its entry points — a simple query of several statements, one statement with
// parameters, the extended protocol's describe and implicit block. How one statement runs is
// statement.ts; the transaction's begin / commit / abort, session-txn.ts; what the layers
// get from the session (environment, analyzer and command contexts), statement-env.ts.
import { PgError, type Notice } from '../errors/index.js';
import { loadParser, parse } from '../parser/index.js';
import '../types/index.js';
import '../types/datetime.js';
import { typeByOid } from '../types/registry.js';
import { defaultFormatSettings, type FormatSettings } from '../types/type.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { Env } from '../executor/env.js';
import type { Snapshot } from '../storage/transactions.js';
import { execCopy } from '../commands/copy-exec.js';
import type { TempNamespace } from '../commands/temp.js';
import { TempNamespace as TempNs } from '../commands/temp.js';
import { Gucs } from './gucs.js';
import { rewriteNonstandardStrings } from '../parser/nonstandard-strings.js';
import { registerSettingFunctions, runSet, runShow } from './gucs-set.js';
import { Engine } from './engine.js';
import type { ResultSink, StatementResult } from './result.js';
import { registerSequenceFunctions, SessionSequences, type SequenceHost } from './sequences.js';
import { makeRegLookup } from './reg-lookup.js';
import { installRegLookup } from '../types/oid-types.js';
import { registerCatalogFunctions } from './catalog-functions.js';
import { registerPartitionFunctions } from './partition-functions.js';
import { registerFilenodeFunctions } from './filenode-functions.js';
import { registerClientFunctions } from './client-functions.js';
import { isSuperuser, setRole, setSessionAuthorization } from './session-roles.js';
import { registerRuleutilsFunctions } from './ruleutils-functions.js';
import { registerViewdefFunctions } from './viewdef-functions.js';
import { registerDescribeFunctions } from './describe-functions.js';
import { describeCached } from './params.js';
import { StatementCache } from './statement-cache.js';
import { describeStatement, type StatementDescription } from './describe.js';
import { cancelWait, runStatementWaiting, tryStatementSync, tryStatementWaiting, runWaiting, StatementFailure, WouldWaitError } from './waiting.js';
import { activateSessionTypes, registerUserTypeSupport } from './user-types.js';
import { applyTransactionOptions, transactionSetting, type TxnModes } from './txn-modes.js';
import type { Txn } from './txn.js';
import type { TxnControl } from './transaction-stmt.js';
import { checkFn, defaultFn, storedExprFn } from './row-exprs.js';
import { registerXactFunctions } from './xact-functions.js';
import { policiesViewRows } from './policies-view.js';
import { describeExecute, preparedRows, type PreparedStatement } from './prepared-sql.js';
import { Cursors } from './cursors.js';
import { assignTop } from './write-context.js';
import { abortTxn, beginTxn, commitTxn, failInPlace, setConstraintsMode } from './session-txn.js';
import { analyzeContext, freshEnv, prepareHost, sessionAnalyses } from './statement-env.js';
import { runNested, subtransaction, tryStatement } from './statement.js';

let nextPid = 1;
const NO_TYPES: readonly number[] = [];
const COMMIT_STMT = { TransactionStmt: { kind: 'TRANS_STMT_COMMIT' } };

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
  /** nextval/currval state of this session (sequences.ts). */
  sequences = new SessionSequences();
  onNotice: ((n: Notice) => void) | null = null;
  /** Settings set by SET that SHOW reads back. */
  gucs = new Map<string, string>();
  /** The configuration parameters (gucs.ts): SET, SHOW, current_setting(), pg_settings; changes mirrored in `gucs`. */
  readonly config: Gucs = new Gucs(this, this.gucs, undo => this.engine.catalog.undoLog?.push(undo));
  /** Named prepared statements, SQL PREPARE's and the protocol's (prepared-sql.ts). */
  readonly prepared = new Map<string, PreparedStatement>();
  /** SQL cursors (cursors.ts). */
  readonly cursors = new Cursors();
  /** The text of the query running (pg_prepared_statements, pg_cursors). */
  queryText = '';
  /**
   * The flush of the last commit's log record (durable-engine.ts): the server and the embedded
   * API await it (durable()) before the client hears of the commit.
   */
  pendingFlush: Promise<void> | null = null;
  /** Names this session in deadlock reports (the server sets its backend process id). */
  pid = nextPid++;
  /** Analyzed statements reused while the catalog is unchanged (statement-cache.ts). */
  readonly statementCache = new StatementCache();
  /** The lookup path, as user-defined types' names are resolved along it (user-types.ts). */
  readonly typePath = (): string[] => this.lookupPath();

  // ---- state of the session's own files (statement.ts, session-txn.ts, statement-env.ts) ----
  /** The running transaction, implicit or a block. */
  txn: Txn | null = null;
  /** A read-only autocommit statement's transaction record, for the next one (session-txn.ts recycle()). */
  spareTxn: Txn | null = null;
  /** SET SESSION CHARACTERISTICS AS TRANSACTION …: what each new transaction starts with. */
  readonly txnDefaults: TxnModes = { isolation: 'read committed', readOnly: false, deferrable: false, queried: false };
  tempNs: TempNamespace | null = null;
  /** The snapshot of a statement that waited for a lock: it runs again on it (READ COMMITTED's EvalPlanQual, executor/epq.ts). */
  retrySnap: Snapshot | null = null;
  stmtSnap: Snapshot | null = null;
  /** When the running statement started (tryStatement), in microseconds since 2000. */
  stmtNow = 0;
  /** The snapshot and command id of the statement running, and the one STABLE functions' statements read with (runNested). */
  stmtView: { snap: any; cid: number } | null = null;
  stableView: { snap: any; cid: number } | null = null;
  /** Set while a function body's statement runs (its parameters are typed values, not text). */
  paramsTyped = false;
  control: TxnControl | null = null;
  readonly settingsRows = () => this.config.rows();
  readonly sessionViews = { pg_cursors: () => this.cursors.rows(), pg_prepared_statements: () => preparedRows(prepareHost(this)),
    pg_policies: () => policiesViewRows(this) };
  /** The analyses of SELECT / INSERT / UPDATE / DELETE, made once (statement-env.ts). */
  readonly analyses = sessionAnalyses(this);
  private sink: ResultSink | null = null;
  /** A query of several statements runs: they are in an implicit transaction block (PostgreSQL's TBLOCK_IMPLICIT_INPROGRESS). */
  private multiStatement = false;

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
    return (this.tempNs ??= new TempNs(this.engine.catalog));
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
      let block = stmts.length > 1 && !this.txn ? beginTxn(this, false) : null;
      this.multiStatement = stmts.length > 1;
      try {
        for (const s of stmts) {
          if (this.multiStatement && !this.txn) block = beginTxn(this, false);
          // COPY awaits its data (the client's channel); it commits its own implicit transaction unless in the block
          if ('CopyStmt' in s.stmt) { sink.result(await execCopy(this, s.stmt.CopyStmt, sink, !block || this.txn !== block)); continue; }
          const r = this.runStatementNow(s.stmt, []);
          sink.result(r instanceof Promise ? await r : r);
        }
        // (its deferred checks may wait for a row lock, as a COMMIT does)
        const last = block;
        if (last && this.txn === last && !last.explicit) await runWaiting(this, COMMIT_STMT, () => { commitTxn(this, last); return { command: 'COMMIT', rowCount: null }; });
      } catch (e) {
        if (block && this.txn === block && !block.explicit) abortTxn(this, block);
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

  // ---- one statement (statement.ts) ------------------------------------------------

  runStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = []): StatementResult {
    const r = tryStatement(this, stmt, params, paramTypes);
    if (r instanceof StatementFailure) throw r.error;
    return r;
  }

  /** runStatement, its failure returned rather than thrown (statement.ts). */
  tryStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = NO_TYPES): StatementResult | StatementFailure {
    return tryStatement(this, stmt, params, paramTypes);
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

  /** runParsed, a failure that needed no wait returned as a StatementFailure (the embedded API's query()). */
  tryParsed(stmt: Record<string, any>, sql: string, params: unknown[]): StatementResult | StatementFailure | Promise<StatementResult> {
    this.queryText = sql;
    if ('CopyStmt' in stmt && !params.length) return execCopy(this, stmt.CopyStmt, {}, true);
    return tryStatementWaiting(this, stmt, params, NO_TYPES);
  }

  /**
   * runParsed without waiting (the embedded API's querySync): a statement that would have to
   * wait throws WouldWaitError, and nothing of it remains (waiting.ts).
   */
  runParsedSync(stmt: Record<string, any>, sql: string, params: unknown[]): StatementResult {
    const r = this.tryParsedSync(stmt, sql, params);
    if (r instanceof StatementFailure) throw r.error;
    return r;
  }

  /** runParsedSync, its error returned as a StatementFailure (thrown once, by the API). */
  tryParsedSync(stmt: Record<string, any>, sql: string, params: unknown[]): StatementResult | StatementFailure {
    this.queryText = sql;
    // COPY reads and writes its data asynchronously
    if ('CopyStmt' in stmt) return new StatementFailure(new WouldWaitError('COPY reads or writes its data asynchronously'));
    const r = tryStatementSync(this, stmt, params, NO_TYPES);
    // (a statement undone before a wait keeps its snapshot for running again: it will not)
    if (r instanceof StatementFailure && r.error instanceof WouldWaitError) this.retrySnap = null;
    return r;
  }

  /** Ends a wait of this session's statement (a cancel request, the connection closing). */
  cancelWait(e: PgError): void {
    cancelWait(this, e);
  }

  /** WHERE CURRENT OF (executor/system-columns.ts): the row the cursor is on. */
  cursorTuple(name: string, tableOid: number, tableName: string): import('../storage/tuple.js').Tuple {
    return this.cursors.currentTuple(name, tableOid, tableName) as import('../storage/tuple.js').Tuple;
  }

  /** A statement of a function body, inside the current statement's transaction (functions/call.ts). */
  runNested(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[], stable = false): StatementResult {
    return runNested(this, stmt, params, paramTypes, stable);
  }

  /** Runs fn as a subtransaction (PL/pgSQL's BEGIN … EXCEPTION): when it fails, its changes are undone. */
  subtransaction<T>(fn: () => T): T {
    return subtransaction(this, fn);
  }

  // ---- what statements' writes and expressions need (write-context.ts) --------------

  get catalogVersion(): number { return this.engine.catalog.version; }

  analyzeContext(paramTypes: number[] = []): AnalyzeContext {
    return analyzeContext(this, paramTypes);
  }

  evalStoredExpr(table: Table, raw: unknown, row: unknown[], t: Txn): unknown {
    return storedExprFn(table, raw, () => analyzeContext(this))(row, freshEnv(this, t));
  }

  evalCheck(c: Constraint, row: unknown[], t: Txn): unknown {
    return checkFn(c, () => analyzeContext(this))(row, freshEnv(this, t));
  }

  defaultValue(table: Table, attnum: number, t: Txn, stmtEnv?: Env): unknown {
    const fn = defaultFn(table, attnum, () => analyzeContext(this));
    // in a statement, its own environment (snapshot, clock); else a fresh one
    return fn ? fn(stmtEnv ?? freshEnv(this, t)) : null;
  }

  // ---- transaction characteristics and blocks (session-txn.ts) ----------------------

  /** SET CONSTRAINTS support for commands/. */
  setConstraintsMode(all: boolean, cons: Constraint[], deferred: boolean): void {
    setConstraintsMode(this, all, cons, deferred);
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

  /** For nextval()/setval(), which a read-only transaction refuses. */
  get inReadOnlyTransaction(): boolean {
    return !!this.txn?.readOnly;
  }

  /**
   * The extended protocol's implicit transaction: statements executed before Sync share one
   * transaction (as a multi-statement simple query does); Sync commits it, an error aborts it.
   */
  beginImplicitBlock(): void {
    if (!this.txn) beginTxn(this, false);
  }

  endImplicitBlock(): void {
    const t = this.txn;
    if (t && !t.explicit) commitTxn(this, t);
  }

  /** An error outside a statement (a protocol message's): a transaction block fails, an implicit one is undone. */
  failTransaction(): void {
    this.retrySnap = null;
    const t = this.txn;
    if (!t) return;
    if (t.explicit) failInPlace(this, t); else abortTxn(this, t);
  }

  // ---- text, settings, describe ------------------------------------------------------

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
    return describeCached(this, stmt, paramTypes, () => describeStatement(stmt, paramTypes, types => analyzeContext(this, types)));
  }
}
