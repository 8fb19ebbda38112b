// Raw expression ASTs to typed expressions (PostgreSQL's parse_expr.c).
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { ANY, ANYNONARRAY, functionsNamed, operatorsNamed, typeByOid, type FuncDef, type OperatorDef } from '../types/registry.js';
import { flatten } from '../types/arrays.js';
import { aggResultType, AGGREGATES } from './aggregates.js';
import {
  canCoerce, coerce, commonType, concreteArgs, functionCandidates, operatorCandidates, resolvePolymorphic, selectCandidate,
} from './coerce.js';
import type { AnalyzeContext } from './context.js';
import type { AggCall, Expr, SortKey } from './query.js';
import type { NsColumn, NsItem, Scope } from './scope.js';
import { resolveTypeName, typeDisplayName } from './typenames.js';
import { asBaseType, wholeRowReference } from './coerce-usertypes.js';
import { missingColumnHint } from './column-hint.js';
import { indirection } from './indirection.js';
import { inList, rowCompare, rowDistinct } from './rows.js';
import { specialFunction, sqlValueFunction } from './special-functions.js';
import { analyzeSubLink } from './sublink.js';
import { sqlValueFunctionName } from './ruleutils-names.js';
import { checkSrfPlacement, refuseSrfIn } from './srf-check.js';
import { containsSrfCall } from './srf-walk.js';
import { STAT_AGGREGATES, statAggregateSignature } from './stat-aggregates.js';
import { isOrderedSetCall, orderedSetAggregate } from './ordered-set.js';
import { aggregateScope, lowestLevel, nestedAggregateCheck, rebaseLevels } from './agg-level.js';
import { orderingOperator } from './order-using.js';
import { sameExpr } from './grouping.js';
import { isProcedureCall, userFuncCandidates, type UserFuncDef } from '../functions/resolve.js';
import { checkNotShell, exactUserOperator, forPrinting, operatorsFor } from './operator-candidates.js';
import { namedArgsCall, userFunctionCall } from '../functions/named-call.js';
import { chooseUserAggregate, sameUserAggCall, userAggregatesNamed } from '../functions/aggregate-impl.js';
import type { UserFunction } from '../catalog/objects.js';
import { currentOf, systemColumn, SYSTEM_COLUMNS } from './system-columns.js';
import { analyzeWindowCall, isWindowFunctionName, windowArity } from './window.js';
import { groupingCall } from './grouping-sets.js';

export type SubqueryAnalyzer = (stmt: any, parent: Scope) => import('./query.js').Query;

const BOOL = OID.bool, UNKNOWN = OID.unknown;
const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;
/** A node list: libpg-query gives lists either bare or as { List: { items } }. */
export const listItems = (x: any): any[] => (Array.isArray(x) ? x : x?.List?.items ?? []);

export class ExprAnalyzer {
  /** Location of the last set-returning call analyzed (PostgreSQL's p_last_srf), -1 if none. */
  lastSrf = -1;

  constructor(readonly ctx: AnalyzeContext, readonly analyzeSubquery: SubqueryAnalyzer) {}

  /** Analyzes an expression and coerces it to boolean (WHERE, ON, HAVING, CHECK). */
  condition(node: any, scope: Scope, clause: string): Expr {
    const e = this.expr(node, scope);
    if (e.type === BOOL) return e;
    if (e.type === UNKNOWN || canCoerce(e.type, BOOL, 'a')) return coerce(e, BOOL, -1, 'a', this.ctx, nodeLocation(node));
    throw new PgError('42804', `argument of ${clause} must be type boolean, not type ${typeDisplayName(e.type)}`, pos(nodeLocation(node)));
  }

