// Views name what they read (their stored query is SQL text, parsed): when a relation or
// a column a view reads is renamed, the names in the view's query follow, so the view
// keeps reading the same objects (PostgreSQL's views hold them by oid and attnum).
import type { Table, View } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { viewsReading } from './view.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

/** A deep copy of a parse tree with `fn` applied to every object node (it returns a replacement or undefined). */
function mapTree(node: any, fn: (n: any) => any): any {
  if (Array.isArray(node)) return node.map(x => mapTree(x, fn));
  if (!node || typeof node !== 'object') return node;
  const r = fn(node);
  if (r !== undefined) return r;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) out[k] = mapTree(v, fn);
  return out;
}

/** Does a RangeVar name the relation (schema-qualified as stored, or bare)? */
const names = (rv: any, rel: Table | View, relname: string) => rv.relname === relname && (!rv.schemaname || rv.schemaname === rel.schema.name);

/** ALTER … RENAME TO: views reading `rel` (named `oldName` until now) name it by its new name. */
export function followRelationRename(cx: CommandContext, rel: Table | View, oldName: string): void {
  for (const v of viewsReading(cx, rel)) {
    let unaliased = false;
    const query = mapTree(v.query, n => {
      if (!n.RangeVar || !names(n.RangeVar, rel, oldName)) return undefined;
      if (!n.RangeVar.alias) unaliased = true;
      return { RangeVar: { ...n.RangeVar, relname: rel.name } };
    });
    // columns qualified by the relation's own name follow it
    const requalified = !unaliased ? query : mapTree(query, n => {
      const f = n.ColumnRef?.fields as any[] | undefined;
      if (!f || f.length < 2 || !f[f.length - 2].String || str(f[f.length - 2]) !== oldName) return undefined;
      const fields = f.slice();
      fields[f.length - 2] = { String: { sval: rel.name } };
      return { ColumnRef: { ...n.ColumnRef, fields } };
    });
    cx.catalog.set(v, 'query', requalified);
  }
}

/** ALTER … RENAME COLUMN: views reading the column use its new name. */
export function followColumnRename(cx: CommandContext, rel: Table | View, attnum: number, from: string, to: string): void {
  for (const v of viewsReading(cx, rel, attnum)) {
    // the aliases the relation goes by in the view's query
    const aliases = new Set<string>();
    mapTree(v.query, n => {
      if (n.RangeVar && names(n.RangeVar, rel, rel.name)) aliases.add(n.RangeVar.alias?.aliasname ?? rel.name);
      return undefined;
    });
    const query = mapTree(v.query, n => {
      const f = n.ColumnRef?.fields as any[] | undefined;
      if (!f || f.length < 2 || !f[f.length - 1].String) return undefined;
      if (str(f[f.length - 1]) !== from || !aliases.has(str(f[f.length - 2]))) return undefined;
      return { ColumnRef: { ...n.ColumnRef, fields: [...f.slice(0, -1), { String: { sval: to } }] } };
    });
    cx.catalog.set(v, 'query', query);
  }
}
