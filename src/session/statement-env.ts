// What a statement's layers get from the session: the evaluation environment (snapshot,
// clock, parameters), the analyzer's context (catalog, search path, user), commands/'s
// CommandContext, and what PREPARE / EXECUTE need (prepared-sql.ts).
import { PgError } from '../errors/index.js';
import { lookupTransitionTable } from '../triggers/transition.js';
import type { EvalContext } from '../types/registry.js';
import type { AnalyzeContext } from '../analyzer/context.js';
import type { SelectAnalyzer } from '../analyzer/select.js';
import { analyzeDmlStatement, type DmlStatement } from '../analyzer/dml.js';
import type { Query } from '../analyzer/query.js';
import { checkDmlPrivileges, checkQueryPrivileges } from '../privileges/requests.js';
import type { Table } from '../catalog/objects.js';
import type { WriteContext } from '../integrity/index.js';
import type { Env } from '../executor/env.js';
import type { ReadView } from '../storage/visibility.js';
import type { CommandContext, CompiledExpr } from '../commands/context.js';
import { compileRowExpr } from './row-exprs.js';
import { compileArgument, type PrepareHost } from './prepared-sql.js';
import { bindParams, checkParamCount, textParams } from './params.js';
import { sessionUser } from './session-roles.js';
import { activateSessionTypes } from './user-types.js';
import { nowMicros } from './session-txn.js';
import type { Txn } from './txn.js';
import type { Session } from './session.js';

// A statement's environment objects are made by constructors, not object literals: V8 may
// pretenure a literal's allocation site (allocate its objects straight in the old generation),
// and a pretenured per-statement object, dead after its statement, still holds the young objects
// it points to (write context, parameters, events) through every scavenge until the next full
// GC — which promoted most of each INSERT's garbage in a load (W1). Constructors have no
// allocation site, so these objects die young as they should.
class StatementEvalContext implements EvalContext {
  declare settings: EvalContext['settings'];
  declare txnTimestamp: number;
  declare stmtTimestamp: number;
  declare session: unknown;
  constructor(settings: EvalContext['settings'], txnTimestamp: number, stmtTimestamp: number, session: unknown) {
    this.settings = settings;
    this.txnTimestamp = txnTimestamp;
    this.stmtTimestamp = stmtTimestamp;
    this.session = session;
  }
}

/**
 * The environment of an expression evaluated outside a statement's own (a CHECK constraint, a
 * column default, per row): the evaluation context a separate object, as an object that refers
 * to itself would defeat V8's escape analysis, which makes these per-row objects no allocation
 * at all where the evaluation is inlined.
 */
// (fields declared and assigned in the constructor: class field initializers, ES2022's define
// semantics, run as a separate initializer function per object — a tenth of a statement's cost)
class ExprEnv implements Env {
  declare view: ReadView;
  declare params: unknown[];
  declare ctx: EvalContext;
  declare aggs: unknown[] | null;
  declare outer: Env['outer'];
  declare subRow: unknown[] | null | undefined;
  declare write: Env['write'];
  declare ctes: Env['ctes'];
  constructor(view: ReadView, params: unknown[], ctx: EvalContext | null) {
    this.view = view;
    this.params = params;
    this.ctx = ctx!;
    this.aggs = null;
    this.outer = [];
    this.subRow = undefined;
    this.write = undefined;
    this.ctes = undefined;
  }
}

/**
 * A statement's environment, its own evaluation context too (ctx is the object itself): one
 * object per statement instead of two.
 */
class StatementEnv extends ExprEnv implements EvalContext {
  /** The frame a join above passes to a computed row list's scan (executor/env.ts emitRows), declared so that setting it adds no property. */
  declare __frame: unknown;
  declare settings: EvalContext['settings'];
  declare txnTimestamp: number;
  declare stmtTimestamp: number;
  declare session: unknown;
  constructor(view: ReadView, params: unknown[], settings: EvalContext['settings'], txnTimestamp: number, stmtTimestamp: number, session: unknown) {
    super(view, params, null);
    this.ctx = this;
    this.__frame = undefined;
    this.settings = settings;
    this.txnTimestamp = txnTimestamp;
    this.stmtTimestamp = stmtTimestamp;
    this.session = session;
  }
}

export function evalCtx(s: Session, t: Txn): EvalContext {
  return new StatementEvalContext(s.settings, t.startTime, s.stmtNow || nowMicros(), s);
}

export function makeEnv(s: Session, t: Txn, view: ReadView, params: unknown[]): Env {
  return new StatementEnv(view, params, s.settings, t.startTime, s.stmtNow || nowMicros(), s);
}

/** An environment of its own (a fresh snapshot) for expressions evaluated outside a statement's. */
export function freshEnv(s: Session, t: Txn): Env {
  return new ExprEnv({ tm: s.engine.tm, snap: s.engine.tm.snapshot(), top: t.top, cid: t.cid }, [], evalCtx(s, t));
}

