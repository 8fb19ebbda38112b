// One running PL/pgSQL function: its variables (values and types by slot), how embedded SQL
// is bound and run with them, and assignment with PostgreSQL's conversions.
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { makeCompositeType } from '../types/composite.js';
import { makeRecord } from '../types/record.js';
import { RECORD, registerType, typeByOid, typeScope, type EvalContext } from '../types/registry.js';
import { OID } from '../types/oids.js';
import type { FunctionHost, NestedResult } from '../functions/call.js';
import { addContext, convert } from '../functions/call.js';
import { bindParamNames } from '../functions/param-refs.js';
import { simpleExpr } from '../functions/simple-expr.js';
import type { SqlText, VarDecl } from './ast.js';
import type { Compiled } from './compile.js';

export type Signal = undefined | { k: 'exit' | 'continue'; label: string | null } | { k: 'return'; value: unknown };

const prepared = new WeakMap<Compiled, Map<string, any>>();
/** Bound statements that reference variables (false: a constant expression). */
const constantFree = new WeakMap<object, boolean>();
/** Per bound statement: the slots read with a field selection (r.f). */
const fieldRefs = new WeakMap<object, number[]>();

function fieldSlots(stmt: any): number[] {
  const out: number[] = [];
  const walk = (x: any): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (!x || typeof x !== 'object') return;
    const n = x.A_Indirection?.arg?.ParamRef?.number;
    if (n !== undefined && x.A_Indirection.indirection?.some((i: any) => i.String)) out.push(n);
    for (const k in x) walk(x[k]);
  };
  walk(stmt);
  return out;
}

const declTypes = new WeakMap<VarDecl, { type: number; typmod: number; record: boolean }>();

export class Frame {
  values: unknown[];
  types: number[];
  retSet: unknown[] | null = null;
  retType = 0;
  outParams = 0;
  rowCount = 0;
  /** Type of the last evaluated expression. */
  lastType = 0;
  /** Errors being handled (innermost last), for RAISE; and GET STACKED DIAGNOSTICS. */
  errors: PgError[] = [];
  private contexted = new WeakSet<object>();
  private constants = new Set<number>();
  /** Slots of `record` variables (their type follows what is assigned). */
  private records = new Set<number>();
  /** A STABLE or IMMUTABLE function: its statements read with the caller's snapshot. */
  stable = false;

  constructor(readonly host: FunctionHost, readonly ctx: EvalContext, readonly c: Compiled, readonly fname: string, readonly sigText: string) {
    this.values = new Array(c.slots.length).fill(null);
    this.types = c.slots.map(s => s.fixedType ?? 0);
  }

  set(slot: number, v: unknown, type: number): void {
    this.values[slot - 1] = v;
    this.types[slot - 1] = type;
  }

  setFound(v: boolean): void { this.set(this.c.foundSlot, v, OID.bool); }
  constant(slot: number): boolean { return this.constants.has(slot); }

  /** A DECLAREd variable's type (resolved once per declaration). */
  declType(d: VarDecl): { type: number; typmod: number } {
    let t = declTypes.get(d);
    if (!t) {
      t = resolveDeclType(d.type!, this);
      declTypes.set(d, t);
    }
    const slot = this.c.declSlot.get(d)!;
    if (t.record) this.records.add(slot);
    if (d.constant) this.constants.add(slot);
    return t;
  }

  context(e: unknown, line: number, what: string): void {
    if (!(e instanceof PgError) || this.contexted.has(e)) return;
    this.contexted.add(e);
    addContext(e, `PL/pgSQL ${this.sigText} line ${line} at ${what}`);
  }

  /** Runs embedded SQL (wrapped in SELECT for expressions) with the variables as parameters. */
  runSql(t: SqlText, wrap: boolean, perform = false): NestedResult {
    const stmt = this.prepare(t, wrap ? 'SELECT ' : '', '');
    this.checkRecords(stmt, wrap && !perform ? t : { ...t, text: (wrap ? 'SELECT ' : '') + t.text }, wrap && !perform ? 'SQL expression' : 'SQL statement');
    try {
      return this.host.runNested(stmt, this.values, this.types, this.stable);
    } catch (e) {
      if (!(e instanceof PgError)) throw e;
      // as SPI reports it: a position goes into the query, else the query is a CONTEXT line
      // (an expression only when it fails while being planned: a constant one)
      const shown = wrap && !perform ? t.text : (wrap ? 'SELECT ' : '') + t.text;
      if (e.position !== undefined && e.internalQuery === undefined) {
        e.internalPosition = e.position - (wrap && !perform ? 7 : 0);
        e.internalQuery = shown;
        e.position = undefined;
      } else if (!wrap || perform) addContext(e, `SQL statement "${shown.trim()}"`);
      else if (!constantFree.get(stmt)) addContext(e, `SQL expression "${shown.trim()}"`);
      throw e;
    }
  }

