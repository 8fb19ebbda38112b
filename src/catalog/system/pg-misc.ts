// The other catalogs clients read (shapes in pg-catalog-shapes.ts): pg_am, pg_collation,
// pg_tablespace, pg_language, pg_proc and pg_cast from what Relata has, and the catalogs of
// objects Relata does not have (triggers, policies, enums, publications, extended
// statistics, extensions, foreign tables …), which exist and are empty.
import '../../types/vector-types.js';
import { allCasts, allFunctions, typeByName } from '../../types/registry.js';
import type { Catalog } from '../catalog.js';
import { CATALOG_SHAPES } from './pg-catalog-shapes.js';
import { opclassRows } from './pg-opclass.js';
import { amopRows, amprocRows, opfamilyRows, operatorRows, userOpclassRows } from './pg-operator.js';
import { userProcRows } from './pg-proc-user.js';
import { indexStats, tableStats } from './pg-stat.js';
import { enumRows } from './pg-type-user.js';
import { sessionViewRows } from './pg-session-views.js';
import { triggerRows } from './pg-trigger.js';
import { policyRows } from './pg-policy.js';
import { aggregateRows } from './pg-aggregate.js';
import type { SystemColumn, SystemRelationDef } from './relation.js';
import { PG_CATALOG_OID, SUPERUSER_OID } from './types.js';

/** The shape's columns, types by name ("_text" is text[]). */
function columns(spec: string): SystemColumn[] {
  return spec.split(' ').map(word => {
    const [name, t] = word.split(':');
    const notNull = t.endsWith('!');
    const typeName = notNull ? t.slice(0, -1) : t;
    const type = typeName.startsWith('_') ? typeByName(typeName.slice(1))?.array : typeByName(typeName)?.oid;
    if (type === undefined) throw new Error(`system catalog column ${name}: no type ${typeName}`);
    return { name, type, notNull };
  });
}

function def(name: string, rows: (cat: Catalog, columns: SystemColumn[]) => unknown[][], stable = true): SystemRelationDef {
  const [oid, view, spec] = CATALOG_SHAPES[name];
  const cols = columns(spec);
  return { schema: 'pg_catalog', name, oid, view, stable, columns: cols, rows: cat => rows(cat, cols) };
}

const none = () => [];

const AMS: [number, string, string][] = [[2, 'heap', 't'], [403, 'btree', 'i'], [405, 'hash', 'i'], [783, 'gist', 'i'],
  [2742, 'gin', 'i'], [4000, 'spgist', 'i'], [3580, 'brin', 'i']];

/** Collations without ICU: the database default (C), C, POSIX, ucs_basic, C.utf8. */
const COLLATIONS: [number, string, string, number, string | null][] = [[100, 'default', 'd', -1, null], [950, 'C', 'c', -1, 'C'],
  [951, 'POSIX', 'c', -1, 'POSIX'], [12340, 'ucs_basic', 'c', 6, 'C'], [12341, 'C.utf8', 'c', 6, 'C.utf8']];

/** pg_proc: the functions Relata has (built-in, in pg_catalog, language internal). */
function procRows(): unknown[][] {
  const out: unknown[][] = [];
  for (const [name, defs] of allFunctions()) {
    for (const f of defs) {
      const nargs = f.args.length;
      out.push([
        f.oid, name, PG_CATALOG_OID, SUPERUSER_OID, 12, 1, f.retSet ? 1000 : 0, f.variadic ?? 0, 0, 'f', false, false, f.strict ?? true,
        !!f.retSet, f.volatility ?? 'i', 's', nargs, 0, f.ret, [...f.args],
        f.outCols ? [...f.args, ...f.outCols.map(c => c.type)] : null,
        f.outCols ? [...f.args.map(() => 'i'), ...f.outCols.map(() => 'o')] : null,
        f.outCols ? [...f.args.map(() => ''), ...f.outCols.map(c => c.name)] : null,
        null, null, name, null, null, null, null,
      ]);
    }
  }
  return out.sort((a, b) => (a[0] as number) - (b[0] as number));
}

