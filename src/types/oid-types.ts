// oid and the reg* types (regclass, regtype, regnamespace): oids that read and print as
// names. Names live in the catalog, which types may not import, so each session installs
// a RegLookup for its settings object (the one every input/output call receives).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { cmpNum, defineType, isSpaceCode } from './base.js';
import { parseOid } from './integers.js';
import { cast, comparisonOps, fn, op } from './define.js';
import { typeByOid } from './registry.js';
import type { FormatSettings } from './type.js';
import './vector-types.js';

/** What the reg* types need from the catalog, as seen by one session (search path, database). */
export interface RegLookup {
  /** Current database name (three-part names must name it). */
  database: string;
  /** A relation's oid by optional schema and name along the search path; throws for a missing schema. */
  relationOid(schema: string | null, name: string): number | undefined;
  /** regclassout: the name, schema-qualified when not visible, each part quoted as needed. */
  relationName(oid: number): string | undefined;
  namespaceOid(name: string): number | undefined;
  namespaceName(oid: number): string | undefined;
  /** A type name as SQL writes it ('integer', 'varchar(10)', 'int4[]'); throws 42704 when unknown. */
  typeOid(text: string): number;
  /** regprocin ("name") / regprocedurein ("name(type, …)"): the function's oid; PostgreSQL's errors otherwise. */
  procOid(text: string, withArgs: boolean): number;
  /** regprocout / regprocedureout: undefined when no function has the oid. */
  procName(oid: number, withArgs: boolean): string | undefined;
  /** regoperin ("name") / regoperatorin ("name(left, right)", NONE for a missing operand). */
  operOid(text: string, withArgs: boolean): number;
  /** regoperout / regoperatorout: undefined when no operator has the oid. */
  operName(oid: number, withArgs: boolean): string | undefined;
}

const lookups = new WeakMap<FormatSettings, RegLookup>();

export function installRegLookup(settings: FormatSettings, lookup: RegLookup): void {
  lookups.set(settings, lookup);
}

function lookupFor(s: FormatSettings, what: string): RegLookup {
  const l = lookups.get(s);
  if (!l) throw new PgError('0A000', `${what} name lookup is not available here`);
  return l;
}

const invalidName = () => new PgError('42602', 'invalid name syntax');
const NAMEDATALEN = 64;

function truncateIdent(s: string): string {
  if (Buffer.byteLength(s, 'utf8') < NAMEDATALEN) return s;
  let out = '', n = 0;
  for (const ch of s) {
    const l = Buffer.byteLength(ch, 'utf8');
    if (n + l > NAMEDATALEN - 1) break;
    out += ch;
    n += l;
  }
  return out;
}

/**
 * SplitIdentifierString with '.': quoted parts keep case ("" is a quote), unquoted ones
 * are downcased (ASCII only); whitespace may surround each part. Null when malformed.
 */
export function splitQualifiedName(s: string): string[] | null {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  if (i >= n) return out;
  for (;;) {
    let part: string;
    if (s[i] === '"') {
      part = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) return null;
        part += s.slice(i, q);
        if (s[q + 1] === '"') { part += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      const start = i;
      while (i < n && s[i] !== '.' && !isSpaceCode(s.charCodeAt(i))) i++;
      if (i === start) return null;
      part = s.slice(start, i).replace(/[A-Z]+/g, m => m.toLowerCase());
    }
    out.push(truncateIdent(part));
    while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
    if (i >= n) return out;
    if (s[i] !== '.') return null;
    i++;
    while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
  }
}

/** stringToQualifiedNameList: a non-empty list of names or 42602. */
export function qualifiedNameList(s: string): string[] {
  const parts = splitQualifiedName(s);
  if (!parts || parts.length === 0) throw invalidName();
  return parts;
}

/** makeRangeVarFromNameList + RangeVarGetRelid for regclass input. */
function relationOidFromNames(names: string[], l: RegLookup): number {
  if (names.length > 3) {
    throw new PgError('42601', `improper relation name (too many dotted names): ${names.join('.')}`);
  }
  if (names.length === 3 && names[0] !== l.database) {
    throw new PgError('0A000', `cross-database references are not implemented: "${names.join('.')}"`);
  }
  const rel = names[names.length - 1];
  const schema = names.length > 1 ? names[names.length - 2] : null;
  const oid = l.relationOid(schema, rel);
  if (oid === undefined) throw new PgError('42P01', `relation "${schema ? `${schema}.${rel}` : rel}" does not exist`);
  return oid;
}