  expr(node: any, scope: Scope): Expr {
    const [kind, n] = Object.entries(node)[0] as [string, any];
    switch (kind) {
      case 'A_Const': return this.constant(n);
      case 'ColumnRef': return this.columnRef(n, scope);
      case 'ParamRef': return this.param(n.number, n.location);
      case 'A_Expr': return this.aExpr(n, scope);
      case 'BoolExpr': {
        const what = n.boolop === 'AND_EXPR' ? 'AND' : n.boolop === 'OR_EXPR' ? 'OR' : 'NOT';
        const args = (n.args as any[]).map(a => {
          const e = this.condition(a, scope, what);
          if (containsSrfCall(e)) throw new PgError('42804', `argument of ${what} must not return a set`, pos(nodeLocation(a)));
          return e;
        });
        if (n.boolop === 'NOT_EXPR') return { k: 'not', type: BOOL, typmod: -1, arg: args[0] };
        return { k: n.boolop === 'AND_EXPR' ? 'and' : 'or', type: BOOL, typmod: -1, args };
      }
      case 'NullTest': {
        const arg = this.expr(n.arg, scope);
        return { k: 'nulltest', type: BOOL, typmod: -1, arg, isNull: n.nulltesttype === 'IS_NULL', row: arg.k === 'row' || !!typeByOid(arg.type)?.fields };
      }
      case 'BooleanTest': {
        const arg = this.condition(n.arg, scope, 'IS TRUE');
        const t = n.booltesttype as string;
        const test = t.includes('TRUE') ? 'true' : t.includes('FALSE') ? 'false' : 'unknown';
        return { k: 'booltest', type: BOOL, typmod: -1, arg, test, negate: t.startsWith('IS_NOT') };
      }
      case 'TypeCast': return this.typeCast(n, scope);
      case 'FuncCall': return this.funcCall(n, scope);
      case 'CaseExpr': return this.caseExpr(n, scope);
      case 'CoalesceExpr': {
        const srfBefore = this.lastSrf;
        const args = (n.args as any[]).map(a => this.expr(a, scope));
        refuseSrfIn('COALESCE', srfBefore, this.lastSrf);
        const t = commonType(args.map(a => a.type), 'COALESCE', (n.args as any[]).map(nodeLocation));
        return { k: 'coalesce', type: t, typmod: -1, args: args.map((a, i) => coerce(a, t, -1, 'i', this.ctx, nodeLocation(n.args[i]))) };
      }
      case 'MinMaxExpr': {
        const args = (n.args as any[]).map(a => this.expr(a, scope));
        const name = n.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST';
        const t = commonType(args.map(a => a.type), name, (n.args as any[]).map(nodeLocation));
        const cmp = typeByOid(t)!.compare.bind(typeByOid(t));
        return { k: 'minmax', type: t, typmod: -1, greatest: n.op === 'IS_GREATEST', cmp,
          args: args.map((a, i) => coerce(a, t, -1, 'i', this.ctx, nodeLocation(n.args[i]))) };
      }
      case 'SubLink': return this.subLink(n, scope);
      case 'A_ArrayExpr': return this.arrayExpr(n, scope);
      case 'RowExpr': {
        // ROW(t.*) lists t's columns (transformRowExpr expands the star)
        const args = ((n.args ?? []) as any[]).flatMap(a => {
          const e = this.expr(a, scope);
          const f = a.ColumnRef?.fields as any[] | undefined;
          return f && f.length === 2 && f[1].A_Star && e.k === 'row' && e.wholeRow !== undefined ? e.args.filter(x => x.k !== 'const') : [e];
        });
        return { k: 'row', type: OID.record, typmod: -1, args };
      }
      case 'SQLValueFunction': return { ...this.sqlValueFunction(n), sqlName: sqlValueFunctionName(n) } as Expr;
      case 'CollateClause': return collateClause(this.expr(n.arg, scope), n);
      case 'A_Indirection': return indirection(this, this.expr(n.arg, scope), n.indirection, scope, nodeLocation(n.arg));
      case 'CurrentOfExpr': return currentOf(n, scope);
      case 'SetToDefault': throw new PgError('42601', 'DEFAULT is not allowed in this context', pos(n.location));
      case 'GroupingFunc': return groupingCall(this, n, scope);
      default: throw new PgError('0A000', `expression type ${kind} is not supported`, pos(nodeLocation(n)));
    }
  }

  constant(n: any): Expr {
    if (n.isnull) return { k: 'const', type: UNKNOWN, typmod: -1, value: null };
    if (n.ival !== undefined) return { k: 'const', type: OID.int4, typmod: -1, value: n.ival.ival ?? 0 };
    if (n.fval !== undefined) {
      const s: string = n.fval.fval;
      // make_const: an integer too large for int4 (or made negative by the grammar) is int4, int8 or numeric by its value
      if (/^-?[0-9]+$/.test(s)) {
        const b = BigInt(s);
        if (b >= -2147483648n && b <= 2147483647n) return { k: 'const', type: OID.int4, typmod: -1, value: Number(b) };
        if (b >= -9223372036854775808n && b <= 9223372036854775807n) return { k: 'const', type: OID.int8, typmod: -1, value: b };
      }
      return { k: 'const', type: OID.numeric, typmod: -1, value: typeByOid(OID.numeric)!.input(s, -1, this.ctx.settings) };
    }
    if (n.sval !== undefined) return { k: 'const', type: UNKNOWN, typmod: -1, value: n.sval.sval ?? '', loc: n.location };
    if (n.boolval !== undefined) return { k: 'const', type: BOOL, typmod: -1, value: !!n.boolval.boolval };
    if (n.bsval !== undefined) throw new PgError('0A000', 'bit string constants are not supported', pos(n.location));
    return { k: 'const', type: UNKNOWN, typmod: -1, value: null };
  }

  param(number: number, location: number): Expr {
    const types = this.ctx.paramTypes;
    const t = types[number - 1];
    if (t === undefined) {
      while (types.length < number) types.push(0);
    }
    // 0 = not yet known: it becomes known by the context it is coerced into
    return { k: 'param', type: t ? t : UNKNOWN, typmod: -1, index: number - 1 };
  }

  // ---- column references ----------------------------------------------------

  columnRef(n: any, scope: Scope): Expr {
    // a column's DEFAULT is computed without a row (transformColumnRef, EXPR_KIND_COLUMN_DEFAULT)
    if (scope.aggContext === 'DEFAULT expressions') throw new PgError('42P10', 'cannot use column reference in DEFAULT expression', pos(n.location));
    const fields = n.fields as any[];
    // t.* inside an expression: the whole row of t
    if (fields.length === 2 && fields[1].A_Star && fields[0].String) {
      const whole = wholeRowReference(scope, str(fields[0]));
      if (whole) return whole;
    }
    if (fields.some(f => f.A_Star)) throw new PgError('42601', '"*" not allowed here', pos(n.location));
    const names = fields.map(str);
    const colName = names[names.length - 1];
    const qual = names.length >= 2 ? names[names.length - 2] : null;
    const schema = names.length >= 3 ? names[names.length - 3] : null;
    let levelsUp = 0;
    for (let s: Scope | null = scope; s; s = s.parent, levelsUp++) {
      const found = qual === null ? this.findUnqualified(s, colName, n.location) ?? this.unqualifiedTableoid(s, colName, n.location)
        : this.findQualified(s, schema, qual, colName, n.location);
      if (found === 'missing') break;
      if (found) {
        if (levelsUp > 0) {
          for (let x: Scope | null = scope; x && x !== s; x = x.parent) x.correlatedRefs.count++;
        }
        const e = found.make(levelsUp);
        return e.k === 'var' ? { ...e, loc: n.location } : e;
      }
    }
    if (qual !== null) {
      // is the qualifier known at all?
      let known = false;
      for (let s: Scope | null = scope; s; s = s.parent) if (s.items.some(i => i.alias === qual)) known = true;
      if (!known) throw missingFromEntry(scope, qual, n.location);
    }
    if (qual === null) {
      // a bare name that is a FROM item: a whole-row reference
      const whole = wholeRowReference(scope, colName);
      if (whole) return whole;
    }
    const hint = missingColumnHint(scope, qual, colName);
    throw new PgError('42703', qual !== null ? `column ${qual}.${colName} does not exist` : `column "${colName}" does not exist`,
      { ...pos(n.location), ...(hint ? { hint } : {}) });
  }

