// Printing a window function call back as SQL (ruleutils.c get_windowfunc_expr / get_rule_windowspec).
// Named windows print inline: their names are not kept past analysis.
import type { Expr } from './query.js';
import { FRAME, windowCallOf } from './window.js';

export interface WindowPrinter { text(s: string): void; expr(e: Expr, showImplicit: boolean): void }

/** Prints the call if it is a window function's; false otherwise. */
export function printWindowCall(e: Expr & { k: 'func' }, p: WindowPrinter, name: string): boolean {
  const w = windowCallOf(e);
  if (!w) return false;
  const list = (idx: number[]) => idx.forEach((i, n) => { if (n) p.text(', '); p.expr(e.args[i], false); });
  p.text(`${name}(`);
  if (w.agg?.star) p.text('*');
  else list(Array.from({ length: w.nArgs }, (_x, i) => i));
  p.text(')');
  if (w.filter !== null) { p.text(' FILTER (WHERE '); p.expr(e.args[w.filter], false); p.text(')'); }
  p.text(' OVER (');
  let space = false;
  if (w.partition.length) { p.text('PARTITION BY '); list(w.partition); space = true; }
  if (w.order.length) {
    if (space) p.text(' ');
    p.text('ORDER BY ');
    w.order.forEach((o, n) => {
      if (n) p.text(', ');
      p.expr(e.args[o.arg], false);
      if (o.desc) p.text(' DESC');
      if (o.desc && !o.nullsFirst) p.text(' NULLS LAST');
      if (!o.desc && o.nullsFirst) p.text(' NULLS FIRST');
    });
    space = true;
  }
  const f = w.frameOptions;
  if (f & FRAME.NONDEFAULT) {
    if (space) p.text(' ');
    p.text(f & FRAME.RANGE ? 'RANGE ' : f & FRAME.ROWS ? 'ROWS ' : 'GROUPS ');
    if (f & FRAME.BETWEEN) p.text('BETWEEN ');
    const bound = (unbPre: number, unbFol: number, cur: number, offPre: number, offFol: number, off: number | null) => {
      if (f & unbPre) p.text('UNBOUNDED PRECEDING');
      else if (f & unbFol) p.text('UNBOUNDED FOLLOWING');
      else if (f & cur) p.text('CURRENT ROW');
      else if (f & (offPre | offFol) && off !== null) { p.expr(e.args[off], false); p.text(f & offPre ? ' PRECEDING' : ' FOLLOWING'); }
    };
    bound(FRAME.START_UNBOUNDED_PRECEDING, FRAME.START_UNBOUNDED_FOLLOWING, FRAME.START_CURRENT_ROW, FRAME.START_OFFSET_PRECEDING, FRAME.START_OFFSET_FOLLOWING, w.startOffset);
    if (f & FRAME.BETWEEN) {
      p.text(' AND ');
      bound(FRAME.END_UNBOUNDED_PRECEDING, FRAME.END_UNBOUNDED_FOLLOWING, FRAME.END_CURRENT_ROW, FRAME.END_OFFSET_PRECEDING, FRAME.END_OFFSET_FOLLOWING, w.endOffset);
    }
    if (f & FRAME.EXCLUDE_CURRENT_ROW) p.text(' EXCLUDE CURRENT ROW');
    if (f & FRAME.EXCLUDE_GROUP) p.text(' EXCLUDE GROUP');
    if (f & FRAME.EXCLUDE_TIES) p.text(' EXCLUDE TIES');
  }
  p.text(')');
  return true;
}
