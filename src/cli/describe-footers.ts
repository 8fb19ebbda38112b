// The footers of \d NAME (psql 15's describeOneTableDetails): partition, index and table
// information, constraints, references, policies, statistics, rules, publications,
// view definition, triggers, inheritance and partitions, in psql's order and wording.
// Each function appends to `footers` and returns false when a query failed.
import type { DescribeContext } from './describe-exec.js';
import type { TableInfo } from './describe-table.js';

type Footers = string[];
const isT = (v: string | null | undefined) => v === 't';

/** Partition of: …, Partition constraint: …, Partition key: …, Owning table: … */
export async function partitionFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const { oid, verbose } = info;
  if (info.ispartition) {
    const r = await cx.exec('SELECT inhparent::pg_catalog.regclass,\n  pg_catalog.pg_get_expr(c.relpartbound, c.oid),\n  inhdetachpending' +
      (verbose ? ',\n  pg_catalog.pg_get_partition_constraintdef(c.oid)' : '') +
      `\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid\nWHERE c.oid = '${oid}';`);
    if (!r) return false;
    if (r.rows.length > 0) {
      const [parent, partdef, detached, constraint] = r.rows[0];
      footers.push(`Partition of: ${parent} ${partdef ?? ''}${isT(detached) ? ' DETACH PENDING' : ''}`);
      if (verbose) footers.push(constraint ? `Partition constraint: ${constraint}` : 'No partition constraint');
    }
  }
  if (info.relkind === 'p') {
    const r = await cx.exec(`SELECT pg_catalog.pg_get_partkeydef('${oid}'::pg_catalog.oid);`);
    if (!r) return false;
    if (r.rows.length === 1) footers.push(`Partition key: ${r.rows[0][0] ?? ''}`);
  }
  if (info.relkind === 't') {
    const r = await cx.exec('SELECT n.nspname, c.relname\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n' +
      `WHERE reltoastrelid = '${oid}';`);
    if (!r) return false;
    if (r.rows.length === 1) footers.push(`Owning table: "${r.rows[0][0]}.${r.rows[0][1]}"`);
  }
  return true;
}

/** add_tablespace_footer: "Tablespace: …" (a line of its own) or ", tablespace …" on the last footer. */
export async function tablespaceFooter(cx: DescribeContext, relkind: string, tablespace: string, newline: boolean, footers: Footers): Promise<boolean> {
  if (!'rmiptI'.includes(relkind) || tablespace === '0' || tablespace === '') return true;
  const r = await cx.exec(`SELECT spcname FROM pg_catalog.pg_tablespace\nWHERE oid = '${tablespace}';`);
  if (!r) return false;
  if (r.rows.length > 0) {
    if (newline) footers.push(`Tablespace: "${r.rows[0][0]}"`);
    else footers[footers.length - 1] += `, tablespace "${r.rows[0][0]}"`;
  }
  return true;
}

/** An index's line: "primary key, btree, for table …". */
export async function indexFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const con = (what: string) => '  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND ' +
    `conindid = i.indexrelid AND contype IN ('p','u','x') AND ${what}) AS ${what},\n`;
  const r = await cx.exec('SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n' + con('condeferrable') + con('condeferred') +
    'i.indisreplident,\ni.indnullsnotdistinct,\n  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\n' +
    'FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\n' +
    `WHERE i.indexrelid = c.oid AND c.oid = '${info.oid}' AND c.relam = a.oid\nAND i.indrelid = c2.oid;`);
  if (!r || r.rows.length !== 1) return false;
  const [unique, primary, clustered, valid, deferrable, deferred, replident, nullsNotDistinct, am, table, pred] = r.rows[0];
  let s = isT(primary) ? 'primary key, ' : isT(unique) ? `unique${isT(nullsNotDistinct) ? ' nulls not distinct' : ''}, ` : '';
  s += `${am}, for table "${info.schema}.${table}"`;
  if (pred) s += `, predicate (${pred})`;
  if (isT(clustered)) s += ', clustered';
  if (!isT(valid)) s += ', invalid';
  if (isT(deferrable)) s += ', deferrable';
  if (isT(deferred)) s += ', initially deferred';
  if (isT(replident)) s += ', replica identity';
  footers.push(s);
  return true;
}

