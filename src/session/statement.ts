// One statement of a session: its transaction (the implicit one, or the block's with the
// statement's own subtransaction, so that a statement that must wait for a row lock is undone
// alone and runs again: waiting.ts), then parse tree → analysis → execution by kind, with
// referential-integrity events fired at its end. Also a function body's statements
// (runNested) and PL/pgSQL's subtransactions.
import { PgError } from '../errors/index.js';
import { typeByOid } from '../types/registry.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeDmlStatement } from '../analyzer/dml.js';
import { analyzeMerge } from '../analyzer/merge.js';
import { runEvents, type WriteContext } from '../integrity/index.js';
import { execDml } from '../executor/dml.js';
import { execMerge } from '../executor/merge.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import { armStatementTimeout, restoreStatementTimeout } from '../executor/deadline.js';
import { StatementView, type ReadView } from '../storage/visibility.js';
import { LockWait, parseTimeoutMs, StatementRetry } from '../storage/locks.js';
import { ssiHandle } from '../storage/ssi.js';
import { runUtility } from '../commands/utility.js';
import { explain } from '../commands/explain.js';
import { isTemp } from '../commands/temp.js';
import { setSettingsSource } from '../catalog/system/index.js';
import { setSessionViewSources } from '../catalog/system/pg-session-views.js';
import { setActiveSession } from '../functions/runtime.js';
import type { StatementResult } from './result.js';
import { fieldsOf } from './describe.js';
import { createTableAs, selectIntoAsCreateTableAs } from './create-table-as.js';
import { analyzeWithParams as analyzeCached, bindParams, checkParamCount } from './params.js';
import { StatementFailure } from './waiting.js';
import { activateSessionTypes } from './user-types.js';
import { readOnlyRefusal, selectForName } from './txn-modes.js';
import { transactionStatement } from './transaction-stmt.js';
import { bindExecute, deallocate, prepare, withArgumentLiterals } from './prepared-sql.js';
import { declaredQuery } from './cursor-query.js';
import { assignTop, assignXid, lazyXid, StatementWrite } from './write-context.js';
import { abortTxn, beginTxn, commitTxn, failInPlace, nowMicros, recycle, txnControl } from './session-txn.js';
import { analyzeContext, checked, checkedDml, commandContext, makeEnv, prepareHost } from './statement-env.js';
import type { Txn } from './txn.js';
import type { Session } from './session.js';

/** Statement kinds a read-only transaction refuses, with the name PostgreSQL's error gives. */
const WRITES: Record<string, string> = { InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', TruncateStmt: 'TRUNCATE TABLE' };

/** Statements of a function body that take its parameters (runNested). */
const NESTED_PLANNABLE = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'ExplainStmt']);

/** The session whose rows pg_settings and the session views of `sourcesCatalog` show (tryStatement). */
let sourcesSession: Session | null = null, sourcesCatalog: object | null = null;

/** Command tags with a row count, the small counts made once (an array per prefix). */
const SELECT_TAGS: string[] = [], INSERT_TAGS: string[] = [], UPDATE_TAGS: string[] = [], DELETE_TAGS: string[] = [];
function tag(made: string[], prefix: string, n: number): string {
  if (n >= 64) return prefix + n;
  return (made[n] ??= prefix + n);
}

/**
 * The last statement's kind and node (a loop runs the same parsed statement again and again;
 * a parsed statement is never changed: the parse cache hands out the same one for the same text).
 */
let lastStmt: object | null = null, lastKind = '', lastNode: any = undefined;

/** A parsed statement's kind: its one key (without Object.entries' arrays). */
export function kindOf(stmt: Record<string, any>): string {
  if (stmt !== lastStmt) {
    let kind = '';
    for (const k in stmt) { kind = k; break; }
    lastStmt = stmt;
    lastKind = kind;
    lastNode = stmt[kind];
  }
  return lastKind;
}

/**
 * A statement, its failure returned rather than thrown. (V8 leaves a function that catches
 * an exception unoptimized for as long as every call ends by throwing — its tier-up counts
 * returns — so a run of failing statements, W6's, would all run in slow code.)
 */
