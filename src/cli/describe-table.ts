// \d NAME and \d+ NAME: psql 15's describeTableDetails and describeOneTableDetails
// (describe.c). The relations matching the pattern are looked up, then each is printed:
// its columns (or a sequence's parameters, an index's key columns) under a title, and
// the footers describe-footers.ts builds.
import type { DescribeContext, TextResult } from './describe-exec.js';
import { withPattern } from './describe-lists.js';
import { indexFooters, partitionFooters, tableFooters, tablespaceFooter, triggerAndTrailingFooters, viewFooters } from './describe-footers.js';

/** What the first query tells about the relation (describeOneTableDetails' tableinfo). */
export interface TableInfo {
  oid: string;
  schema: string;
  name: string;
  checks: number;
  relkind: string;
  hasindex: boolean;
  hasrules: boolean;
  hastriggers: boolean;
  rowsecurity: boolean;
  forcerowsecurity: boolean;
  ispartition: boolean;
  reloptions: string;
  tablespace: string;
  reloftype: string | null;
  relpersistence: string;
  relreplident: string;
  relam: string | null;
  verbose: boolean;
}

const t = (v: string | null) => v === 't';

/** \d PATTERN (with a pattern psql filters no system schemas, so S changes nothing). */
export async function describeTableDetails(cx: DescribeContext, pattern: string, verbose: boolean): Promise<boolean> {
  const sql = 'SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n';
  const clause = await withPattern(cx, pattern, { haveWhere: false, schemaVar: 'n.nspname', nameVar: 'c.relname',
    visibilityRule: 'pg_catalog.pg_table_is_visible(c.oid)', maxParts: 3 });
  if (clause === null) return false;
  const r = await cx.exec(sql + clause + 'ORDER BY 2, 3;');
  if (!r) return false;
  if (r.rows.length === 0) {
    if (!cx.quiet) cx.error(`Did not find any relation named "${pattern}".`);
    return false;
  }
  for (const [oid, nspname, relname] of r.rows) {
    if (!(await describeOne(cx, nspname ?? '', relname ?? '', oid ?? '', verbose))) return false;
  }
  return true;
}

async function tableInfo(cx: DescribeContext, oid: string, verbose: boolean): Promise<TextResult | null> {
  const options = verbose
    ? "pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n"
    : "''";
  return cx.exec('SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, ' +
    `c.relforcerowsecurity, false AS relhasoids, c.relispartition, ${options}, c.reltablespace, ` +
    "CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, " +
    'c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\n' +
    `LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '${oid}';`);
}

async function describeOne(cx: DescribeContext, schema: string, name: string, oid: string, verbose: boolean): Promise<boolean> {
  const res = await tableInfo(cx, oid, verbose);
  if (!res) return false;
  if (res.rows.length === 0) {
    if (!cx.quiet) cx.error(`Did not find any relation with OID ${oid}.`);
    return false;
  }
  const v = res.rows[0];
  const info: TableInfo = {
    oid, schema, name, checks: Number(v[0]), relkind: v[1] ?? '', hasindex: t(v[2]), hasrules: t(v[3]), hastriggers: t(v[4]),
    rowsecurity: t(v[5]), forcerowsecurity: t(v[6]), ispartition: t(v[8]), reloptions: v[9] ?? '', tablespace: v[10] ?? '0',
    reloftype: v[11] ? v[11] : null, relpersistence: v[12] ?? 'p', relreplident: v[13] ?? 'd', relam: v[14], verbose,
  };
  if (info.relkind === 'S') return describeSequence(cx, info);
  return describeColumns(cx, info);
}

async function describeSequence(cx: DescribeContext, info: TableInfo): Promise<boolean> {
  const res = await cx.exec('SELECT pg_catalog.format_type(seqtypid, NULL) AS "Type",\n       seqstart AS "Start",\n' +
    '       seqmin AS "Minimum",\n       seqmax AS "Maximum",\n       seqincrement AS "Increment",\n' +
    "       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n       seqcache AS \"Cache\"\n" +
    `FROM pg_catalog.pg_sequence\nWHERE seqrelid = '${info.oid}';`);
  if (!res) return false;
  const owner = await cx.exec("SELECT pg_catalog.quote_ident(nspname) || '.' ||\n   pg_catalog.quote_ident(relname) || '.' ||\n" +
    '   pg_catalog.quote_ident(attname),\n   d.deptype\nFROM pg_catalog.pg_class c\n' +
    'INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\nINNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\n' +
    'INNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\n' +
    "WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n" +
    ` AND d.objid='${info.oid}'\n AND d.deptype IN ('a', 'i')`);
  if (!owner) return false;
  const footers: string[] = [];
  if (owner.rows.length === 1) {
    const [col, deptype] = owner.rows[0];
    if (deptype === 'a') footers.push(`Owned by: ${col}`);
    else if (deptype === 'i') footers.push(`Sequence for identity column: ${col}`);
  }
  const title = `${info.relpersistence === 'u' ? 'Unlogged sequence' : 'Sequence'} "${info.schema}.${info.name}"`;
  cx.printQuery(res, title, footers);
  return true;
}