  private findUnqualified(s: Scope, name: string, location: number): NsColumn | null {
    let found: NsColumn | null = null;
    for (const item of s.items) {
      if (item.lateralOnly) continue;
      for (const c of item.columns) {
        if (c.name !== name || c.hiddenUnqualified) continue;
        if (found) throw new PgError('42702', `column reference "${name}" is ambiguous`, pos(location));
        found = c;
      }
    }
    return found;
  }

  /** 'missing': the qualifier names an item of this level that has no such column. */
  private findQualified(s: Scope, schema: string | null, qual: string, name: string, location: number): NsColumn | null | 'missing' {
    const items = s.items.filter(i => i.alias === qual && (schema === null || i.schema === schema));
    if (items.length === 0) return null;
    if (items.length > 1) throw new PgError('42P09', `table reference "${qual}" is ambiguous`, pos(location));
    const item = items[0];
    if (name === 'tableoid' && item.entry !== undefined) {
      const entry = item.entry;
      return { name, make: levelsUp => ({ k: 'tableoid', type: OID.oid, typmod: -1, levelsUp, entry }) };
    }
    const sys = item.entry !== undefined && s.query.entries[item.entry]?.kind === 'table' ? systemColumn(name, item.entry) : null;
    if (sys && !item.columns.some(c => c.name === name)) return sys;
    const cols = item.columns.filter(c => c.name === name);
    if (cols.length > 1) throw new PgError('42702', `column reference "${name}" is ambiguous`, pos(location));
    return cols[0] ?? 'missing';
  }

  /** Unqualified tableoid in an expression: the system column of the one table at this level. */
  private unqualifiedTableoid(s: Scope, name: string, location: number): NsColumn | null {
    if (name !== 'tableoid' && !SYSTEM_COLUMNS[name]) return null;
    const tables = s.items.filter(i => i.entry !== undefined && !i.lateralOnly && s.query.entries[i.entry]?.kind === 'table');
    if (tables.length > 1) throw new PgError('42702', `column reference "${name}" is ambiguous`, pos(location));
    if (!tables.length) return null;
    const entry = tables[0].entry!;
    if (name !== 'tableoid') return systemColumn(name, entry);
    return { name, make: levelsUp => ({ k: 'tableoid', type: OID.oid, typmod: -1, levelsUp, entry }) };
  }

  /** tableoid without qualifier: the only table of the scope that has it. */
  systemColumn(scope: Scope, name: string): NsItem | null {
    const withEntry = scope.items.filter(i => i.entry !== undefined && !i.lateralOnly);
    return name === 'tableoid' && withEntry.length === 1 ? withEntry[0] : null;
  }

  // ---- operators ------------------------------------------------------------