const allDigits = (s: string) => s.length > 0 && /^[0-9]+$/.test(s);

export function regclassIn(text: string, s: FormatSettings): number {
  if (text === '-') return 0;
  if (allDigits(text)) return parseOid(text);
  return relationOidFromNames(qualifiedNameList(text), lookupFor(s, 'relation'));
}

/** regclass(text): names only (no numeric form), as text_regclass. */
export function textToRegclass(text: string, s: FormatSettings): number {
  return relationOidFromNames(qualifiedNameList(text), lookupFor(s, 'relation'));
}

export function regclassOut(oid: number, s: FormatSettings): string {
  if (oid === 0) return '-';
  return lookups.get(s)?.relationName(oid) ?? String(oid);
}

export function regnamespaceIn(text: string, s: FormatSettings): number {
  if (text === '-') return 0;
  if (allDigits(text)) return parseOid(text);
  const names = qualifiedNameList(text);
  if (names.length !== 1) throw invalidName();
  const oid = lookupFor(s, 'schema').namespaceOid(names[0]);
  if (oid === undefined) throw new PgError('3F000', `schema "${names[0]}" does not exist`);
  return oid;
}

export function regnamespaceOut(oid: number, s: FormatSettings): string {
  if (oid === 0) return '-';
  return lookups.get(s)?.namespaceName(oid) ?? String(oid);
}

export function regtypeIn(text: string, s: FormatSettings): number {
  if (text === '-') return 0;
  if (allDigits(text)) return parseOid(text);
  return lookupFor(s, 'type').typeOid(text);
}

/** format_type(oid, typmod) without a catalog: built-in types only, the oid otherwise. */
export function formatType(oid: number, typmod: number | null): string {
  const t = typeByOid(oid);
  // the pseudo-type "any" (an aggregate's or a VARIADIC "any" function's argument) is not a registered type
  if (!t) return oid === 2276 ? '"any"' : String(oid);
  // no typmod given (format_type(oid, NULL), regtype): bpchar reads as "character"
  if (typmod === null && (oid === OID.bpchar || (t.category === 'A' && t.elem === OID.bpchar))) return oid === OID.bpchar ? 'character' : 'character[]';
  return t.formatType(typmod ?? -1);
}

export const regtypeOut = (oid: number): string => (oid === 0 ? '-' : formatType(oid, null));

const cmpN = (a: unknown, b: unknown): number => cmpNum(a as number, b as number);

defineType({
  oid: OID.regclass, name: 'regclass', category: 'N', preferred: false, len: 4, array: OID._regclass,
  input: (t, _m, s) => regclassIn(t, s), output: (v, s) => regclassOut(v as number, s), compare: cmpN,
});
defineType({
  oid: OID.regnamespace, name: 'regnamespace', category: 'N', preferred: false, len: 4, array: OID._regnamespace,
  input: (t, _m, s) => regnamespaceIn(t, s), output: (v, s) => regnamespaceOut(v as number, s), compare: cmpN,
});
defineType({
  oid: OID.regtype, name: 'regtype', category: 'N', preferred: false, len: 4, array: OID._regtype,
  input: (t, _m, s) => regtypeIn(t, s), output: (v) => regtypeOut(v as number), compare: cmpN,
});

for (const [name, oid, arr, withArgs] of [['regproc', OID.regproc, OID._regproc, false], ['regprocedure', OID.regprocedure, OID._regprocedure, true]] as const) {
  defineType({
    oid, name, category: 'N', preferred: false, len: 4, array: arr,
    input: (t, _m, s) => {
      if (t === '-') return 0;
      if (allDigits(t)) return parseOid(t);
      return lookupFor(s, 'function').procOid(t, withArgs);
    },
    output: (v, s) => (v === 0 ? '-' : lookups.get(s)?.procName(v as number, withArgs) ?? String(v)),
    compare: cmpN,
  });
}

