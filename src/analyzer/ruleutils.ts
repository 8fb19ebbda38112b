// Prints a bound expression back as SQL the way PostgreSQL's ruleutils.c does
// (get_rule_expr): its parentheses, its casts (implicit ones shown where they decide
// which operator or function is chosen), its constants' decoration ('-1'::integer,
// (0)::numeric, 'x'::text). The tree must come from an analysis with deparse set
// (AnalyzeContext.deparse), which keeps the casts PostgreSQL keeps.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { findCast, typeByOid } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';
import type { Expr } from './query.js';
import { printSqlSyntaxCall } from './ruleutils-syntax.js';
import { printWindowCall } from './ruleutils-window.js';

export interface DeparseContext {
  settings: FormatSettings;
  /** pg_get_*def(…, pretty => true): parentheses only where needed. */
  pretty?: boolean;
  /** The name a column reference prints as (qualified when the caller wants prefixes). */
  varName(levelsUp: number, entry: number, att: number): string;
  /** EXPLAIN: how a subquery and an aggregate print (as its SubPlan, as name(args)); indent: where the printer stands. */
  sublink?(e: Expr & { k: 'sublink' }, indent: number): string;
  aggref?(e: Expr & { k: 'aggref' }, indent: number): string;
  /** Indentation the expression starts at (inside a query being printed, ruleutils-query.ts). */
  indent?: number;
  /** No line breaks (deparse without PRETTY_INDENT, as EXPLAIN prints). */
  noIndent?: boolean;
}

/** The PostgreSQL node an expression corresponds to, for isSimpleNode's decisions. */
type Tag = 'Var' | 'Const' | 'Param' | 'OpExpr' | 'FuncExpr' | 'RelabelType' | 'CoerceViaIO' | 'ArrayCoerceExpr' | 'BoolExpr'
  | 'NullTest' | 'BooleanTest' | 'DistinctExpr' | 'CaseExpr' | 'CoalesceExpr' | 'MinMaxExpr' | 'NullIfExpr'
  | 'ScalarArrayOpExpr' | 'ArrayExpr' | 'RowExpr' | 'RowCompareExpr' | 'SubscriptingRef' | 'FieldSelect' | 'SubLink'
  | 'Aggref' | 'SQLValueFunction';

const PRETTYINDENT_VAR = 4, PRETTYINDENT_LIMIT = 40, PRETTYINDENT_STD = 8;

/** format_type_with_typemod: the typmod given, so an unconstrained bpchar is "bpchar". */
export function formatTypeWithTypmod(type: number, typmod: number): string {
  const t = typeByOid(type);
  if (!t) return '???';
  const elem = t.category === 'A' && t.elem !== undefined ? t.elem : null;
  if (typmod < 0 && (type === OID.bpchar || elem === OID.bpchar)) return elem === null ? 'bpchar' : 'bpchar[]';
  return t.formatType(typmod);
}

const isArrayType = (t: number) => typeByOid(t)?.category === 'A';

function castTag(e: Expr & { k: 'cast' }): Tag {
  if (e.applyTypmod) return 'FuncExpr';
  if (isArrayType(e.type) && isArrayType(e.arg.type) && e.type !== e.arg.type) return 'ArrayCoerceExpr';
  if (!e.fn) return 'RelabelType';
  return findCast(e.arg.type, e.type) ? 'FuncExpr' : 'CoerceViaIO';
}

function tagOf(e: Expr): Tag {
  switch (e.k) {
    case 'const': return 'Const';
    case 'param': return 'Param';
    case 'var': case 'tableoid': return 'Var';
    case 'op': return 'OpExpr';
    case 'func': return e.sqlName ? 'SQLValueFunction' : 'FuncExpr';
    case 'special': return 'SQLValueFunction';
    case 'cast': return castTag(e);
    case 'and': case 'or': case 'not': return 'BoolExpr';
    case 'nulltest': return 'NullTest';
    case 'booltest': return 'BooleanTest';
    case 'distinct': return e.negate ? 'BoolExpr' : 'DistinctExpr';
    case 'case': return 'CaseExpr';
    case 'coalesce': return 'CoalesceExpr';
    case 'minmax': return 'MinMaxExpr';
    case 'nullif': return 'NullIfExpr';
    case 'scalararray': return 'ScalarArrayOpExpr';
    case 'array': return 'ArrayExpr';
    case 'row': return 'RowExpr';
    case 'rowcompare': return 'RowCompareExpr';
    case 'subscript': return 'SubscriptingRef';
    case 'field': return 'FieldSelect';
    case 'sublink': return 'SubLink';
    case 'aggref': return 'Aggref';
  }
  return 'FuncExpr';
}

