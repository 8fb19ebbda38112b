// Stored expressions (column defaults, CHECK constraints) as system views show them.
// Printing one back needs the analyzer (a higher layer), so the session installs a
// printer per catalog; pg_attrdef.adbin refers to the default it holds.
import { PgError } from '../../errors/index.js';
import { defineType } from '../../types/base.js';
import { cast } from '../../types/define.js';
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import type { Column, Constraint, Table } from '../objects.js';
import { allRelations } from './pg-class.js';
import type { SystemRelationDef } from './relation.js';

export interface StoredExprPrinter {
  /** pg_get_expr(adbin, adrelid): a column's DEFAULT as PostgreSQL prints it; null when it has none. */
  columnDefault(t: Table, attnum: number): string | null;
  /** pg_get_constraintdef(oid): the constraint's definition. */
  constraintDef(c: Constraint): string;
}

const printers = new WeakMap<Catalog, StoredExprPrinter>();

export function installStoredExprPrinter(cat: Catalog, p: StoredExprPrinter): void {
  printers.set(cat, p);
}

export const storedExprPrinter = (cat: Catalog): StoredExprPrinter | undefined => printers.get(cat);

/** The default a column shows in the catalogs: none for identity columns (their values come from the sequence). */
export const hasShownDefault = (c: Column): boolean => !!c.default && !c.identity && !c.dropped;

/** information_schema.columns.column_default, pg_get_expr of the column's pg_attrdef row. */
export function columnDefaultText(cat: Catalog, t: Table, c: Column): string | null {
  if (!hasShownDefault(c)) return null;
  const p = printers.get(cat);
  return p ? p.columnDefault(t, c.attnum) : c.default!.text;
}

export const PG_NODE_TREE = 194;

// pg_node_tree: the stored form of an expression; it reads back only through pg_get_expr
defineType({
  oid: PG_NODE_TREE, name: 'pg_node_tree', category: 'U', preferred: false, len: -1,
  input: () => { throw new PgError('0A000', 'cannot accept a value of type pg_node_tree'); },
  output: v => String(v), compare: (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0),
});
cast(PG_NODE_TREE, OID.text, 'i');

/** adbin's text: which default it is (the expression itself stays in the catalog's column). */
export const attrdefNodeTree = (t: Table, attnum: number): string => `{DEFAULT :adrelid ${t.oid} :adnum ${attnum}}`;

/** The (relation oid, attnum) an adbin value stands for, or null. */
export function parseAttrdefNodeTree(text: string): { relid: number; attnum: number } | null {
  const m = /^\{DEFAULT :adrelid (\d+) :adnum (\d+)\}$/.exec(text);
  return m ? { relid: Number(m[1]), attnum: Number(m[2]) } : null;
}

/** conbin's text: which CHECK constraint's expression it is (the expression stays on the constraint). */
export const constraintNodeTree = (c: Constraint): string => `{CHECK :conoid ${c.oid}}`;

/** The constraint oid a conbin value stands for, or null. */
export function parseConstraintNodeTree(text: string): number | null {
  const m = /^\{CHECK :conoid (\d+)\}$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Defaults with no pg_attrdef object of their own get an oid the first time a scan sees it. */
const defaultOids = new WeakMap<object, number>();

/** pg_attrdef.oid: the default object's, the one pg_depend names (it depends on its column). */
function attrdefOid(cat: Catalog, t: Table, c: Column): number {
  const ad = cat.deps.dependentsOf(t, c.attnum).find(d => d.dependent.obj.kind === 'default' && d.type === 'a');
  if (ad) return ad.dependent.obj.oid;
  const key = c.default as object;
  let oid = defaultOids.get(key);
  if (oid === undefined) { oid = cat.allocOid(); defaultOids.set(key, oid); }
  return oid;
}

/**
 * A column has a pg_attrdef row when it has a default that is not a plain NULL (which
 * prints as null). A default that fails to print still has its row: the scan must not
 * fail because of another table's default; pg_get_expr on that row reports the error.
 */
function hasDefaultRow(cat: Catalog, t: Table, c: Column): boolean {
  if (!hasShownDefault(c)) return false;
  try {
    return columnDefaultText(cat, t, c) !== null;
  } catch {
    return true;
  }
}

export const pgAttrdef: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_attrdef', oid: 2604,
  columns: [{ name: 'oid', type: OID.oid }, { name: 'adrelid', type: OID.oid }, { name: 'adnum', type: OID.int2 }, { name: 'adbin', type: PG_NODE_TREE }],
  rows: cat => {
    const out: unknown[][] = [];
    for (const r of allRelations(cat)) {
      if (r.kind !== 'table') continue;
      for (const c of r.columns) {
        if (hasDefaultRow(cat, r, c)) out.push([attrdefOid(cat, r, c), r.oid, c.attnum, attrdefNodeTree(r, c.attnum)]);
      }
    }
    return out;
  },
};
