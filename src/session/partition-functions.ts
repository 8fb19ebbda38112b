// SQL functions about partitioning: pg_partition_tree, pg_partition_root,
// pg_partition_ancestors, pg_get_partkeydef, pg_get_partition_constraintdef.
import type { Catalog } from '../catalog/catalog.js';
import type { Index, Relation, Table } from '../catalog/objects.js';
import { relationByOid } from '../catalog/oid-index.js';
import { boundInfo } from '../catalog/partition-bounds.js';
import { partkeyDef } from '../commands/partition-key.js';
import { boundText } from '../commands/partition-bound.js';
import { partitionConstraintDef } from '../commands/partition-qual.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

interface Host { readonly engine: { catalog: Catalog }; formatValue(v: unknown, typeOid: number): string }

const hostOf = (ctx: EvalContext) => ctx.session as Host;
const rel = (ctx: EvalContext, oid: unknown): Relation | undefined => relationByOid(hostOf(ctx).engine.catalog, oid as number);

/** The relation's partitions (a table's, or a partitioned index's attached indexes) in bound order. */
function partitionsOf(cat: Catalog, r: Relation): Relation[] {
  if (r.kind === 'table') return r.partitionKey ? boundInfo(r).parts.slice().sort((a, b) => a.oid - b.oid) : [];
  if (r.kind !== 'index' || r.relkind !== 'I') return [];
  const out: Index[] = [];
  for (const t of boundInfo(r.table).parts) {
    const ix = t.indexes.find(i => i.parent === r);
    if (ix) out.push(ix);
  }
  void cat;
  return out.sort((a, b) => a.oid - b.oid);
}

const parentOf = (r: Relation): Relation | null =>
  r.kind === 'table' ? (r.partitionBound ? r.parents[0] : null) : r.kind === 'index' ? r.parent ?? null : null;

const isPartitionable = (r: Relation) => (r.kind === 'table' && !r.schema.name.startsWith('pg_')) || r.kind === 'index';

let registered = false;
export function registerPartitionFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({
    name: 'pg_partition_tree', args: [OID.regclass], ret: OID.record, retSet: true, volatility: 'v',
    outCols: [{ name: 'relid', type: OID.regclass }, { name: 'parentrelid', type: OID.regclass }, { name: 'isleaf', type: OID.bool }, { name: 'level', type: OID.int4 }],
    fn: ([oid], ctx) => {
      const r = rel(ctx, oid);
      if (!r || !isPartitionable(r)) return [];
      const cat = hostOf(ctx).engine.catalog;
      const out: unknown[][] = [];
      // breadth first, as find_all_inheritors lists them
      const queue: { r: Relation; level: number }[] = [{ r, level: 0 }];
      for (let i = 0; i < queue.length; i++) {
        const { r: x, level } = queue[i];
        const parts = partitionsOf(cat, x);
        const leaf = x.kind === 'table' ? !x.partitionKey : x.relkind !== 'I';
        out.push([x.oid, level === 0 ? parentOidOrNull(x) : parentOf(x)!.oid, leaf, level]);
        for (const p of parts) queue.push({ r: p, level: level + 1 });
      }
      return out;
    },
  });
  registerFunction({
    name: 'pg_partition_root', args: [OID.regclass], ret: OID.regclass, volatility: 'v',
    fn: ([oid], ctx) => {
      let r = rel(ctx, oid);
      if (!r || !isPartitionable(r) || (!parentOf(r) && !(r.kind === 'table' ? r.partitionKey : r.relkind === 'I'))) return null;
      for (let p = parentOf(r); p; p = parentOf(p)) r = p;
      return r.oid;
    },
  });
  registerFunction({
    name: 'pg_partition_ancestors', args: [OID.regclass], ret: OID.regclass, retSet: true, volatility: 'v',
    outCols: [{ name: 'relid', type: OID.regclass }],
    fn: ([oid], ctx) => {
      const r = rel(ctx, oid);
      if (!r || !isPartitionable(r)) return [];
      const out: number[] = [];
      for (let p: Relation | null = r; p; p = parentOf(p)) out.push(p.oid);
      return out;
    },
  });
  registerFunction({
    name: 'pg_get_partkeydef', args: [OID.oid], ret: OID.text, volatility: 's',
    fn: ([oid], ctx) => { const r = rel(ctx, oid); return r?.kind === 'table' && r.partitionKey
      ? partkeyDef(r, r.partitionKey, hostOf(ctx).engine.catalog, (hostOf(ctx) as { lookupPath?(): string[] }).lookupPath?.()) : null; },
  });
  registerFunction({
    name: 'pg_get_partition_constraintdef', args: [OID.oid], ret: OID.text, volatility: 's',
    fn: ([oid], ctx) => {
      const r = rel(ctx, oid);
      return r?.kind === 'table' && r.partitionBound ? partitionConstraintDef(r, (v, t) => hostOf(ctx).formatValue(v, t)) : null;
    },
  });
}

function parentOidOrNull(r: Relation): number | null {
  return parentOf(r)?.oid ?? null;
}

/** pg_get_expr of pg_class.relpartbound ({PARTITIONBOUNDSPEC :relid N}), or undefined for other trees. */
export function partboundExpr(cat: Catalog, tree: string, format: (v: unknown, t: number) => string): string | null | undefined {
  const m = /^\{PARTITIONBOUNDSPEC :relid (\d+)\}$/.exec(tree);
  if (!m) return undefined;
  const t = relationByOid(cat, Number(m[1])) as Table | undefined;
  if (t?.kind !== 'table' || !t.partitionBound) return null;
  return boundText(format, t.parents[0], t.partitionBound);
}