/** A FuncExpr parent printed as a cast or in SQL syntax does not parenthesize its arguments. */
function isCastOrSqlSyntax(parent: Expr): boolean {
  return (parent.k === 'cast' && castTag(parent) === 'FuncExpr') || (parent.k === 'func' && !!parent.sqlSyntax);
}

/** get_simple_binary_op_name: a one-character binary operator's name. */
function simpleBinaryOp(e: Expr): string | null {
  return e.k === 'op' && e.args.length === 2 && e.op.name.length === 1 ? e.op.name : null;
}

class Printer {
  buf = '';
  indentLevel = 0;
  constructor(readonly cx: DeparseContext) { this.indentLevel = cx.indent ?? 0; }

  get prettyParen(): boolean {
    return !!this.cx.pretty;
  }

  /** appendContextKeyword: with PRETTY_INDENT (always on), a keyword starts a new line. */
  keyword(str: string, indentBefore: number, indentAfter: number, indentPlus: number): void {
    if (this.cx.noIndent) { this.buf += str; return; }
    this.indentLevel += indentBefore;
    this.buf = this.buf.replace(/ +$/, '') + '\n';
    let amount: number;
    if (this.indentLevel < PRETTYINDENT_LIMIT) amount = Math.max(this.indentLevel, 0) + indentPlus;
    else {
      amount = PRETTYINDENT_LIMIT + Math.trunc((this.indentLevel - PRETTYINDENT_LIMIT) / (PRETTYINDENT_STD / 2));
      amount = (amount % PRETTYINDENT_LIMIT) + indentPlus;
    }
    this.buf += ' '.repeat(amount) + str;
    this.indentLevel = Math.max(this.indentLevel + indentAfter, 0);
  }

  /** get_rule_expr_paren */
  paren(e: Expr, showImplicit: boolean, parent: Expr): void {
    const need = this.prettyParen && !this.isSimple(e, parent);
    if (need) this.buf += '(';
    this.expr(e, showImplicit);
    if (need) this.buf += ')';
  }

  open(): void { if (!this.prettyParen) this.buf += '('; }
  close(): void { if (!this.prettyParen) this.buf += ')'; }

  list(items: Expr[], showImplicit: boolean): void {
    items.forEach((it, i) => { if (i) this.buf += ', '; this.expr(it, showImplicit); });
  }

  /** isSimpleNode */
  isSimple(node: Expr, parent: Expr): boolean {
    const tag = tagOf(node);
    const ptag = tagOf(parent);
    switch (tag) {
      case 'Var': case 'Const': case 'Param': return true;
      case 'SubscriptingRef': case 'ArrayExpr': case 'RowExpr': case 'CoalesceExpr': case 'MinMaxExpr': case 'SQLValueFunction':
      case 'NullIfExpr': case 'Aggref': case 'FuncExpr': case 'CaseExpr':
        return true;
      case 'FieldSelect': return ptag !== 'FieldSelect';
      case 'RelabelType': case 'CoerceViaIO': case 'ArrayCoerceExpr':
        return this.isSimple((node as Expr & { k: 'cast' }).arg, node);
      case 'OpExpr':
        if (this.prettyParen && ptag === 'OpExpr') {
          const op = simpleBinaryOp(node);
          if (!op) return false;
          const lo = '+-'.includes(op), hi = '*/%'.includes(op);
          if (!lo && !hi) return false;
          const pop = simpleBinaryOp(parent);
          if (!pop) return false;
          const plo = '+-'.includes(pop), phi = '*/%'.includes(pop);
          if (!plo && !phi) return false;
          if (hi && plo) return true;
          if (lo && phi) return false;
          return (parent as Expr & { k: 'op' }).args[0] === node;
        }
        return operandSimple(ptag, parent);
      case 'SubLink': case 'NullTest': case 'BooleanTest': case 'DistinctExpr':
        return operandSimple(ptag, parent);
      case 'BoolExpr':
        switch (ptag) {
          case 'BoolExpr': {
            if (!this.prettyParen) return false;
            const type = boolKind(node), ptype = boolKind(parent);
            if (type === 'not' || type === 'and') return ptype === 'and' || ptype === 'or';
            return ptype === 'or';
          }
          case 'FuncExpr': return !isCastOrSqlSyntax(parent);
          case 'SubscriptingRef': case 'ArrayExpr': case 'RowExpr': case 'CoalesceExpr': case 'MinMaxExpr': case 'NullIfExpr':
          case 'Aggref': case 'CaseExpr':
            return true;
          default: return false;
        }
    }
    return false;
  }

