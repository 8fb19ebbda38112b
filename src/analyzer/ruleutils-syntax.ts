// Functions written in the SQL standard's own syntax (EXTRACT(… FROM …), TRIM(BOTH …),
// x AT TIME ZONE z, …) print back in that syntax, as ruleutils.c's get_func_sql_syntax.
import { OID } from '../types/oids.js';
import type { Expr } from './query.js';

export interface SyntaxOut {
  text(s: string): void;
  /** get_rule_expr(x, showImplicit) */
  expr(x: Expr, showImplicit: boolean): void;
  /** get_rule_expr_paren(x, showImplicit, the call) */
  paren(x: Expr, showImplicit: boolean): void;
  /** The text of a text constant (EXTRACT's field, NORMALIZE's form), null otherwise. */
  constText(x: Expr): string | null;
}

const TRIM: Record<string, string> = { btrim: 'BOTH', ltrim: 'LEADING', rtrim: 'TRAILING' };
const INTEGERS = new Set<number>([OID.int2, OID.int4, OID.int8]);

/** Prints the call in its SQL syntax; false when the function has none (it prints as name(args)). */
export function printSqlSyntaxCall(e: Expr & { k: 'func' }, out: SyntaxOut): boolean {
  const a = e.args;
  const name = e.fn.name;
  const words = (parts: [string, Expr | null][]) => {
    for (const [w, x] of parts) {
      out.text(w);
      if (x) out.expr(x, false);
    }
    out.text(')');
  };
  switch (name) {
    case 'timezone':
      if (a.length !== 2) return false;
      out.text('(');
      out.paren(a[1], false);
      out.text(' AT TIME ZONE ');
      out.paren(a[0], false);
      out.text(')');
      return true;
    case 'extract': {
      const field = a.length === 2 ? out.constText(a[0]) : null;
      if (field === null) return false;
      words([[`EXTRACT(${field} FROM `, a[1]]]);
      return true;
    }
    case 'overlay':
      if (a.length < 3) return false;
      words([['OVERLAY(', a[0]], [' PLACING ', a[1]], [' FROM ', a[2]], ...(a.length === 4 ? [[' FOR ', a[3]] as [string, Expr]] : [])]);
      return true;
    case 'position':
      if (a.length !== 2) return false;
      words([['POSITION((', a[1]], [') IN (', a[0]], [')', null]]);
      return true;
    case 'substring':
      if (a.length === 3 && !INTEGERS.has(a[1].type)) {
        words([['SUBSTRING(', a[0]], [' SIMILAR ', a[1]], [' ESCAPE ', a[2]]]);
        return true;
      }
      if (a.length < 2) return false;
      words([['SUBSTRING(', a[0]], [' FROM ', a[1]], ...(a.length === 3 ? [[' FOR ', a[2]] as [string, Expr]] : [])]);
      return true;
    case 'btrim': case 'ltrim': case 'rtrim':
      out.text(`TRIM(${TRIM[name]}`);
      if (a.length === 2) { out.text(' '); out.expr(a[1], false); }
      words([[' FROM ', a[0]]]);
      return true;
    case 'normalize': {
      const form = a.length === 2 ? out.constText(a[1]) : null;
      out.text('NORMALIZE(');
      out.expr(a[0], false);
      if (form !== null) out.text(`, ${form}`);
      out.text(')');
      return true;
    }
  }
  return false;
}
