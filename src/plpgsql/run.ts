// The PL/pgSQL interpreter (pl_exec.c in small). Variables live in slots that are handed to
// every embedded SQL statement as its $n parameters; each statement runs inside the calling
// statement's transaction (FunctionHost.runNested); BEGIN … EXCEPTION blocks are
// subtransactions. Errors leave with PostgreSQL's CONTEXT lines.
import { PgError } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import { RECORD, TRIGGER, VOID, type EvalContext } from '../types/registry.js';
import { OID } from '../types/oids.js';
import { flatten } from '../types/arrays.js';
import type { FunctionHost, NestedResult } from '../functions/call.js';
import { convert } from '../functions/call.js';
import { functionSignature, outputParams } from '../functions/catalog.js';
import type { Block, SqlText, Stmt, Target } from './ast.js';
import { parsePlpgsql } from './parser.js';
import { compileFunction, type Compiled } from './compile.js';
import { conditionMatches } from './conditions.js';
import { Frame, type Signal } from './frame.js';
import { execRaise } from './raise.js';
import { getDiagnostics, stmtName } from './diagnostics.js';
import { checkDeadline } from '../executor/deadline.js';

/** What a trigger function sees (see /work/briefs/functions-api.md). */
export interface TriggerContext {
  name: string;
  when: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  level: 'ROW' | 'STATEMENT';
  op: 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';
  relid: number;
  tableName: string;
  tableSchema: string;
  args: string[];
  new: unknown[] | null;
  old: unknown[] | null;
  rowType: number;
}

const compiledCache = new WeakMap<object, Compiled>();

export function runPlpgsqlFunction(host: FunctionHost, f: UserFunction, args: unknown[], ctx: EvalContext, trigger: TriggerContext | null,
  argTypes?: number[]): unknown {
  const key = (f.cache ??= {}) as object;
  let c = compiledCache.get(key);
  if (!c) {
    const params = f.params.map(p => ({ name: p.name, type: p.type, in: p.mode === 'i' || p.mode === 'b' || p.mode === 'v', out: p.mode === 'o' || p.mode === 'b' || p.mode === 't' }));
    c = compileFunction(parsePlpgsql(f.src), params, f.retType === TRIGGER);
    compiledCache.set(key, c);
  }
  const fr = new Frame(host, ctx, c, f.name, `function ${functionSignature(f)}`);
  fr.stable = f.volatility !== 'v';
  const ins = f.params.filter(p => p.mode === 'i' || p.mode === 'b' || p.mode === 'v');
  c.paramSlots.forEach((s, i) => fr.set(s, args[i] ?? null, argTypes?.[i] ?? ins[i].type));
  for (const s of c.outSlots) if (!c.paramSlots.includes(s)) fr.set(s, null, c.slots[s - 1].fixedType ?? OID.text);
  if (trigger && c.trigger) setTriggerVars(fr, c.trigger, trigger);
  if (f.retSet) fr.retSet = [];
  fr.retType = f.retType;
  fr.outParams = outputParams(f).length;
  const sig = execTop(fr, c.body);
  if (f.retSet) return fr.retSet;
  if (sig && sig.k === 'return') return sig.value;
  if (f.prokind === 'p' || f.retType === VOID) return null;
  if (c.outSlots.length) return outValue(fr);
  const e = new PgError('2F005', 'control reached end of function without RETURN');
  e.where = `PL/pgSQL function ${functionSignature(f)}`;
  throw e;
}

/** DO $$ … $$: an anonymous block without parameters. */
export function runDoBlock(host: FunctionHost, src: string, ctx: EvalContext): void {
  const c = compileFunction(parsePlpgsql(src), [], false);
  const fr = new Frame(host, ctx, c, 'inline_code_block', 'function inline_code_block');
  fr.retType = VOID;
  execTop(fr, c.body);
}

function setTriggerVars(fr: Frame, m: Map<string, number>, tg: TriggerContext): void {
  fr.set(m.get('new')!, tg.new, tg.rowType);
  fr.set(m.get('old')!, tg.old, tg.rowType);
  fr.set(m.get('tg_name')!, tg.name, OID.name);
  fr.set(m.get('tg_when')!, tg.when, OID.text);
  fr.set(m.get('tg_level')!, tg.level, OID.text);
  fr.set(m.get('tg_op')!, tg.op, OID.text);
  fr.set(m.get('tg_relid')!, tg.relid, OID.oid);
  fr.set(m.get('tg_relname')!, tg.tableName, OID.name);
  fr.set(m.get('tg_table_name')!, tg.tableName, OID.name);
  fr.set(m.get('tg_table_schema')!, tg.tableSchema, OID.name);
  fr.set(m.get('tg_nargs')!, tg.args.length, OID.int4);
  fr.set(m.get('tg_argv')!, tg.args, 1009);
}

