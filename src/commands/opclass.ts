// CREATE OPERATOR CLASS / FAMILY and ALTER OPERATOR FAMILY … ADD / DROP, as PostgreSQL's
// opclasscmds.c: members checked as assignOperTypes / assignProcTypes check them, stored in
// the family (pg_amop, pg_amproc), internal to the class that brought them.
import { PgError } from '../errors/index.js';
import type { AccessMethod, AmOp, AmProc, UserOpclass, UserOpfamily } from '../catalog/operator-objects.js';
import { addToSchema, findOpclass, findOpfamily, lookupPath } from '../catalog/operators.js';
import { userFunctionWithOid, typeText } from '../catalog/operator-procs.js';
import { userTypeByOid } from '../catalog/user-types.js';
import type { Catalog } from '../catalog/catalog.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import type { CommandContext } from './context.js';
import { findOperator, lookupProc, operatorMissing, splitName, str, typeOid } from './operator-lookup.js';
import { resolveCreationSchema } from './create-table.js';
import { getRole } from './role-options.js';
import { sharedOf } from '../catalog/shared.js';

/** pg_am: the index access methods operator classes can be made for, with amstrategies and amsupport. */
const METHODS: Record<string, { strategies: number; support: number }> = { btree: { strategies: 5, support: 5 }, hash: { strategies: 1, support: 3 } };
const OTHER_AMS = new Set(['gist', 'gin', 'spgist', 'brin']);

export function accessMethod(name: string): AccessMethod {
  if (METHODS[name]) return name as AccessMethod;
  if (OTHER_AMS.has(name)) throw new PgError('0A000', `operator classes for access method "${name}" are not supported`);
  throw new PgError('42704', `access method "${name}" does not exist`);
}

const invalid = (message: string) => new PgError('42P17', message);

/** CREATE OPERATOR CLASS / FAMILY and ALTER OPERATOR FAMILY are for superusers (opclasscmds.c). */
function superuserOnly(cx: CommandContext, what: string): void {
  if (!getRole(sharedOf(cx.catalog), cx.user).superuser) throw new PgError('42501', `must be superuser to ${what}`);
}

/** The family an opfamily name list names (get_opfamily_oid). */
export function lookupOpfamily(cx: CommandContext, names: any[], method: AccessMethod): UserOpfamily {
  const { schema, name } = splitName(cx, names);
  const f = findOpfamily(cx.catalog, schema, name, method, cx.analyze.searchPath);
  if (!f) throw new PgError('42704', `operator family "${names.map(str).join('.')}" does not exist for access method "${method}"`);
  return f;
}

/** CREATE OPERATOR FAMILY (also made implicitly by CREATE OPERATOR CLASS). */
function makeFamily(cx: CommandContext, names: any[], method: AccessMethod): UserOpfamily {
  const parts = names.map(str);
  const schema = resolveCreationSchema(cx, { schemaname: parts.length > 1 ? parts[parts.length - 2] : undefined, location: -1 });
  const name = parts[parts.length - 1];
  if (schema.opfamilies?.some(f => f.name === name && f.method === method)) {
    throw new PgError('42710', `operator family "${name}" for access method "${method}" already exists`);
  }
  const f: UserOpfamily = { kind: 'opfamily', oid: cx.catalog.allocOid(), name, schema, owner: cx.user, method, operators: [], procs: [] };
  addToSchema(cx.catalog, f);
  cx.catalog.deps.add(f, 0, schema, 0, 'n');
  return f;
}

export function createOpfamily(cx: CommandContext, n: any): string {
  superuserOnly(cx, 'create an operator family');
  makeFamily(cx, n.opfamilyname, accessMethod(n.amname));
  return 'CREATE OPERATOR FAMILY';
}

interface Members { ops: AmOp[]; procs: AmProc[] }