/** Indexes, check constraints, foreign keys both ways, policies, statistics, rules, publications. */
export async function tableFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const { oid } = info;
  if (info.hasindex) {
    const r = await cx.exec('SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n' +
      '  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\n' +
      'FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n' +
      "  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\n" +
      `WHERE c.oid = '${oid}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;`);
    if (!r) return false;
    if (r.rows.length) footers.push('Indexes:');
    for (const [name, primary, unique, clustered, valid, indexdef, condef, contype, deferrable, deferred, replident, space] of r.rows) {
      let s = `    "${name}"`;
      if (contype === 'x') s += ` ${condef}`;
      else {
        if (isT(primary)) s += ' PRIMARY KEY,';
        else if (isT(unique)) s += contype === 'u' ? ' UNIQUE CONSTRAINT,' : ' UNIQUE,';
        const def = indexdef ?? '';
        const using = def.indexOf(' USING ');
        s += ` ${using >= 0 ? def.slice(using + 7) : def}`;
        if (isT(deferrable)) s += ' DEFERRABLE';
        if (isT(deferred)) s += ' INITIALLY DEFERRED';
      }
      if (isT(clustered)) s += ' CLUSTER';
      if (!isT(valid)) s += ' INVALID';
      if (isT(replident)) s += ' REPLICA IDENTITY';
      footers.push(s);
      if (!(await tablespaceFooter(cx, 'i', space ?? '0', false, footers))) return false;
    }
  }
  if (info.checks) {
    const r = await cx.exec('SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\nFROM pg_catalog.pg_constraint r\n' +
      `WHERE r.conrelid = '${oid}' AND r.contype = 'c'\nORDER BY 1;`);
    if (!r) return false;
    if (r.rows.length) footers.push('Check constraints:');
    for (const [name, def] of r.rows) footers.push(`    "${name}" ${def}`);
  }
  if (info.hastriggers || info.relkind === 'p') {
    const partitioned = info.ispartition || info.relkind === 'p';
    const r = await cx.exec(partitioned
      ? `SELECT conrelid = '${oid}'::pg_catalog.regclass AS sametable,\n       conname,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef,\n` +
        `       conrelid::pg_catalog.regclass AS ontable\n  FROM pg_catalog.pg_constraint,\n       pg_catalog.pg_partition_ancestors('${oid}')\n` +
        " WHERE conrelid = relid AND contype = 'f' AND conparentid = 0\nORDER BY sametable DESC, conname;"
      : 'SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n  conrelid::pg_catalog.regclass AS ontable\n' +
        `FROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '${oid}' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname`);
    if (!r) return false;
    if (r.rows.length) footers.push('Foreign-key constraints:');
    for (const [same, name, def, on] of r.rows) {
      footers.push(same === 'f' ? `    TABLE "${on}" CONSTRAINT "${name}" ${def}` : `    "${name}" ${def}`);
    }
    const ref = await cx.exec('SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n' +
      `  FROM pg_catalog.pg_constraint c\n WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('${oid}')\n` +
      `                     UNION ALL VALUES ('${oid}'::pg_catalog.regclass))\n       AND contype = 'f' AND conparentid = 0\nORDER BY conname;`);
    if (!ref) return false;
    if (ref.rows.length) footers.push('Referenced by:');
    for (const [name, on, def] of ref.rows) footers.push(`    TABLE "${on}" CONSTRAINT "${name}" ${def}`);
  }
  return (await policyFooters(cx, info, footers)) && (await otherTableFooters(cx, info, footers));
}

