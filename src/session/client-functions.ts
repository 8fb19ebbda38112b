// Functions clients and ORMs call to learn about the server, the session and access:
// version(), current_database(), pg_backend_pid(), pg_get_userbyid, pg_encoding_to_char,
// the has_*_privilege family and pg_has_role, pg_table_is_visible / pg_type_is_visible,
// pg_size_pretty and the relation size functions.
import { userFunctionByOid, userFunctionIsVisible, userFunctionsNamed } from '../functions/catalog.js';
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { compositeEntryIsVisible, relationByOid, relationIsVisible } from '../catalog/oid-index.js';
import type { Relation, UserFunction } from '../catalog/objects.js';
import { sharedOf, type Role } from '../catalog/shared.js';
import { parse } from '../parser/index.js';
import { OID } from '../types/oids.js';
import { functionsNamed, registerFunction, typeByOid, type EvalContext } from '../types/registry.js';
import { regnamespaceIn, regtypeIn, textToRegclass } from '../types/oid-types.js';
import { databaseObject, schemaObject } from '../privileges/check.js';
import { registerSignalFunctions } from './backend-signals.js';
import { anyColumnPrivilege, columnPrivilege, holdsAny, privilegeMask, registerAclFunctions, tablePrivilege } from '../privileges/functions.js';

/** What these functions read of the session (Session has it all). */
interface ClientSession {
  database: string;
  user: string;
  pid?: number;
  engine: { catalog: Catalog };
  lookupPath(): string[];
}

const sessionOf = (ctx: EvalContext) => ctx.session as ClientSession;
const catalogOf = (ctx: EvalContext) => sessionOf(ctx).engine.catalog;

export const SERVER_VERSION = '15.18';
const STARTED_MICROS = (Date.now() - Date.UTC(2000, 0, 1)) * 1000;

/** PostgreSQL's encoding numbers (pg_enc), for pg_encoding_to_char / pg_char_to_encoding. */
const ENCODINGS = ['SQL_ASCII', 'EUC_JP', 'EUC_CN', 'EUC_KR', 'EUC_TW', 'EUC_JIS_2004', 'UTF8', 'MULE_INTERNAL', 'LATIN1', 'LATIN2',
  'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9', 'LATIN10', 'WIN1256', 'WIN1258', 'WIN866', 'WIN874', 'KOI8R',
  'WIN1251', 'WIN1252', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7', 'ISO_8859_8', 'WIN1250', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1257',
  'KOI8U', 'SJIS', 'BIG5', 'GBK', 'UHC', 'GB18030', 'JOHAB', 'SHIFT_JIS_2004'];

/** The privileges each kind of object has, for the has_*_privilege checks of the privilege text. */
const PRIVILEGES: Record<string, string[]> = {
  table: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'],
  column: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
  sequence: ['USAGE', 'SELECT', 'UPDATE'],
  schema: ['CREATE', 'USAGE'],
  database: ['CREATE', 'CONNECT', 'TEMPORARY', 'TEMP'],
  function: ['EXECUTE'],
  role: ['MEMBER', 'USAGE', 'SET'],
};

/** "select, insert WITH GRANT OPTION": every privilege named must be one the object kind has. */
function privileges(kind: string, text: string): string[] {
  return text.split(',').map(p => {
    const name = p.trim().toUpperCase().replace(/\s+WITH\s+(GRANT|ADMIN)\s+OPTION$/, '');
    if (!PRIVILEGES[kind].includes(name)) throw new PgError('22023', `unrecognized privilege type: "${p.trim()}"`);
    return name;
  });
}

function roleByName(ctx: EvalContext, name: string): Role {
  const r = sharedOf(catalogOf(ctx)).roles.get(name);
  if (!r) throw new PgError('42704', `role "${name}" does not exist`);
  return r;
}

function roleByOid(ctx: EvalContext, oid: number): Role | null {
  return sharedOf(catalogOf(ctx)).roleByOid(oid) ?? null;
}

