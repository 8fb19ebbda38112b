// Prints a bound query back as SQL the way PostgreSQL's ruleutils.c does (get_query_def,
// with PRETTY_INDENT and wrap column 0, as pg_get_viewdef): clause keywords on their own
// lines, every column reference qualified by its range entry's name (made unique as
// set_rtable_names does), AS where the output name differs. The canonical mode writes
// the form a view is stored in: every relation schema-qualified, every alias and AS
// spelled out, so the text means the same whatever the search path or later renames.
import { searchCycleText } from './cte-search.js';
import { PgError } from '../errors/index.js';
import type { Table, View } from '../catalog/objects.js';
import { quoteIdent } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';
import type { Expr, FromNode, Query, RangeEntry, SortKey, TargetEntry } from './query.js';
import { deparseExpr } from './ruleutils.js';
import { sameExpr } from './grouping.js';
import { entryFunctions } from './srf-from.js';
import { forEachChild, visitQueryExprs } from './walk.js';

const STD = 8, VAR = 4, JOIN = 4, LIMIT = 40;

export interface QueryDeparseOptions {
  settings: FormatSettings;
  /** pg_get_viewdef(…, true): parentheses only where needed. */
  pretty: boolean;
  /** The stored form of a view (see above). */
  canonical?: boolean;
  /** generate_relation_name: qualified when the search path would not find it. */
  relationName(rel: Table | View): string;
}

/** One query level being printed: its entries' unique names; skipParent: its outer references skip the level below. */
interface Level { q: Query; names: string[]; skipParent: boolean }

/** The query as get_query_def prints it (no trailing semicolon); resultNames: the view's column names. */
export function deparseQuery(q: Query, o: QueryDeparseOptions, resultNames: string[] | null): string {
  const p = new QueryPrinter(o, []);
  p.queryDef(q, resultNames, true, 0, false);
  return p.buf;
}

class QueryPrinter {
  buf = '';
  indentLevel = 0;
  constructor(readonly o: QueryDeparseOptions, readonly levels: Level[]) {}

  /** appendContextKeyword */
  keyword(str: string, before: number, after: number, plus: number): void {
    this.indentLevel += before;
    this.buf = this.buf.replace(/ +$/, '') + '\n';
    let amount: number;
    if (this.indentLevel < LIMIT) amount = Math.max(this.indentLevel, 0) + plus;
    else amount = ((LIMIT + Math.trunc((this.indentLevel - LIMIT) / (STD / 2))) % LIMIT) + plus;
    this.buf += ' '.repeat(amount) + str;
    this.indentLevel = Math.max(this.indentLevel + after, 0);
  }

  /** Runs `fn` writing into a fresh buffer; returns what it wrote. */
  private capture(fn: () => void): string {
    const saved = this.buf;
    this.buf = '';
    try { fn(); return this.buf; } finally { this.buf = saved; }
  }

  queryDef(q: Query, resultNames: string[] | null, colNamesVisible: boolean, indent: number, skipParent: boolean): void {
    const savedIndent = this.indentLevel;
    this.indentLevel = indent;
    this.levels.push({ q, names: this.rtableNames(q), skipParent });
    try {
      this.withClause(q);
      let forceColno = false;
      if (q.setOp) { this.setop(q, resultNames, colNamesVisible); forceColno = true; } else this.basicSelect(q, resultNames, colNamesVisible);
      if (q.orderBy.length) {
        this.keyword(' ORDER BY ', -STD, STD, 1);
        this.orderBy(q.orderBy, q, forceColno);
      }
      if (q.offset) { this.keyword(' OFFSET ', -STD, STD, 0); this.buf += this.expr(q.offset, false); }
      if (q.limit && q.limitWithTies) { this.keyword(' FETCH FIRST ', -STD, STD, 0); this.buf += `(${this.expr(q.limit, false)}) ROWS WITH TIES`; }
      else if (q.limit) { this.keyword(' LIMIT ', -STD, STD, 0); this.buf += this.expr(q.limit, false); }
      if (q.lockRows) throw new PgError('0A000', 'printing FOR UPDATE back as SQL is not supported');
    } finally {
      this.levels.pop();
      this.indentLevel = savedIndent;
    }
  }