/** The OPERATOR / FUNCTION items of CREATE OPERATOR CLASS or ALTER OPERATOR FAMILY … ADD (typeoid 0: no class type). */
function members(cx: CommandContext, items: any[], method: AccessMethod, typeoid: number): Members & { storage: number } {
  const out: Members & { storage: number } = { ops: [], procs: [], storage: 0 };
  const m = METHODS[method];
  for (const it of items.map(i => i.CreateOpClassItem)) {
    if (it.itemtype === 1) {
      if (it.number <= 0 || it.number > m.strategies) throw invalid(`invalid operator number ${it.number}, must be between 1 and ${m.strategies}`);
      const names = it.name.objname as any[];
      const args = it.name.objargs as any[] | undefined;
      let left = typeoid, right = typeoid;
      if (args?.length) [left, right] = args.map(typeOid);
      if (it.order_family) throw new PgError('0A000', 'FOR ORDER BY operators are not supported');
      const found = findOperator(cx, names, left, right);
      if (!found) throw operatorMissing(names, left, right);
      if (!found.ref.left) throw invalid('index operators must be binary');
      if (found.result !== OID.bool) throw invalid('index search operators must return boolean');
      if (out.ops.some(o => o.strategy === it.number && o.left === left && o.right === right)) {
        throw invalid(`operator number ${it.number} for (${typeDisplayName(left)},${typeDisplayName(right)}) appears more than once`);
      }
      out.ops.push({ oid: 0, strategy: it.number, left, right, op: found.ref, opclass: null });
    } else if (it.itemtype === 2) {
      if (it.number <= 0 || it.number > m.support) throw invalid(`invalid function number ${it.number}, must be between 1 and ${m.support}`);
      const args = ((it.name.objargs ?? []) as any[]).map(typeOid);
      const { ref, impl } = lookupProc(cx, it.name.objname, args);
      let [left, right] = it.class_args?.length ? (it.class_args as any[]).map(typeOid) : [0, 0];
      if (method === 'btree' && it.number === 1) {
        if (args.length !== 2) throw invalid('btree comparison functions must have two arguments');
        if (impl.ret !== OID.int4) throw invalid('btree comparison functions must return integer');
        left ||= args[0]; right ||= args[1];
      } else if (method === 'btree') {
        throw new PgError('0A000', `btree support function ${it.number} is not supported`);
      } else {
        if (it.number === 1) {
          if (args.length !== 1) throw invalid('hash function 1 must have one argument');
          if (impl.ret !== OID.int4) throw invalid('hash function 1 must return integer');
        } else if (it.number === 2) {
          if (args.length !== 2) throw invalid('hash function 2 must have two arguments');
          if (impl.ret !== OID.int8) throw invalid('hash function 2 must return bigint');
        } else throw new PgError('0A000', `hash support function ${it.number} is not supported`);
        left ||= args[0]; right ||= args[0];
      }
      left ||= typeoid; right ||= typeoid;
      if (!left || !right) throw invalid('associated data types must be specified for index support function');
      if (out.procs.some(p => p.num === it.number && p.left === left && p.right === right)) {
        throw invalid(`function number ${it.number} for (${typeDisplayName(left)},${typeDisplayName(right)}) appears more than once`);
      }
      const fn = ref.oid ? userFunctionWithOid(cx.catalog, ref.oid) ?? null : null;
      out.procs.push({ oid: 0, num: it.number, left, right, proc: ref, fn, opclass: null });
    } else {
      if (out.storage) throw new PgError('42601', 'storage type specified more than once');
      out.storage = typeOid(it.storedtype);
    }
  }
  return out;
}

