// The listing describe commands of psql 15 (describe.c): \d without a pattern, \dt \di
// \ds \dv \dm \dE (listTables), \dn (listSchemas), \df (describeFunctions) and \da
// (describeAggregates). Each builds psql's own catalog query and prints its result.
import type { DescribeContext } from './describe-exec.js';
import { namePatternClause, type NamePatternOptions } from './describe-pattern.js';

type Pattern = string | null;

/** Appends the pattern's conditions (validateSQLNamePattern); null after printing its error. */
export async function withPattern(cx: DescribeContext, pattern: Pattern, o: Omit<NamePatternOptions, 'database'>): Promise<string | null> {
  const r = namePatternClause(pattern, { ...o, database: pattern?.includes('.') ? await cx.database() : '' });
  if ('error' in r) {
    cx.error(r.error);
    return null;
  }
  return r.sql;
}

const SYSTEM_SCHEMAS = "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n";

/** listTables: tabtypes among t i v m s E (none: all but indexes). */
export async function listTables(cx: DescribeContext, tabtypes: string, pattern: Pattern, verbose: boolean, showSystem: boolean): Promise<boolean> {
  let [t, i, v, m, s, e] = ['t', 'i', 'v', 'm', 's', 'E'].map(c => tabtypes.includes(c));
  if (!(t || i || v || m || s || e)) t = v = m = s = e = true;
  let sql = 'SELECT n.nspname as "Schema",\n  c.relname as "Name",\n' +
    "  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index'" +
    " WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table'" +
    " WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"";
  if (i) sql += ',\n  c2.relname as "Table"';
  const am = t || m || i;
  if (verbose) {
    sql += ",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as \"Persistence\"";
    if (am) sql += ',\n  am.amname as "Access method"';
    sql += ',\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size"' +
      ",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\"";
  }
  sql += '\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace';
  if (am) sql += '\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam';
  if (i) sql += '\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid';
  const kinds: string[] = [];
  if (t) kinds.push('r', 'p', ...(showSystem || pattern !== null ? ['t'] : []));
  if (v) kinds.push('v');
  if (m) kinds.push('m');
  if (i) kinds.push('i', 'I');
  if (s) kinds.push('S');
  if (showSystem || pattern !== null) kinds.push('s');
  if (e) kinds.push('f');
  sql += `\nWHERE c.relkind IN (${[...kinds, ''].map(k => `'${k}'`).join(',')})\n`;
  if (!showSystem && pattern === null) {
    sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n";
  }
  const clause = await withPattern(cx, pattern, { haveWhere: true, schemaVar: 'n.nspname', nameVar: 'c.relname',
    visibilityRule: 'pg_catalog.pg_table_is_visible(c.oid)', maxParts: 3 });
  if (clause === null) return false;
  sql += clause + 'ORDER BY 1,2;';
  const r = await cx.exec(sql);
  if (!r) return false;
  if (r.rows.length === 0 && !cx.quiet) {
    cx.error(pattern !== null ? `Did not find any relation named "${pattern}".` : 'Did not find any relations.');
  } else cx.printQuery(r, 'List of relations');
  return true;
}

/** listSchemas (\dn). */
export async function listSchemas(cx: DescribeContext, pattern: Pattern, verbose: boolean, showSystem: boolean): Promise<boolean> {
  let sql = 'SELECT n.nspname AS "Name",\n  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"';
  if (verbose) {
    sql += ",\n  pg_catalog.array_to_string(n.nspacl, E'\\n') AS \"Access privileges\"" +
      ",\n  pg_catalog.obj_description(n.oid, 'pg_namespace') AS \"Description\"";
  }
  sql += '\nFROM pg_catalog.pg_namespace n\n';
  const filter = !showSystem && pattern === null;
  if (filter) sql += "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n";
  const clause = await withPattern(cx, pattern, { haveWhere: filter, schemaVar: null, nameVar: 'n.nspname', visibilityRule: null, maxParts: 2 });
  if (clause === null) return false;
  const r = await cx.exec(sql + clause + 'ORDER BY 1;');
  if (!r) return false;
  let footers: string[] | undefined;
  if (pattern !== null) {
    // the schema's publications, the pattern taken as a name (as psql 15 does)
    const pubs = await cx.exec('SELECT pubname \nFROM pg_catalog.pg_publication p\n' +
      '     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n' +
      `     JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid \nWHERE n.nspname = '${pattern}'\nORDER BY 1`);
    if (!pubs) return false;
    if (pubs.rows.length) footers = ['Publications:', ...pubs.rows.map(p => `    "${p[0]}"`)];
  }
  cx.printQuery(r, 'List of schemas', footers);
  return true;
}