  /** set_rtable_names: each entry's alias, made unique against this level and the levels above. */
  private rtableNames(q: Query): string[] {
    const used = new Set<string>();
    for (const l of this.levels) for (const n of l.names) used.add(n);
    return q.entries.map(e => {
      let name = e.alias;
      if (used.has(name)) {
        let i = 0;
        while (used.has(`${e.alias}_${++i}`));
        name = `${e.alias}_${i}`;
      }
      used.add(name);
      return name;
    });
  }

  private get level(): Level { return this.levels[this.levels.length - 1]; }

  private levelAt(levelsUp: number): Level {
    let i = this.levels.length - 1;
    for (let k = 0; k < levelsUp; k++) i -= this.levels[i].skipParent ? 2 : 1;
    const l = this.levels[i];
    if (!l) throw new PgError('XX000', `bogus varlevelsup: ${levelsUp}`);
    return l;
  }

  private varName(levelsUp: number, entry: number, att: number): string {
    const l = this.levelAt(levelsUp);
    return `${quoteIdent(l.names[entry])}.${quoteIdent(l.q.entries[entry].columns[att].name)}`;
  }

  expr(e: Expr, showImplicit: boolean): string {
    return deparseExpr(e, {
      settings: this.o.settings, pretty: this.o.pretty, indent: this.indentLevel,
      varName: (up, en, att) => this.varName(up, en, att),
      sublink: (s, indent) => this.sublink(s, indent),
      aggref: (a, indent) => this.aggref(a.index, indent),
    }, showImplicit);
  }

  private withClause(q: Query): void {
    if (!q.ctes?.length) return;
    this.indentLevel += STD;
    this.buf += ' ';
    let sep = q.ctes.some(c => c.recursive) ? 'WITH RECURSIVE ' : 'WITH ';
    for (const c of q.ctes) {
      if (c.dml || !c.query) throw new PgError('0A000', 'printing a data-modifying WITH back as SQL is not supported');
      this.buf += sep + quoteIdent(c.name);
      // get_with_clause prints the column names only as written
      if (c.aliases?.length) this.buf += `(${c.aliases.map(quoteIdent).join(', ')})`;
      this.buf += ' AS (';
      this.keyword('', 0, 0, 0);
      if (c.recursive) {
        const left = c.searchCycle?.query ?? c.query, right = c.searchCycle?.term ?? c.recursive.term;
        // the UNION node itself has no range entries of its own (the terms' names stay unsuffixed)
        const u: Query = { ...left, entries: [], from: [], setOp: { op: 'union', all: c.recursive.all, left, right }, orderBy: [], limit: null, offset: null, ctes: undefined };
        this.queryDef(u, null, true, this.indentLevel, true);
      } else this.queryDef(c.query, null, true, this.indentLevel, true);
      this.keyword('', 0, 0, 0);
      this.buf += ')';
      if (c.searchCycle) this.buf += searchCycleText(c.searchCycle, quoteIdent, e => this.expr(e, false));
      sep = ', ';
    }
    this.indentLevel -= STD;
    this.keyword('', 0, 0, 0);
  }

  private basicSelect(q: Query, resultNames: string[] | null, colNamesVisible: boolean): void {
    this.indentLevel += STD;
    this.buf += ' ';
    const values = simpleValues(q, resultNames);
    if (values) { this.valuesDef(values); return; }
    this.buf += 'SELECT';
    if (q.distinctOn) this.buf += ` DISTINCT ON (${q.distinctOn.map(d => this.sortGroupExpr(d)).join(', ')})`;
    else if (q.distinct) this.buf += ' DISTINCT';
    this.targetList(q.targets, resultNames, colNamesVisible);
    this.fromClause(q);
    if (q.where) { this.keyword(' WHERE ', -STD, STD, 1); this.buf += this.expr(q.where, false); }
    if (q.groupingSets) {
      // the sets as expanded (PostgreSQL keeps the ROLLUP / CUBE spelling)
      this.keyword(' GROUP BY ', -STD, STD, 1);
      this.buf += `GROUPING SETS (${q.groupingSets.map(set => `(${set.map(i => this.sortGroupExpr(q.groupBy[i])).join(', ')})`).join(', ')})`;
    } else if (q.groupBy.length) {
      this.keyword(' GROUP BY ', -STD, STD, 1);
      this.buf += q.groupBy.map(g => this.sortGroupExpr(g)).join(', ');
    }
    if (q.having) { this.keyword(' HAVING ', -STD, STD, 0); this.buf += this.expr(q.having, false); }
  }