/** storeOperators / storeProcedures: into the family, with their dependencies. */
function store(cx: CommandContext, family: UserOpfamily, m: Members, opclass: UserOpclass | null): void {
  const cat = cx.catalog;
  for (const o of m.ops) {
    if (family.operators.some(x => x.strategy === o.strategy && x.left === o.left && x.right === o.right)) {
      throw new PgError('42710', `operator ${o.strategy}(${typeDisplayName(o.left)},${typeDisplayName(o.right)}) already exists in operator family "${family.name}"`);
    }
  }
  for (const p of m.procs) {
    if (family.procs.some(x => x.num === p.num && x.left === p.left && x.right === p.right)) {
      throw new PgError('42710', `function ${p.num}(${typeDisplayName(p.left)},${typeDisplayName(p.right)}) already exists in operator family "${family.name}"`);
    }
  }
  // btadjustmembers / hashadjustmembers: same-type operators and required support functions
  // are bound to the class (hard: the class depends on them); the rest are loose members of
  // the family, which silently lose them when the operator or function is dropped
  const hard = (left: number, right: number, num?: number) => !!opclass && left === right && left === opclass.inputType
    && (num === undefined || num === 1);
  for (const o of m.ops) {
    o.oid = cat.allocOid();
    o.opclass = hard(o.left, o.right) ? opclass : null;
    cat.push(family.operators, o);
    const u = o.op.user ? [...cat.schemas.values()].flatMap(s => s.operators ?? []).find(x => x.oid === o.op.oid) : undefined;
    // pg_amop depends on the operator; the class stands for its members here
    if (u && o.opclass && !cat.deps.dependenciesOf(o.opclass).some(d => d.referenced.obj === u)) cat.deps.add(o.opclass, 0, u, 0, 'n');
  }
  for (const p of m.procs) {
    p.oid = cat.allocOid();
    p.opclass = hard(p.left, p.right, p.num) ? opclass : null;
    cat.push(family.procs, p);
    const f = p.fn;
    if (f && p.opclass && !cat.deps.dependenciesOf(p.opclass).some(d => d.referenced.obj === f)) cat.deps.add(p.opclass, 0, f, 0, 'n');
  }
}

/** A dropped function or operator leaves the families it was a loose member of (its auto dependencies). */
export function forgetLooseMembers(cat: Catalog, gone: { kind: 'function' | 'operator'; oid: number }): void {
  for (const s of cat.schemas.values()) for (const f of s.opfamilies ?? []) {
    if (gone.kind === 'function') for (const p of f.procs.filter(x => !x.opclass && x.proc.oid === gone.oid)) cat.remove(f.procs, p);
    else for (const o of f.operators.filter(x => !x.opclass && x.op.user && x.op.oid === gone.oid)) cat.remove(f.operators, o);
  }
}

/** CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE t USING am [FAMILY f] AS …. */
export function createOpclass(cx: CommandContext, n: any): string {
  const parts = (n.opclassname as any[]).map(str);
  const name = parts[parts.length - 1];
  const schema = resolveCreationSchema(cx, { schemaname: parts.length > 1 ? parts[parts.length - 2] : undefined, location: -1 });
  const method = accessMethod(n.amname);
  superuserOnly(cx, 'create an operator class');
  const typeoid = typeOid(n.datatype);
  const cat = cx.catalog;
  let family: UserOpfamily | undefined;
  if (n.opfamilyname) family = lookupOpfamily(cx, n.opfamilyname, method);
  else family = schema.opfamilies?.find(f => f.name === name && f.method === method);
  const m = members(cx, n.items ?? [], method, typeoid);
  let storage = m.storage;
  if (storage === typeoid) storage = 0;
  else if (storage) throw invalid(`storage type cannot be different from data type for access method "${method}"`);
  if (schema.opclasses?.some(c => c.name === name && c.method === method)) {
    throw new PgError('42710', `operator class "${name}" for access method "${method}" already exists`);
  }
  if (n.isDefault) {
    const other = allOpclasses(cat).find(c => c.method === method && c.inputType === typeoid && c.isDefault);
    if (other || hasBuiltinDefault(method, typeoid)) {
      throw new PgError('42710', `could not make operator class "${name}" be default for type ${typeNameWritten(n.datatype)}`,
        { detail: `Operator class "${other?.name ?? `${typeByOid(typeoid)?.name}_ops`}" already is the default.` });
    }
  }
  family ??= makeFamily(cx, n.opclassname, method);
  const c: UserOpclass = { kind: 'opclass', oid: cat.allocOid(), name, schema, owner: cx.user, method, family, inputType: typeoid, isDefault: !!n.isDefault, keyType: storage };
  addToSchema(cat, c);
  cat.deps.add(c, 0, schema, 0, 'n');
  cat.deps.add(c, 0, family, 0, 'a');
  const u = userTypeByOid(cat, typeoid);
  if (u) cat.deps.add(c, 0, u.ut, u.array ? -1 : 0, 'n');
  store(cx, family, m, c);
  return 'CREATE OPERATOR CLASS';
}