/** A relation named by text as regclass reads it (qualified or along the search path). */
function relationByName(ctx: EvalContext, text: string): Relation {
  const parts = qualifiedName(text);
  const s = sessionOf(ctx);
  const r = catalogOf(ctx).findRelation(parts.length > 1 ? parts[0] : null, parts[parts.length - 1], s.lookupPath());
  if (!r) throw new PgError('42P01', `relation "${text}" does not exist`);
  return r;
}

/** A dotted name as SQL reads it (quoted parts keep their case). */
function qualifiedName(text: string): string[] {
  try {
    const stmts = parse(`SELECT * FROM ${text}`);
    const rv = stmts[0]?.stmt.SelectStmt?.fromClause?.[0]?.RangeVar;
    if (stmts.length === 1 && rv) return [rv.schemaname, rv.relname].filter(Boolean);
  } catch { /* an invalid name */ }
  throw new PgError('42602', `invalid name syntax`);
}

/**
 * Relata does not restrict access by privileges yet (every role may use every object), so a
 * privilege check answers what access is: granted, once the object and privilege are valid.
 */
function register(name: string, argSets: number[][], check: (args: unknown[], ctx: EvalContext) => boolean | null): void {
  for (const args of argSets) registerFunction({ name, args, ret: OID.bool, volatility: 's', strict: true, fn: (a, ctx) => check(a, ctx) });
}

/**
 * The user-less and user forms (name or oid) of a has_*_privilege function over objects named
 * by text or oid: `object` finds the object (null: an unknown oid, answered NULL) and `answer`
 * says whether the role holds any of the privileges named (privileges/functions.ts).
 */
function privilegeFunction<T>(name: string, objectTypes: number[], object: (obj: unknown, ctx: EvalContext) => T | null,
  answer: (cat: Catalog, role: string, obj: T, priv: string) => boolean): void {
  const sets: number[][] = [];
  for (const t of objectTypes) sets.push([t, OID.text], [OID.name, t, OID.text], [OID.oid, t, OID.text]);
  register(name, sets, (a, ctx) => {
    const [obj, priv] = a.length === 2 ? a : a.slice(1);
    let role = sessionOf(ctx).user;
    if (a.length === 3) {
      if (typeof a[0] === 'string') role = roleByName(ctx, a[0]).name;
      else {
        const r = roleByOid(ctx, Number(a[0]));
        if (!r) return null;
        role = r.name;
      }
    }
    const o = object(obj, ctx);
    if (o === null) return null;
    return answer(catalogOf(ctx), role, o, String(priv));
  });
}