function outValue(fr: Frame): unknown {
  const slots = fr.c.outSlots;
  if (slots.length === 1 && fr.outParams === 1) return fr.values[slots[0] - 1];
  return slots.map(s => fr.values[s - 1]);
}

function execTop(fr: Frame, b: Block): Signal {
  const sig = execBlock(fr, b);
  if (sig && (sig.k === 'exit' || sig.k === 'continue')) {
    if (sig.k === 'continue') throw new PgError('42601', 'CONTINUE cannot be used outside a loop');
  }
  return sig;
}

function execBlock(fr: Frame, b: Block): Signal {
  for (const d of b.decls) {
    if (d.alias) continue;
    const slot = fr.c.declSlot.get(d)!;
    const { type } = fr.declType(d);
    let v: unknown = null;
    if (d.default) {
      try { v = fr.evalExpr(d.default, type); } catch (e) { fr.context(e, d.line, 'statement block'); throw e; }
    }
    fr.set(slot, v, type);
    if (d.notNull && v === null) {
      const e = new PgError('22004', `null value cannot be assigned to variable "${d.name}" declared NOT NULL`);
      fr.context(e, d.line, 'statement block');
      throw e;
    }
  }
  if (!b.handlers) return leaveBlock(execStmts(fr, b.body), b.label);
  const handlers = b.handlers;
  try {
    return leaveBlock(fr.host.subtransaction(() => execStmts(fr, b.body)), b.label);
  } catch (e) {
    if (!(e instanceof PgError)) throw e;
    const h = handlers.find(x => x.conditions.some(cond => conditionMatches(cond, e.code)));
    if (!h) throw e;
    const names = fr.c.stmtNames.get(handlers)!;
    fr.set(names.get('sqlstate')!, e.code, OID.text);
    fr.set(names.get('sqlerrm')!, e.message, OID.text);
    fr.errors.push(e);
    try {
      return leaveBlock(execStmts(fr, h.body), b.label);
    } finally {
      fr.errors.pop();
    }
  }
}

function leaveBlock(sig: Signal, label: string | null): Signal {
  if (sig && sig.k === 'exit' && sig.label !== null && sig.label === label) return undefined;
  return sig;
}

function execStmts(fr: Frame, stmts: Stmt[]): Signal {
  // every loop iteration passes here: statement_timeout and cancel requests (executor/deadline.ts)
  checkDeadline();
  for (const s of stmts) {
    let sig: Signal;
    try {
      sig = execStmt(fr, s);
    } catch (e) {
      fr.context(e, s.line, stmtName(s));
      throw e;
    }
    if (sig) return sig;
  }
  return undefined;
}

/** Loop bodies: EXIT/CONTINUE without a label or with this loop's end the iteration. */
function loopSignal(sig: Signal, label: string | null): 'break' | 'continue' | Signal {
  if (!sig) return undefined;
  if (sig.k === 'exit' && (sig.label === null || sig.label === label)) return 'break';
  if (sig.k === 'continue' && (sig.label === null || sig.label === label)) return 'continue';
  return sig;
}