function allOpclasses(cat: Catalog): UserOpclass[] {
  return [...cat.schemas.values()].flatMap(s => s.opclasses ?? []);
}

/** Types with a built-in default class for the method (the btree ones pg_opclass lists; hash: the same hashable types). */
function hasBuiltinDefault(_method: AccessMethod, typeoid: number): boolean {
  const t = typeByOid(typeoid);
  return !!t && !userTypeFor(typeoid) && t.category !== 'G' && typeoid !== OID.json && typeoid !== OID.xml;
}
const userTypeFor = (oid: number) => oid >= 16384;

const typeNameWritten = (tn: any): string => (tn.names as any[]).map(str).join('.');

/** ALTER OPERATOR FAMILY … ADD / DROP. */
export function alterOpfamily(cx: CommandContext, n: any): string {
  const method = accessMethod(n.amname);
  const family = lookupOpfamily(cx, n.opfamilyname, method);
  superuserOnly(cx, 'alter an operator family');
  if (!n.isDrop) {
    const m = members(cx, n.items ?? [], method, 0);
    if (m.storage) throw new PgError('42601', 'STORAGE cannot be specified in ALTER OPERATOR FAMILY');
    store(cx, family, m, null);
    return 'ALTER OPERATOR FAMILY';
  }
  for (const it of ((n.items ?? []) as any[]).map(i => i.CreateOpClassItem)) {
    const [left, right] = ((it.class_args ?? []) as any[]).map(typeOid);
    if (it.itemtype === 1) {
      const o = family.operators.find(x => x.strategy === it.number && x.left === left && x.right === right);
      if (!o) throw new PgError('42704', `operator ${it.number}(${typeText(left)},${typeText(right)}) does not exist in operator family "${family.name}"`);
      cx.catalog.remove(family.operators, o);
    } else {
      const p = family.procs.find(x => x.num === it.number && x.left === left && x.right === right);
      if (!p) throw new PgError('42704', `function ${it.number}(${typeText(left)},${typeText(right)}) does not exist in operator family "${family.name}"`);
      cx.catalog.remove(family.procs, p);
    }
  }
  return 'ALTER OPERATOR FAMILY';
}

/** The class a partition key or index names for a column type (ResolveOpClass), or null when it is not a user class. */
export function resolveUserOpclass(cx: CommandContext, names: any[], method: AccessMethod, colType: number): UserOpclass | null {
  const parts = names.map(str);
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  if (schema !== null && !cx.catalog.schemas.has(schema)) throw new PgError('3F000', `schema "${schema}" does not exist`);
  const c = findOpclass(cx.catalog, schema, parts[parts.length - 1], method, schema !== null ? [] : lookupPath(cx.analyze.searchPath));
  if (!c) return null;
  const base = typeByOid(colType);
  if (c.inputType !== colType && !(base?.category === 'S' && c.inputType === OID.text)) {
    throw new PgError('42804', `operator class "${parts.join('.')}" does not accept data type ${typeDisplayName(colType)}`);
  }
  return c;
}


/** An index column naming a user-defined class: its operators would have to order the index, which Relata's B-trees cannot yet do. */
export function refuseUserOpclass(cx: CommandContext, names: any[], method: string): void {
  if (method !== 'btree' && method !== 'hash') return;
  const parts = names.map(str);
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  if (schema !== null && !cx.catalog.schemas.has(schema)) return;
  const c = findOpclass(cx.catalog, schema, parts[parts.length - 1], method, schema !== null ? [] : lookupPath(cx.analyze.searchPath));
  if (c) throw new PgError('0A000', `indexes with the user-defined operator class "${parts.join('.')}" are not supported`);
}

/** A user-defined DEFAULT class of the method for the type (GetDefaultOpClass), if any. */
export function defaultUserOpclass(cx: CommandContext, typeoid: number, method: AccessMethod): UserOpclass | null {
  return allOpclasses(cx.catalog).find(c => c.isDefault && c.method === method && c.inputType === typeoid) ?? null;
}