async function policyFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const r = await cx.exec('SELECT pol.polname, pol.polpermissive,\n' +
    "  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n" +
    '  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n' +
    "  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n" +
    `    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '${info.oid}' ORDER BY 1;`);
  if (!r) return false;
  const n = r.rows.length, rls = info.rowsecurity, forced = info.forcerowsecurity;
  if (rls && !forced && n > 0) footers.push('Policies:');
  if (rls && forced && n > 0) footers.push('Policies (forced row security enabled):');
  if (rls && !forced && n === 0) footers.push('Policies (row security enabled): (none)');
  if (rls && forced && n === 0) footers.push('Policies (forced row security enabled): (none)');
  if (!rls && n > 0) footers.push('Policies (row security disabled):');
  for (const [name, permissive, roles, qual, check, cmd] of r.rows) {
    let s = `    POLICY "${name}"`;
    if (permissive === 'f') s += ' AS RESTRICTIVE';
    if (cmd !== null) s += ` FOR ${cmd}`;
    if (roles !== null) s += `\n      TO ${roles}`;
    if (qual !== null) s += `\n      USING (${qual})`;
    if (check !== null) s += `\n      WITH CHECK (${check})`;
    footers.push(s);
  }
  return true;
}

/** Extended statistics, rules and publications. */
async function otherTableFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const { oid } = info;
  const st = await cx.exec('SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\n' +
    "pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n" +
    `  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '${oid}'\nORDER BY nsp, stxname;`);
  if (!st) return false;
  if (st.rows.length) footers.push('Statistics objects:');
  for (const [, rel, nsp, name, columns, nd, deps, mcv, target] of st.rows) {
    const kinds = [isT(nd) && 'ndistinct', isT(deps) && 'dependencies', isT(mcv) && 'mcv'].filter(Boolean);
    let s = `    "${nsp}.${name}"`;
    if (kinds.length > 0 && kinds.length < 3) s += ` (${kinds.join(', ')})`;
    s += ` ON ${columns} FROM ${rel}`;
    if (target !== null && target !== '-1') s += `; STATISTICS ${target}`;
    footers.push(s);
  }
  if (info.hasrules && info.relkind !== 'm') {
    const r = await cx.exec("SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled\n" +
      `FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '${oid}' ORDER BY 1;`);
    if (!r) return false;
    const headings: [string, string][] = [['O', 'Rules:'], ['D', 'Disabled rules:'], ['A', 'Rules firing always:'], ['R', 'Rules firing on replica only:']];
    for (const [state, heading] of headings) {
      const rules = r.rows.filter(row => row[2] === state);
      if (rules.length) footers.push(heading, ...rules.map(row => `    ${(row[1] ?? '').slice(12)}`));
    }
  }
  const pub = await cx.exec('SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n' +
    '     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\n' +
    `WHERE pc.oid ='${oid}' and pg_catalog.pg_relation_is_publishable('${oid}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n` +
    "     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n" +
    '           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n' +
    '                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) ' +
    'FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n' +
    `     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '${oid}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\n` +
    `FROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('${oid}')\nORDER BY 1;`);
  if (!pub) return false;
  if (pub.rows.length) footers.push('Publications:');
  for (const [name, filter, columns] of pub.rows) {
    footers.push(`    "${name}"${columns !== null ? ` (${columns})` : ''}${filter !== null ? ` WHERE ${filter}` : ''}`);
  }
  return true;
}

/** \d+ of a view: its definition and rules. */
export async function viewFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  if (!(info.relkind === 'v' || info.relkind === 'm') || !info.verbose) return true;
  const r = await cx.exec(`SELECT pg_catalog.pg_get_viewdef('${info.oid}'::pg_catalog.oid, true);`);
  if (!r) return false;
  if (r.rows.length === 0) return true;
  footers.push('View definition:', r.rows[0][0] ?? '');
  if (info.hasrules) {
    const rules = await cx.exec("SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))\n" +
      `FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '${info.oid}' AND r.rulename != '_RETURN' ORDER BY 1;`);
    if (!rules) return false;
    if (rules.rows.length) footers.push('Rules:', ...rules.rows.map(row => ` ${(row[1] ?? '').slice(12)}`));
  }
  return true;
}

