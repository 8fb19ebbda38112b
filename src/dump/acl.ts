// Privileges in a dump, as pg_dump writes them (dumpACL / buildACLCommands in dumputils.c):
// for each object whose ACL is not the default, one "ACL" entry after every other entry
// (pg_restore's last pass), in the objects' order: REVOKE ALL … FROM each default item the
// ACL lost, then GRANT … for each item it gained, as its grantor when that is not the owner.
import type { TocEntry } from './entries.js';
import { aggregateSignature } from './aggregates.js';
import { fmtId, qualified } from './names.js';
import type { DumpObject } from './objects.js';
import type { DumpSource, Row } from './source.js';

/** The ACLs of the objects (null: the default), read as text items. */
export interface AclModel {
  /** pg_class, pg_namespace and pg_type oids → items; `${relid}:${attnum}` → a column's items. */
  byOid: Map<string, string[]>;
  columns: Map<string, string[]>;
}

/** An array's text (aclitem[] or text[]) as its items: {a=r/b,"\"x y\"=r/b"}. */
function arrayItems(text: string): string[] {
  const out: string[] = [];
  let i = 1;
  while (i < text.length - 1) {
    let item = '';
    if (text[i] === '"') {
      i++;
      while (text[i] !== '"') { if (text[i] === '\\') i++; item += text[i++]; }
      i++;
    } else {
      while (i < text.length - 1 && text[i] !== ',') item += text[i++];
    }
    out.push(item);
    i++; // the comma
  }
  return out;
}

export async function readAcls(src: DumpSource): Promise<AclModel> {
  const q = (sql: string): Promise<Row[]> => src.query(sql);
  const byOid = new Map<string, string[]>();
  const columns = new Map<string, string[]>();
  const add = (rows: Row[]) => { for (const [oid, acl] of rows) if (acl !== null) byOid.set(oid ?? '', arrayItems(acl)); };
  add(await q('SELECT oid, relacl::pg_catalog.text FROM pg_catalog.pg_class WHERE relacl IS NOT NULL AND oid >= 16384'));
  add(await q('SELECT oid, nspacl::pg_catalog.text FROM pg_catalog.pg_namespace WHERE nspacl IS NOT NULL'));
  add(await q('SELECT oid, typacl::pg_catalog.text FROM pg_catalog.pg_type WHERE typacl IS NOT NULL AND oid >= 16384'));
  add(await q('SELECT oid, proacl::pg_catalog.text FROM pg_catalog.pg_proc WHERE proacl IS NOT NULL AND oid >= 16384'));
  for (const [relid, attnum, acl] of await q(`SELECT attrelid, attnum, attacl::pg_catalog.text FROM pg_catalog.pg_attribute
      WHERE attacl IS NOT NULL AND attnum > 0 AND attrelid >= 16384`)) {
    if (acl !== null) columns.set(`${relid}:${attnum}`, arrayItems(acl));
  }
  return { byOid, columns };
}

/** One aclitem's parts, names unquoted. */
function parseItem(item: string): { grantee: string; privs: string; grantor: string } {
  const name = (s: string, i: number): [string, number] => {
    if (s[i] !== '"') { let j = i; while (j < s.length && s[j] !== '=' && s[j] !== '/') j++; return [s.slice(i, j), j]; }
    let out = '', j = i + 1;
    for (;;) {
      if (s[j] === '"' && s[j + 1] === '"') { out += '"'; j += 2; continue; }
      if (s[j] === '"' || j >= s.length) return [out, j + 1];
      out += s[j++];
    }
  };
  const [grantee, eq] = name(item, 0);
  const slash = item.indexOf('/', eq);
  const [grantor] = name(item, slash + 1);
  return { grantee, privs: item.slice(eq + 1, slash), grantor };
}

/** The privilege letters each kind of object can have, in the order pg_dump names them. */
const NAMES: Record<string, [string, string][]> = {
  TABLE: [['r', 'SELECT'], ['a', 'INSERT'], ['x', 'REFERENCES'], ['d', 'DELETE'], ['t', 'TRIGGER'], ['D', 'TRUNCATE'], ['w', 'UPDATE']],
  COLUMN: [['r', 'SELECT'], ['a', 'INSERT'], ['x', 'REFERENCES'], ['w', 'UPDATE']],
  SEQUENCE: [['r', 'SELECT'], ['U', 'USAGE'], ['w', 'UPDATE']],
  SCHEMA: [['C', 'CREATE'], ['U', 'USAGE']],
  TYPE: [['U', 'USAGE']],
  FUNCTION: [['X', 'EXECUTE']],
  PROCEDURE: [['X', 'EXECUTE']],
};

/** parseAclItem's privilege lists: [without, with grant option], "ALL" when every privilege is held alike. */
function privilegeLists(privs: string, kind: string, column: string | null): [string, string] {
  const without: string[] = [], withGo: string[] = [];
  let allWith = true, allWithout = true;
  const sub = column === null ? '' : `(${fmtId(column)})`;
  for (const [letter, word] of NAMES[column === null ? kind : 'COLUMN']) {
    const pos = privs.indexOf(letter);
    if (pos < 0) { allWith = allWithout = false; continue; }
    if (privs[pos + 1] === '*') { withGo.push(word + sub); allWithout = false; } else { without.push(word + sub); allWith = false; }
  }
  if (allWith) return ['', `ALL${sub}`];
  if (allWithout) return [`ALL${sub}`, ''];
  return [without.join(','), withGo.join(',')];
}