export function analyzeContext(s: Session, paramTypes: number[] = []): AnalyzeContext {
  activateSessionTypes(s);
  return {
    catalog: s.engine.catalog, searchPath: s.lookupPath(), settings: s.settings, paramTypes, currentUser: s.user, lookupUser: s.user,
    ephemeral: lookupTransitionTable,
    sessionValue: (name) => (name === 'current_user' ? s.user : name === 'session_user' ? sessionUser(s)
      : name === 'current_schema' ? (s.effectivePath()[0] ?? null) : s.database),
  };
}

/** ALTER TABLE's DEFAULT and USING expressions, over one row of `table` (commands/context.ts). */
function rowExpr(s: Session, table: Table | null, expr: any, kind: string, typeOid: number, typmod: number, t: Txn): CompiledExpr {
  return compileRowExpr(analyzeContext(s), table, expr, kind, typeOid, typmod, () => freshEnv(s, t));
}

export function commandContext(s: Session, t: Txn, w: WriteContext, view: ReadView): CommandContext {
  return {
    catalog: s.engine.catalog, tm: s.engine.tm, analyze: analyzeContext(s), write: w, view, user: s.user,
    notice: n => s.notice(n),
    // (the temporary namespace is made when a command asks for it: COMMIT then skips its ON COMMIT actions)
    get temp() { return s.temp; },
    creationSchema: () => {
      const p = s.effectivePath();
      if (!p.length) throw new PgError('3F000', 'no schema has been selected to create in');
      return p[0];
    },
    compileExpr: (table, expr, kind, typeOid, typmod) => rowExpr(s, table, expr, kind, typeOid, typmod, t),
    evalContext: () => evalCtx(s, t),
    checkExisting: (table, con) => {
      for (const tup of table.heap.tuples) {
        if (!(tup.xmax === 0 || s.engine.tm.isAborted(tup.xmax)) || s.engine.tm.isAborted(tup.xmin)) continue;
        if (s.evalCheck(con, tup.data, t) === false) {
          throw new PgError('23514', `check constraint "${con.name}" of relation "${table.name}" is violated by some row`,
            { schema: table.schema.name, table: table.name, constraint: con.name });
        }
      }
    },
  };
}

/** What PREPARE / EXECUTE need (prepared-sql.ts); `t` for evaluating EXECUTE's arguments. */
export function prepareHost(s: Session, t?: Txn, outerParams: unknown[] = [], outerTypes: readonly number[] = []): PrepareHost {
  return {
    prepared: s.prepared, queryText: s.queryText, now: nowMicros,
    describe: (stmt, types) => s.describe(stmt, types),
    formatValue: (v, oid) => s.formatValue(v, oid),
    evalParam: (expr, typeOid) => executeArgument(s, expr, typeOid, t!, outerParams, outerTypes),
  };
}

/** An argument of EXECUTE, coerced to its parameter's type; it may read the statement's own parameters ($n over the protocol). */
function executeArgument(s: Session, expr: any, typeOid: number, t: Txn, params: unknown[], paramTypes: readonly number[]): { type: number; value: (() => unknown) | null } {
  const types = [...paramTypes];
  const { type, fn } = compileArgument(s, expr, typeOid, types);
  if (!fn) return { type, value: null };
  checkParamCount(params.length, types.length);
  const view: ReadView = { tm: s.engine.tm, snap: s.engine.tm.snapshot(), top: t.top, cid: t.cid };
  const env = makeEnv(s, t, view, types.some(x => x !== 0) ? bindParams(params, types, s.settings) : textParams(params));
  return { type, value: () => fn([], env) };
}

/** The privilege checks of an analyzed statement (privileges/requests.ts): at analysis, so cached with it per user. */
export function checked<T extends Query>(s: Session, q: T): T { checkQueryPrivileges(s.engine.catalog, s.user, q); return q; }
export function checkedDml<T extends DmlStatement>(s: Session, d: T): T { checkDmlPrivileges(s.engine.catalog, s.user, d); return d; }

export type Analysis<T> = (sa: SelectAnalyzer, node: any) => T;

/** The analyses of the common statements, made once per session (not a closure per statement). */
export function sessionAnalyses(s: Session) {
  return {
    SelectStmt: ((sa, node) => checked(s, sa.select(node, null))) as Analysis<Query>,
    InsertStmt: ((sa, node) => checkedDml(s, analyzeDmlStatement(sa, { InsertStmt: node }))) as Analysis<DmlStatement>,
    UpdateStmt: ((sa, node) => checkedDml(s, analyzeDmlStatement(sa, { UpdateStmt: node }))) as Analysis<DmlStatement>,
    DeleteStmt: ((sa, node) => checkedDml(s, analyzeDmlStatement(sa, { DeleteStmt: node }))) as Analysis<DmlStatement>,
  };
}