  private targetList(targets: TargetEntry[], resultNames: string[] | null, colNamesVisible: boolean): void {
    let sep = ' ';
    let colno = 0;
    for (const t of targets) {
      if (t.junk) continue;
      this.buf += sep;
      sep = ', ';
      colno++;
      let attname: string | null;
      let text: string;
      // a grouping sets' wrapper (analyzer/grouping-sets.ts) prints as the column it wraps
      const v = t.expr.k === 'func' && 'groupKey' in t.expr.fn ? t.expr.args[0] : t.expr;
      if (v.k === 'var') {
        text = this.expr(v, false);
        attname = this.levelAt(v.levelsUp).q.entries[v.entry].columns[v.att].name;
      } else {
        text = this.expr(t.expr, true);
        attname = colNamesVisible ? null : '?column?';
      }
      const colname = resultNames?.[colno - 1] ?? t.name;
      if (this.o.canonical || attname === null || attname !== colname) text += ` AS ${quoteIdent(colname)}`;
      // wrap column 0: every column after the first starts a line (unless it starts with one)
      if (text.startsWith('\n')) this.buf = this.buf.replace(/ +$/, '');
      else if (colno > 1) this.keyword('', -STD, STD, VAR);
      this.buf += text;
    }
  }

  private fromClause(q: Query): void {
    q.from.forEach((n, i) => {
      if (i === 0) {
        this.keyword(' FROM ', -STD, STD, 2);
        this.fromItem(n, q);
        return;
      }
      this.buf += ', ';
      const item = this.capture(() => this.fromItem(n, q));
      if (item.startsWith('\n')) this.buf = this.buf.replace(/ +$/, '');
      else this.keyword('', -STD, STD, VAR);
      this.buf += item;
    });
  }

  private fromItem(n: FromNode, q: Query): void {
    if (n.k === 'join') return this.joinItem(n, q);
    const e = q.entries[n.entry];
    const refname = this.level.names[n.entry];
    // a function reading the items to its left is LATERAL, written so or not (transformRangeFunction)
    if (e.query?.lateral || (e.kind === 'function' && e.func && readsLevel(e.func, 0))) this.buf += 'LATERAL ';
    let printAlias = false;
    let realNames: string[] | null = null;
    let alwaysColumns = false;
    switch (e.kind) {
      case 'table': {
        const t = e.table!;
        this.buf += (e.inh === false ? 'ONLY ' : '') + this.o.relationName(t);
        printAlias = refname !== t.name;
        realNames = t.columns.filter(c => !c.dropped).map(c => c.name);
        break;
      }
      case 'subquery':
        if (e.view) {
          this.buf += this.o.relationName(e.view);
          printAlias = refname !== e.view.name;
          realNames = e.view.columns.map(c => c.name);
        } else {
          this.buf += '(';
          const sub = e.query!;
          this.queryDef(sub, null, true, this.indentLevel, !sub.lateral);
          this.buf += ')';
          printAlias = true;
          realNames = sub.targets.filter(t => !t.junk).map(t => t.name);
        }
        break;
      case 'values':
        this.buf += '(';
        this.valuesDef(e.values!);
        this.buf += ')';
        printAlias = true;
        realNames = e.columns.map((_, i) => `column${i + 1}`);
        break;
      case 'function':
        this.functionItem(e);
        printAlias = true;
        alwaysColumns = true;
        break;
      case 'cte':
        this.buf += quoteIdent(e.cte!.name);
        printAlias = refname !== e.cte!.name;
        realNames = e.cte!.columns.map(c => c.name);
        break;
      default: throw new PgError('0A000', `printing a FROM item of kind ${e.kind} back as SQL is not supported`);
    }
    if (printAlias) this.buf += ` ${quoteIdent(refname)}`;
    const names = e.columns.filter(c => !c.dropped).map(c => c.name);
    if (alwaysColumns || (realNames && names.some((c, i) => c !== realNames![i]))) {
      this.buf += `(${names.map(quoteIdent).join(', ')})`;
    }
  }