  aExpr(n: any, scope: Scope): Expr {
    const opName = n.name ? str(n.name[n.name.length - 1]) : '';
    switch (n.kind) {
      case 'AEXPR_OP': {
        if (n.lexpr?.RowExpr && n.rexpr?.SubLink?.subLinkType === 'EXPR_SUBLINK') {
          // row op (SELECT …) compares with the subquery's one row (transformAExprOp)
          return this.subLink({ ...n.rexpr.SubLink, subLinkType: 'ROWCOMPARE_SUBLINK', testexpr: n.lexpr, operName: n.name, location: n.location }, scope);
        }
        // OPERATOR(schema.op): looked up in that schema only (operator-candidates.ts)
        const opSchema = n.name.length > 1 ? str(n.name[n.name.length - 2]) : null;
        // the grammar's doNegate: - applied to a numeric literal is a negative literal (so -2147483648 is an integer)
        if (!n.lexpr && opName === '-' && !opSchema && n.rexpr?.A_Const && (n.rexpr.A_Const.ival !== undefined || n.rexpr.A_Const.fval !== undefined)) {
          const c = n.rexpr.A_Const;
          return c.ival !== undefined ? this.constant({ ival: { ival: -(c.ival.ival ?? 0) || 0 }, location: n.location })
            : this.constant({ fval: { fval: c.fval.fval.startsWith('-') ? c.fval.fval.slice(1) : '-' + c.fval.fval }, location: n.location });
        }
        if (!n.lexpr) return this.operator(opName, null, this.expr(n.rexpr, scope), n.location, opSchema);
        return this.operator(opName, this.expr(n.lexpr, scope), this.expr(n.rexpr, scope), n.location, opSchema);
      }
      case 'AEXPR_OP_ANY': case 'AEXPR_OP_ALL': {
        const left = this.expr(n.lexpr, scope);
        const right = this.expr(n.rexpr, scope);
        return this.scalarArray(opName, left, right, n.kind === 'AEXPR_OP_ANY', n.location);
      }
      case 'AEXPR_DISTINCT': case 'AEXPR_NOT_DISTINCT': {
        const l = this.expr(n.lexpr, scope), r = this.expr(n.rexpr, scope);
        if (l.k === 'row' && r.k === 'row') return rowDistinct(this, l.args, r.args, n.kind === 'AEXPR_NOT_DISTINCT', n.location);
        const eq = this.operator('=', l, r, n.location);
        if (eq.k !== 'op') throw new PgError('42883', 'IS DISTINCT FROM requires = operator to yield boolean', pos(n.location));
        return { k: 'distinct', type: BOOL, typmod: -1, eq: eq.op, args: eq.args as [Expr, Expr], negate: n.kind === 'AEXPR_NOT_DISTINCT' };
      }
      case 'AEXPR_NULLIF': {
        const eq = this.operator('=', this.expr(n.lexpr, scope), this.expr(n.rexpr, scope), n.location);
        if (eq.k !== 'op') throw new PgError('42883', 'NULLIF requires = operator to yield boolean', pos(n.location));
        return { k: 'nullif', type: eq.args[0].type, typmod: -1, eq: eq.op, args: eq.args as [Expr, Expr] };
      }
      case 'AEXPR_IN': {
        const left = this.expr(n.lexpr, scope);
        // x IN (a, b) → x = a OR x = b (PostgreSQL builds = ANY(ARRAY[…]) when types agree; same answer)
        return inList(this, opName, left, listItems(n.rexpr).map(r => this.expr(r, scope)), n.location);
      }
      case 'AEXPR_LIKE': case 'AEXPR_ILIKE': {
        const map: Record<string, string> = n.kind === 'AEXPR_LIKE' ? { '~~': '~~', '!~~': '!~~' } : { '~~*': '~~*', '!~~*': '!~~*' };
        let right = this.expr(n.rexpr, scope);
        if (n.rexpr.FuncCall) { /* LIKE … ESCAPE is parsed as like_escape(); fine */ }
        return this.operator(map[opName] ?? opName, this.expr(n.lexpr, scope), right, n.location);
      }
      // a SIMILAR TO b is parsed as a ~ similar_to_escape(b [, escape])
      case 'AEXPR_SIMILAR': {
        let pattern = this.expr(n.rexpr, scope);
        // the planner folds similar_to_escape of constants into the regular expression it makes
        if (!this.ctx.deparse && pattern.k === 'func' && pattern.args.every(a => a.k === 'const')) {
          const args = pattern.args.map(a => (a as { value: unknown }).value);
          const value = args.some(a => a === null) ? null : pattern.fn.fn(args, this.ctx as any);
          pattern = { k: 'const', type: pattern.type, typmod: -1, value };
        }
        return this.operator(opName, this.expr(n.lexpr, scope), pattern, n.location);
      }
      case 'AEXPR_BETWEEN': case 'AEXPR_NOT_BETWEEN': case 'AEXPR_BETWEEN_SYM': case 'AEXPR_NOT_BETWEEN_SYM': {
        const x = this.expr(n.lexpr, scope);
        const [lo, hi] = listItems(n.rexpr).map(r => this.expr(r, scope));
        // as transformAExprBetween: x >= lo AND x <= hi; NOT BETWEEN is x < lo OR x > hi
        const not = n.kind.includes('NOT');
        const range = (a: Expr, b: Expr): Expr => ({ k: not ? 'or' : 'and', type: BOOL, typmod: -1,
          args: [this.operator(not ? '<' : '>=', x, a, n.location), this.operator(not ? '>' : '<=', x, b, n.location)] });
        const e: Expr = range(lo, hi);
        if (!n.kind.includes('SYM')) return e;
        return { k: not ? 'and' : 'or', type: BOOL, typmod: -1, args: [e, range(hi, lo)] };
      }
      default: throw new PgError('0A000', `operator kind ${n.kind} is not supported`, pos(n.location));
    }
  }

