// Rewrites the planner makes before choosing paths, as PostgreSQL's prep steps do:
// constant arrays folded (x IN (1, 2) reads as x = ANY ('{1,2}')), outer joins whose
// nullable side the WHERE clause rejects anyway turned into inner joins.
import type { Expr, FromNode } from '../analyzer/query.js';
import { splitAnd } from './plan.js';
import { stripRelabel } from './selectivity.js';
import { OID } from '../types/oids.js';
import { typeByOid, type EvalContext } from '../types/registry.js';
import { defaultFormatSettings } from '../types/type.js';

/** Categories whose operators and conversions never read settings or the clock (immutable). */
const IMMUTABLE = new Set(['N', 'B', 'S']);
const immutableType = (t: number): boolean => {
  const ty = typeByOid(t);
  // arrays of such types too (a constant list cast to the column's array type)
  if (ty?.category === 'A' && ty.elem) return immutableType(ty.elem);
  return IMMUTABLE.has(ty?.category ?? '') && t !== OID.unknown;
};
const CTX: EvalContext = { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 };

/**
 * eval_const_expressions, for the cases plans show: constant arrays (x IN (1, 2) reads as
 * x = ANY ('{1,2}')), numeric/text/boolean operators and conversions of constants, AND/OR
 * with a constant operand.
 */
export function foldConstants(e: Expr): Expr {
  switch (e.k) {
    case 'scalararray': {
      const a = foldConstants(e.args[0]), b = foldConstants(e.args[1]);
      return a === e.args[0] && b === e.args[1] ? e : { ...e, args: [a, b] };
    }
    case 'array':
      if (e.elems.length && e.elems.every(x => x.k === 'const' && !Array.isArray(x.value))) {
        return { k: 'const', type: e.type, typmod: e.typmod, value: e.elems.map(x => (x as { value: unknown }).value) };
      }
      return e;
    case 'cast': {
      const a = foldConstants(e.arg);
      if (a.k === 'const' && immutableType(a.type) && immutableType(e.type) && !e.fnOnNull) {
        let v = a.value;
        if (v !== null && e.fn) v = e.fn(v, CTX);
        if (v !== null && e.applyTypmod) v = e.applyTypmod(v);
        return { k: 'const', type: e.type, typmod: e.typmod, value: v };
      }
      return a === e.arg ? e : { ...e, arg: a };
    }
    case 'op': {
      const args = e.args.map(foldConstants);
      if (args.every(x => x.k === 'const' && immutableType(x.type)) && immutableType(e.type)) {
        const vals = args.map(x => (x as { value: unknown }).value);
        if (e.op.strict !== false && vals.some(v => v === null)) return { k: 'const', type: e.type, typmod: -1, value: null };
        const v = args.length === 1 ? e.op.fn(undefined, vals[0], CTX) : e.op.fn(vals[0], vals[1], CTX);
        return { k: 'const', type: e.type, typmod: -1, value: v };
      }
      return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
    }
    case 'and': case 'or': {
      const args = e.args.map(foldConstants);
      // AND with a false operand is false; OR with a true one true; the neutral ones drop out
      const absorbing = e.k === 'and' ? false : true;
      if (args.some(a => a.k === 'const' && a.value === absorbing)) return { k: 'const', type: e.type, typmod: -1, value: absorbing };
      const rest = args.filter(a => !(a.k === 'const' && a.value === !absorbing));
      if (rest.length === 0) return { k: 'const', type: e.type, typmod: -1, value: !absorbing };
      if (rest.length === 1) return rest[0];
      return rest.length === e.args.length && rest.every((a, i) => a === e.args[i]) ? e : { ...e, args: rest };
    }
    case 'not': {
      const a = foldConstants(e.arg);
      if (a.k === 'const') return { k: 'const', type: e.type, typmod: -1, value: a.value === null ? null : !a.value };
      return a === e.arg ? e : { ...e, arg: a };
    }
    case 'nulltest': {
      const a = foldConstants(e.arg);
      if (a.k === 'const' && !e.row) return { k: 'const', type: e.type, typmod: -1, value: (a.value === null) === e.isNull };
      return a === e.arg ? e : { ...e, arg: a };
    }
    case 'booltest': {
      const a = foldConstants(e.arg);
      if (a.k === 'const') {
        const want = e.test === 'true' ? true : e.test === 'false' ? false : null;
        return { k: 'const', type: e.type, typmod: -1, value: (a.value === want) !== e.negate };
      }
      return a === e.arg ? e : { ...e, arg: a };
    }
    case 'nullif': {
      const a = foldConstants(e.args[0]), b = foldConstants(e.args[1]);
      if (a.k === 'const' && b.k === 'const' && immutableType(a.type) && immutableType(b.type)) {
        const eq = a.value !== null && b.value !== null && e.eq.fn(a.value, b.value, CTX) === true;
        return { k: 'const', type: e.type, typmod: e.typmod, value: eq ? null : a.value };
      }
      return a === e.args[0] && b === e.args[1] ? e : { ...e, args: [a, b] };
    }
    case 'coalesce': {
      const args = e.args.map(foldConstants);
      // leading NULL constants drop out; a non-NULL constant ends the list
      const rest: Expr[] = [];
      for (const a of args) {
        if (a.k === 'const' && a.value === null) continue;
        rest.push(a);
        if (a.k === 'const') break;
      }
      if (rest.length === 0) return { k: 'const', type: e.type, typmod: e.typmod, value: null };
      if (rest.length === 1 && rest[0].k === 'const') return rest[0];
      return rest.length === e.args.length && rest.every((a, i) => a === e.args[i]) ? e : { ...e, args: rest };
    }
    case 'func': {
      const args = e.args.map(foldConstants);
      if (e.fn.volatility === 'i' && !e.fn.retSet && args.every(a => a.k === 'const' && immutableType(a.type)) && immutableType(e.type)) {
        const vals = args.map(a => (a as { value: unknown }).value);
        if (e.fn.strict !== false && vals.some(v => v === null)) return { k: 'const', type: e.type, typmod: e.typmod, value: null };
        return { k: 'const', type: e.type, typmod: e.typmod, value: e.fn.fn(vals, CTX) };
      }
      return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
    }
    default: return e;
  }
}