/** A user function named "f(int, text)" when its name alone picks one along the path (argument types are not compared), else true: a built-in one. */
function functionNamed(ctx: EvalContext, text: string): UserFunction | true {
  const name = text.replace(/\(.*$/s, '').trim();
  const parts = name.split('.');
  const found = userFunctionsNamed(catalogOf(ctx), parts.length > 1 ? parts[0] : null, parts[parts.length - 1], sessionOf(ctx).lookupPath());
  return found.length === 1 ? found[0] : true;
}

let registered = false;
export function registerClientFunctions(): void {
  if (registered) return;
  registered = true;
  registerAclFunctions();
  registerSignalFunctions();
  const fn = (name: string, args: number[], ret: number, f: (a: unknown[], ctx: EvalContext) => unknown, volatility: 'i' | 's' | 'v' = 's') =>
    registerFunction({ name, args, ret, volatility, strict: true, fn: f });

  fn('version', [], OID.text, () => `PostgreSQL ${SERVER_VERSION} (Relata) on ${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-pc-linux-gnu, compiled by TypeScript, 64-bit`);
  fn('current_database', [], OID.name, (_, ctx) => sessionOf(ctx).database);
  fn('pg_backend_pid', [], OID.int4, (_, ctx) => sessionOf(ctx).pid ?? process.pid);
  fn('pg_postmaster_start_time', [], OID.timestamptz, () => STARTED_MICROS);
  fn('pg_is_in_recovery', [], OID.bool, () => false, 'v');
  fn('pg_get_userbyid', [OID.oid], OID.name, ([oid], ctx) => roleByOid(ctx, Number(oid))?.name ?? `unknown (OID=${oid})`);
  // acldefault(kind, owner): the privileges an object has before any GRANT (aclitem[] as text[] here)
  fn('acldefault', [OID.char, OID.oid], OID._text, ([kind, oid], ctx) => {
    const o = roleByOid(ctx, Number(oid))?.name ?? String(oid);
    const own: Record<string, string> = { r: 'arwdDxt', s: 'rwU', n: 'UC', f: 'X', T: 'U', l: 'U', d: 'CTc' };
    const pub: Record<string, string> = { f: 'X', T: 'U', l: 'U', d: 'Tc' };
    const k = String(kind);
    if (!(k in own)) throw new PgError('XX000', `unrecognized object type abbreviation: ${k}`);
    return [...(pub[k] ? [`=${pub[k]}/${o}`] : []), `${o}=${own[k]}/${o}`];
  });
  fn('pg_encoding_to_char', [OID.int4], OID.name, ([n]) => ENCODINGS[Number(n)] ?? '', 'i');
  fn('pg_char_to_encoding', [OID.name], OID.int4, ([s]) => ENCODINGS.indexOf(String(s).toUpperCase().replace(/^UTF-?8$|^UNICODE$/, 'UTF8')), 'i');
  fn('shobj_description', [OID.oid, OID.name], OID.text, () => null);

  fn('pg_table_is_visible', [OID.oid], OID.bool, ([oid], ctx) => {
    const r = relationByOid(catalogOf(ctx), Number(oid));
    if (r) return relationIsVisible(catalogOf(ctx), r, sessionOf(ctx).lookupPath());
    return compositeEntryIsVisible(catalogOf(ctx), Number(oid), sessionOf(ctx).lookupPath()) ?? null;
  });
  // every type lives in pg_catalog, which is always on the path
  fn('pg_type_is_visible', [OID.oid], OID.bool, ([oid]) => (typeByOid(Number(oid)) ? true : null));
  // built-in functions are in pg_catalog; a user function is visible when the path finds it first (functions/catalog.ts)
  fn('pg_function_is_visible', [OID.oid], OID.bool, ([oid], ctx) => {
    const f = userFunctionByOid(catalogOf(ctx), Number(oid));
    return f ? userFunctionIsVisible(catalogOf(ctx), f, sessionOf(ctx).lookupPath()) : true;
  });

  const relation = (obj: unknown, ctx: EvalContext): Relation | null =>
    typeof obj === 'string' ? relationByName(ctx, obj) : relationByOid(catalogOf(ctx), Number(obj)) ?? null;
  privilegeFunction('has_table_privilege', [OID.text, OID.oid], relation, (cat, role, r, p) => tablePrivilege(cat, role, r, p, 'table'));
  privilegeFunction('has_sequence_privilege', [OID.text, OID.oid], (obj, ctx) => {
    const r = relation(obj, ctx);
    if (r && r.kind !== 'sequence') throw new PgError('42809', `"${r.name}" is not a sequence`);
    return r;
  }, (cat, role, r, p) => tablePrivilege(cat, role, r, p, 'sequence'));
  privilegeFunction('has_any_column_privilege', [OID.text, OID.oid], relation, anyColumnPrivilege);
  privilegeFunction('has_schema_privilege', [OID.text, OID.oid], (obj, ctx) => {
    const cat = catalogOf(ctx);
    if (typeof obj !== 'string') return cat.schemasByOid.get(Number(obj)) ?? null;
    const s = cat.schemas.get(obj);
    if (!s) throw new PgError('3F000', `schema "${obj}" does not exist`);
    return s;
  }, (cat, role, s, p) => holdsAny(cat, role, schemaObject(s), privilegeMask('schema', p)));
  privilegeFunction('has_database_privilege', [OID.text, OID.oid], (obj, ctx) => {
    const shared = sharedOf(catalogOf(ctx));
    if (typeof obj !== 'string') return shared.databaseByOid(Number(obj)) ?? null;
    const d = shared.databases.get(obj);
    if (!d) throw new PgError('3D000', `database "${obj}" does not exist`);
    return d;
  }, (cat, role, d, p) => holdsAny(cat, role, databaseObject(d), privilegeMask('database', p)));
  // functions named by text are not resolved here: built-in ones grant EXECUTE to PUBLIC
  privilegeFunction('has_function_privilege', [OID.text, OID.oid], (obj, ctx) =>
    (typeof obj === 'string' ? functionNamed(ctx, obj) : userFunctionByOid(catalogOf(ctx), Number(obj)) ?? true),
  (cat, role, f, p) => {
    const mask = privilegeMask('function', p);
    if (f === true) return (mask & 0xffff) !== 0;
    return holdsAny(cat, role, { kind: 'f', holder: f, owner: f.owner, what: 'function', name: f.name }, mask);
  });
  for (const col of [OID.text, OID.int2]) {
    register('has_column_privilege', [[OID.text, col, OID.text], [OID.oid, col, OID.text],
      [OID.name, OID.text, col, OID.text], [OID.name, OID.oid, col, OID.text], [OID.oid, OID.text, col, OID.text], [OID.oid, OID.oid, col, OID.text]], (a, ctx) => {
      const [t, c, p] = a.length === 3 ? a : a.slice(1);
      let role = sessionOf(ctx).user;
      if (a.length === 4) {
        const r = typeof a[0] === 'string' ? roleByName(ctx, a[0]) : roleByOid(ctx, Number(a[0]));
        if (!r) return null;
        role = r.name;
      }
      privilegeMask('column', String(p));
      const r = relation(t, ctx);
      if (!r) return null;
      const cols: { name: string; attnum?: number; dropped?: boolean }[] = r.kind === 'table' || r.kind === 'view' ? r.columns : [];
      const i = typeof c === 'string' ? cols.findIndex(x => !x.dropped && x.name === c) : cols.findIndex((x, k) => (x.attnum ?? k + 1) === Number(c) && !x.dropped);
      if (i < 0 && typeof c === 'string') throw new PgError('42703', `column "${c}" of relation "${r.name}" does not exist`);
      if (i < 0) return null;
      return columnPrivilege(catalogOf(ctx), role, r, cols[i].attnum ?? i + 1, String(p));
    });
  }
  register('pg_has_role', [[OID.name, OID.text], [OID.oid, OID.text], [OID.name, OID.name, OID.text], [OID.oid, OID.oid, OID.text],
    [OID.name, OID.oid, OID.text], [OID.oid, OID.name, OID.text]], (a, ctx) => {
    const find = (v: unknown) => (typeof v === 'string' ? roleByName(ctx, v) : roleByOid(ctx, Number(v)));
    const member = a.length === 3 ? find(a[0]) : roleByName(ctx, sessionOf(ctx).user);
    const role = find(a.length === 3 ? a[1] : a[0]);
    if (!member || !role) return null;
    const [priv] = privileges('role', String(a[a.length - 1]));
    const shared = sharedOf(catalogOf(ctx));
    if (member.superuser) return true;
    return priv === 'USAGE' ? shared.isMember(member, role, true) : shared.isMember(member, role);
  });

  // to_regclass and friends: the oid, or NULL where the cast would fail for a missing object
  const orNull = (codes: string[], f: () => number) => {
    try { return f(); } catch (e) { if (e instanceof PgError && codes.includes(e.code)) return null; throw e; }
  };
  fn('to_regclass', [OID.text], OID.regclass, ([t], ctx) => orNull(['42P01', '3F000'], () => textToRegclass(String(t), ctx.settings)));
  fn('to_regtype', [OID.text], OID.regtype, ([t], ctx) => orNull(['42704', '3F000'], () => regtypeIn(String(t), ctx.settings)));
  fn('to_regnamespace', [OID.text], OID.regnamespace, ([t], ctx) => orNull(['3F000'], () => regnamespaceIn(String(t), ctx.settings)));
  fn('to_regrole', [OID.text], OID.regrole, ([t], ctx) => sharedOf(catalogOf(ctx)).roles.get(String(t))?.oid ?? null);
  fn('to_regproc', [OID.text], OID.regproc, ([t]) => {
    const defs = functionsNamed(String(t).replace(/^pg_catalog\./, ''));
    return defs?.length === 1 ? defs[0].oid ?? null : null;
  });

  // sizes: an in-memory engine has no pages; these model PostgreSQL's (relation-sizes below)
  const rel = (oid: unknown, ctx: EvalContext) => relationByOid(catalogOf(ctx), Number(oid));
  fn('pg_relation_size', [OID.regclass], OID.int8, ([oid], ctx) => { const r = rel(oid, ctx); return r ? BigInt(mainBytes(r)) : null; }, 'v');
  fn('pg_table_size', [OID.regclass], OID.int8, ([oid], ctx) => { const r = rel(oid, ctx); return r ? BigInt(mainBytes(r) + toastBytes(r)) : null; }, 'v');
  fn('pg_indexes_size', [OID.regclass], OID.int8, ([oid], ctx) => { const r = rel(oid, ctx); return r ? BigInt(indexesBytes(r)) : null; }, 'v');
  fn('pg_total_relation_size', [OID.regclass], OID.int8, ([oid], ctx) => {
    const r = rel(oid, ctx);
    return r ? BigInt(mainBytes(r) + toastBytes(r) + indexesBytes(r)) : null;
  }, 'v');
  fn('pg_database_size', [OID.name], OID.int8, ([n], ctx) => {
    if (!sharedOf(catalogOf(ctx)).databases.has(String(n))) throw new PgError('3D000', `database "${n}" does not exist`);
    return 8n * 1024n * 1024n;
  }, 'v');
  fn('pg_size_pretty', [OID.int8], OID.text, ([n]) => sizePretty(BigInt(n as bigint)), 'i');
}

const PAGE = 8192;
/** Rows per heap page and per index leaf page, roughly those of narrow rows in PostgreSQL. */
const ROWS_PER_PAGE = 100, KEYS_PER_PAGE = 300;
/** TOAST_TUPLE_THRESHOLD: a table whose rows may be longer than this has a TOAST table. */
const TOAST_THRESHOLD = 2032;

const liveRows = (t: { heap: { tuples: { xmax: number }[] } }) => t.heap.tuples.filter(x => x.xmax === 0).length;

/** The main fork: a page per started ROWS_PER_PAGE rows; an index has its metapage too; a sequence one page. */
function mainBytes(r: Relation): number {
  switch (r.kind) {
    case 'table': return Math.ceil(liveRows(r) / ROWS_PER_PAGE) * PAGE;
    case 'index': { const n = liveRows(r.table); return PAGE + (n ? Math.ceil(n / KEYS_PER_PAGE) * PAGE : 0); }
    case 'sequence': return PAGE;
    default: return 0;
  }
}

/**
 * needs_toast_table: a column of unbounded variable length (text, bytea, numeric without
 * precision …) or rows that may exceed the threshold give a table a TOAST table, whose empty
 * index is one page.
 */
function toastBytes(r: Relation): number {
  if (r.kind !== 'table') return 0;
  let max = 0;
  for (const c of r.columns) {
    if (c.dropped) continue;
    const t = typeByOid(c.typeOid);
    if (!t || t.len !== -1) { max += t?.len ?? 8; continue; }
    const bounded = (c.typeOid === OID.varchar || c.typeOid === OID.bpchar) && c.typmod > 4 ? (c.typmod - 4) * 4 + 4
      : c.typeOid === OID.numeric && c.typmod > 4 ? 32 : -1;
    if (bounded < 0) return PAGE;
    max += bounded;
  }
  return max > TOAST_THRESHOLD ? PAGE : 0;
}

function indexesBytes(r: Relation): number {
  return r.kind === 'table' ? r.indexes.reduce((sum, ix) => sum + mainBytes(ix), 0) : 0;
}

/** pg_size_pretty(bigint) as PostgreSQL 15 computes it: one extra bit kept for rounding half away from zero. */
export function sizePretty(size: bigint): string {
  const limit = 10n * 1024n, limit2 = limit * 2n - 1n;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  if (abs(size) < limit) return `${size} bytes`;
  const halfRounded = (v: bigint) => (v + (v < 0n ? -1n : 1n)) / 2n;
  let v = size >> 9n;
  for (const unit of ['kB', 'MB', 'GB', 'TB']) {
    if (abs(v) < limit2) return `${halfRounded(v)} ${unit}`;
    v >>= 10n;
  }
  return `${halfRounded(v)} PB`;
}