  private prepare(t: SqlText, prefix: string, suffix: string): any {
    if (prefix === 'SELECT ' && !suffix) {
      const hit = this.c.exprStmts?.get(t);
      if (hit) return hit;
    }
    let m = prepared.get(this.c);
    if (!m) prepared.set(this.c, m = new Map());
    const key = prefix + '\u0001' + t.text + '\u0001' + suffix + '\u0001' + t.line;
    let stmt = m.get(key);
    if (!stmt) {
      const text = prefix + t.text + suffix;
      const stmts = parse(text);
      if (stmts.length !== 1) throw new PgError('42601', stmts.length ? `query "${text}" returned more than one row` : 'syntax error at end of input');
      stmt = bindParamNames(stmts[0].stmt, this.c.names.get(t) ?? new Map(), this.fname);
      constantFree.set(stmt, JSON.stringify(stmt).includes('"ParamRef"') || /\bfrom\b/i.test(t.text));
      m.set(key, stmt);
    }
    if (prefix === 'SELECT ' && !suffix) (this.c.exprStmts ??= new WeakMap()).set(t, stmt);
    return stmt;
  }

  private run(stmt: any, values: unknown[], types: number[], text: string | null): NestedResult {
    try {
      return this.host.runNested(stmt, values, types, this.stable);
    } catch (e) {
      if (e instanceof PgError && e.position !== undefined && e.internalQuery === undefined) {
        e.internalPosition = e.position;
        e.internalQuery = text ?? undefined;
        e.position = undefined;
      } else if (text !== null) addContext(e, `SQL statement "${text.trim()}"`);
      throw e;
    }
  }

  /** EXECUTE: the query text evaluated, USING values as $1 … */
  runDynamic(q: SqlText, using: SqlText[]): NestedResult {
    const text = this.evalExpr(q, OID.text);
    if (text === null) throw new PgError('22004', 'query string argument of EXECUTE is null');
    const vals: unknown[] = [], types: number[] = [];
    for (const u of using) { vals.push(this.evalExpr(u, null)); types.push(this.lastType === OID.unknown ? OID.text : this.lastType); }
    const stmts = parse(String(text));
    if (stmts.length !== 1) throw new PgError('0A000', 'EXECUTE of several statements is not supported');
    return this.run(stmts[0].stmt, vals, types, String(text));
  }

  /** The value of an expression (one row, one column), converted to `want` when given. */
  /** A field of a `record` variable read before anything was assigned to it. */
  private checkRecords(stmt: any, t: SqlText, what: string): void {
    let slots = fieldRefs.get(stmt);
    if (!slots) fieldRefs.set(stmt, slots = fieldSlots(stmt));
    for (const slot of slots) {
      if (this.records.has(slot) && this.types[slot - 1] === RECORD) {
        const e = new PgError('55000', `record "${this.c.slots[slot - 1].name}" is not assigned yet`,
          { detail: 'The tuple structure of a not-yet-assigned record is indeterminate.' });
        addContext(e, `${what} "${t.text.trim()}"`);
        throw e;
      }
    }
  }

  evalExpr(t: SqlText, want: number | null): unknown {
    const stmt = this.prepare(t, 'SELECT ', '');
    this.checkRecords(stmt, t, 'SQL expression');
    // a simple expression runs as a compiled closure (exec_eval_simple_expr)
    const simple = simpleExpr(this.host, stmt, this.types);
    if (simple) {
      let v: unknown = simple.run(this.values, this.ctx) ?? null;
      const type = simple.type === OID.unknown ? OID.text : simple.type;
      if (want !== null && type !== want && v !== null) v = convert(v, type, want, this.ctx);
      this.lastType = want ?? type;
      return v;
    }
    const res = this.runSql(t, true);
    return this.single(res, t, want);
  }

