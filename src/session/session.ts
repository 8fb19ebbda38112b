// One session per connection: transaction state, settings, and the flow of each
// statement: parse → analyze → plan → execute, with referential-integrity events
// fired at the end of the statement and deferred ones at COMMIT.
import { PgError, type Notice } from '../errors/index.js';
import { loadParser, parse } from '../parser/index.js';
import '../types/index.js';
import '../types/datetime.js';
import { OID } from '../types/oids.js';
import { typeByOid, type EvalContext } from '../types/registry.js';
import { defaultFormatSettings, type FormatSettings } from '../types/type.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeCheck } from '../analyzer/stored-expr.js';
import { analyzeDmlStatement } from '../analyzer/dml.js';
import { canCoerce, coerce } from '../analyzer/coerce.js';
import type { Constraint, Table } from '../catalog/objects.js';
import type { Undo } from '../catalog/catalog.js';
import { fireEvents, type RiEvent, type WriteContext } from '../integrity/index.js';
import { compile } from '../executor/compile.js';
import { execDml } from '../executor/dml.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import type { ReadView } from '../storage/visibility.js';
import { runUtility } from '../commands/utility.js';
import type { CommandContext, CompiledExpr } from '../commands/context.js';
import { Engine } from './engine.js';
import type { Field, ResultSink, StatementResult } from './result.js';
import { registerSequenceFunctions, SessionSequences, type SequenceHost } from './sequences.js';
import { makeRegLookup } from './reg-lookup.js';
import { installRegLookup } from '../types/oid-types.js';
import { registerCatalogFunctions } from './catalog-functions.js';
import { registerRuleutilsFunctions } from './ruleutils-functions.js';
import { bindParams, checkParamCount } from './params.js';
import { describeStatement, fieldsOf, type StatementDescription } from './describe.js';

interface SubXact { name: string; xid: number; undoMark: number; deferredMark: number }

interface Txn {
  top: number;
  /** The xid writes go to (the innermost savepoint's). */
  xid: number;
  cid: number;
  undo: Undo[];
  deferred: RiEvent[];
  savepoints: SubXact[];
  failed: boolean;
  /** Started by BEGIN (vs. the implicit one of a single statement). */
  explicit: boolean;
  startTime: number;
  deferAll: boolean | null;
  deferBy: Map<Constraint, boolean>;
  isolation: Isolation;
  readOnly: boolean;
  /** REPEATABLE READ and SERIALIZABLE: the snapshot of the first statement, kept to the end. */
  snapshot: import('../storage/transactions.js').Snapshot | null;
  /** Has a statement other than SET/SHOW run yet (isolation can no longer change). */
  queried: boolean;
}

type Isolation = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