function execStmt(fr: Frame, s: Stmt): Signal {
  switch (s.k) {
    case 'block': return execBlock(fr, s);
    case 'null': return undefined;
    case 'assign': assign(fr, s.target, s.expr, fr.c.stmtNames.get(s)!); return undefined;
    case 'if': {
      for (const br of s.branches) if (fr.evalExpr(br.cond, OID.bool) === true) return execStmts(fr, br.body);
      return s.else ? execStmts(fr, s.else) : undefined;
    }
    case 'case': {
      if (s.expr) {
        const v = fr.evalExpr(s.expr, null);
        const t = fr.lastType;
        for (const w of s.whens) {
          if (fr.caseMatch(v, t, w.exprs)) return execStmts(fr, w.body);
        }
      } else {
        for (const w of s.whens) if (fr.evalExpr(w.exprs, OID.bool) === true) return execStmts(fr, w.body);
      }
      if (s.else) return execStmts(fr, s.else);
      throw new PgError('20000', 'case not found', { hint: 'CASE statement is missing ELSE part.' });
    }
    case 'loop':
      for (;;) {
        const r = loopSignal(execStmts(fr, s.body), s.label);
        if (r === 'break') return undefined;
        if (r && r !== 'continue') return r;
      }
    case 'while':
      while (fr.evalExpr(s.cond, OID.bool) === true) {
        const r = loopSignal(execStmts(fr, s.body), s.label);
        if (r === 'break') return undefined;
        if (r && r !== 'continue') return r;
      }
      return undefined;
    case 'fori': {
      const lo = fr.evalExpr(s.lo, OID.int4), hi = fr.evalExpr(s.hi, OID.int4);
      if (lo === null) throw new PgError('22004', 'lower bound of FOR loop cannot be null');
      if (hi === null) throw new PgError('22004', 'upper bound of FOR loop cannot be null');
      let by = 1;
      if (s.by) {
        const b = fr.evalExpr(s.by, OID.int4);
        if (b === null) throw new PgError('22004', 'BY value of FOR loop cannot be null');
        by = Number(b);
        if (by <= 0) throw new PgError('22023', 'BY value of FOR loop must be greater than zero');
      }
      const slot = fr.c.declSlot.get(s)!;
      let found = false;
      for (let i = Number(lo); s.reverse ? i >= Number(hi) : i <= Number(hi); i += s.reverse ? -by : by) {
        found = true;
        fr.set(slot, i, OID.int4);
        const r = loopSignal(execStmts(fr, s.body), s.label);
        if (r === 'break') break;
        if (r && r !== 'continue') { fr.setFound(true); return r; }
      }
      fr.setFound(found);
      return undefined;
    }
    case 'forq': {
      const res = s.query ? fr.runSql(s.query, false) : fr.runDynamic(s.dynamic!, s.using);
      const rows = res.rows ?? [];
      const names = fr.c.stmtNames.get(s)!;
      for (const row of rows) {
        fr.assignRow(s.targets, names, row, res.fields ?? []);
        const r = loopSignal(execStmts(fr, s.body), s.label);
        if (r === 'break') break;
        if (r && r !== 'continue') { fr.setFound(rows.length > 0); return r; }
      }
      fr.setFound(rows.length > 0);
      return undefined;
    }
    case 'foreach': {
      const arr = fr.evalExpr(s.array, null);
      if (arr === null) throw new PgError('22004', 'FOREACH expression must not be null');
      if (!Array.isArray(arr)) throw new PgError('42804', `FOREACH expression must yield an array, not type ${fr.lastType}`);
      const names = fr.c.stmtNames.get(s)!;
      const slot = names.get(s.var);
      if (!slot) throw new PgError('42601', `"${s.var}" is not a known variable`);
      const elemType = fr.elemType(fr.lastType);
      for (const v of s.slice ? arr : flatten(arr)) {
        fr.assignSlot(slot, v, s.slice ? fr.lastType : elemType);
        const r = loopSignal(execStmts(fr, s.body), s.label);
        if (r === 'break') break;
        if (r && r !== 'continue') return r;
      }
      return undefined;
    }
    case 'exit': {
      if (s.when && fr.evalExpr(s.when, OID.bool) !== true) return undefined;
      return { k: s.continue ? 'continue' : 'exit', label: s.label };
    }
    case 'return': return execReturn(fr, s.expr);
    case 'return_next': {
      if (!fr.retSet) throw new PgError('42804', 'cannot use RETURN NEXT in a non-SETOF function');
      if (s.expr) fr.retSet.push(fr.resultValue(fr.evalExpr(s.expr, null), fr.lastType));
      else fr.retSet.push(outValue(fr));
      return undefined;
    }
    case 'return_query': {
      if (!fr.retSet) throw new PgError('42804', 'cannot use RETURN QUERY in a non-SETOF function');
      const res = s.query ? fr.runSql(s.query, false) : fr.runDynamic(s.dynamic!, s.using);
      const types = (res.fields ?? []).map(f => f.typeOid);
      for (const row of res.rows ?? []) fr.retSet.push(fr.rowResult(row, types));
      fr.rowCount = res.rows?.length ?? 0;
      fr.setFound(fr.rowCount > 0);
      return undefined;
    }
    case 'raise': execRaise(fr, s); return undefined;
    case 'assert': {
      if (fr.host.gucs.get('plpgsql.check_asserts') === 'off') return undefined;
      const ok = fr.evalExpr(s.cond, OID.bool);
      if (ok !== true) {
        const msg = s.message ? fr.evalExpr(s.message, OID.text) : null;
        throw new PgError('P0004', msg === null ? 'assertion failed' : String(msg));
      }
      return undefined;
    }
    case 'perform': {
      const res = fr.runSql(s.query, true, true);
      fr.rowCount = res.rows?.length ?? res.rowCount ?? 0;
      fr.setFound(fr.rowCount > 0);
      return undefined;
    }
    case 'sql': {
      const kind = /^\s*(\w+)/.exec(s.query.text)?.[1]?.toLowerCase();
      const res = fr.runSql(s.query, false);
      if (s.into) {
        const rows = res.rows ?? [];
        if (s.strict && rows.length === 0) throw new PgError('P0002', 'query returned no rows');
        if (s.strict && rows.length > 1) throw new PgError('P0003', 'query returned more than one row', { hint: 'Make sure the query returns a single row, or use LIMIT 1.' });
        fr.assignRow(s.into, fr.c.stmtNames.get(s)!, rows[0] ?? null, res.fields ?? []);
        fr.rowCount = rows.length;
        fr.setFound(rows.length > 0);
        return undefined;
      }
      if (res.rows && res.fields && res.fields.length && (kind === 'select' || kind === 'with' || kind === 'values' || kind === 'table')) {
        throw new PgError('42601', 'query has no destination for result data', { hint: 'If you want to discard the results of a SELECT, use PERFORM instead.' });
      }
      fr.rowCount = res.rowCount ?? res.rows?.length ?? 0;
      if (kind === 'insert' || kind === 'update' || kind === 'delete' || kind === 'merge') fr.setFound(fr.rowCount > 0);
      return undefined;
    }
    case 'execute': {
      const res = fr.runDynamic(s.query, s.using);
      const rows = res.rows ?? [];
      if (s.into) {
        if (s.strict && rows.length === 0) throw new PgError('P0002', 'query returned no rows');
        if (s.strict && rows.length > 1) throw new PgError('P0003', 'query returned more than one row');
        fr.assignRow(s.into, fr.c.stmtNames.get(s)!, rows[0] ?? null, res.fields ?? []);
      }
      fr.rowCount = res.rowCount ?? rows.length;
      fr.setFound(fr.rowCount > 0);
      return undefined;
    }
    case 'getdiag': getDiagnostics(fr, s); return undefined;
    case 'call': fr.runSql(s.query, false); return undefined;
    case 'commit': throw new PgError('0A000', `${s.rollback ? 'ROLLBACK' : 'COMMIT'} in PL/pgSQL procedures is not supported`);
  }
}