  private single(res: NestedResult, t: SqlText, want: number | null): unknown {
    const rows = res.rows ?? [];
    const fields = res.fields ?? [];
    if (fields.length !== 1) throw new PgError('42601', `query "SELECT ${t.text.trim()}" returned ${fields.length} columns`);
    if (rows.length > 1) throw new PgError('21000', `query "SELECT ${t.text.trim()}" returned more than one row`);
    let v = rows.length ? rows[0][0] : null;
    let type = fields[0].typeOid;
    if (type === OID.unknown) type = OID.text;
    if (want !== null && type !== want && v !== null) v = convert(v, type, want, this.ctx);
    this.lastType = want ?? type;
    return v ?? null;
  }

  /** CASE x WHEN a, b: x IN (a, b) with x as one more parameter. */
  caseMatch(v: unknown, type: number, exprs: SqlText): boolean {
    const n = this.values.length + 1;
    const stmt = this.prepare(exprs, `SELECT $${n} IN (`, ')');
    const res = this.run(stmt, [...this.values, v], [...this.types, type], null);
    return res.rows?.[0]?.[0] === true;
  }

  elemType(arr: number): number {
    return typeByOid(arr)?.elem ?? OID.text;
  }

  /** Assignment to a variable: the value converted to the variable's type. */
  assignSlot(slot: number, v: unknown, from: number): void {
    const to = this.types[slot - 1];
    if (this.records.has(slot) || to === 0 || to === RECORD) { this.set(slot, v, from); return; }
    const decl = this.c.slots[slot - 1].decl;
    if (decl?.notNull && v === null) throw new PgError('22004', `null value cannot be assigned to variable "${decl.name}" declared NOT NULL`);
    this.values[slot - 1] = v === null ? null : convert(v, from, to, this.ctx);
  }

  assignField(slot: number, field: string, v: unknown, from: number): void {
    const t = typeByOid(this.types[slot - 1]);
    const fields = t?.fields?.();
    const name = this.c.slots[slot - 1].name;
    if (!fields) throw new PgError('55000', `record "${name}" is not assigned yet`, { detail: 'The tuple structure of a not-yet-assigned record is indeterminate.' });
    const i = fields.findIndex(f => f?.name === field);
    if (i < 0) throw new PgError('42703', `record "${name}" has no field "${field}"`);
    const cur = (this.values[slot - 1] as unknown[] | null) ?? fields.map(() => null);
    const copy = [...cur];
    copy[i] = v === null ? null : convert(v, from, fields[i]!.type, this.ctx);
    this.values[slot - 1] = copy;
  }

  assignElement(slot: number, subs: (number | null)[], v: unknown, from: number): void {
    if (subs.some(s => s === null)) throw new PgError('22004', 'array subscript in assignment must not be null');
    const at = typeByOid(this.types[slot - 1]);
    const elem = at?.elem ?? from;
    const cur = (this.values[slot - 1] as unknown[] | null) ?? [];
    const copy = [...cur];
    const i = Number(subs[0]) - 1;
    while (copy.length < i) copy.push(null);
    copy[i] = v === null ? null : convert(v, from, elem, this.ctx);
    this.values[slot - 1] = copy;
  }

  /** SELECT … INTO targets / FOR targets IN query: a row into a record or into variables. */
  assignRow(targets: string[], names: Map<string, number>, row: unknown[] | null, fields: { name: string; typeOid: number }[]): void {
    const slotOf = (n: string) => {
      const s = names.get(n.split('.')[0]);
      if (!s) throw new PgError('42601', `"${n}" is not a known variable`);
      return s;
    };
    if (targets.length === 1 && !targets[0].includes('.')) {
      const slot = slotOf(targets[0]);
      const t = typeByOid(this.types[slot - 1]);
      if (this.records.has(slot) || this.types[slot - 1] === RECORD) {
        if (!row) { this.set(slot, null, this.types[slot - 1]); return; }
        const shape = shapeType(fields);
        this.set(slot, makeRecord([...row], fields.map(f => f.typeOid)), shape);
        return;
      }
      if (t?.fields) {
        const fs = t.fields();
        if (!row) { this.values[slot - 1] = null; return; }
        let j = 0;
        this.values[slot - 1] = fs.map(f => {
          if (!f) return null;
          const k = j++;
          return k < row.length ? (row[k] === null ? null : convert(row[k], fields[k]?.typeOid, f.type, this.ctx)) : null;
        });
        return;
      }
    }
    targets.forEach((n, i) => {
      const slot = slotOf(n);
      const v = row ? row[i] ?? null : null;
      const from = fields[i]?.typeOid ?? OID.text;
      if (n.includes('.')) this.assignField(slot, n.split('.')[1], v, from);
      else this.assignSlot(slot, v, from);
    });
  }

