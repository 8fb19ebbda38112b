// VACUUM, ANALYZE, REINDEX and CHECKPOINT (vacuum.c, analyze.c, indexcmds.c, checkpointer.c):
// their options, checks, errors and warnings as PostgreSQL gives them. The work itself
// changes no result in Relata: statistics are not kept (ANALYZE), B-tree indexes never
// bloat or break (REINDEX), and CHECKPOINT's durable state is written by the storage layer.
import { checkRelationOwner, checkSchemaOwner } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import type { Relation, Table } from '../catalog/objects.js';
import { isSystemRelation } from '../catalog/system/index.js';
import type { CommandContext } from './context.js';
import { gatherStats } from './explain-stats.js';
import { typeByOid } from '../types/registry.js';

/** What these commands need of the session. */
export interface MaintenanceHooks {
  inTransactionBlock: boolean;
  database?: string;
}

const at = (d: any) => (d.location >= 0 ? { position: d.location + 1 } : {});

/** defGetBoolean: no value, true/false/on/off/1/0 (any case). */
function defBool(d: any): boolean {
  const a = d.arg;
  if (!a) return true;
  if (a.Integer) {
    if (a.Integer.ival === 0 || a.Integer.ival === 1) return a.Integer.ival === 1;
  } else {
    const s = String(a.String?.sval ?? a.Boolean?.boolval ?? '').toLowerCase();
    if (['true', 'on'].includes(s)) return true;
    if (['false', 'off'].includes(s)) return false;
  }
  throw new PgError('42601', `${d.defname} requires a Boolean value`);
}

/** PreventInTransactionBlock. */
function preventInBlock(s: MaintenanceHooks, what: string): void {
  if (s.inTransactionBlock) throw new PgError('25001', `${what} cannot run inside a transaction block`);
}

/** ExecVacuum then vacuum(): VACUUM [ANALYZE] and ANALYZE. */
export function vacuum(cx: CommandContext, n: any, s: MaintenanceHooks): string {
  const isVacuum = !!n.is_vacuumcmd;
  const stmt = isVacuum ? 'VACUUM' : 'ANALYZE';
  let analyze = !isVacuum, full = false, parallel = 0, disablePageSkipping = false;
  for (const o of n.options ?? []) {
    const d = o.DefElem;
    const name = d.defname as string;
    if (name === 'verbose') {
      if (defBool(d)) throw new PgError('0A000', `${stmt} VERBOSE is not supported`);
    } else if (name === 'skip_locked') defBool(d);
    else if (!isVacuum) throw new PgError('42601', `unrecognized ANALYZE option "${name}"`, at(d));
    else if (name === 'analyze') analyze = defBool(d);
    else if (name === 'full') full = defBool(d);
    else if (name === 'disable_page_skipping') disablePageSkipping = defBool(d);
    else if (['freeze', 'process_toast', 'truncate'].includes(name)) defBool(d);
    else if (name === 'index_cleanup') {
      if (d.arg && String(d.arg.String?.sval ?? '').toLowerCase() !== 'auto') defBool(d);
    } else if (name === 'parallel') {
      if (!d.arg) throw new PgError('42601', 'parallel option requires a value between 0 and 1024', at(d));
      const v = Number(d.arg.Integer?.ival ?? d.arg.String?.sval ?? d.arg.Float?.fval);
      if (!Number.isInteger(v) || v < 0 || v > 1024) throw new PgError('42601', 'parallel workers for vacuum must be between 0 and 1024', at(d));
      parallel = v;
    } else throw new PgError('42601', `unrecognized VACUUM option "${name}"`, at(d));
  }
  if (full && parallel > 0) throw new PgError('0A000', 'VACUUM FULL cannot be performed in parallel');
  if (full && disablePageSkipping) throw new PgError('0A000', 'VACUUM option DISABLE_PAGE_SKIPPING cannot be used with FULL');
  const rels = ((n.rels ?? []) as any[]).map(r => r.VacuumRelation);
  if (!analyze && rels.some(r => r.va_cols?.length)) {
    throw new PgError('0A000', 'ANALYZE option must be specified when a column list is provided');
  }
  if (isVacuum) preventInBlock(s, stmt);
  for (const r of rels) {
    const rv = r.relation;
    const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
    if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
    if (rel.kind !== 'table' || isSystemRelation(rel)) {
      if (!isSystemRelation(rel)) {
        cx.notice({ severity: 'WARNING', code: '01000', message: `skipping "${rel.name}" --- cannot ${isVacuum ? 'vacuum' : 'analyze'} non-tables or special system tables` });
      }
      continue;
    }
    if (analyze) checkColumns(rel, (r.va_cols ?? []).map((c: any) => c.String.sval as string));
  }
  // the planner's statistics (commands/explain-stats.ts)
  const tables = rels.map(r => cx.catalog.findRelation(r.relation.schemaname, r.relation.relname, cx.analyze.searchPath))
    .filter((t): t is Table => t?.kind === 'table' && !isSystemRelation(t));
  if (!rels.length || tables.length) gatherStats(cx.catalog, cx.view, tables, isVacuum, analyze);
  return stmt;
}