  private functionItem(e: RangeEntry): void {
    const calls = entryFunctions(e.func!);
    if (calls.length === 1) this.buf += this.expr(calls[0], true);
    else if (calls.every(c => c.k === 'func' && c.fn.name === 'unnest')) {
      this.buf += `UNNEST(${calls.map(c => (c as Expr & { k: 'func' }).args.map(a => this.expr(a, true)).join(', ')).join(', ')})`;
    } else this.buf += `ROWS FROM(${calls.map(c => this.expr(c, true)).join(', ')})`;
    if (e.funcOrdinality) this.buf += ' WITH ORDINALITY';
  }

  private joinItem(n: FromNode & { k: 'join' }, q: Query): void {
    const pretty = this.o.pretty;
    if (!pretty) this.buf += '(';
    this.fromItem(n.left, q);
    const word = { inner: ' JOIN ', cross: ' CROSS JOIN ', left: ' LEFT JOIN ', right: ' RIGHT JOIN ', full: ' FULL JOIN ' }[n.type];
    this.keyword(word, -STD, STD, JOIN);
    const parenRight = pretty && n.right.k === 'join';
    if (parenRight) this.buf += '(';
    this.fromItem(n.right, q);
    if (parenRight) this.buf += ')';
    if (n.using) this.buf += ` USING (${n.using.map(quoteIdent).join(', ')})`;
    else if (n.on) this.buf += ` ON ${pretty ? '' : '('}${this.expr(n.on, false)}${pretty ? '' : ')'}`;
    else if (n.type !== 'inner' && n.type !== 'cross') this.buf += ' ON TRUE';
    if (!pretty) this.buf += ')';
  }

  private valuesDef(rows: Expr[][]): void {
    this.buf += 'VALUES ' + rows.map(r => `(${r.map(c => this.expr(c, false)).join(',')})`).join(', ');
  }

  /** get_rule_sortgroupclause: a constant with its type, a function call or aggregate in parentheses. */
  private sortGroupExpr(e: Expr): string {
    if (e.k === 'var' || e.k === 'const') return this.expr(e, true);
    const paren = this.o.pretty || e.k === 'func' || e.k === 'aggref';
    const text = this.expr(e, true);
    return paren ? `(${text})` : text;
  }

  private orderBy(keys: SortKey[], q: Query, forceColno: boolean): void {
    this.buf += keys.map(k => {
      let s: string;
      if (forceColno) {
        const visible = q.targets.filter(t => !t.junk);
        const i = visible.findIndex(t => t.expr === k.expr || sameExpr(t.expr, k.expr));
        s = String(i + 1);
      } else s = this.sortGroupExpr(k.expr);
      if (k.using) s += ` USING ${k.using}${k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST'}`;
      else if (!k.desc) { if (k.nullsFirst) s += ' NULLS FIRST'; } else { s += ' DESC'; if (!k.nullsFirst) s += ' NULLS LAST'; }
      return s;
    }).join(', ');
  }

  private setop(q: Query, resultNames: string[] | null, colNamesVisible: boolean): void {
    const op = q.setOp!;
    const isSetopNode = (x: Query) => !!x.setOp && !x.orderBy.length && !x.limit && !x.offset && !x.ctes?.length;
    let needParen = isSetopNode(op.left) && !(op.left.setOp!.op === op.op && op.left.setOp!.all === op.all);
    let sub = 0;
    if (needParen) { this.buf += '('; sub = STD; this.keyword('', sub, 0, 0); }
    this.setopChild(op.left, resultNames, colNamesVisible);
    if (needParen) this.keyword(') ', -sub, 0, 0);
    else this.keyword('', -sub, 0, 0);
    this.buf += `${op.op.toUpperCase()} ${op.all ? 'ALL ' : ''}`;
    needParen = isSetopNode(op.right);
    sub = needParen ? STD : 0;
    if (needParen) this.buf += '(';
    this.keyword('', sub, 0, 0);
    this.setopChild(op.right, resultNames, false);
    this.indentLevel -= sub;
    if (needParen) this.keyword(')', 0, 0, 0);
  }