  expr(e: Expr, showImplicit: boolean): void {
    switch (e.k) {
      case 'var': this.buf += this.cx.varName(e.levelsUp, e.entry, e.att); return;
      case 'tableoid': this.buf += 'tableoid'; return;
      case 'const': this.constant(e, 0); return;
      case 'param': this.buf += `$${e.index + 1}`; return;
      case 'op': return this.operator(e);
      case 'func': return this.func(e);
      case 'special':
        if (!e.sqlName) throw new PgError('0A000', 'printing this session value back as SQL is not supported');
        this.buf += e.sqlName;
        return;
      case 'cast': return this.cast(e, showImplicit);
      case 'and': case 'or': {
        this.open();
        e.args.forEach((a, i) => { if (i) this.buf += e.k === 'and' ? ' AND ' : ' OR '; this.paren(a, false, e); });
        this.close();
        return;
      }
      case 'not': {
        this.open();
        this.buf += 'NOT ';
        this.paren(e.arg, false, e);
        this.close();
        return;
      }
      case 'distinct': {
        if (e.negate) return this.expr({ k: 'not', type: OID.bool, typmod: -1, arg: { ...e, negate: false } }, showImplicit);
        this.open();
        this.paren(e.args[0], true, e);
        this.buf += ' IS DISTINCT FROM ';
        this.paren(e.args[1], true, e);
        this.close();
        return;
      }
      case 'nulltest': {
        this.open();
        this.paren(e.arg, true, e);
        this.buf += e.isNull ? ' IS NULL' : ' IS NOT NULL';
        this.close();
        return;
      }
      case 'booltest': {
        this.open();
        this.paren(e.arg, false, e);
        this.buf += ` IS ${e.negate ? 'NOT ' : ''}${e.test.toUpperCase()}`;
        this.close();
        return;
      }
      case 'case': return this.caseExpr(e);
      case 'coalesce': this.buf += 'COALESCE('; this.list(e.args, true); this.buf += ')'; return;
      case 'minmax': this.buf += e.greatest ? 'GREATEST(' : 'LEAST('; this.list(e.args, true); this.buf += ')'; return;
      case 'nullif': this.buf += 'NULLIF('; this.list(e.args, true); this.buf += ')'; return;
      case 'scalararray': {
        this.open();
        this.paren(e.args[0], true, e);
        this.buf += ` ${e.op.name} ${e.any ? 'ANY' : 'ALL'} (`;
        this.paren(e.args[1], true, e);
        this.buf += ')';
        this.close();
        return;
      }
      case 'array': {
        this.buf += 'ARRAY[';
        this.list(e.elems, true);
        this.buf += ']';
        if (!e.elems.length) this.buf += `::${formatTypeWithTypmod(e.type, -1)}`;
        return;
      }
      case 'row': this.buf += 'ROW('; this.list(e.args, true); this.buf += ')'; return;
      case 'rowcompare': {
        this.buf += '(ROW(';
        this.list(e.left, true);
        this.buf += `) ${e.ops[0].name} ROW(`;
        this.list(e.right, true);
        this.buf += '))';
        return;
      }
      case 'subscript': {
        const parens = e.arg.k !== 'var' && e.arg.k !== 'field';
        if (parens) this.buf += '(';
        this.expr(e.arg, showImplicit);
        if (parens) this.buf += ')';
        e.upper.forEach((up, i) => {
          this.buf += '[';
          const lo = e.lower?.[i];
          if (e.slice) {
            if (lo) this.expr(lo, false);
            this.buf += ':';
          }
          if (up) this.expr(up, false);
          this.buf += ']';
        });
        return;
      }
      case 'sublink': if (this.cx.sublink) { this.buf += this.cx.sublink(e, this.indentLevel); return; } break;
      case 'aggref': if (this.cx.aggref) { this.buf += this.cx.aggref(e, this.indentLevel); return; } break;
      default: break;
    }
    switch (e.k) {
      case 'field': case 'sublink': case 'aggref':
        throw new PgError('0A000', `printing ${e.k === 'sublink' ? 'a subquery' : e.k === 'aggref' ? 'an aggregate' : 'a field selection'} back as SQL is not supported`);
    }
  }

  /** get_const_expr; showType -1 prints no decoration, 0 the decoration the type needs. */
  constant(e: Expr & { k: 'const' }, showType: number): void {
    if (e.value === null) {
      this.buf += 'NULL';
      if (showType >= 0) this.buf += `::${formatTypeWithTypmod(e.type === OID.unknown ? OID.text : e.type, e.typmod)}`;
      return;
    }
    const t = typeByOid(e.type === OID.unknown ? OID.text : e.type);
    const text = e.type === OID.unknown ? String(e.value) : t ? t.output(e.value, this.cx.settings) : String(e.value);
    let needLabel = false;
    switch (e.type) {
      case OID.int4:
        if (text[0] !== '-') this.buf += text;
        else { this.buf += `'${text}'`; needLabel = true; }
        break;
      case OID.numeric:
        if (/^[0-9]/.test(text) && /[eE.]/.test(text)) this.buf += text;
        else { this.buf += `'${text}'`; needLabel = true; }
        break;
      case OID.bool:
        this.buf += text === 't' || text === 'true' ? 'true' : 'false';
        break;
      default:
        this.buf += `'${text.replace(/'/g, "''")}'`;
    }
    if (showType < 0) return;
    if (e.type === OID.bool || e.type === OID.unknown) needLabel = false;
    else if (e.type === OID.numeric) needLabel ||= e.typmod >= 0;
    else if (e.type !== OID.int4) needLabel = true;
    if (needLabel || showType > 0) this.buf += `::${formatTypeWithTypmod(e.type, e.typmod)}`;
  }