/** Statement kinds a read-only transaction refuses, with the name PostgreSQL's error gives. */
const WRITES: Record<string, string> = { InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', TruncateStmt: 'TRUNCATE TABLE' };

const EPOCH_2000_MS = Date.UTC(2000, 0, 1);
const nowMicros = () => (Date.now() - EPOCH_2000_MS) * 1000;

export class Session implements SequenceHost {
  settings: FormatSettings = { ...defaultFormatSettings };
  searchPath: string[] = ['"$user"', 'public'];
  user = 'postgres';
  database = 'relata';
  private txn: Txn | null = null;
  private sink: ResultSink | null = null;
  /** nextval/currval state of this session (sequences.ts). */
  sequences = new SessionSequences();
  onNotice: ((n: Notice) => void) | null = null;
  /** Settings set by SET that SHOW reads back. */
  gucs = new Map<string, string>();
  /** SET SESSION CHARACTERISTICS AS TRANSACTION …: what each new transaction starts with. */
  private defaultIsolation: Isolation = 'read committed';
  private defaultReadOnly = false;

  constructor(readonly engine: Engine = new Engine()) {
    registerSequenceFunctions();
    installRegLookup(this.settings, makeRegLookup(this));
    registerCatalogFunctions();
    registerRuleutilsFunctions(this);
  }

  get transactionStatus(): 'I' | 'T' | 'E' {
    if (!this.txn || !this.txn.explicit) return 'I';
    return this.txn.failed ? 'E' : 'T';
  }

  static async create(engine?: Engine): Promise<Session> {
    await loadParser();
    return new Session(engine);
  }

  /** The schemas the search path names that exist, "$user" resolved. */
  effectivePath(): string[] {
    const out: string[] = [];
    for (const p of this.searchPath) {
      const name = p === '"$user"' || p === '$user' ? this.user : p;
      if (this.engine.catalog.schemas.has(name) && !out.includes(name)) out.push(name);
    }
    return out;
  }

  /** The path names are looked up along: pg_catalog first unless search_path places it. */
  lookupPath(): string[] {
    const p = this.effectivePath();
    return p.includes('pg_catalog') ? p : ['pg_catalog', ...p];
  }

  notice(n: Notice): void {
    this.sink?.notice?.(n);
    this.onNotice?.(n);
  }

  formatValue(v: unknown, typeOid: number): string {
    const t = typeByOid(typeOid);
    if (!t) return String(v);
    return t.output(v, this.settings);
  }

  async simpleQuery(sql: string, sink: ResultSink): Promise<void> {
    this.sink = sink;
    try {
      const stmts = parse(sql);
      // several statements in one query run in one implicit transaction, as PostgreSQL's
      // simple query protocol does: a failure undoes the earlier ones too
      const block = stmts.length > 1 && !this.txn ? this.begin(false) : null;
      try {
        for (const s of stmts) sink.result(this.runStatement(s.stmt, []));
        if (block && this.txn === block && !block.explicit) this.commit(block);
      } catch (e) {
        if (block && this.txn === block && !block.explicit) this.abort(block);
        throw e;
      }
    } finally {
      this.sink = null;
    }
  }

  /** Runs one statement (with parameters) and returns its result. */
  async query(sql: string, params: unknown[] = []): Promise<StatementResult[]> {
    const out: StatementResult[] = [];
    const stmts = parse(sql);
    for (const s of stmts) out.push(this.runStatement(s.stmt, params));
    return out;
  }

  // ---- transactions -----------------------------------------------------------

  private begin(explicit: boolean): Txn {
    const top = this.engine.tm.begin();
    const t: Txn = { top, xid: top, cid: 0, undo: [], deferred: [], savepoints: [], failed: false, explicit, startTime: nowMicros(),
      deferAll: null, deferBy: new Map(), isolation: this.defaultIsolation, readOnly: this.defaultReadOnly, snapshot: null, queried: false };
    this.txn = t;
    return t;
  }

  private commit(t: Txn): void {
    if (t.deferred.length) {
      const w = this.writeContext(t);
      w.queue = t.deferred;
      t.deferred = [];
      this.engine.catalog.undoLog = t.undo;
      try { fireEvents(w, w.queue); } catch (e) { this.abort(t); throw e; }
    }
    this.engine.catalog.undoLog = null;
    this.engine.tm.commit(t.top);
    this.txn = null;
  }

  private abort(t: Txn): void {
    this.engine.catalog.undoLog = null;
    for (let i = t.undo.length - 1; i >= 0; i--) t.undo[i]();
    for (const sp of t.savepoints) this.engine.tm.abort(sp.xid);
    this.engine.tm.abort(t.top);
    this.txn = null;
  }

  private writeContext(t: Txn): WriteContext {
    const self = this;
    return {
      catalog: this.engine.catalog, tm: this.engine.tm, xid: t.xid, top: t.top, cid: t.cid, queue: [], deferred: t.deferred,
      deferAll: t.deferAll, deferByConstraint: t.deferBy,
      checkRow: (c, row) => self.evalCheck(c, row, t),
      defaultValue: (table, attnum) => self.defaultValue(table, attnum, t),
      formatValue: (v, oid) => self.formatValue(v, oid),
    };
  }

  private evalCtx(t: Txn): EvalContext {
    return { settings: this.settings, txnTimestamp: t.startTime, stmtTimestamp: nowMicros(), session: this };
  }

  private env(t: Txn, view: ReadView, params: unknown[]): Env {
    return { view, params, ctx: this.evalCtx(t), aggs: null, outer: [] };
  }

  private analyzeContext(paramTypes: number[] = []): AnalyzeContext {
    return {
      catalog: this.engine.catalog, searchPath: this.lookupPath(), settings: this.settings, paramTypes, currentUser: this.user,
      sessionValue: (name) => (name === 'current_user' ? this.user : name === 'current_schema' ? (this.effectivePath()[0] ?? null) : this.database),
    };
  }

  private evalCheck(c: Constraint, row: unknown[], t: Txn): unknown {
    const table = c.table;
    const key = `check:${c.oid}`;
    table.cache ??= new Map();
    let fn = table.cache.get(key) as ((row: unknown[], env: Env) => unknown) | undefined;
    if (!fn) {
      const e = analyzeCheck(this.analyzeContext(), table, c.check!.expr);
      const compiled = compile(e, runSubquery);
      fn = (r, env) => compiled([r, null], env);
      table.cache.set(key, fn);
    }
    const view: ReadView = { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: t.cid };
    return fn(row, this.env(t, view, []));
  }

  /** ALTER TABLE's DEFAULT and USING expressions, over one row of `table` (commands/context.ts). */
  private compileRowExpr(table: Table | null, expr: any, kind: string, typeOid: number, typmod: number, t: Txn): CompiledExpr {
    const sa = new SelectAnalyzer(this.analyzeContext());
    const q = emptyQ();
    const scope = sa.newScope(q, null);
    if (table) sa.fromItem({ RangeVar: { relname: table.name, schemaname: table.schema.name, inh: false, location: -1 } }, scope, q);
    const e = sa.ex.expr(expr, { ...scope, aggContext: kind });
    if (e.type !== OID.unknown && !canCoerce(e.type, typeOid, 'a')) return { type: e.type, volatile: false, fn: null };
    const compiled = compile(coerce(e, typeOid, typmod, 'a', this.analyzeContext()), runSubquery);
    const view: ReadView = { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: t.cid };
    const env = this.env(t, view, []);
    return { type: e.type, volatile: hasVolatile(e), fn: row => compiled([row, null], env) };
  }

  private defaultValue(table: Table, attnum: number, t: Txn): unknown {
    const col = table.columns[attnum - 1];
    if (!col.default) return null;
    const key = `default:${attnum}`;
    table.cache ??= new Map();
    let fn = table.cache.get(key) as ((env: Env) => unknown) | undefined;
    if (!fn) {
      const sa = new SelectAnalyzer(this.analyzeContext());
      const scope = sa.newScope(emptyQ(), null);
      const e = coerce(sa.ex.expr(col.default.expr, { ...scope, aggContext: 'DEFAULT expressions' }), col.typeOid, col.typmod, 'a', this.analyzeContext());
      const compiled = compile(e, runSubquery);
      fn = env => compiled([], env);
      table.cache.set(key, fn);
    }
    const view: ReadView = { tm: this.engine.tm, snap: this.engine.tm.snapshot(), top: t.top, cid: t.cid };
    return fn(this.env(t, view, []));
  }

  // ---- one statement ------------------------------------------------------------

  runStatement(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[] = []): StatementResult {
    const [kind, node] = Object.entries(stmt)[0] as [string, any];
    if (kind === 'TransactionStmt') { checkParamCount(params.length, 0); return this.transactionStmt(node); }
    let t = this.txn;
    if (t?.failed) {
      throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const implicit = !t;
    if (!t) t = this.begin(false);
    this.engine.catalog.undoLog = t.undo;
    try {
      const result = this.execute(kind, node, params, t, paramTypes);
      if (implicit) this.commit(t);
      return result;
    } catch (e) {
      if (implicit) { if (this.txn === t) this.abort(t); } else t.failed = true;
      throw e;
    } finally {
      this.engine.catalog.undoLog = this.txn ? this.txn.undo : null;
    }
  }

  private execute(kind: string, node: any, params: unknown[], t: Txn, paramTypes: readonly number[]): StatementResult {
    const w = this.writeContext(t);
    w.cid = ++t.cid;
    if (t.readOnly) {
      const what = WRITES[kind] ?? (isDdl(kind) ? ddlName(kind) : null);
      if (what) throw new PgError('25006', `cannot execute ${what} in a read-only transaction`);
    }
    if (kind !== 'VariableSetStmt' && kind !== 'VariableShowStmt') t.queried = true;
    const snap = t.snapshot ?? this.engine.tm.snapshot();
    if (t.isolation === 'repeatable read' || t.isolation === 'serializable') t.snapshot = snap;
    const view: ReadView = { tm: this.engine.tm, snap, top: t.top, cid: w.cid };
    const env = this.env(t, view, params);
    // INSERT/UPDATE/DELETE, also inside WITH of a SELECT, write through w
    env.write = { w, defaults: (table: Table, attnum: number) => this.defaultValue(table, attnum, t) };
    const finish = () => {
      fireEvents(w, w.queue);
      t.cid = w.cid + 1;
    };
    switch (kind) {
      case 'SelectStmt': {
        const q = this.analyzeWithParams(params, env, sa => sa.select(node, null), paramTypes);
        if (t.readOnly && q.ctes?.some(c => c.dml)) throw new PgError('25006', 'cannot execute SELECT in a read-only transaction');
        const rows = runSubquery(q, env);
        if (w.queue.length) finish(); // a data-modifying WITH queued integrity events
        return { command: `SELECT ${rows.length}`, rowCount: rows.length, rows, fields: fieldsOf(q.targets) };
      }
      case 'InsertStmt': case 'UpdateStmt': case 'DeleteStmt': {
        const s = this.analyzeWithParams(params, env, sa => analyzeDmlStatement(sa, { [kind]: node }), paramTypes);
        const returning = s.returning;
        const r = execDml(s, env);
        finish();
        const tag = kind === 'InsertStmt' ? `INSERT 0 ${r.count}` : kind === 'UpdateStmt' ? `UPDATE ${r.count}` : `DELETE ${r.count}`;
        const res: StatementResult = { command: tag, rowCount: r.count };
        if (r.rows) { res.rows = r.rows; res.fields = fieldsOf(returning); }
        return res;
      }
      default: {
        checkParamCount(params.length, 0);
        const cx = this.commandContext(t, w, view);
        const res = runUtility(cx, kind, node, this);
        finish();
        return res;
      }
    }
  }

  /**
   * Analyzes a statement with parameters as PostgreSQL's Parse then Bind do: analysis deduces
   * the parameters' types; when it deduced some, a second analysis with those types known
   * makes every reference typed, and env.params gets the values read with them.
   */
  private analyzeWithParams<T>(params: unknown[], env: Env, analyze: (sa: SelectAnalyzer) => T, paramTypes: readonly number[]): T {
    // the types the client gave (extended protocol's Parse), then filled by analysis up to the
    // highest parameter number referenced, 0 = type not deduced
    const types: number[] = [...paramTypes];
    const first = analyze(new SelectAnalyzer(this.analyzeContext(types)));
    checkParamCount(params.length, types.length);
    if (!types.some(t => t !== 0)) return first;
    const second = analyze(new SelectAnalyzer(this.analyzeContext([...types])));
    env.params = bindParams(params, types, this.settings);
    return second;
  }

  private commandContext(t: Txn, w: WriteContext, view: ReadView): CommandContext {
    return {
      catalog: this.engine.catalog, tm: this.engine.tm, analyze: this.analyzeContext(), write: w, view, user: this.user,
      notice: n => this.notice(n),
      creationSchema: () => {
        const p = this.effectivePath();
        if (!p.length) throw new PgError('3F000', 'no schema has been selected to create in');
        return p[0];
      },
      compileExpr: (table, expr, kind, typeOid, typmod) => this.compileRowExpr(table, expr, kind, typeOid, typmod, t),
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

  private transactionStmt(n: any): StatementResult {
    const t = this.txn;
    switch (n.kind) {
      case 'TRANS_STMT_BEGIN': case 'TRANS_STMT_START': {
        const command = n.kind === 'TRANS_STMT_START' ? 'START TRANSACTION' : 'BEGIN';
        if (t && !t.explicit) {
          // BEGIN inside a multi-statement query turns its implicit transaction into a block
          t.explicit = true;
          this.applyTransactionOptions(t, n.options ?? []);
          return { command, rowCount: null };
        }
        if (t) { this.notice({ severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' }); return { command, rowCount: null }; }
        const nt = this.begin(true);
        this.applyTransactionOptions(nt, n.options ?? []);
        return { command, rowCount: null };
      }
      case 'TRANS_STMT_COMMIT':
        if (t && !t.explicit) {
          // COMMIT inside a multi-statement query's implicit transaction: commits it, with a warning
          this.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' });
          this.commit(t);
          return { command: 'COMMIT', rowCount: null };
        }
        if (!t) { this.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' }); return { command: 'COMMIT', rowCount: null }; }
        if (t.failed) { this.abort(t); return { command: 'ROLLBACK', rowCount: null }; }
        this.commit(t);
        return { command: 'COMMIT', rowCount: null };
      case 'TRANS_STMT_ROLLBACK':
        if (!t || !t.explicit) {
          if (t) this.abort(t);
          this.notice({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' });
          return { command: 'ROLLBACK', rowCount: null };
        }
        this.abort(t);
        return { command: 'ROLLBACK', rowCount: null };
      case 'TRANS_STMT_SAVEPOINT': {
        if (!t?.explicit) throw new PgError('25P01', 'SAVEPOINT can only be used in transaction blocks');
        if (t.failed) throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
        const xid = this.engine.tm.beginSub(t.top);
        t.savepoints.push({ name: n.savepoint_name, xid, undoMark: t.undo.length, deferredMark: t.deferred.length });
        t.xid = xid;
        return { command: 'SAVEPOINT', rowCount: null };
      }
      case 'TRANS_STMT_RELEASE': {
        if (!t?.explicit) throw new PgError('25P01', 'RELEASE SAVEPOINT can only be used in transaction blocks');
        if (t.failed) throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
        const i = this.findSavepoint(t, n.savepoint_name);
        t.savepoints.length = i;
        t.xid = t.savepoints.length ? t.savepoints[t.savepoints.length - 1].xid : t.top;
        return { command: 'RELEASE', rowCount: null };
      }
      case 'TRANS_STMT_ROLLBACK_TO': {
        if (!t?.explicit) throw new PgError('25P01', 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
        const i = this.findSavepoint(t, n.savepoint_name);
        const sp = t.savepoints[i];
        for (let j = t.undo.length - 1; j >= sp.undoMark; j--) t.undo[j]();
        t.undo.length = sp.undoMark;
        t.deferred.length = Math.min(t.deferred.length, sp.deferredMark);
        for (let j = i; j < t.savepoints.length; j++) this.engine.tm.abort(t.savepoints[j].xid);
        // the savepoint itself stays, with a fresh subtransaction
        t.savepoints.length = i;
        const xid = this.engine.tm.beginSub(t.top);
        t.savepoints.push({ name: sp.name, xid, undoMark: t.undo.length, deferredMark: t.deferred.length });
        t.xid = xid;
        t.failed = false;
        return { command: 'ROLLBACK', rowCount: null };
      }
      case 'TRANS_STMT_PREPARE': case 'TRANS_STMT_COMMIT_PREPARED': case 'TRANS_STMT_ROLLBACK_PREPARED':
        throw new PgError('0A000', 'prepared transactions are not supported');
    }
    throw new PgError('0A000', `transaction statement ${n.kind} is not supported`);
  }

  private findSavepoint(t: Txn, name: string): number {
    for (let i = t.savepoints.length - 1; i >= 0; i--) if (t.savepoints[i].name === name) return i;
    if (t.failed) throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    throw new PgError('3B001', `savepoint "${name}" does not exist`);
  }

  /** SET CONSTRAINTS support for commands/. */
  setConstraintsMode(all: boolean, cons: Constraint[], deferred: boolean): void {
    const t = this.txn!;
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
    if (session) {
      const probe = { isolation: this.defaultIsolation, readOnly: this.defaultReadOnly } as Txn;
      this.applyTransactionOptions(probe, options);
      this.defaultIsolation = probe.isolation;
      this.defaultReadOnly = probe.readOnly;
      return;
    }
    const t = this.txn!;
    if (!t.explicit) {
      this.notice({ severity: 'WARNING', code: '25P01', message: 'SET TRANSACTION can only be used in transaction blocks' });
      return;
    }
    this.applyTransactionOptions(t, options);
  }

  private applyTransactionOptions(t: Txn, options: any[]): void {
    for (const o of options) {
      const d = o.DefElem;
      const v = d.arg?.A_Const;
      if (d.defname === 'transaction_isolation') {
        if (t.queried && t.isolation !== v.sval.sval) throw new PgError('25001', 'SET TRANSACTION ISOLATION LEVEL must be called before any query');
        t.isolation = v.sval.sval;
      } else if (d.defname === 'transaction_read_only') {
        t.readOnly = !!(v.ival?.ival ?? v.boolval?.boolval);
      } else if (d.defname !== 'transaction_deferrable') {
        throw new PgError('0A000', `transaction option ${d.defname} is not supported`);
      }
    }
  }

  transactionSetting(name: string): string | undefined {
    const t = this.txn;
    switch (name) {
      case 'transaction_isolation': return t?.isolation ?? this.defaultIsolation;
      case 'transaction_read_only': return (t?.readOnly ?? this.defaultReadOnly) ? 'on' : 'off';
      case 'default_transaction_isolation': return this.defaultIsolation;
      case 'default_transaction_read_only': return this.defaultReadOnly ? 'on' : 'off';
    }
    return undefined;
  }

  get inTransactionBlock(): boolean {
    return !!this.txn?.explicit;
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
    return describeStatement(stmt, paramTypes, types => this.analyzeContext(types));
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
    const t = this.txn;
    if (!t) return;
    if (t.explicit) t.failed = true; else this.abort(t);
  }
}

const isDdl = (kind: string) => /^(Create|Alter|Drop|Rename|Comment|Index|Grant|Truncate)/.test(kind) || kind === 'IndexStmt';

/** The command name in "cannot execute … in a read-only transaction" for utility statements. */
function ddlName(kind: string): string {
  const map: Record<string, string> = { CreateStmt: 'CREATE TABLE', IndexStmt: 'CREATE INDEX', DropStmt: 'DROP', AlterTableStmt: 'ALTER TABLE',
    CreateSchemaStmt: 'CREATE SCHEMA', CreateSeqStmt: 'CREATE SEQUENCE', AlterSeqStmt: 'ALTER SEQUENCE', CommentStmt: 'COMMENT', RenameStmt: 'ALTER' };
  return map[kind] ?? kind.replace(/Stmt$/, '').toUpperCase();
}

const EXPR_DEFS = new Set(['fn', 'op', 'eq', 'ops', 'eqs', 'query', 'agg']);

/** Does an expression call a volatile function (so that it must be evaluated once per row)? */
function hasVolatile(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  if (Array.isArray(e)) return e.some(hasVolatile);
  const x = e as { k?: string; fn?: { volatility?: string } };
  if (x.k === 'func' && x.fn?.volatility === 'v') return true;
  if (x.k === 'sublink') return true;
  // operands only: operator and function definitions are not expressions
  return Object.entries(e).some(([k, v]) => typeof v === 'object' && !EXPR_DEFS.has(k) && hasVolatile(v));
}

function emptyQ(): any {
  return { kind: 'select', entries: [], from: [], where: null, targets: [], groupBy: [], having: null, aggs: [], grouped: false,
    distinct: false, distinctOn: null, orderBy: [], limit: null, offset: null, setOp: null };
}