// (an operator may be named "-": only digits are an oid, and 0 prints as 0)
for (const [name, oid, arr, withArgs] of [['regoper', OID.regoper, OID._regoper, false], ['regoperator', OID.regoperator, OID._regoperator, true]] as const) {
  defineType({
    oid, name, category: 'N', preferred: false, len: 4, array: arr,
    input: (t, _m, s) => (allDigits(t) ? parseOid(t) : lookupFor(s, 'operator').operOid(t, withArgs)),
    output: (v, s) => (v === 0 ? '0' : lookups.get(s)?.operName(v as number, withArgs) ?? String(v)),
    compare: cmpN,
  });
}

// xid, cid (transaction and command ids, unsigned 32-bit) and tid ("(block,offset)"): the
// types of the system columns pg_attribute lists.
for (const [name, oid, arr] of [['xid', OID.xid, OID._xid], ['cid', OID.cid, OID._cid]] as const) {
  defineType({
    oid, name, category: 'U', preferred: false, len: 4, array: arr,
    input: (t) => {
      if (!/^\s*[+-]?\d+\s*$/.test(t)) throw new PgError('22P02', `invalid input syntax for type ${name}: "${t}"`);
      return Number(BigInt.asUintN(32, BigInt(t.trim())));
    },
    output: (v) => String(v), compare: cmpN,
  });
}
// xid8: a full 64-bit transaction id (pg_current_xact_id); Relata's xids fit a double exactly
defineType({
  oid: OID.xid8, name: 'xid8', category: 'U', preferred: false, len: 8, array: OID._xid8,
  // xid8in reads with strtou64 and checks nothing: what does not parse is 0
  input: (t) => {
    const m = /^\s*(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)/i.exec(t);
    return m ? Number(BigInt.asUintN(64, BigInt(/^0[0-7]/.test(m[1]) ? `0o${m[1].slice(1)}` : m[1]))) : 0;
  },
  output: (v) => String(v), compare: cmpN,
});
comparisonOps(OID.xid8, OID.xid8, cmpN, OID.bool);
// xid(xid8): the low 32 bits (explicit only)
cast(OID.xid8, OID.xid, 'e', (v: number) => Number(BigInt.asUintN(32, BigInt(v))));
defineType({
  oid: OID.tid, name: 'tid', category: 'U', preferred: false, len: 6, array: OID._tid,
  input: (t) => {
    const m = /^\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*$/.exec(t);
    if (!m) throw new PgError('22P02', `invalid input syntax for type tid: "${t}"`);
    return `(${Number(m[1])},${Number(m[2])})`;
  },
  output: (v) => v as string,
  compare: (a, b) => {
    const [x1, y1] = (a as string).slice(1, -1).split(',').map(Number), [x2, y2] = (b as string).slice(1, -1).split(',').map(Number);
    return x1 - x2 || y1 - y2;
  },
});

// xid = xid, xid <> xid (xideq, xidneq), xid = integer (xideqint4), cid = cid: comparing system columns
for (const [l, r] of [[OID.xid, OID.xid], [OID.xid, OID.int4], [OID.cid, OID.cid]] as const) {
  op('=', l, r, OID.bool, (a, b) => Number(a) === Number(b));
  if (r !== OID.cid) op('<>', l, r, OID.bool, (a, b) => Number(a) !== Number(b));
}

// int2vector and oidvector: vector-types.ts (imported above)

// oid comparisons; the reg* types reach them through their binary casts to oid
comparisonOps(OID.oid, OID.oid, cmpN, OID.bool);

// text → regclass is implicit (regclass(text)), so nextval('name'::text) works
const textRegclass = (v: string, ctx: { settings: FormatSettings }) => textToRegclass(v, ctx.settings);
cast(OID.text, OID.regclass, 'i', textRegclass);
cast(OID.varchar, OID.regclass, 'i', textRegclass);

fn('format_type', [OID.oid, OID.int4], OID.text,
  ([oid, typmod]) => (oid === null ? null : oid === 0 ? '-' : typeByOid(oid as number) ? formatType(oid as number, typmod as number | null) : '???'),
  { strict: false });