function execReturn(fr: Frame, expr: SqlText | null): Signal {
  if (fr.retSet) {
    if (expr) throw new PgError('42804', 'RETURN cannot have a parameter in function returning set', { hint: 'Use RETURN NEXT or RETURN QUERY.' });
    return { k: 'return', value: null };
  }
  if (!expr) {
    if (fr.c.outSlots.length) return { k: 'return', value: outValue(fr) };
    return { k: 'return', value: null };
  }
  if (fr.retType === VOID) throw new PgError('42804', 'RETURN cannot have a parameter in function returning void');
  const v = fr.evalExpr(expr, null);
  return { k: 'return', value: fr.resultValue(v, fr.lastType) };
}

function assign(fr: Frame, target: Target, expr: SqlText, names: Map<string, number>): void {
  const slot = names.get(target.name);
  if (!slot) throw new PgError('42601', `"${target.name}" is not a known variable`);
  if (fr.constant(slot)) throw new PgError('22005', `variable "${target.name}" is declared CONSTANT`);
  if (target.field) { fr.assignField(slot, target.field, fr.evalExpr(expr, null), fr.lastType); return; }
  if (target.subscripts) {
    const subs = target.subscripts.map(x => fr.evalExpr(x, OID.int4));
    fr.assignElement(slot, subs as (number | null)[], fr.evalExpr(expr, null), fr.lastType);
    return;
  }
  const v = fr.evalExpr(expr, null);
  try {
    fr.assignSlot(slot, v, fr.lastType);
  } catch (e) {
    // PostgreSQL coerces while it plans "target := expr": the error points into that text
    if (e instanceof PgError && e.position === undefined && e.internalQuery === undefined && e.code.startsWith('22')) {
      const text = expr.text.trim();
      e.internalQuery = `${target.name} := ${text}`;
      e.internalPosition = target.name.length + 5;
    }
    throw e;
  }
}

export { RECORD };
export type { NestedResult };