/** do_analyze_rel's column list: each an existing column, once. */
function checkColumns(t: Table, names: string[]): void {
  const seen: string[] = [];
  for (const name of names) {
    if (!t.columns.some(c => !c.dropped && c.name === name)) throw new PgError('42703', `column "${name}" of relation "${t.name}" does not exist`);
    if (seen.includes(name)) throw new PgError('42701', `column "${name}" of relation "${t.name}" appears more than once`);
    seen.push(name);
  }
}

/** ExecReindex: REINDEX { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name. */
export function reindex(cx: CommandContext, n: any, s: MaintenanceHooks): string {
  let concurrently = false;
  for (const o of n.params ?? []) {
    const d = o.DefElem;
    if (d.defname === 'concurrently') concurrently = defBool(d);
    else if (d.defname === 'verbose') {
      if (defBool(d)) throw new PgError('0A000', 'REINDEX VERBOSE is not supported');
    } else if (d.defname === 'tablespace') {
      const name = d.arg?.String?.sval;
      if (name !== 'pg_default') throw new PgError('42704', `tablespace "${name}" does not exist`);
    } else throw new PgError('42601', `unrecognized REINDEX option "${d.defname}"`, at(d));
  }
  switch (n.kind) {
    case 'REINDEX_OBJECT_INDEX': case 'REINDEX_OBJECT_TABLE': {
      const isIndex = n.kind === 'REINDEX_OBJECT_INDEX';
      const rv = n.relation;
      const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
      if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
      if (isIndex && rel.kind !== 'index') throw new PgError('42809', `"${rel.name}" is not an index`);
      if (!isIndex && rel.kind !== 'table') throw new PgError('42809', `"${rel.name}" is not a table or materialized view`);
      checkRelationOwner(cx.catalog, cx.user, rel);
      if (concurrently && isSystemRelation(rel)) throw new PgError('0A000', 'cannot reindex system catalogs concurrently');
      // a partitioned table's or index's partitions are reindexed one transaction each
      if (isPartitioned(rel)) preventInBlock(s, isIndex ? 'REINDEX INDEX' : 'REINDEX TABLE');
      if (concurrently) preventInBlock(s, 'REINDEX CONCURRENTLY');
      if (!isIndex && !isPartitioned(rel) && !indexesOf(cx, rel as Table).length && !hasToast(rel as Table)) {
        cx.notice({ severity: 'NOTICE', code: '00000',
          message: concurrently ? `table "${rel.name}" has no indexes that can be reindexed concurrently` : `table "${rel.name}" has no indexes to reindex` });
      }
      return 'REINDEX';
    }
    case 'REINDEX_OBJECT_SCHEMA': {
      preventInBlock(s, 'REINDEX SCHEMA');
      if (!cx.catalog.schemas.has(n.name)) throw new PgError('3F000', `schema "${n.name}" does not exist`);
      checkSchemaOwner(cx.catalog, cx.user, cx.catalog.schemas.get(n.name)!);
      if (concurrently && ['pg_catalog', 'information_schema'].includes(n.name)) {
        cx.notice({ severity: 'WARNING', code: '0A000', message: 'cannot reindex system catalogs concurrently, skipping all' });
      }
      return 'REINDEX';
    }
    default: {
      const what = n.kind === 'REINDEX_OBJECT_SYSTEM' ? 'SYSTEM' : 'DATABASE';
      if (concurrently && what === 'SYSTEM') throw new PgError('0A000', 'cannot reindex system catalogs concurrently');
      preventInBlock(s, `REINDEX ${what}`);
      if (n.name && s.database !== undefined && n.name !== s.database) throw new PgError('0A000', 'can only reindex the currently open database');
      if (concurrently) cx.notice({ severity: 'WARNING', code: '0A000', message: 'cannot reindex system catalogs concurrently, skipping all' });
      return 'REINDEX';
    }
  }
}

const isPartitioned = (rel: Relation) => (rel.kind === 'table' && rel.relkind === 'p') || (rel.kind === 'index' && rel.relkind === 'I');

/** A table with a column of a variable-length type has a TOAST table, whose index REINDEX TABLE rebuilds too. */
const hasToast = (t: Table) => t.columns.some(c => !c.dropped && typeByOid(c.typeOid)?.len === -1);

function indexesOf(cx: CommandContext, t: Table): Relation[] {
  const out: Relation[] = [];
  for (const s of cx.catalog.schemas.values()) for (const r of s.relations.values()) if (r.kind === 'index' && r.table === t) out.push(r);
  return out;
}
