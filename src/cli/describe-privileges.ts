// psql 15's \dp and \z (permissionsList in describe.c): each table, view, sequence … with its
// access privileges, its columns' privileges and its row-level security policies.
import type { DescribeContext } from './describe-exec.js';
import { withPattern } from './describe-lists.js';

export async function permissionsList(cx: DescribeContext, pattern: string | null): Promise<boolean> {
  let sql = 'SELECT n.nspname as "Schema",\n  c.relname as "Name",\n' +
    "  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'" +
    " WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as \"Type\",\n" +
    "  pg_catalog.array_to_string(c.relacl, E'\\n') AS \"Access privileges\"" +
    ",\n  pg_catalog.array_to_string(ARRAY(\n    SELECT attname || E':\\n  ' || pg_catalog.array_to_string(attacl, E'\\n  ')\n" +
    '    FROM pg_catalog.pg_attribute a\n    WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL\n' +
    "  ), E'\\n') AS \"Column privileges\"" +
    ",\n  pg_catalog.array_to_string(ARRAY(\n    SELECT polname\n" +
    "    || CASE WHEN NOT polpermissive THEN\n       E' (RESTRICTIVE)'\n       ELSE '' END\n" +
    "    || CASE WHEN polcmd != '*' THEN\n           E' (' || polcmd::pg_catalog.text || E'):'\n       ELSE E':'\n       END\n" +
    "    || CASE WHEN polqual IS NOT NULL THEN\n           E'\\n  (u): ' || pg_catalog.pg_get_expr(polqual, polrelid)\n       ELSE E''\n       END\n" +
    "    || CASE WHEN polwithcheck IS NOT NULL THEN\n           E'\\n  (c): ' || pg_catalog.pg_get_expr(polwithcheck, polrelid)\n       ELSE E''\n       END" +
    "    || CASE WHEN polroles <> '{0}' THEN\n           E'\\n  to: ' || pg_catalog.array_to_string(\n               ARRAY(\n" +
    '                   SELECT rolname\n                   FROM pg_catalog.pg_roles\n                   WHERE oid = ANY (polroles)\n' +
    "                   ORDER BY 1\n               ), E', ')\n       ELSE E''\n       END\n" +
    "    FROM pg_catalog.pg_policy pol\n    WHERE polrelid = c.oid), E'\\n')\n    AS \"Policies\"" +
    '\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n' +
    "WHERE c.relkind IN ('r','v','m','S','f','p')\n";
  // without a schema in the pattern, system and temporary tables are left out
  const clause = await withPattern(cx, pattern, { haveWhere: true, schemaVar: 'n.nspname', nameVar: 'c.relname',
    visibilityRule: "n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)", maxParts: 3 });
  if (clause === null) return false;
  const r = await cx.exec(sql + clause + 'ORDER BY 1, 2;');
  if (!r) return false;
  cx.printQuery(r, 'Access privileges');
  return true;
}