/** describeFunctions (\df[anptwS+]); argument-type patterns are not supported. */
export async function describeFunctions(cx: DescribeContext, functypes: string, pattern: Pattern, verbose: boolean, showSystem: boolean): Promise<boolean> {
  if (!/^[anptwSx+]*$/.test(functypes)) {
    cx.error('\\df only takes [anptwSx+] as options');
    return true;
  }
  let [a, n, p, t, w] = ['a', 'n', 'p', 't', 'w'].map(c => functypes.includes(c));
  if (!(a || n || p || t || w)) a = n = p = t = w = true;
  let sql = 'SELECT n.nspname as "Schema",\n  p.proname as "Name",\n' +
    '  pg_catalog.pg_get_function_result(p.oid) as "Result data type",\n' +
    '  pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",\n' +
    " CASE p.prokind\n  WHEN 'a' THEN 'agg'\n  WHEN 'w' THEN 'window'\n  WHEN 'p' THEN 'proc'\n  ELSE 'func'\n END as \"Type\"";
  if (verbose) {
    sql += ",\n CASE\n  WHEN p.provolatile = 'i' THEN 'immutable'\n  WHEN p.provolatile = 's' THEN 'stable'\n" +
      "  WHEN p.provolatile = 'v' THEN 'volatile'\n END as \"Volatility\"" +
      ",\n CASE\n  WHEN p.proparallel = 'r' THEN 'restricted'\n  WHEN p.proparallel = 's' THEN 'safe'\n" +
      "  WHEN p.proparallel = 'u' THEN 'unsafe'\n END as \"Parallel\"" +
      ',\n pg_catalog.pg_get_userbyid(p.proowner) as "Owner"' +
      ",\n CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS \"Security\"" +
      ",\n pg_catalog.array_to_string(p.proacl, E'\\n') AS \"Access privileges\"" +
      ',\n l.lanname as "Language"' +
      ',\n COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc) as "Source code"' +
      ",\n pg_catalog.obj_description(p.oid, 'pg_proc') as \"Description\"";
  }
  sql += '\nFROM pg_catalog.pg_proc p\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n';
  if (verbose) sql += '     LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang\n';
  let haveWhere = false;
  const and = (c: string) => {
    sql += (haveWhere ? '      AND ' : 'WHERE ') + c + '\n';
    haveWhere = true;
  };
  if (a && n && p && t && w) { /* every kind */ } else if (n) {
    if (!a) and("p.prokind <> 'a'");
    if (!p) and("p.prokind <> 'p'");
    if (!t) and("p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype");
    if (!w) and("p.prokind <> 'w'");
  } else {
    const kinds = [a && "p.prokind = 'a'", t && "p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype",
      p && "p.prokind = 'p'", w && "p.prokind = 'w'"].filter((k): k is string => !!k);
    sql += `WHERE (\n       ${kinds.join('\n       OR ')}\n      )\n`;
    haveWhere = true;
  }
  const clause = await withPattern(cx, pattern, { haveWhere, schemaVar: 'n.nspname', nameVar: 'p.proname',
    visibilityRule: 'pg_catalog.pg_function_is_visible(p.oid)', maxParts: 3 });
  if (clause === null) return false;
  sql += clause;
  if (!showSystem && pattern === null) sql += SYSTEM_SCHEMAS;
  const r = await cx.exec(sql + 'ORDER BY 1, 2, 4;');
  if (!r) return false;
  cx.printQuery(r, 'List of functions');
  return true;
}

/** describeAggregates (\da). */
export async function describeAggregates(cx: DescribeContext, pattern: Pattern, showSystem: boolean): Promise<boolean> {
  let sql = 'SELECT n.nspname as "Schema",\n  p.proname AS "Name",\n  pg_catalog.format_type(p.prorettype, NULL) AS "Result data type",\n' +
    "  CASE WHEN p.pronargs = 0\n    THEN CAST('*' AS pg_catalog.text)\n    ELSE pg_catalog.pg_get_function_arguments(p.oid)\n" +
    '  END AS "Argument data types",\n' +
    "  pg_catalog.obj_description(p.oid, 'pg_proc') as \"Description\"\nFROM pg_catalog.pg_proc p\n" +
    "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\nWHERE p.prokind = 'a'\n";
  if (!showSystem && pattern === null) sql += SYSTEM_SCHEMAS;
  const clause = await withPattern(cx, pattern, { haveWhere: true, schemaVar: 'n.nspname', nameVar: 'p.proname',
    visibilityRule: 'pg_catalog.pg_function_is_visible(p.oid)', maxParts: 3 });
  if (clause === null) return false;
  const r = await cx.exec(sql + clause + 'ORDER BY 1, 2, 4;');
  if (!r) return false;
  cx.printQuery(r, 'List of aggregate functions');
  return true;
}
