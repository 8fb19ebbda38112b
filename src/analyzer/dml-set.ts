// SET lists of UPDATE and ON CONFLICT DO UPDATE (transformUpdateTargetList), with
// multiple-column assignments: SET (a, b) = (1, 2), = ROW(…), = (SELECT …).
import { PgError } from '../errors/index.js';
import type { Column, Table } from '../catalog/objects.js';
import { coerce, coerceToColumn } from './coerce.js';
import { assignmentIndirection, defaultInIndirection } from './assign-indirection.js';
import { DEFAULT_MARK, columnByName, type SetItem } from './dml.js';
import { nodeLocation } from './expr.js';
import type { Expr } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { typeDisplayName } from './typenames.js';
import { typeByOid } from '../types/registry.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export function analyzeSetList(sa: SelectAnalyzer, table: Table, list: any[], scope: Scope): SetItem[] {
  const sets: SetItem[] = [];
  const cols: Column[] = [];
  // the source of the multiple-column assignment being read, shared by its columns
  let multi: { source: Expr | null; row: any[] | null; sel: any } | null = null;
  const partial = new Map<number, { item: SetItem; raw: Expr; col: Column }>();
  for (const t of list) {
    const rt = t.ResTarget;
    const col = columnByName(table, rt.name, rt.location);
    if (rt.indirection?.length && !rt.val.MultiAssignRef) {
      // SET col[i] = v, col.f = v: the column's value with that part replaced; several
      // such parts of one column are applied in order (process_matched_tle)
      const a = assignmentIndirection(sa, col, rt.indirection, scope, rt.location, true);
      if (rt.val.SetToDefault) throw defaultInIndirection(a, rt.location);
      const value = a.coerceValue(sa.ex.expr(rt.val, scope), nodeLocation(rt.val));
      const prev = partial.get(col.attnum);
      if (prev) { prev.raw = a.assign(prev.raw, value); continue; }
      const current = sa.ex.expr({ ColumnRef: { fields: [{ String: { sval: col.name } }], location: -1 } }, scope);
      const item = { attnum: col.attnum, expr: DEFAULT_MARK };
      partial.set(col.attnum, { item, raw: a.assign(current, value), col });
      sets.push(item);
      cols.push(col);
      continue;
    }
    if (rt.indirection?.length) {
      if (typeByOid(col.typeOid)?.category !== 'A' || rt.indirection.some((i: any) => !i.A_Indices)) {
        throw new PgError('42804', `cannot subscript type ${typeDisplayName(col.typeOid)} because it does not support subscripting`, pos(rt.location));
      }
      throw new PgError('0A000', 'assignment to an array element or field is not supported', pos(rt.location));
    }
    const val = rt.val;
    let item: SetItem;
    if (val.MultiAssignRef) {
      const m = val.MultiAssignRef;
      if (m.colno === 1) multi = multiSource(sa, m, scope);
      const i = m.colno - 1;
      if (multi!.row) {
        const el = multi!.row[i];
        item = { attnum: col.attnum, expr: el.SetToDefault ? DEFAULT_MARK : assigned(sa, el.analyzed ?? sa.ex.expr(el, scope), col, nodeLocation(el)) };
      } else {
        const src = multi!.source as Expr & { k: 'sublink' };
        const t = src.query.targets.filter(x => !x.junk)[i];
        const placeholder: Expr = { k: 'param', type: t.expr.type, typmod: t.expr.typmod, index: -1 - i };
        const loc = nodeLocation(multi!.sel.targetList?.[i]?.ResTarget?.val);
        item = { attnum: col.attnum, expr: assigned(sa, placeholder, col, loc), multi: { source: src } };
      }
    } else {
      item = { attnum: col.attnum, expr: val.SetToDefault ? DEFAULT_MARK : assigned(sa, sa.ex.expr(val, scope), col, nodeLocation(val)) };
    }
    sets.push(item);
    cols.push(col);
  }
  // a column assigned in parts meets its domain's checks once, with all parts in place
  for (const p of partial.values()) p.item.expr = coerce(p.raw, p.col.typeOid, p.col.typmod, 'a', sa.ctx);
  // as the rewriter: repeated columns first, then identity columns that must stay DEFAULT
  const seen = new Set<number>();
  for (const c of cols) {
    if (seen.has(c.attnum)) throw new PgError('42601', `multiple assignments to same column "${c.name}"`);
    seen.add(c.attnum);
  }
  for (const c of [...cols].sort((a, b) => a.attnum - b.attnum)) {
    const s = sets[cols.indexOf(c)];
    if (c.identity === 'a' && s.expr !== DEFAULT_MARK) {
      throw new PgError('428C9', `column "${c.name}" can only be updated to DEFAULT`,
        { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.` });
    }
  }
  return sets;
}

function assigned(sa: SelectAnalyzer, e: Expr, col: Column, location: number): Expr {
  return coerceToColumn(e, col.typeOid, col.typmod, col.name, sa.ctx, location);
}

/** The source of SET (a, b, …) = source: a ROW() of values or a sub-SELECT with as many columns. */
function multiSource(sa: SelectAnalyzer, m: any, scope: Scope): { source: Expr | null; row: any[] | null; sel: any } {
  const src = m.source;
  if (src.RowExpr) {
    let args = (src.RowExpr.args ?? []) as any[];
    // ROW(v.*) stands for v's columns: the row is analyzed as a whole first
    if (args.some(a => a.ColumnRef?.fields?.some((f: any) => f.A_Star))) {
      const row = sa.ex.expr(src, scope);
      if (row.k === 'row') args = row.args.map(e => ({ analyzed: e }));
    }
    if (args.length !== m.ncolumns) throw new PgError('42601', 'number of columns does not match number of values', pos(src.RowExpr.location));
    return { source: null, row: args, sel: null };
  }
  if (src.SubLink && src.SubLink.subLinkType === 'EXPR_SUBLINK') {
    const sel = src.SubLink.subselect.SelectStmt;
    const query = sa.select(sel, scope);
    const n = query.targets.filter(t => !t.junk).length;
    if (n !== m.ncolumns) throw new PgError('42601', 'number of columns does not match number of values', pos(src.SubLink.location));
    const source: Expr = { k: 'sublink', type: 0, typmod: -1, kind: 'multiexpr', query, test: null, correlated: true };
    return { source, row: null, sel };
  }
  throw new PgError('42601', 'source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression', pos(nodeLocation(src)));
}