  /** A RETURN value as the function's result type. */
  resultValue(v: unknown, from: number): unknown {
    const rt = this.retType;
    if (v === null || rt === RECORD || rt === 0 || rt === OID.trigger) return v;
    const t = typeByOid(rt);
    if (t?.fields) return v;
    return convert(v, from, rt, this.ctx);
  }

  /** A RETURN QUERY row as one result value. */
  rowResult(row: unknown[], types: number[]): unknown {
    const rt = this.retType;
    if (rt === RECORD) return this.outParams > 1 ? row : makeRecord(row, types);
    const t = typeByOid(rt);
    if (t?.fields) {
      const fs = t.fields();
      let j = 0;
      return fs.map(f => (f ? convert(row[j] ?? null, types[j++], f.type, this.ctx) : null));
    }
    return convert(row[0] ?? null, types[0], rt, this.ctx);
  }
}

/** A declared type: 'integer', 'numeric(10,2)', 'tab%ROWTYPE', 'tab.col%TYPE', 'record'. */
function resolveDeclType(text: string, fr: Frame): { type: number; typmod: number; record: boolean } {
  const lower = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (lower === 'record') return { type: RECORD, typmod: -1, record: true };
  const rowtype = /^(.*)%rowtype$/.exec(lower);
  if (rowtype) {
    const t = typeScope()?.byName(null, rowtype[1].replace(/"/g, ''));
    const parts = rowtype[1].split('.');
    const t2 = t ?? (parts.length === 2 ? typeScope()?.byName(parts[0], parts[1]) : undefined);
    if (!t2) throw new PgError('42P01', `relation "${rowtype[1]}" does not exist`);
    return { type: t2.oid, typmod: -1, record: false };
  }
  const pct = /^(.*)%type$/.exec(lower);
  if (pct) {
    const parts = pct[1].split('.');
    if (parts.length === 1) {
      const slot = fr.c.slots.findIndex(s => s.name === parts[0]);
      if (slot >= 0) return { type: fr.types[slot], typmod: -1, record: false };
    } else {
      const rel = typeScope()?.byName(parts.length === 3 ? parts[0] : null, parts[parts.length - 2]);
      const f = rel?.fields?.().find(x => x?.name === parts[parts.length - 1]);
      if (f) return { type: f.type, typmod: f.typmod, record: false };
    }
    throw new PgError('42704', `type "${text}" does not exist`);
  }
  const stmts = parse(`SELECT NULL::${text}`);
  const tc = stmts[0]?.stmt?.SelectStmt?.targetList?.[0]?.ResTarget?.val?.TypeCast;
  if (!tc) throw new PgError('42601', `syntax error at or near "${text}"`);
  const r = resolveTypeName({ ...tc.typeName, location: -1 });
  return { type: r.oid, typmod: r.typmod, record: false };
}

const shapes = new Map<string, number>();
let nextShapeOid = 3_900_000;

/** A composite type for the columns a `record` variable took (registered once per shape). */
function shapeType(fields: { name: string; typeOid: number }[]): number {
  const key = fields.map(f => `${f.name}:${f.typeOid}`).join(',');
  let oid = shapes.get(key);
  if (oid === undefined) {
    oid = nextShapeOid++;
    const attributes = fields.map(f => ({ name: f.name, typeOid: f.typeOid, typmod: -1, dropped: false }));
    const t = makeCompositeType({ oid, name: 'record', arrayOid: 0, attributes }, () => 'record');
    t.array = undefined;
    registerType({ ...t, name: `pg_temp_record_${oid}` } as any);
    shapes.set(key, oid);
  }
  return oid;
}