export function tryStatement(s: Session, stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | StatementFailure {
  activateSessionTypes(s);
  setActiveSession(s); // user functions called without an evaluation context's session (functions/runtime.ts)
  // the statement's clock, read once (reading it is a system call on some machines: ~0.3 µs)
  s.stmtNow = nowMicros();
  // (kindOf leaves the statement's node in lastNode)
  const kind = kindOf(stmt), node = lastNode;
  if (kind === 'TransactionStmt') { checkParamCount(params.length, 0); return transactionStatement(s.control ??= txnControl(s), node); }
  let t = s.txn;
  if (t?.failed) {
    throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
  }
  const implicit = !t;
  if (!t) t = beginTxn(s, false, s.stmtNow);
  const catalog = s.engine.catalog;
  catalog.undoLog = t.undo;
  if (sourcesSession !== s || sourcesCatalog !== catalog) {
    // pg_settings, pg_cursors … show this session's (skipped while the same session runs on)
    setSettingsSource(catalog, s.settingsRows);
    setSessionViewSources(catalog, s.sessionViews);
    sourcesSession = s;
    sourcesCatalog = catalog;
  }
  // in a transaction block each statement writes under its own xid, so that a statement that
  // must wait for a row lock can be undone alone and run again (waiting.ts)
  // (the statement's xid is made at its first write: write-context.ts)
  const outer = t.xid, undoMark = t.undo.length, deferredMark = t.deferred.length;
  if (!implicit) t.stmtSub = true;
  // statement_timeout: the executor's row loops read the clock (executor/deadline.ts)
  const outerDeadline = armStatementTimeout(parseTimeoutMs(s.gucs.get('statement_timeout')));
  try {
    const result = execute(s, kind, node, params, t, paramTypes);
    // (a failed integrity check comes back as a value: no throw to unwind, see execute)
    if (result instanceof StatementFailure) return undoFailed(s, t, result, implicit, undoMark, deferredMark);
    if (implicit) recycle(s, t, commitTxn(s, t));
    return result;
  } catch (e) {
    return undoFailed(s, t, new StatementFailure(e), implicit, undoMark, deferredMark);
  } finally {
    restoreStatementTimeout(outerDeadline);
    // (a statement that wrote first assigned the top-level xid: it is the outer one now)
    if (s.txn === t && !implicit) { t.stmtSub = false; t.xid = outer || t.top; }
    catalog.undoLog = s.txn ? s.txn.undo : null;
  }
}

/** A failed statement undone: the implicit transaction, the statement in a block (to run again after a wait), or the block fails. */
function undoFailed(s: Session, t: Txn, f: StatementFailure, implicit: boolean, undoMark: number, deferredMark: number): StatementFailure {
  const e = f.error;
  // after waiting for a row lock a statement runs again on its snapshot; after a concurrent update under READ COMMITTED, on a new one
  if (e instanceof LockWait) s.retrySnap = s.stmtSnap;
  if (implicit) { if (s.txn === t) abortTxn(s, t); } else if (e instanceof LockWait || e instanceof StatementRetry) {
    for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
    t.undo.length = undoMark;
    t.deferred.length = Math.min(t.deferred.length, deferredMark);
    // (the statement's own xid, if it wrote)
    if (!t.stmtSub) s.engine.tm.abort(t.xid);
  } else failInPlace(s, t);
  return f;
}

/**
 * The end of a statement that may have written: its integrity events fire. A failed check is
 * returned (execute returns it as a StatementFailure): a statement that fails so on every call
 * (W6's inserts) would otherwise leave execute by a throw each time, and V8 never optimizes
 * again a function whose calls all end by throwing after its first deoptimization.
 */
function finish(w: WriteContext, t: Txn): PgError | undefined {
  const failed = runEvents(w, w.queue);
  if (failed !== undefined) return failed;
  // (a function's statements inside this one may have moved it further)
  t.cid = Math.max(t.cid, w.cid + 1);
  return undefined;
}

/** Analysis through the statement cache (params.ts); env.params gets the values read with the deduced types. */
function analyzeWithParams<T, N extends object>(s: Session, node: N, params: unknown[], env: Env, analyze: (sa: SelectAnalyzer, node: N) => T, paramTypes: readonly number[]): T {
  const stmt = analyzeCached(s, node, s.paramsTyped ? params.map(() => null) : params, analyze, paramTypes, env);
  // a function body's statements get their parameters as values already (runNested)
  if (s.paramsTyped) env.params = params;
  return stmt;
}

function execute(s: Session, kind: string, node: any, params: unknown[], t: Txn, paramTypes: readonly number[]): StatementResult | StatementFailure {
  if (kind === 'ExecuteStmt') {
    // EXECUTE runs the prepared statement with its arguments as parameter values (prepared-sql.ts)
    const x = bindExecute(prepareHost(s, t, params, paramTypes), node);
    return execute(s, x.kind, x.node, x.params, t, x.paramTypes);
  }
  const engine = s.engine;
  const w = new StatementWrite(s, t);
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
  if (t.top === 0 && (t.isolation === 'serializable' || !lazyXid(kind, node))) assignTop(s, t);
  // a STABLE function's statements see what the calling statement sees (runNested)
  const stable = s.stableView;
  const snap = stable?.snap ?? t.snapshot ?? s.retrySnap ?? engine.tm.snapshot();
  s.retrySnap = null;
  s.stmtSnap = snap;
  if (t.isolation === 'repeatable read' || t.isolation === 'serializable') t.snapshot = snap;
  if (t.isolation === 'serializable' && !t.ssi) {
    const sx = engine.ssi.begin(t.top, t.readOnly, snap);
    t.ssi = { sx, handle: ssiHandle(engine.ssi, sx) };
  }
  w.snap = snap;
  w.ssi = t.ssi?.handle ?? null;
  const view: ReadView = new StatementView(engine.tm, snap, t.top, stable?.cid ?? w.cid, w.ssi);
  s.stmtView = view;
  const env = makeEnv(s, t, view, params);
  // INSERT/UPDATE/DELETE, also inside WITH of a SELECT, write through w
  env.write = w;
  if (kind === 'CreateTableAsStmt' || (kind === 'SelectStmt' && node.intoClause)) {
    checkParamCount(params.length, 0);
    let ctas = kind === 'SelectStmt' ? selectIntoAsCreateTableAs(node) : node;
    let types: number[] = [];
    if (ctas.query?.ExecuteStmt) {
      // CREATE TABLE … AS EXECUTE: the prepared SELECT with its arguments
      const x = bindExecute(prepareHost(s, t, params, paramTypes), ctas.query.ExecuteStmt);
      if (x.kind !== 'SelectStmt') throw new PgError('42809', 'prepared statement is not a SELECT');
      ctas = { ...ctas, query: { SelectStmt: x.node } };
      types = x.paramTypes;
      env.params = bindParams(x.params, types, s.settings);
    }
    const res = createTableAs(commandContext(s, t, w, view), ctas, env, () => new SelectAnalyzer(analyzeContext(s, [...types])));
    const failed = finish(w, t);
    return failed === undefined ? res : new StatementFailure(failed);
  }
  switch (kind) {
    case 'ExplainStmt': {
      if (node.query?.ExecuteStmt) {
        // EXPLAIN EXECUTE: the prepared statement's plan with its arguments
        const x = bindExecute(prepareHost(s, t, params, paramTypes), node.query.ExecuteStmt);
        // the custom plan PostgreSQL shows: the arguments as literals where their type allows
        const literal = withArgumentLiterals(x.node, x.params, x.paramTypes, oid => (oid < 10000 ? typeByOid(oid)?.name ?? null : null));
        node = { ...node, query: { [x.kind]: literal } };
        params = x.params;
        paramTypes = x.paramTypes;
      }
      return explain(node, { settings: s.settings, analyze: (what, n) => analyzeWithParams(s, n, params, env,
        sa => (what === 'SelectStmt' ? checked(s, sa.select(n, null)) : checkedDml(s, analyzeDmlStatement(sa, { [what]: n }))), paramTypes) });
    }
    case 'SelectStmt': {
      const q = analyzeWithParams(s, node, params, env, s.analyses.SelectStmt, paramTypes);
      if (t.readOnly && q.ctes?.some(c => c.dml && !isTemp(c.dml.table))) throw new PgError('25006', 'cannot execute SELECT in a read-only transaction');
      if (t.readOnly && q.rowMarks?.some(m => { const tb = q.entries[m.entry].table; return !tb || !isTemp(tb); })) throw new PgError('25006', `cannot execute ${selectForName(q.rowMarks[0].mode)} in a read-only transaction`);
      const rows = runSubquery(q, env);
      if (w.queued) { // a data-modifying WITH queued integrity events
        const failed = finish(w, t);
        if (failed !== undefined) return new StatementFailure(failed);
      }
      // (the program's rows are made by this run, each listed once: executor/query.ts)
      return { command: tag(SELECT_TAGS, 'SELECT ', rows.length), rowCount: rows.length, rows, fields: fieldsOf(q.targets), owned: true };
    }
    case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': {
      const d = analyzeWithParams(s, node, params, env, s.analyses[kind as 'InsertStmt'], paramTypes);
      const returning = d.returning;
      if (t.readOnly && !isTemp(d.table)) throw new PgError('25006', `cannot execute ${WRITES[kind]} in a read-only transaction`);
      const r = execDml(d, env);
      const failed = finish(w, t);
      if (failed !== undefined) return new StatementFailure(failed);
      const res: StatementResult = { command: kind === 'InsertStmt' ? tag(INSERT_TAGS, 'INSERT 0 ', r.count)
        : kind === 'UpdateStmt' ? tag(UPDATE_TAGS, 'UPDATE ', r.count) : tag(DELETE_TAGS, 'DELETE ', r.count), rowCount: r.count };
      if (r.rows) { res.rows = r.rows; res.fields = fieldsOf(returning); }
      return res;
    }
    case 'MergeStmt': {
      const m = analyzeWithParams(s, node, params, env, sa => analyzeMerge(sa, node), paramTypes);
      if (t.readOnly && !isTemp(m.table)) throw new PgError('25006', 'cannot execute MERGE in a read-only transaction');
      const r = execMerge(m, env);
      const failed = finish(w, t);
      if (failed !== undefined) return new StatementFailure(failed);
      return { command: `MERGE ${r.count}`, rowCount: r.count };
    }
    case 'PrepareStmt': return prepare(prepareHost(s, t), node);
    case 'DeallocateStmt': return deallocate(prepareHost(s, t), node);
    case 'DeclareCursorStmt': {
      const sel = node.query.SelectStmt;
      const q = analyzeWithParams(s, sel, params, env, sa => sa.select(sel, null), paramTypes);
      return s.cursors.declare(node, declaredQuery(node, q, env),
        { text: s.queryText, now: nowMicros(), xact: t.top, depth: t.savepoints.length, inBlock: s.inTransactionBlock });
    }
    case 'FetchStmt': return s.cursors.fetch(node);
    case 'ClosePortalStmt': return s.cursors.close(node);
    default: {
      checkParamCount(params.length, 0);
      if (kind === 'DiscardStmt' && node.target === 'DISCARD_ALL' && !s.inTransactionBlock) {
        // DISCARD ALL also does CLOSE ALL and DEALLOCATE ALL
        s.cursors.map.clear();
        deallocate(prepareHost(s, t), {});
      }
      const cx = commandContext(s, t, w, view);
      const res = runUtility(cx, kind, node, s);
      const failed = finish(w, t);
      return failed === undefined ? res : new StatementFailure(failed);
    }
  }
}