/**
 * Is the condition false or NULL whenever every column of `entries` is NULL? (Then the
 * rows an outer join adds with those columns NULL never pass it.)
 */
function rejectsNulls(c: Expr, entries: Set<number>): boolean {
  switch (c.k) {
    case 'and': return c.args.some(a => rejectsNulls(a, entries));
    case 'or': return c.args.every(a => rejectsNulls(a, entries));
    case 'op': return c.op.strict !== false && c.args.some(a => nullWhenNull(a, entries));
    case 'scalararray': return nullWhenNull(c.args[0], entries);
    case 'nulltest': return !c.isNull && !c.row && nullWhenNull(c.arg, entries);
    case 'func': return c.fn.strict !== false && c.type === 16 && c.args.some(a => nullWhenNull(a, entries));
    default: return false;
  }
}

/** Is the value NULL whenever the entries' columns are? */
function nullWhenNull(e: Expr, entries: Set<number>): boolean {
  const v = stripRelabel(e);
  if (v.k === 'var') return v.levelsUp === 0 && entries.has(v.entry);
  if (v.k === 'op') return v.op.strict !== false && v.args.some(a => nullWhenNull(a, entries));
  if (v.k === 'func') return v.fn.strict !== false && !v.fn.retSet && v.args.some(a => nullWhenNull(a, entries));
  if (v.k === 'cast') return nullWhenNull(v.arg, entries);
  return false;
}

const entriesOfNode = (n: FromNode): Set<number> => new Set(n.k === 'entry' ? [n.entry] : n.entries);

/** reduce_outer_joins: LEFT/RIGHT/FULL joins that `conds` (conditions above them) make inner. */
export function reduceOuterJoins(n: FromNode, conds: Expr[]): FromNode {
  if (n.k !== 'join') return n;
  let type = n.type;
  if (type === 'left' || type === 'right' || type === 'full') {
    const leftNull = (type === 'right' || type === 'full') && conds.some(c => rejectsNulls(c, entriesOfNode(n.left)));
    const rightNull = (type === 'left' || type === 'full') && conds.some(c => rejectsNulls(c, entriesOfNode(n.right)));
    if (type === 'full') type = leftNull && rightNull ? 'inner' : leftNull ? 'left' : rightNull ? 'right' : 'full';
    else if (type === 'left' && rightNull) type = 'inner';
    else if (type === 'right' && leftNull) type = 'inner';
  }
  // conditions reaching each side: those above, and an inner join's ON conditions
  const below = type === 'inner' || type === 'cross' ? [...conds, ...splitAnd(n.on)] : conds;
  const left = reduceOuterJoins(n.left, type === 'inner' || type === 'cross' || type === 'left' ? below : []);
  const right = reduceOuterJoins(n.right, type === 'inner' || type === 'cross' || type === 'right' ? below : []);
  if (type === n.type && left === n.left && right === n.right) return n;
  return { ...n, type, left, right };
}