  private setopChild(x: Query, resultNames: string[] | null, colNamesVisible: boolean): void {
    if (x.setOp && !x.orderBy.length && !x.limit && !x.offset && !x.ctes?.length) {
      // a nested set operation prints inline, its leaves at the same level
      const saved = this.levels.length;
      this.levels.push({ q: x, names: [], skipParent: true });
      try { this.setop(x, resultNames, colNamesVisible); } finally { this.levels.length = saved; }
      return;
    }
    const leaf = unwrapCoercion(x);
    const paren = !!(leaf.ctes?.length || leaf.orderBy.length || leaf.limit || leaf.offset || leaf.lockRows);
    if (paren) this.buf += '(';
    this.queryDef(leaf, resultNames, colNamesVisible, this.indentLevel, true);
    if (paren) this.buf += ')';
  }

  private sublink(e: Expr & { k: 'sublink' }, indent: number): string {
    const saved = this.indentLevel;
    this.indentLevel = indent;
    try {
      return this.capture(() => {
        this.buf += e.kind === 'array' ? 'ARRAY(' : '(';
        let opname = '';
        if (e.test) {
          const t = e.test;
          if (t.k === 'op') { this.buf += this.expr(t.args[0], true); opname = t.op.name; }
          else if (t.k === 'and' && t.args.every(a => a.k === 'op')) {
            this.buf += `(${t.args.map(a => this.expr((a as Expr & { k: 'op' }).args[0], true)).join(', ')})`;
            opname = (t.args[0] as Expr & { k: 'op' }).op.name;
          } else throw new PgError('0A000', 'printing this subquery comparison back as SQL is not supported');
        }
        let needParen = true;
        switch (e.kind) {
          case 'exists': this.buf += 'EXISTS '; break;
          case 'any': this.buf += opname === '=' ? ' IN ' : ` ${opname} ANY `; break;
          case 'all': this.buf += ` ${opname} ALL `; break;
          case 'rowcompare': this.buf += ` ${opname} `; break;
          default: needParen = false;
        }
        if (needParen) this.buf += '(';
        this.queryDef(e.query, null, false, indent, false);
        this.buf += needParen ? '))' : ')';
      });
    } finally { this.indentLevel = saved; }
  }

  private aggref(index: number, indent: number): string {
    const a = this.level.q.aggs[index];
    const saved = this.indentLevel;
    this.indentLevel = indent;
    try {
      let s = `${a.name}(`;
      if (a.direct) {
        s += a.direct.map(x => this.expr(x, true)).join(', ');
        s += ') WITHIN GROUP (ORDER BY ' + this.capture(() => this.orderBy(a.orderBy, this.level.q, false)) + ')';
      } else {
        if (a.star) s += '*';
        else {
          if (a.distinct) s += 'DISTINCT ';
          s += a.args.map(x => this.expr(x, true)).join(', ');
        }
        if (a.orderBy.length) s += ' ORDER BY ' + this.capture(() => this.orderBy(a.orderBy, this.level.q, false));
        s += ')';
      }
      if (a.filter) s += ` FILTER (WHERE ${this.expr(a.filter, false)})`;
      return s;
    } finally { this.indentLevel = saved; }
  }
}

/** A set operation's branch as the analyzer wrapped it to convert its column types: the branch itself. */
function unwrapCoercion(q: Query): Query {
  const e = q.entries[0];
  if (q.entries.length === 1 && e.alias === '*SELECT*' && e.kind === 'subquery' && e.query && !q.where && !q.setOp && !q.orderBy.length) return e.query;
  return q;
}

/** get_simple_values_rte: SELECT * FROM (VALUES …) prints as the VALUES list alone. */
function simpleValues(q: Query, resultNames: string[] | null): Expr[][] | null {
  if (q.entries.length !== 1 || q.entries[0].kind !== 'values' || q.entries[0].alias !== '*VALUES*') return null;
  const e = q.entries[0];
  const names = q.targets.map((t, i) => resultNames?.[i] ?? t.name);
  if (names.length !== e.columns.length || names.some((n, i) => n !== e.columns[i].name)) return null;
  return e.values!;
}

/** Does an expression read columns of the query `level` levels up from it (sublinks counted)? */
function readsLevel(e: Expr, level: number): boolean {
  if ((e.k === 'var' || e.k === 'tableoid') && e.levelsUp === level) return true;
  if (e.k === 'sublink') {
    let found = false;
    visitQueryExprs(e.query, x => { if (!found && readsLevel(x, level + 1)) found = true; });
    return found || (!!e.test && readsLevel(e.test, level));
  }
  let found = false;
  forEachChild(e, c => { if (!found && readsLevel(c, level)) found = true; });
  return found;
}