/** A statement of a function body, inside the current statement's transaction (functions/call.ts). */
export function runNested(s: Session, stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[], stable: boolean): StatementResult {
  const t = s.txn;
  if (!t) throw new PgError('0A000', 'function bodies run only inside a statement');
  const kind = kindOf(stmt), node = stmt[kind];
  if (kind === 'TransactionStmt') throw new PgError('0A000', 'transaction control in functions is not supported');
  const typed = s.paramsTyped, view = s.stmtView, outerStable = s.stableView;
  s.paramsTyped = true;
  s.stableView = stable ? view : null;
  // utility statements take no parameters (PL/pgSQL variables reach only plannable statements)
  const plannable = NESTED_PLANNABLE.has(kind) && !(kind === 'SelectStmt' && node.intoClause);
  try {
    const r = execute(s, kind, node, plannable ? params : [], t, plannable ? paramTypes : []);
    if (r instanceof StatementFailure) throw r.error;
    return r;
  } finally { s.paramsTyped = typed; s.stmtView = view; s.stableView = outerStable; }
}

/** Runs fn as a subtransaction (PL/pgSQL's BEGIN … EXCEPTION): when it fails, its changes are undone. */
export function subtransaction<T>(s: Session, fn: () => T): T {
  const t = s.txn;
  if (!t) return fn();
  // (its xid is a subtransaction of the statement's own, which it needs now)
  const undoMark = t.undo.length, deferredMark = t.deferred.length, outer = assignXid(s, t);
  t.xid = s.engine.tm.beginSub(t.top);
  try {
    return fn();
  } catch (e) {
    for (let j = t.undo.length - 1; j >= undoMark; j--) t.undo[j]();
    t.undo.length = undoMark;
    t.deferred.length = Math.min(t.deferred.length, deferredMark);
    s.engine.tm.abort(t.xid);
    throw e;
  } finally {
    t.xid = outer;
  }
}