let castOid = 10000;
const castOids = new WeakMap<object, number>();

function castRows(): unknown[][] {
  return [...allCasts()].map(c => {
    let oid = castOids.get(c);
    if (oid === undefined) { oid = castOid++; castOids.set(c, oid); }
    return [oid, c.source, c.target, 0, c.context, c.fn ? 'f' : 'b'];
  });
}

let defs: SystemRelationDef[] | null = null;

/** The definitions, made on first use (column types are looked up once every type module has loaded). */
export const miscCatalogs = (): SystemRelationDef[] => (defs ??= [
  def('pg_am', () => AMS.map(([oid, name, type]) => [oid, name, 0, type])),
  def('pg_collation', () => COLLATIONS.map(([oid, name, provider, encoding, locale]) =>
    [oid, name, PG_CATALOG_OID, SUPERUSER_OID, provider, true, encoding, locale, locale, null, null])),
  def('pg_tablespace', () => [[1663, 'pg_default', SUPERUSER_OID, null, null], [1664, 'pg_global', SUPERUSER_OID, null, null]]),
  def('pg_language', () => [[12, 'internal', SUPERUSER_OID, false, false, 0, 0, 0, null], [13, 'c', SUPERUSER_OID, false, false, 0, 0, 0, null],
    [14, 'sql', SUPERUSER_OID, false, true, 0, 0, 0, null], [13563, 'plpgsql', SUPERUSER_OID, true, true, 0, 0, 0, null]]),
  def('pg_proc', cat => [...procRows(), ...userProcRows(cat)]),
  def('pg_cast', castRows),
  def('pg_opclass', cat => [...opclassRows(), ...userOpclassRows(cat)]),
  // operators, families and their members (pg-operator.ts)
  def('pg_operator', operatorRows), def('pg_opfamily', opfamilyRows), def('pg_amop', amopRows), def('pg_amproc', amprocRows),
  def('pg_stat_all_tables', tableStats(false), false), def('pg_stat_user_tables', tableStats(true), false),
  def('pg_statio_all_tables', tableStats(false)), def('pg_statio_user_tables', tableStats(true)),
  def('pg_stat_all_indexes', indexStats(false)), def('pg_stat_user_indexes', indexStats(true)),
  def('pg_enum', enumRows),
  // the running session's cursors and prepared statements (pg-session-views.ts)
  def('pg_cursors', sessionViewRows('pg_cursors'), false), def('pg_prepared_statements', sessionViewRows('pg_prepared_statements'), false),
  def('pg_trigger', triggerRows, false),
  def('pg_policy', policyRows),
  // pg_policies prints the quals, which needs the session's analyzer (session/policies-view.ts)
  def('pg_policies', sessionViewRows('pg_policies'), false),
  def('pg_aggregate', aggregateRows),
  ...['pg_publication', 'pg_publication_rel', 'pg_publication_namespace', 'pg_statistic_ext',
    'pg_statistic_ext_data', 'pg_extension', 'pg_rewrite', 'pg_foreign_table', 'pg_foreign_server', 'pg_foreign_data_wrapper',
    'pg_user_mapping', 'pg_event_trigger', 'pg_default_acl', 'pg_init_privs', 'pg_seclabel', 'pg_shdescription', 'pg_shseclabel',
    'pg_largeobject_metadata', 'pg_subscription', 'pg_subscription_rel', 'pg_range', 'pg_transform',
    'pg_conversion', 'pg_ts_config', 'pg_ts_dict', 'pg_shdepend', 'pg_matviews',
    'pg_rules', 'pg_locks', 'pg_prepared_xacts', 'pg_available_extensions',
    'pg_available_extension_versions', 'pg_publication_tables', 'pg_stats', 'pg_stats_ext', 'pg_stat_replication',
    'pg_replication_slots', 'pg_user_mappings'].map(name => def(name, none)),
]);
