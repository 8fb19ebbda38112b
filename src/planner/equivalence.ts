// Equivalence classes (equivclass.c), for the common case: columns equated by `a = b`
// with a column equal to a constant all equal that constant, so `u.id = p.id AND u.id = 1`
// becomes `u.id = 1 AND p.id = 1` — each table restricted on its own (by its index), no
// join condition left. As in PostgreSQL, conditions derived this way come after the others.
import type { Expr } from '../analyzer/query.js';
import { isPseudoConstant, stripRelabel } from './selectivity.js';

type Eq = Expr & { k: 'op' };
type VarRef = Expr & { k: 'var' };

const key = (v: VarRef) => `${v.entry}.${v.att}`;

/** A same-type equality between a column of `plain` and something else. */
function asEquality(c: Expr, plain: Set<number>): { a: VarRef; b: Expr; op: Eq } | null {
  if (c.k !== 'op' || c.op.name !== '=' || c.op.user || c.args.length !== 2 || c.op.left !== c.op.right || c.type !== 16) return null;
  const x = stripRelabel(c.args[0]), y = stripRelabel(c.args[1]);
  const isCol = (e: Expr): e is VarRef => e.k === 'var' && e.levelsUp === 0 && plain.has(e.entry) && e.type === c.op.left;
  if (isCol(x)) return { a: x, b: y, op: c };
  if (isCol(y)) return { a: y, b: x, op: c };
  return null;
}

/**
 * The conditions with equivalences applied: within each class of equated columns that also
 * equals a constant, every column gets `column = constant` and the column-to-column
 * equalities go. Classes without a constant keep their conditions as written; every
 * equality with a constant moves after the other conditions.
 */
export function equivalences(conds: Expr[], plain: Set<number>): Expr[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const vars = new Map<string, VarRef>();
  const add = (v: VarRef) => { const k = key(v); if (!parent.has(k)) { parent.set(k, k); vars.set(k, v); } return k; };
  const colEqs: Expr[] = [], constEqs: { cond: Expr; col: VarRef; value: Expr }[] = [];
  for (const c of conds) {
    const eq = asEquality(c, plain);
    if (!eq) continue;
    const other = eq.b;
    if (other.k === 'var' && other.levelsUp === 0 && plain.has(other.entry) && other.type === eq.a.type && other.entry !== eq.a.entry) {
      const ra = find(add(eq.a)), rb = find(add(other));
      if (ra !== rb) parent.set(ra, rb);
      colEqs.push(c);
    } else if (isPseudoConstant(other) && !(other.k === 'const' && other.value === null)) {
      add(eq.a);
      constEqs.push({ cond: c, col: eq.a, value: other });
    }
  }
  if (!constEqs.length) return conds;
  // each class's constant: the first equality with a constant seen for any of its columns
  const constOf = new Map<string, { cond: Expr; col: VarRef; value: Expr }>();
  const several = new Set<string>();
  for (const ce of constEqs) {
    const r = find(key(ce.col));
    if (constOf.has(r)) several.add(r); else constOf.set(r, ce);
  }
  // a class equal to several constants stays as written (each condition checks its part)
  for (const r of several) constOf.delete(r);
  const dropped = new Set<Expr>();
  for (const c of colEqs) {
    const eq = asEquality(c, plain)!;
    if (constOf.has(find(key(eq.a)))) dropped.add(c);
  }
  for (const ce of constEqs) if (constOf.has(find(key(ce.col)))) dropped.add(ce.cond);
  const out = conds.filter(c => !dropped.has(c));
  // derived equalities, class by class in the order the classes' columns first appeared
  const done = new Set<string>();
  for (const [k] of vars) {
    const r = find(k);
    const ce = constOf.get(r);
    if (!ce || done.has(k)) continue;
    const members = [...vars.keys()].filter(m => find(m) === r);
    for (const m of members) {
      if (done.has(m)) continue;
      done.add(m);
      const col = vars.get(m)!;
      // the constant's own equalities stay as written for the column they were written on
      const own = constEqs.filter(x => key(x.col) === m);
      if (own.length) { for (const x of own) if (!out.includes(x.cond)) out.push(x.cond); continue; }
      const template = ce.cond as Eq;
      const colFirst = stripRelabel(template.args[0]).k === 'var' && key(stripRelabel(template.args[0]) as VarRef) === key(ce.col);
      const colExpr: Expr = { ...col };
      out.push({ ...template, args: colFirst ? [colExpr, ce.value] : [ce.value, colExpr] });
    }
  }
  return out;
}