  /** Resolves and builds `left op right` (left null for a prefix operator). */
  operator(name: string, left: Expr | null, right: Expr, location: number, schema: string | null = null): Expr {
    const argTypes = left ? [left.type, right.type] : [right.type];
    // built-in and user-defined operators (operator-candidates.ts)
    const ops = operatorsFor(this.ctx.catalog, schema, name, this.ctx.searchPath, location >= 0 ? location + 1 : undefined);
    const exact = exactUserOperator(ops, argTypes);
    // rows compare column by column, unless a user-defined operator takes the (composite) types
    if (left && left.k === 'row' && right.k === 'row' && !left.wholeRow && !right.wholeRow && !exact) return rowCompare(this, name, left.args, right.args, location);
    const pick = exact ? { def: exact, args: exact.left ? [exact.left, exact.right] : [exact.right] }
      : selectCandidate(operatorCandidates(ops, argTypes), argTypes);
    const sig = left ? `${typeDisplayName(left.type)} ${name} ${typeDisplayName(right.type)}` : `${name} ${typeDisplayName(right.type)}`;
    if (pick === 'ambiguous') {
      throw new PgError('42725', `operator is not unique: ${sig}`, { ...pos(location),
        hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.' });
    }
    if (!pick) {
      throw new PgError('42883', `operator does not exist: ${sig}`, { ...pos(location),
        hint: left ? 'No operator matches the given name and argument types. You might need to add explicit type casts.'
          : 'No operator matches the given name and argument type. You might need to add an explicit type cast.' });
    }
    checkNotShell(pick.def, sig, location >= 0 ? location + 1 : undefined);
    const op = forPrinting(this.ctx.catalog, pick.def, this.ctx.searchPath);
    const want = concreteArgs(pick.args, argTypes);
    const args = left ? [coerce(left, want[0], -1, 'i', this.ctx, location), coerce(right, want[1], -1, 'i', this.ctx, location)]
      : [coerce(right, want[0], -1, 'i', this.ctx, location)];
    if (name === '||' && left && (op.left === ANYNONARRAY) !== (op.right === ANYNONARRAY)) {
      // textanycat/anytextcat are $1::text || $2: the other operand goes through its cast to text
      const i = op.left === ANYNONARRAY ? 0 : 1;
      if (args[i].type !== OID.text) args[i] = coerce(args[i], OID.text, -1, 'e', this.ctx, location);
    }
    this.noteParamTypes(left ? [left, right] : [right], want);
    const ret = op.resolveRet ? op.resolveRet(args[0].type, args[args.length - 1].type) : resolvePolymorphic(pick.args, args.map(a => a.type), op.ret);
    // an implementation that needs the operand types (enum comparisons) gets them now
    const bound = op.bind ? { ...op, fn: op.bind(args[0].type, args[args.length - 1].type) } : op;
    return { k: 'op', type: ret, typmod: -1, op: bound, args };
  }

  scalarArray(name: string, left: Expr, right: Expr, any: boolean, location: number): Expr {
    let arrType = right.type;
    if (arrType === UNKNOWN) {
      const arr = typeByOid(left.type)?.array;
      if (!arr) throw new PgError('42804', 'op ANY/ALL (array) requires array on right side', pos(location));
      right = coerce(right, arr, -1, 'i', this.ctx, location);
      arrType = arr;
    }
    const elem = typeByOid(arrType)?.elem;
    if (!elem) throw new PgError('42809', 'op ANY/ALL (array) requires array on right side', pos(location));
    const probe = this.operator(name, left, { k: 'param', type: elem, typmod: -1, index: -1 }, location);
    if (probe.k !== 'op' || probe.type !== BOOL) throw new PgError('42809', 'op ANY/ALL (array) requires operator to yield boolean', pos(location));
    const op = probe.op;
    // record = record takes an array of any composite type as it is
    const target = op.right === OID.record && typeByOid(elem)?.fields ? arrType : typeByOid(op.right)?.array ?? arrType;
    return { k: 'scalararray', type: BOOL, typmod: -1, op, any, args: [probe.args[0], coerce(right, target, -1, 'i', this.ctx, location)] };
  }

  /** Parameters whose type was unknown take the type they were coerced to. */
  private noteParamTypes(args: Expr[], types: number[]): void {
    args.forEach((a, i) => {
      if (a.k === 'param' && a.index >= 0 && a.type === UNKNOWN && this.ctx.paramTypes[a.index] === 0) {
        const t = types[i];
        if (typeByOid(t)) this.ctx.paramTypes[a.index] = t;
      }
    });
  }

  // ---- casts and functions --------------------------------------------------

  typeCast(n: any, scope: Scope): Expr {
    const { oid, typmod } = resolveTypeName(n.typeName);
    // ARRAY[…]::type[] builds the array with that element type (so ARRAY[]::int[] is fine)
    const arg = n.arg.A_ArrayExpr && typeByOid(oid)?.category === 'A' ? this.arrayExpr(n.arg.A_ArrayExpr, scope, oid) : this.expr(n.arg, scope);
    if (arg.k === 'param' && arg.type === UNKNOWN && this.ctx.paramTypes[arg.index] === 0) {
      this.ctx.paramTypes[arg.index] = oid;
      return coerce({ ...arg, type: oid }, oid, typmod, 'e', this.ctx, n.location);
    }
    // transformTypeCast: errors point at the :: or CAST, else at the type name
    return coerce(arg, oid, typmod, 'e', this.ctx, n.location >= 0 ? n.location : n.typeName.location);
  }

  funcCall(n: any, scope: Scope): Expr {
    const names = (n.funcname as any[]).map(str);
    const name = names[names.length - 1];
    // schema.f(…): a user function of that schema (functions/resolve.ts)
    const schema = names.length > 1 ? names[names.length - 2] : null;
    if (names.length > 2) throw new PgError('42883', `function ${names.join('.')}() does not exist`, pos(n.location));
    const userSchema = schema !== null && schema !== 'pg_catalog';
    if (userSchema && !this.ctx.catalog.schemas.has(schema)) throw new PgError('3F000', `schema "${schema}" does not exist`, pos(n.location));
    if ((n.args as any[] | undefined)?.some(a => a.NamedArgExpr)) return namedArgsCall(this, schema, name, n, scope);
    if (n.over) return analyzeWindowCall(this, name, n, scope, schema);
    if (!userSchema && isWindowFunctionName(name) && !userFuncCandidates(this.ctx.catalog, schema, name, this.ctx.searchPath).length
      && windowArity(name, (n.args ?? []).length)) {
      throw new PgError('42809', `window function ${name} requires an OVER clause`, pos(n.location));
    }
    const userAggs = userSchema || !AGGREGATES.has(name) ? userAggregatesNamed(this.ctx.catalog, schema, name, this.ctx.searchPath) : [];
    // a plain function of the same name is resolved as a function unless the call is written as an aggregate's
    if (userAggs.length && (n.agg_star || n.agg_distinct || n.agg_order || n.agg_filter
      || !userFuncCandidates(this.ctx.catalog, schema, name, this.ctx.searchPath).length)) return this.aggregate(name, n, scope, userAggs);
    if (!userSchema && isOrderedSetCall(name, n)) return orderedSetAggregate(this, name, n, scope);
    if (!userSchema && AGGREGATES.has(name) && (n.agg_star || n.args?.length)) return this.aggregate(name, n, scope);
    if (n.agg_star) throw new PgError('42809', `${name}(*) specified, but ${name} is not an aggregate function`, pos(n.location));
    const srfBefore = this.lastSrf;
    const args = ((n.args ?? []) as any[]).map(a => this.expr(a, scope));
    const special = n.func_variadic || userSchema ? null : specialFunction(this, name, args);
    if (special) return special;
    let call: Expr;
    try {
      call = this.callFunction(name, args, n.location, (n.args ?? []).map(nodeLocation), schema, scope, !!n.func_variadic);
    } catch (e) {
      // no plain function takes these arguments: an aggregate of the same name may (functions/aggregate-impl.ts)
      if (userAggs.length && e instanceof PgError && e.code === '42883') return this.aggregate(name, n, scope, userAggs);
      throw e;
    }
    if (call.k === 'func' && call.fn.retSet) {
      checkSrfPlacement(scope, n.location, srfBefore, this.lastSrf);
      this.lastSrf = n.location;
    }
    // EXTRACT(… FROM …), SUBSTRING(… FROM …) and the like print back in their own syntax
    return n.funcformat === 'COERCE_SQL_SYNTAX' && call.k === 'func' ? { ...call, sqlSyntax: true } : call;
  }

  callFunction(name: string, args: Expr[], location: number, argLocations: number[] = [], schema: string | null = null, scope?: Scope,
    variadic = false): Expr {
    const types = args.map(a => a.type);
    const builtin = schema === null || schema === 'pg_catalog' ? functionsNamed(name) ?? [] : [];
    const user = userFuncCandidates(this.ctx.catalog, schema, name, this.ctx.searchPath);
    const fns = user.length ? [...builtin, ...user] : builtin;
    const pick = selectCandidate(functionCandidates(fns, types), types);
    const sig = `${schema !== null ? schema + '.' : ''}${name}(${types.map(t => typeDisplayName(t)).join(', ')})`;
    if (pick === 'ambiguous') {
      throw new PgError('42725', `function ${sig} is not unique`, { ...pos(location),
        hint: 'Could not choose a best candidate function. You might need to add explicit type casts.' });
    }
    if (!pick) {
      const cast = args.length === 1 && (schema === null || schema === 'pg_catalog') ? this.functionStyleCast(name, args[0], argLocations[0] ?? location) : null;
      if (cast) return cast;
      if (isProcedureCall(this.ctx.catalog, schema, name, this.ctx.searchPath, types.length)) {
        throw new PgError('42809', `${sig} is a procedure`, { ...pos(location), hint: 'To call a procedure, use CALL.' });
      }
      throw new PgError('42883', `function ${sig} does not exist`, { ...pos(location),
        hint: 'No function matches the given name and argument types. You might need to add explicit type casts.' });
    }
    const fn = pick.def;
    const want = concreteArgs(pick.args, types);
    this.noteParamTypes(args, want);
    let coerced = args.map((a, i) => coerce(a, want[i], -1, 'i', this.ctx, argLocations[i] ?? location));
    if (fn.variadic === ANY && variadic) {
      // f(…, VARIADIC array) of a VARIADIC "any" function: the array's elements are the arguments
      const spread = variadicAnyArray(coerced[coerced.length - 1], argLocations[coerced.length - 1] ?? location);
      coerced = [...coerced.slice(0, -1).map((a, i) => (pick.args[i] === ANY ? textOutput(a) : a)), spread];
      const inner = fn.fn;
      // a NULL array: format() has no arguments to format, concat() and concat_ws() return NULL
      const nullArray = name === 'format' ? [] : null;
      const spreadFn: FuncDef = { ...fn, fn: (a: unknown[], c: any) => {
        const arr = (a[a.length - 1] as unknown[] | null) ?? nullArray;
        return arr === null ? null : inner([...a.slice(0, -1), ...arr], c);
      } };
      return { k: 'func', type: fn.ret, typmod: -1, fn: spreadFn, args: coerced };
    }
    if (fn.variadic === ANY) {
      // VARIADIC "any" (concat, format): each argument on its own, as its text output
      coerced = coerced.map((a, i) => (pick.args[i] === ANY ? textOutput(a) : a));
    } else if (fn.variadic !== undefined && !(coerced.length === fn.args.length && typeByOid(coerced[coerced.length - 1].type)?.category === 'A')) {
      const fixed = fn.args.length - 1;
      const rest = coerced.slice(fixed);
      coerced = [...coerced.slice(0, fixed), { k: 'array', type: fn.args[fixed], typmod: -1, elems: rest }];
    }
    const ret = fn.resolveRet ? fn.resolveRet(coerced.map(a => a.type)) : resolvePolymorphic(pick.args, args.map(a => a.type), fn.ret);
    const bound = fn.bind ? { ...fn, fn: fn.bind(coerced.map(a => a.type)) } : fn;
    // a user function called without its trailing DEFAULT arguments gets them here
    if ((fn as UserFuncDef).fillDefaults) return userFunctionCall(this, fn as UserFuncDef, coerced, scope);
    return { k: 'func', type: ret, typmod: -1, fn: bound, args: coerced };
  }

  /**
   * typename(x) with no function of that name is a cast when the type can be reached by a
   * cast or binary coercion (func_get_detail's FUNCDETAIL_COERCION), e.g. float8(bigint).
   */
  private functionStyleCast(name: string, arg: Expr, location: number): Expr | null {
    let target: number;
    try { target = resolveTypeName({ names: [{ String: { sval: name } }], location }).oid; } catch { return null; }
    const tt = typeByOid(target);
    if (!tt || tt.category === 'P') return null;
    const literal = arg.type === UNKNOWN && arg.k === 'const';
    if (!literal) {
      if (!canCoerce(arg.type, target, 'e')) return null;
      // a row to a string type would go through its text output: PostgreSQL refuses that spelling
      if ((arg.type === OID.record || typeByOid(arg.type)?.category === 'C') && tt.category === 'S') return null;
    }
    return coerce(arg, target, -1, 'e', this.ctx, location);
  }

  aggregate(name: string, n: any, scope: Scope, userAggs?: UserFunction[]): Expr {
    if (scope.aggContext === 'DEFAULT expressions' || (scope.aggContext !== 'ok' && !scope.parent)) {
      if (scope.aggContext === 'nested') throw new PgError('42803', 'aggregate function calls cannot be nested', pos(n.location));
      // a DEFAULT's arguments fail first (PostgreSQL transforms them before it looks at the call)
      if (scope.aggContext === 'DEFAULT expressions') for (const a of (n.args ?? []) as any[]) this.expr(a, scope);
      throw new PgError('42803', `aggregate functions are not allowed in ${scope.aggContext ?? 'this context'}`, pos(n.location));
    }
    const inner: Scope = { ...scope, aggContext: 'nested' };
    // a domain argument counts as its base type
    const args = n.agg_star ? [] : ((n.args ?? []) as any[]).map(a => asBaseType(this.expr(a, inner)));
    const types = args.map(a => a.type);
    // the statistical aggregates have signatures of their own (their arguments are coerced to them)
    // a user-defined aggregate: the overload for these types, else the function is missing (functions/aggregate-impl.ts)
    const ua = userAggs ? chooseUserAggregate(this.ctx.catalog, userAggs, types, name, n.location) : null;
    const sig = ua ?? (STAT_AGGREGATES.has(name) ? statAggregateSignature(name, types) : null);
    const ret = sig ? sig.ret : aggResultType(name, n.agg_star ? [] : types, n.location);
    const coercedArgs = sig ? args.map((a, i) => coerce(a, sig.args[i], -1, 'i', this.ctx))
      : args.map(a => (a.type === UNKNOWN ? coerce(a, OID.text, -1, 'i', this.ctx) : a));
    const filter = n.agg_filter ? this.condition(n.agg_filter, { ...scope, aggContext: 'FILTER' }, 'FILTER') : null;
    const orderBy: SortKey[] = ((n.agg_order ?? []) as any[]).map(s => this.sortKey(s.SortBy, inner));
    // the level the call belongs to: the lowest level its arguments read (agglevelsup)
    const read = [...args, ...coercedArgs, ...(filter ? [filter] : []), ...orderBy.map(k => k.expr)];
    const levels = lowestLevel(read) ?? 0;
    const owner = aggregateScope(scope, levels, n.location);
    nestedAggregateCheck(read, levels, owner.query);
    if (levels > 0) rebaseLevels(read, levels);
    if (n.agg_distinct) {
      orderBy.forEach((k, i) => {
        if (!args.some(a => sameExpr(a, k.expr))) {
          throw new PgError('42P10', 'in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list', pos(nodeLocation(n.agg_order[i].SortBy.node)));
        }
      });
    }
    const call: AggCall = { name, type: ret, args: coercedArgs, distinct: !!n.agg_distinct, star: !!n.agg_star, filter, orderBy, impl: null as any, loc: n.location, ...(ua ? { userImpl: ua.impl, userOid: ua.oid } : {}) };
    const q = owner.query;
    const same = ua ? q.aggs.findIndex(c => sameUserAggCall(c, call)) : -1;
    if (same >= 0) return { k: 'aggref', type: ret, typmod: -1, index: same, ...(levels > 0 ? { levelsUp: levels } : {}) };
    q.aggs.push(call);
    return { k: 'aggref', type: ret, typmod: -1, index: q.aggs.length - 1, ...(levels > 0 ? { levelsUp: levels } : {}) };
  }

  sortKey(s: any, scope: Scope, expr?: Expr): SortKey {
    const e = expr ?? this.expr(s.node, scope);
    const t = typeByOid(e.type === UNKNOWN ? OID.text : e.type);
    if (!t || (t.noBtree && !s.useOp)) {
      throw new PgError('42883', `could not identify an ordering operator for type ${typeDisplayName(e.type)}`,
        { ...pos(nodeLocation(s.node)), hint: 'Use an explicit ordering operator or modify the query.' });
    }
    const using = s.useOp ? orderingOperator(s, e.type) : null;
    const desc = using ? using.desc : s.sortby_dir === 'SORTBY_DESC';
    const nullsFirst = s.sortby_nulls === 'SORTBY_NULLS_FIRST' ? true : s.sortby_nulls === 'SORTBY_NULLS_LAST' ? false : desc;
    return { expr: e, desc, nullsFirst, cmp: t.compare.bind(t), ...(using?.name ? { using: using.name } : {}) };
  }

  caseExpr(n: any, scope: Scope): Expr {
    const arg = n.arg ? this.expr(n.arg, scope) : null;
    const srfBefore = this.lastSrf;
    const whens = (n.args as any[]).map(w => {
      const cw = w.CaseWhen;
      const cond = arg ? this.operator('=', arg, this.expr(cw.expr, scope), cw.location) : this.condition(cw.expr, scope, 'CASE/WHEN');
      return { cond, result: this.expr(cw.result, scope), loc: nodeLocation(cw.result) };
    });
    const elseE = n.defresult ? this.expr(n.defresult, scope) : null;
    refuseSrfIn('CASE', srfBefore, this.lastSrf);
    // transformCaseExpr puts the ELSE result first (its type leads the common-type search)
    const types = [...(elseE ? [elseE.type] : []), ...whens.map(w => w.result.type)];
    const t = commonType(types, 'CASE', [...(n.defresult ? [nodeLocation(n.defresult)] : []), ...whens.map(w => w.loc)]);
    return { k: 'case', type: t, typmod: -1,
      whens: whens.map(w => ({ cond: w.cond, result: coerce(w.result, t, -1, 'i', this.ctx, w.loc) })),
      else: elseE ? coerce(elseE, t, -1, 'i', this.ctx, nodeLocation(n.defresult)) : null, ...(arg ? { arg } : {}) };
  }

  arrayExpr(n: any, scope: Scope, arrayType?: number): Expr {
    if (arrayType) {
      const elemType = typeByOid(arrayType)!.elem!;
      const typed = ((n.elements ?? []) as any[]).map(e => (e.A_ArrayExpr ? this.arrayExpr(e.A_ArrayExpr, scope, arrayType)
        : coerce(this.expr(e, scope), elemType, -1, 'e', this.ctx, nodeLocation(e))));
      return { k: 'array', type: arrayType, typmod: -1, elems: typed };
    }
    const elems = ((n.elements ?? []) as any[]).map(e => this.expr(e, scope));
    if (elems.length === 0) throw new PgError('42P18', 'cannot determine type of empty array',
      { ...pos(n.location), hint: 'Explicitly cast to the desired type, for example ARRAY[]::integer[].' });
    const t = commonType(elems.map(e => e.type), 'ARRAY', (n.elements as any[]).map(nodeLocation));
    const arr = typeByOid(t)?.array ?? (typeByOid(t)?.category === 'A' ? t : 0);
    if (!arr) throw new PgError('42704', `could not find array type for data type ${typeDisplayName(t)}`, pos(n.location));
    return { k: 'array', type: arr, typmod: -1, elems: elems.map(e => coerce(e, t, -1, 'i', this.ctx)) };
  }

  subLink(n: any, scope: Scope): Expr {
    if (scope.aggContext === 'DEFAULT expressions') throw new PgError('0A000', 'cannot use subquery in DEFAULT expression', pos(n.location));
    return analyzeSubLink(this, n, scope);
  }

  sqlValueFunction(n: any): Expr {
    return sqlValueFunction(this, n);
  }
}

/** A value of any type as its text output (for "any" arguments). */
/**
 * expr COLLATE name: text compares byte-wise here, which is the C collation (and POSIX,
 * ucs_basic, and the database default, created with locale C); any other collation is refused
 * rather than ignored.
 */
function collateClause(e: Expr, n: any): Expr {
  const names: string[] = (n.collname ?? []).map((x: any) => x.String?.sval ?? x.sval);
  const name = names[names.length - 1];
  const schemaOk = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
  if (!schemaOk || !['C', 'POSIX', 'default', 'ucs_basic'].includes(name)) {
    throw new PgError('42704', `collation "${names.join('.')}" for encoding "UTF8" does not exist`, pos(n.location));
  }
  const base = asBaseType(e).type;
  const elem = typeByOid(base)?.category === 'A' ? typeByOid(base)!.elem! : base;
  if (!([OID.text, OID.varchar, OID.bpchar, OID.name, OID.unknown] as number[]).includes(elem)) {
    throw new PgError('42804', `collations are not supported by type ${typeDisplayName(e.type)}`, pos(n.location));
  }
  return e;
}

/** VARIADIC array given to a VARIADIC "any" function: its elements' text outputs, as one list. */
function variadicAnyArray(e: Expr, location: number): Expr {
  const t = typeByOid(e.type);
  const elem = t?.category === 'A' && t.elem !== undefined ? typeByOid(t.elem) : undefined;
  if (!elem) throw new PgError('22023', 'VARIADIC argument must be an array', pos(location));
  return { k: 'cast', type: OID._text, typmod: -1, arg: e, applyTypmod: null,
    fn: (v, c) => flatten(v as unknown[]).map(x => (x === null ? null : elem.output(x, c.settings))) };
}

function textOutput(e: Expr): Expr {
  if (e.type === OID.text || e.type === UNKNOWN) return e;
  const t = typeByOid(e.type);
  if (!t) return e;
  return { k: 'cast', type: OID.text, typmod: -1, arg: e, fn: (v, c) => t.output(v, c.settings), applyTypmod: null };
}

/** The location of any AST node (for error positions), -1 if none. */
export function nodeLocation(node: any): number {
  if (!node || typeof node !== 'object') return -1;
  const v = Object.values(node)[0] as any;
  if (v && typeof v === 'object') {
    if (typeof v.location === 'number' && v.location >= 0) {
      if (node.A_Expr || node.TypeCast) {
        const l = nodeLocation(node.A_Expr?.lexpr ?? node.TypeCast?.arg);
        if (l >= 0 && l < v.location) return l;
      }
      return v.location;
    }
    if (node.BoolExpr && v.args?.length) return nodeLocation(v.args[0]);
  }
  return typeof node.location === 'number' ? node.location : -1;
}

export type { OperatorDef };

/**
 * A qualifier that names no visible FROM item: PostgreSQL's errorMissingRTE, which tells apart
 * a table that is in the query but hidden here (inside an aliased join, say) from an unknown one.
 */
export function missingFromEntry(scope: Scope, qual: string, location: number): PgError {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.query.entries.some(en => en.alias === qual && en.kind !== 'join')) {
      return new PgError('42P01', `invalid reference to FROM-clause entry for table "${qual}"`, {
        ...pos(location), hint: `There is an entry for table "${qual}", but it cannot be referenced from this part of the query.` });
    }
  }
  return new PgError('42P01', `missing FROM-clause entry for table "${qual}"`, pos(location));
}
