// Temporary tables (namespace.c's temp namespace, tablecmds.c's ON COMMIT actions): each
// session creates its objects in its own schema pg_temp_N, searched first and reached as
// "pg_temp"; ON COMMIT DELETE ROWS / DROP run as the transaction commits; DISCARD TEMP and
// the end of the session drop them. Other sessions never find them along their path.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Relation, Schema, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { dropObjects } from './drop.js';

export const TEMP_PREFIX = 'pg_temp_';

/** Is this a temporary schema (any session's)? */
export const isTempSchema = (s: Schema): boolean => s.name.startsWith(TEMP_PREFIX);

/** Is this relation temporary (pg_class.relpersistence 't')? */
export const isTemp = (r: Relation): boolean => isTempSchema(r.schema);

/** Backend numbers in use per database, so that two live sessions never share pg_temp_N. */
const liveIds = new WeakMap<Catalog, Set<number>>();

/** One session's temporary namespace. */
export class TempNamespace {
  readonly name: string;
  private readonly id: number;

  constructor(private readonly catalog: Catalog) {
    let ids = liveIds.get(catalog);
    if (!ids) liveIds.set(catalog, ids = new Set());
    let id = 3; // PostgreSQL's first client backends have small ids; 3 is what a fresh server gives
    while (ids.has(id)) id++;
    ids.add(id);
    this.id = id;
    this.name = TEMP_PREFIX + id;
  }

  /** The schema once a temporary object was created in it (a ROLLBACK may undo its creation). */
  get schema(): Schema | null {
    return this.catalog.schemas.get(this.name) ?? null;
  }

  /** The schema, created on first use. */
  ensure(): Schema {
    return this.schema ?? this.catalog.createSchema(this.name, 'postgres');
  }

  /** The session ends: its number is free again (its objects were dropped). */
  release(): void {
    liveIds.get(this.catalog)?.delete(this.id);
  }

  /** Tables with an ON COMMIT action, for the session's commit. */
  hasOnCommitActions(): boolean {
    const s = this.schema;
    if (!s) return false;
    for (const r of s.relations.values()) if (r.kind === 'table' && r.onCommit) return true;
    return false;
  }
}

/**
 * The schema a new relation goes to when it is temporary (CREATE TEMP …, a pg_temp. name, or
 * pg_temp first in search_path), or null when it is not; PostgreSQL's errors for a temporary
 * relation in another schema and for an unlogged one in pg_temp.
 */
export function tempCreationSchema(cx: CommandContext, rv: any): Schema | null {
  const temp = cx.temp;
  const named: string | undefined = rv.schemaname;
  const at = rv.location >= 0 ? { position: rv.location + 1 } : {};
  const namesTemp = named === 'pg_temp' || (!!temp && named === temp.name);
  if (rv.relpersistence === 't') {
    if (named && !namesTemp) throw new PgError('42P16', 'cannot create temporary relation in non-temporary schema', at);
  } else if (namesTemp) {
    if (rv.relpersistence === 'u') throw new PgError('42P16', 'only temporary relations may be created in temporary schemas', at);
  } else if (named || !temp || cx.creationSchema() !== temp.name) {
    return null;
  }
  if (!temp) throw new PgError('0A000', 'temporary tables are not supported by this session');
  return temp.ensure();
}

/** ON COMMIT … of CREATE TABLE: checked, and kept on the table. */
export function setOnCommit(table: Table, oncommit: string | undefined): void {
  if (!oncommit || oncommit === 'ONCOMMIT_NOOP') return;
  if (!isTemp(table)) throw new PgError('42P16', 'ON COMMIT can only be used on temporary tables');
  if (oncommit === 'ONCOMMIT_DELETE_ROWS') table.onCommit = 'delete';
  else if (oncommit === 'ONCOMMIT_DROP') table.onCommit = 'drop';
}

/** PreCommit_on_commit_actions: DROP quietly with what depends on it, or delete every row. */
export function onCommitActions(cx: CommandContext, schema: Schema): void {
  const drops: Table[] = [];
  for (const r of [...schema.relations.values()]) {
    if (r.kind !== 'table' || !r.onCommit) continue;
    if (r.onCommit === 'drop') drops.push(r);
    else {
      for (const tup of r.heap.tuples) if (tup.xmax === 0 || cx.tm.isAborted(tup.xmax)) r.heap.markDeleted(tup, cx.write.xid, cx.write.cid);
    }
  }
  if (drops.length) dropObjects({ ...cx, notice: () => undefined }, drops.map(t => ({ obj: t, sub: 0 })), true);
}

/** DISCARD TEMP and the end of a session: every object of the temporary schema, quietly. */
export function dropTempObjects(cx: CommandContext, schema: Schema): void {
  const roots = [...schema.relations.values()].filter(r => r.kind === 'table' || r.kind === 'view' || (r.kind === 'sequence' && !r.ownedBy));
  if (roots.length) dropObjects({ ...cx, notice: () => undefined }, roots.map(r => ({ obj: r, sub: 0 })), true);
}

/** ATAddForeignKeyConstraint's persistence rules: permanent tables reference permanent ones, unlogged ones no temporary ones, temporary ones only temporary ones of this session. */
export function checkForeignKeyPersistence(table: Table, ref: Table): void {
  const temp = isTemp(table), refTemp = isTemp(ref);
  if (!temp && !table.unlogged && (refTemp || ref.unlogged)) throw new PgError('42P16', 'constraints on permanent tables may reference only permanent tables');
  if (table.unlogged && refTemp) throw new PgError('42P16', 'constraints on unlogged tables may reference only permanent or unlogged tables');
  if (temp && !refTemp) throw new PgError('42P16', 'constraints on temporary tables may reference only temporary tables');
  if (temp && refTemp && table.schema !== ref.schema) throw new PgError('42P16', 'constraints on temporary tables must involve temporary tables of this session');
}

/** MergeAttributes' persistence rules for the parents of a new table. */
export function checkInheritPersistence(child: Schema, parent: Table, temp: TempNamespace | undefined, partition: boolean): void {
  if (!isTemp(parent)) return;
  if (!isTempSchema(child)) {
    throw new PgError('42809', partition ? `cannot create a permanent relation as partition of temporary relation "${parent.name}"`
      : `cannot inherit from temporary relation "${parent.name}"`);
  }
  if (parent.schema.name !== temp?.name) {
    throw new PgError('42809', partition ? `cannot create as partition of temporary relation of another session` : 'cannot inherit from temporary relation of another session');
  }
}
