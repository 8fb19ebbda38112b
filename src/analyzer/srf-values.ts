// INSERT … VALUES (…) with a single row is analyzed like a select list (PostgreSQL's
// EXPR_KIND_VALUES_SINGLE): set-returning functions may stand there and give one
// inserted row per value. Such a row is turned into SELECT item, …; any other VALUES
// stays as it is (where set-returning functions are refused).
import { functionsNamed } from '../types/registry.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

/** Does a raw expression call a function that only exists as set-returning (outside subqueries)? */
function callsSrf(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(callsSrf);
  if (node.SubLink) return false;
  const fc = node.FuncCall;
  if (fc) {
    const defs = functionsNamed(str(fc.funcname[fc.funcname.length - 1]));
    if (defs?.length && defs.every(d => d.retSet)) return true;
  }
  return Object.values(node).some(callsSrf);
}

export function singleRowValuesAsSelect(sel: any): any {
  if (!sel?.valuesLists || sel.valuesLists.length !== 1 || sel.sortClause || sel.limitCount || sel.withClause) return sel;
  const items = sel.valuesLists[0].List.items as any[];
  if (items.some(i => i.SetToDefault) || !items.some(callsSrf)) return sel;
  return { targetList: items.map(val => ({ ResTarget: { val, location: -1 } })), op: 'SETOP_NONE' };
}