const TITLES: Record<string, [string, string?]> = {
  r: ['Table', 'Unlogged table'], v: ['View'], m: ['Materialized view'], i: ['Index', 'Unlogged index'],
  I: ['Partitioned index', 'Unlogged partitioned index'], t: ['TOAST table'], c: ['Composite type'], f: ['Foreign table'],
  p: ['Partitioned table', 'Unlogged partitioned table'],
};

const STORAGE: Record<string, string> = { p: 'plain', m: 'main', x: 'extended', e: 'external' };

/** The column list (with its title and headers), then the footers. */
async function describeColumns(cx: DescribeContext, info: TableInfo): Promise<boolean> {
  const k = info.relkind;
  const details = 'rvmfcp'.includes(k);
  const isIndex = k === 'i' || k === 'I';
  let sql = 'SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod)';
  const cols: string[] = [];
  const col = (name: string, expr: string) => { sql += ',\n  ' + expr; cols.push(name); };
  if (details) {
    col('default', '(SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n' +
      '   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef)');
    col('notnull', 'a.attnotnull');
    col('collation', '(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n' +
      '   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation');
    col('identity', 'a.attidentity');
    col('generated', 'a.attgenerated');
  }
  if (isIndex) {
    col('key', `CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '${info.oid}') THEN 'yes' ELSE 'no' END AS is_key`);
    col('indexdef', 'pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef');
  }
  if (k === 'f') {
    col('fdw', "CASE WHEN attfdwoptions IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT " +
      "pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)  FROM   " +
      "pg_catalog.pg_options_to_table(attfdwoptions)), ', ') || ')' END AS attfdwoptions");
  }
  if (info.verbose) {
    col('storage', 'a.attstorage');
    if (!cx.shell.vars.bool('HIDE_TOAST_COMPRESSION') && 'rpm'.includes(k)) col('compression', 'a.attcompression AS attcompression');
    if ('riImfp'.includes(k)) col('stattarget', 'CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget');
    if ('rvmfcp'.includes(k)) col('description', 'pg_catalog.col_description(a.attrelid, a.attnum)');
  }
  sql += `\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '${info.oid}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;`;
  const res = await cx.exec(sql);
  if (!res) return false;

  const [plain, unlogged] = TITLES[k] ?? [`?${k}?`];
  const title = `${info.relpersistence === 'u' && unlogged ? unlogged : plain} "${info.schema}.${info.name}"`;
  const headers = ['Column', 'Type'];
  if (details) headers.push('Collation', 'Nullable', 'Default');
  const HEADER: Record<string, string> = { key: 'Key?', indexdef: 'Definition', fdw: 'FDW options', storage: 'Storage',
    compression: 'Compression', stattarget: 'Stats target', description: 'Description' };
  for (const c of cols) if (HEADER[c]) headers.push(HEADER[c]);
  const at = (row: (string | null)[], c: string) => row[2 + cols.indexOf(c)] ?? '';
  const rows = res.rows.map(row => {
    const cells = [row[0] ?? '', row[1] ?? ''];
    if (details) {
      const identity = at(row, 'identity'), generated = at(row, 'generated');
      const def = identity === 'a' ? 'generated always as identity' : identity === 'd' ? 'generated by default as identity'
        : generated === 's' ? `generated always as (${at(row, 'default')}) stored` : at(row, 'default');
      cells.push(at(row, 'collation'), at(row, 'notnull') === 't' ? 'not null' : '', def);
    }
    for (const c of cols) {
      if (!HEADER[c]) continue;
      const v = at(row, c);
      if (c === 'storage') cells.push(STORAGE[v] ?? '???');
      else if (c === 'compression') cells.push(v === 'p' ? 'pglz' : v === 'l' ? 'lz4' : v === '' ? '' : '???');
      else cells.push(v);
    }
    return cells;
  });

  const footers: string[] = [];
  if (!(await partitionFooters(cx, info, footers))) return false;
  if (isIndex) {
    if (!(await indexFooters(cx, info, footers))) return false;
    if (k === 'i' && !(await tablespaceFooter(cx, k, info.tablespace, true, footers))) return false;
  } else if ('rmfpt'.includes(k)) {
    if (!(await tableFooters(cx, info, footers))) return false;
  }
  if (!(await viewFooters(cx, info, footers))) return false;
  if (!(await triggerAndTrailingFooters(cx, info, footers))) return false;
  cx.print({ headers, aligns: headers.map(() => 'l'), rows, title, footers }, false);
  return true;
}