  operator(e: Expr & { k: 'op' }): void {
    this.open();
    if (e.args.length === 2) {
      this.paren(e.args[0], true, e);
      this.buf += ` ${e.op.name} `;
      this.paren(e.args[1], true, e);
    } else {
      this.buf += `${e.op.name} `;
      this.paren(e.args[0], true, e);
    }
    this.close();
  }

  func(e: Expr & { k: 'func' }): void {
    if (e.sqlName) { this.buf += e.sqlName; return; }
    if (e.sqlSyntax && printSqlSyntaxCall(e, {
      text: s => { this.buf += s; },
      expr: (x, show) => this.expr(x, show),
      paren: (x, show) => this.paren(x, show, e),
      constText: x => (x.k === 'const' && typeof x.value === 'string' ? x.value : null),
    })) return;
    if (printWindowCall(e, { text: s => { this.buf += s; }, expr: (x, show) => this.expr(x, show) }, quoteIdent(e.fn.name))) return;
    // grouping sets' markers (analyzer/grouping-sets.ts): a grouping expression, GROUPING(…)
    if ('groupKey' in e.fn) { this.expr(e.args[0], false); return; }
    if ('grouping' in e.fn) { this.buf += 'GROUPING('; this.list(e.args, false); this.buf += ')'; return; }
    this.buf += `${quoteIdent(e.fn.name)}(`;
    this.list(e.args, true);
    this.buf += ')';
  }

  /** RelabelType / CoerceViaIO / ArrayCoerceExpr / a cast FuncExpr. */
  cast(e: Expr & { k: 'cast' }, showImplicit: boolean): void {
    if (!e.explicit && !showImplicit) { this.paren(e.arg, false, e); return; }
    // get_coercion_expr: a constant of the result type shows without its own decoration
    const arg = e.arg;
    if (arg.k === 'const' && arg.type === e.type && arg.typmod === -1) this.constant(arg, -1);
    else {
      if (!this.prettyParen) this.buf += '(';
      this.paren(arg, false, e);
      if (!this.prettyParen) this.buf += ')';
    }
    this.buf += `::${formatTypeWithTypmod(e.type, e.typmod)}`;
  }

  caseExpr(e: Expr & { k: 'case' }): void {
    this.keyword('CASE', 0, PRETTYINDENT_VAR, 0);
    if (e.arg) { this.buf += ' '; this.expr(e.arg, true); }
    for (const w of e.whens) {
      // CASE x WHEN v: the condition is x = v; only v prints
      const shown = e.arg && w.cond.k === 'op' && w.cond.args.length === 2 ? w.cond.args[1] : w.cond;
      if (this.cx.noIndent) this.buf += ' ';
      this.keyword('WHEN ', 0, 0, 0);
      this.expr(shown, false);
      this.buf += ' THEN ';
      this.expr(w.result, true);
    }
    if (this.cx.noIndent) this.buf += ' ';
    this.keyword('ELSE ', 0, 0, 0);
    this.expr(e.else ?? { k: 'const', type: e.type, typmod: -1, value: null }, true);
    if (this.cx.noIndent) this.buf += ' ';
    this.keyword('END', -PRETTYINDENT_VAR, 0, 0);
  }
}

/** isSimpleNode for an operator, IS [NOT] NULL and the like: simple where the parent separates it anyway. */
function operandSimple(ptag: Tag, parent: Expr): boolean {
  switch (ptag) {
    case 'FuncExpr': return !isCastOrSqlSyntax(parent);
    case 'BoolExpr': case 'SubscriptingRef': case 'ArrayExpr': case 'RowExpr': case 'CoalesceExpr': case 'MinMaxExpr':
    case 'NullIfExpr': case 'Aggref': case 'CaseExpr':
      return true;
    default: return false;
  }
}

function boolKind(e: Expr): 'and' | 'or' | 'not' {
  return e.k === 'and' || e.k === 'or' ? e.k : 'not';
}

/** deparse_expression: the expression as SQL; implicit casts at its top are not shown. */
export function deparseExpr(e: Expr, cx: DeparseContext, showImplicit = false): string {
  const p = new Printer(cx);
  p.expr(e, showImplicit);
  return p.buf;
}