/** buildACLCommands: the statements turning `base` into `acl` for the object `target` ("TABLE public.t"). */
function aclCommands(acl: string[], base: string[], kind: string, target: string, owner: string, column: string | null): string {
  let out = '';
  const who = (name: string) => (name === '' ? 'PUBLIC' : fmtId(name));
  const onWhat = `${kind === 'SEQUENCE' || kind === 'SCHEMA' || kind === 'TYPE' || kind === 'FUNCTION' || kind === 'PROCEDURE' ? kind : 'TABLE'} ${target}`;
  for (const b of base) if (!acl.includes(b)) out += `REVOKE ALL ON ${onWhat} FROM ${who(parseItem(b).grantee)};\n`;
  for (const a of acl) {
    if (base.includes(a)) continue;
    const item = parseItem(a);
    const [plain, withGo] = privilegeLists(item.privs, kind, column);
    if (!plain && !withGo) continue;
    const asOther = item.grantor !== owner;
    if (asOther) out += `SET SESSION AUTHORIZATION ${fmtId(item.grantor)};\n`;
    if (plain) out += `GRANT ${plain} ON ${onWhat} TO ${who(item.grantee)};\n`;
    if (withGo) out += `GRANT ${withGo} ON ${onWhat} TO ${who(item.grantee)} WITH GRANT OPTION;\n`;
    if (asOther) out += 'RESET SESSION AUTHORIZATION;\n';
  }
  return out;
}

/** An owner as an aclitem names it (quoted unless letters, digits and _). */
const aclName = (n: string) => (/^[A-Za-z0-9_]+$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);

/** acldefault for each kind, by owner. */
function defaultAcl(kind: string, owner: string): string[] {
  const o = aclName(owner);
  switch (kind) {
    case 'TABLE': return [`${o}=arwdDxt/${o}`];
    case 'SEQUENCE': return [`${o}=rwU/${o}`];
    case 'SCHEMA': return [`${o}=UC/${o}`];
    case 'TYPE': return [`=U/${o}`, `${o}=U/${o}`];
    case 'FUNCTION': case 'PROCEDURE': return [`=X/${o}`, `${o}=X/${o}`];
    default: return [];
  }
}

/** The ACL entries of the dumped objects, in their order. */
export function aclEntries(model: AclModel, objects: DumpObject[]): TocEntry[] {
  const out: TocEntry[] = [];
  const entry = (tag: string, namespace: string | null, owner: string, defn: string) => {
    if (defn) out.push({ tag, desc: 'ACL', namespace, owner, defn: defn.replace(/\n$/, '') + '\n' });
  };
  for (const o of objects) {
    if (o.type === 'namespace') {
      const acl = model.byOid.get(o.ns.oid);
      // public's privileges are initdb's: what a dump restores into a new database already has them
      if (acl && o.ns.name !== 'public') entry(`SCHEMA ${o.ns.name}`, null, o.ns.owner, aclCommands(acl, defaultAcl('SCHEMA', o.ns.owner), 'SCHEMA', fmtId(o.ns.name), o.ns.owner, null));
    } else if (o.type === 'type') {
      const acl = model.byOid.get(o.typ.oid);
      if (acl) entry(`TYPE ${o.typ.name}`, o.typ.ns.name, o.typ.owner, aclCommands(acl, defaultAcl('TYPE', o.typ.owner), 'TYPE', qualified(o.typ.ns.name, o.typ.name), o.typ.owner, null));
    } else if (o.type === 'function' || o.type === 'aggregate') {
      // dumpFunc / dumpAgg: GRANT … ON FUNCTION (or PROCEDURE) schema.name(identity arguments)
      const f = o.type === 'function' ? o.fn : o.agg;
      const kind = o.type === 'function' && o.fn.kind === 'p' ? 'PROCEDURE' : 'FUNCTION';
      const sig = o.type === 'aggregate' ? aggregateSignature(o.agg, o.agg.identityArgs) : `${fmtId(f.name)}(${f.identityArgs})`;
      const acl = model.byOid.get(f.oid);
      if (acl) entry(`${kind} ${sig}`, f.ns.name, f.owner, aclCommands(acl, defaultAcl(kind, f.owner), kind, `${fmtId(f.ns.name)}.${sig}`, f.owner, null));
    } else if (o.type === 'table') {
      const r = o.rel;
      const kind = r.relkind === 'S' ? 'SEQUENCE' : 'TABLE';
      const target = qualified(r.ns.name, r.name);
      const acl = model.byOid.get(r.oid);
      if (acl) entry(`${kind} ${r.name}`, r.ns.name, r.owner, aclCommands(acl, defaultAcl(kind, r.owner), kind, target, r.owner, null));
      for (const c of r.columns) {
        const cacl = c.dropped ? undefined : model.columns.get(`${r.oid}:${c.attnum}`);
        if (cacl) entry(`COLUMN ${r.name}.${c.name}`, r.ns.name, r.owner, aclCommands(cacl, [], kind, target, r.owner, c.name));
      }
    }
  }
  return out;
}
