// A column's DEFAULT as an object of its own (pg_attrdef): it goes with its column, and
// depends on the relations its expression names through regclass constants, e.g. the
// sequence of nextval('s'), so that DROP SEQUENCE s needs CASCADE (which drops the default).
import { PgError } from '../errors/index.js';
import type { AttrDefault, Column, Relation, Table } from '../catalog/objects.js';
import { relationByOid } from '../catalog/oid-index.js';
import { qualifiedNameList } from '../types/oid-types.js';
import type { CommandContext } from './context.js';

const attrDefaults = new WeakMap<Column, AttrDefault>();

const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);
const str = (n: any): string => n?.String?.sval ?? n?.sval;

const isRegclassCast = (tc: any): boolean => str(tc.typeName?.names?.[tc.typeName.names.length - 1]) === 'regclass';

/** Relations a raw default expression names: regclass casts of constants and sequence function arguments. */
function namedRelations(cx: CommandContext, node: any, out: Relation[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) { for (const x of node) namedRelations(cx, x, out); return; }
  if (node.TypeCast && isRegclassCast(node.TypeCast) && node.TypeCast.arg?.A_Const) {
    const rel = constRelation(cx, node.TypeCast.arg.A_Const);
    if (rel) out.push(rel);
    return;
  }
  if (node.FuncCall) {
    const fc = node.FuncCall;
    const name = str(fc.funcname[fc.funcname.length - 1]);
    const first = fc.args?.[0];
    if (SEQUENCE_FUNCTIONS.has(name) && first?.A_Const?.sval) {
      const rel = constRelation(cx, first.A_Const);
      if (rel) out.push(rel);
      namedRelations(cx, fc.args.slice(1), out);
      return;
    }
  }
  for (const v of Object.values(node)) namedRelations(cx, v, out);
}

/** The relation a constant names as regclass: an oid, or a name resolved along the search path. */
function constRelation(cx: CommandContext, c: any): Relation | undefined {
  if (c.ival !== undefined) return relationByOid(cx.catalog, c.ival.ival ?? 0);
  const text: string | undefined = c.sval?.sval;
  if (text === undefined) return undefined;
  if (/^[0-9]+$/.test(text)) return relationByOid(cx.catalog, Number(text));
  const names = qualifiedNameList(text);
  const rel = cx.catalog.findRelation(names.length > 1 ? names[names.length - 2] : null, names[names.length - 1], cx.analyze.searchPath);
  if (!rel) {
    const display = names.length > 1 ? `${names[names.length - 2]}.${names[names.length - 1]}` : names[0];
    throw new PgError('42P01', `relation "${display}" does not exist`, c.location >= 0 ? { position: c.location + 1 } : undefined);
  }
  return rel;
}

/**
 * Sets (or with null removes) a column's default, replacing its pg_attrdef object and
 * the dependencies that come with it. Every catalog change is undoable.
 */
export function setColumnDefault(cx: CommandContext, table: Table, col: Column, def: { expr: any; text: string } | null): void {
  const cat = cx.catalog;
  const old = attrDefaults.get(col);
  if (old) {
    cat.deps.removeFor(old);
    attrDefaults.delete(col);
    cat.record(() => attrDefaults.set(col, old));
  }
  cat.set(col, 'default', def);
  if (!def) return;
  const rels: Relation[] = [];
  namedRelations(cx, def.expr, rels);
  const ad: AttrDefault = { kind: 'default', oid: cat.allocOid(), table, attnum: col.attnum };
  attrDefaults.set(col, ad);
  cat.record(() => attrDefaults.delete(col));
  cat.deps.add(ad, 0, table, col.attnum, 'a');
  for (const r of new Set(rels)) cat.deps.add(ad, 0, r, 0, 'n');
}
