// Functions and procedures in a dump, as pg_dump's getFuncs and dumpFunc read and write them:
// CREATE FUNCTION schema.name(arguments) RETURNS result, LANGUAGE and the options that differ
// from the defaults, SET clauses, the body dollar-quoted (or a SQL-standard body), then the
// owner and the comment.
import { fmtId, literal } from './names.js';
import type { Namespace } from './read.js';
import type { Row } from './source.js';
import type { TocEntry } from './entries.js';

export interface FunctionDef {
  oid: string; name: string; ns: Namespace; owner: string;
  /** 'f' function, 'p' procedure */
  kind: string;
  args: string; identityArgs: string; result: string; typesTag: string;
  language: string; volatile: string; strict: boolean; secdef: boolean; leakproof: boolean;
  cost: string; rows: string; retset: boolean; parallel: string; config: string[]; src: string; sqlBody: string | null;
}

const bool = (v: string | null): boolean => v === 't';
const str = (v: string | null): string => v ?? '';

/** getFuncs: the user's functions and procedures (aggregates are aggregates.ts's). */
export async function readFunctions(q: (sql: string) => Promise<Row[]>, namespaces: Map<string, Namespace>,
  owner: (oid: string | null) => string): Promise<FunctionDef[]> {
  const out: FunctionDef[] = [];
  for (const r of await q(`SELECT p.oid, p.proname, p.pronamespace, p.proowner, p.prokind, pg_catalog.pg_get_function_arguments(p.oid),
      pg_catalog.pg_get_function_identity_arguments(p.oid), pg_catalog.pg_get_function_result(p.oid), pg_catalog.oidvectortypes(p.proargtypes),
      l.lanname, p.provolatile, p.proisstrict, p.prosecdef, p.proleakproof, p.procost, p.prorows, p.proretset, p.proparallel,
      pg_catalog.array_to_string(p.proconfig, E'\\n'), p.prosrc, pg_catalog.pg_get_function_sqlbody(p.oid)
      FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE p.oid >= 16384 AND p.prokind IN ('f', 'p')`)) {
    const ns = namespaces.get(str(r[2]));
    if (!ns) continue;
    out.push({
      oid: str(r[0]), name: str(r[1]), ns, owner: owner(r[3]), kind: str(r[4]), args: str(r[5]), identityArgs: str(r[6]), result: str(r[7]),
      typesTag: str(r[8]), language: str(r[9]), volatile: str(r[10]), strict: bool(r[11]), secdef: bool(r[12]), leakproof: bool(r[13]),
      cost: str(r[14]), rows: str(r[15]), retset: bool(r[16]), parallel: str(r[17]), config: r[18] ? str(r[18]).split('\n') : [], src: str(r[19]),
      sqlBody: r[20],
    });
  }
  return out;
}

/**
 * appendStringLiteralDQ: $$…$$, the tag lengthened (by _, then X…) while the text contains it
 * without its closing $ — a text ending in $foo must not be quoted with $foo$.
 */
function dollarQuote(s: string): string {
  const SUFFIXES = '_XXXXXXX';
  let tag = '$', next = 0;
  while (s.includes(tag)) {
    tag += SUFFIXES[next++];
    next %= SUFFIXES.length;
  }
  return `${tag}$${s}${tag}$`;
}

/** A SET value as pg_dump writes it: list-valued settings (search_path …) element by element. */
function setValue(name: string, value: string): string {
  const LIST = ['local_preload_libraries', 'search_path', 'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories'];
  if (LIST.includes(name.toLowerCase())) return value.split(',').map(v => literal(v.trim().replace(/^"(.*)"$/, '$1'))).join(', ');
  return literal(value);
}

/** dumpFunc: the function's entry, its comment's. */
export function functionEntries(f: FunctionDef, comment: string | undefined): TocEntry[] {
  const keyword = f.kind === 'p' ? 'PROCEDURE' : 'FUNCTION';
  const sig = `${fmtId(f.name)}(${f.args})`;
  let defn = `CREATE ${keyword} ${fmtId(f.ns.name)}.${sig}`;
  if (f.kind !== 'p') defn += ` RETURNS ${f.result}`;
  defn += `\n    LANGUAGE ${fmtId(f.language)}`;
  if (f.volatile === 'i') defn += ' IMMUTABLE';
  else if (f.volatile === 's') defn += ' STABLE';
  if (f.strict) defn += ' STRICT';
  if (f.secdef) defn += ' SECURITY DEFINER';
  if (f.leakproof) defn += ' LEAKPROOF';
  const defaultCost = f.language === 'internal' || f.language === 'c' ? '1' : '100';
  if (f.cost !== '0' && f.cost !== defaultCost) defn += ` COST ${f.cost}`;
  if (f.retset && f.rows !== '0' && f.rows !== '1000') defn += ` ROWS ${f.rows}`;
  if (f.parallel === 's') defn += ' PARALLEL SAFE';
  else if (f.parallel === 'r') defn += ' PARALLEL RESTRICTED';
  for (const c of f.config) {
    const i = c.indexOf('=');
    defn += `\n    SET ${c.slice(0, i)} TO ${setValue(c.slice(0, i), c.slice(i + 1))}`;
  }
  defn += `\n    ${f.sqlBody !== null ? f.sqlBody : `AS ${dollarQuote(f.src)}`};\n`;
  const identity = `${fmtId(f.name)}(${f.identityArgs})`;
  const out: TocEntry[] = [{ tag: `${f.name}(${f.typesTag})`, desc: keyword, namespace: f.ns.name, owner: f.owner, defn,
    ownerStmt: `ALTER ${keyword} ${fmtId(f.ns.name)}.${identity} OWNER TO ${fmtId(f.owner)};` }];
  if (comment !== undefined) {
    out.push({ tag: `${keyword} ${identity}`, desc: 'COMMENT', namespace: f.ns.name, owner: f.owner,
      defn: `COMMENT ON ${keyword} ${fmtId(f.ns.name)}.${identity} IS ${literal(comment)};\n` });
  }
  return out;
}