/** Triggers, then what ends a table's description: parents, children or partitions, typed table, identity, access method, options. */
export async function triggerAndTrailingFooters(cx: DescribeContext, info: TableInfo, footers: Footers): Promise<boolean> {
  const { oid, relkind: k, verbose } = info;
  if (info.hastriggers && !(await triggerFooters(cx, oid, footers))) return false;
  if ('rmfpIt'.includes(k)) {
    const partitioned = k === 'p' || k === 'I';
    const parents = await cx.exec('SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n' +
      `WHERE c.oid = i.inhparent AND i.inhrelid = '${oid}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;`);
    if (!parents) return false;
    parents.rows.forEach((row, i) => {
      footers.push(`${i === 0 ? 'Inherits: ' : ' '.repeat('Inherits'.length + 2)}${row[0]}${i < parents.rows.length - 1 ? ',' : ''}`);
    });
    const kids = await cx.exec('SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\n' +
      `FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '${oid}'\n` +
      "ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;");
    if (!kids) return false;
    const n = kids.rows.length;
    if (partitioned && n === 0) footers.push('Number of partitions: 0');
    else if (!verbose) {
      if (n > 0) footers.push(partitioned ? `Number of partitions: ${n} (Use \\d+ to list them.)` : `Number of child tables: ${n} (Use \\d+ to list them.)`);
    } else {
      const label = partitioned ? 'Partitions' : 'Child tables';
      kids.rows.forEach(([name, kind, detach, bound], i) => {
        let s = `${i === 0 ? `${label}: ` : ' '.repeat(label.length + 2)}${name}`;
        if (bound !== null) s += ` ${bound}`;
        if (kind === 'p' || kind === 'I') s += ', PARTITIONED';
        else if (kind === 'f') s += ', FOREIGN';
        if (isT(detach)) s += ' (DETACH PENDING)';
        footers.push(s + (i < n - 1 ? ',' : ''));
      });
    }
    if (info.reloftype) footers.push(`Typed table of type: ${info.reloftype}`);
    const ident = info.relreplident;
    if (verbose && (k === 'r' || k === 'm') && ident !== 'i' &&
      ((info.schema !== 'pg_catalog' && ident !== 'd') || (info.schema === 'pg_catalog' && ident !== 'n'))) {
      footers.push(`Replica Identity: ${ident === 'f' ? 'FULL' : ident === 'd' ? 'NOTHING' : '???'}`);
    }
    if (!(await tablespaceFooter(cx, k, info.tablespace, true, footers))) return false;
    if (verbose && info.relam !== null && !cx.shell.vars.bool('HIDE_TABLEAM')) footers.push(`Access method: ${info.relam}`);
  }
  if (verbose && info.reloptions) footers.push(`Options: ${info.reloptions}`);
  return true;
}

async function triggerFooters(cx: DescribeContext, oid: string, footers: Footers): Promise<boolean> {
  const r = await cx.exec('SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n' +
    '  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n     FROM pg_catalog.pg_trigger AS u,\n' +
    '          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n' +
    '     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n' +
    `  END AS parent\nFROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '${oid}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;`);
  if (!r) return false;
  const categories: [(en: string, internal: boolean) => boolean, string][] = [
    [en => en === 'O' || en === 't', 'Triggers:'],
    [(en, internal) => (en === 'D' || en === 'f') && !internal, 'Disabled user triggers:'],
    [(en, internal) => (en === 'D' || en === 'f') && internal, 'Disabled internal triggers:'],
    [en => en === 'A', 'Triggers firing always:'],
    [en => en === 'R', 'Triggers firing on replica only:'],
  ];
  for (const [belongs, heading] of categories) {
    const rows = r.rows.filter(row => belongs(row[2] ?? '', isT(row[3])));
    if (rows.length) footers.push(heading);
    for (const [, def, , , parent] of rows) {
      const d = def ?? '';
      const at = d.indexOf(' TRIGGER ');
      footers.push(`    ${at >= 0 ? d.slice(at + 9) : d}${parent !== null ? `, ON TABLE ${parent}` : ''}`);
    }
  }
  return true;
}
