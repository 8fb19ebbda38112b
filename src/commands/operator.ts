// CREATE OPERATOR and ALTER OPERATOR … SET (…), as PostgreSQL's DefineOperator /
// OperatorCreate (operatorcmds.c, pg_operator.c): shells for a COMMUTATOR or NEGATOR not yet
// defined, the links back from them, and the operator's dependencies.
import { PgError } from '../errors/index.js';
import type { UserOperator } from '../catalog/operator-objects.js';
import { addToSchema, findUserOperator, userOperatorByOid } from '../catalog/operators.js';
import { userTypeByOid } from '../catalog/user-types.js';
import { OID } from '../types/oids.js';
import type { CommandContext } from './context.js';
import { lookupProc, splitName, str, typeOid, findOperator } from './operator-lookup.js';
import { resolveCreationSchema } from './create-table.js';

const def = (code: string, message: string, detail?: string) => new PgError(code, message, detail ? { detail } : undefined);

/** validOperatorName (pg_operator.c). */
function checkOperatorName(name: string): void {
  const ok = name.length > 0 && name.length < 64 && /^[+\-*/<>=~!@#%^&|`?]+$/.test(name) && !name.includes('--') && !name.includes('/*')
    && !(name.length > 1 && /[+-]$/.test(name) && !/[~!@#%^&|`?]/.test(name));
  if (!ok) throw new PgError('42602', `"${name}" is not a valid operator name`);
}

const qualifiedName = (arg: any): any[] => arg?.List?.items ?? arg?.TypeName?.names ?? (arg ? [arg] : []);

/** CREATE OPERATOR name (…). */
export function createOperator(cx: CommandContext, n: any): string {
  const parts = (n.defnames as any[]).map(str);
  const name = parts[parts.length - 1];
  const schema = resolveCreationSchema(cx, { schemaname: parts.length > 1 ? parts[parts.length - 2] : undefined, location: -1 });
  let leftNode: any = null, rightNode: any = null, procName: any[] | null = null, commutator: any[] | null = null, negator: any[] | null = null;
  let restrict: any[] | null = null, join: any[] | null = null, canHash = false, canMerge = false;
  for (const d of (n.definition ?? []) as any[]) {
    const e = d.DefElem;
    const key = String(e.defname).toLowerCase();
    switch (key) {
      case 'leftarg': leftNode = e.arg; if (e.arg?.TypeName?.setof) throw def('42P13', 'SETOF type not allowed for operator argument'); break;
      case 'rightarg': rightNode = e.arg; if (e.arg?.TypeName?.setof) throw def('42P13', 'SETOF type not allowed for operator argument'); break;
      case 'function': case 'procedure': procName = qualifiedName(e.arg); break;
      case 'commutator': commutator = qualifiedName(e.arg); break;
      case 'negator': negator = qualifiedName(e.arg); break;
      case 'restrict': restrict = qualifiedName(e.arg); break;
      case 'join': join = qualifiedName(e.arg); break;
      case 'hashes': canHash = boolArg(e.arg); break;
      case 'merges': canMerge = boolArg(e.arg); break;
      case 'sort1': case 'sort2': case 'ltcmp': case 'gtcmp': canMerge = true; break;
      default: cx.notice({ severity: 'WARNING', code: '42601', message: `operator attribute "${e.defname}" not recognized` });
    }
  }
  if (!procName) throw def('42P13', 'operator function must be specified');
  const left = leftNode ? typeOid(leftNode) : 0;
  const right = rightNode ? typeOid(rightNode) : 0;
  if (!left && !right) throw def('42P13', 'operator argument types must be specified');
  if (!right) throw def('42P13', 'operator right argument type must be specified', 'Postfix operators are not supported.');
  const { ref, impl } = lookupProc(cx, procName, left ? [left, right] : [right]);
  checkOperatorName(name);
  if (!left) {
    if (commutator) throw def('42P13', 'only binary operators can have commutators');
    if (join) throw def('42P13', 'only binary operators can have join selectivity');
    if (canMerge) throw def('42P13', 'only binary operators can merge join');
    if (canHash) throw def('42P13', 'only binary operators can hash');
  }
  if (impl.ret !== OID.bool) {
    if (negator) throw def('42P13', 'only boolean operators can have negators');
    if (restrict) throw def('42P13', 'only boolean operators can have restriction selectivity');
    if (join) throw def('42P13', 'only boolean operators can have join selectivity');
    if (canMerge) throw def('42P13', 'only boolean operators can merge join');
    if (canHash) throw def('42P13', 'only boolean operators can hash');
  }
  const cat = cx.catalog;
  const existing = findUserOperator(cat, schema.name, name, left, right, []);
  if (existing?.proc) throw new PgError('42723', `operator ${name} already exists`);
  const op: UserOperator = existing ?? {
    kind: 'operator', oid: cat.allocOid(), name, schema, owner: cx.user, left, right, result: 0, proc: null,
    commutator: 0, negator: 0, restrict: null, join: null, canHash: false, canMerge: false,
  };
  const fields: Partial<UserOperator> = { result: impl.ret, proc: ref, restrict: restrict ? restrict.map(str).join('.') : null,
    join: join ? join.map(str).join('.') : null, canHash, canMerge, owner: cx.user };
  for (const [k, v] of Object.entries(fields)) cat.set(op, k as keyof UserOperator, v as never);
  if (!existing) addToSchema(cat, op);
  // commutator: reversed argument types, itself when it names the operator being defined
  if (commutator) {
    const self = isSelf(cx, commutator, op, right, left);
    const other = self ? op : otherOperator(cx, commutator, right, left, op);
    cat.set(op, 'commutator', other.oid);
    // OperatorUpd: the other operator links back (a built-in one is left as it is)
    if (other !== op && other.kind === 'operator' && !other.commutator) cat.set(other, 'commutator', op.oid);
  }
  if (negator) {
    if (isSelf(cx, negator, op, left, right)) throw new PgError('42P13', 'operator cannot be its own negator or sort operator');
    const other = otherOperator(cx, negator, left, right, op);
    cat.set(op, 'negator', other.oid);
    if (other.kind === 'operator' && !other.negator) cat.set(other, 'negator', op.oid);
  }
  // a shell filled in now: operators naming it as their commutator or negator link back
  if (existing) {
    for (const s of cat.schemas.values()) for (const o of s.operators ?? []) {
      if (o === op) continue;
      if (o.commutator === op.oid && !op.commutator) cat.set(op, 'commutator', o.oid);
      if (o.negator === op.oid && !op.negator) cat.set(op, 'negator', o.oid);
    }
  }
  addOperatorDependencies(cx, op);
  return 'CREATE OPERATOR';
}

function boolArg(arg: any): boolean {
  if (!arg) return true;
  const v = String(arg.Boolean ? arg.Boolean.boolval ?? false : arg.Integer ? arg.Integer.ival : str(arg.String ? arg : arg.TypeName?.names?.[0] ?? arg)).toLowerCase();
  return v === 'true' || v === 'on' || v === '1' || v === 't' || v === 'yes';
}

function isSelf(cx: CommandContext, names: any[], op: UserOperator, left: number, right: number): boolean {
  const { schema, name } = splitName(cx, names);
  return name === op.name && (schema === null || schema === op.schema.name) && left === op.left && right === op.right;
}

/** get_other_operator: the operator, or a shell made for it in the named schema (else the new operator's). */
function otherOperator(cx: CommandContext, names: any[], left: number, right: number, op: UserOperator): UserOperator | { kind: 'builtin'; oid: number } {
  const found = findOperator(cx, names, left, right);
  if (found?.user) return found.user;
  if (found) return { kind: 'builtin', oid: found.ref.oid };
  const { schema, name } = splitName(cx, names);
  checkOperatorName(name);
  const cat = cx.catalog;
  const shell: UserOperator = {
    kind: 'operator', oid: cat.allocOid(), name, schema: schema !== null ? cat.schema(schema) : op.schema, owner: cx.user, left, right, result: 0,
    proc: null, commutator: 0, negator: 0, restrict: null, join: null, canHash: false, canMerge: false,
  };
  addToSchema(cat, shell);
  cx.catalog.deps.add(shell, 0, shell.schema, 0, 'n');
  for (const t of [left, right]) {
    const u = t ? userTypeByOid(cat, t) : undefined;
    if (u) cat.deps.add(shell, 0, u.ut, u.array ? -1 : 0, 'n');
  }
  return shell;
}

/** makeOperatorDependencies: the schema, the argument and result types, the function. */
export function addOperatorDependencies(cx: CommandContext, op: UserOperator): void {
  const cat = cx.catalog;
  for (const d of [...cat.deps.dependenciesOf(op)]) cat.deps.remove(d);
  cat.deps.add(op, 0, op.schema, 0, 'n');
  const seen = new Set<number>();
  for (const t of [op.left, op.right, op.result]) {
    if (!t || seen.has(t)) continue;
    seen.add(t);
    const u = userTypeByOid(cat, t);
    if (u) cat.deps.add(op, 0, u.ut, u.array ? -1 : 0, 'n');
  }
  if (op.proc?.oid) {
    const f = [...cat.schemas.values()].flatMap(s => [...(s.functions?.values() ?? [])].flat()).find(g => g.oid === op.proc!.oid);
    if (f) cat.deps.add(op, 0, f, 0, 'n');
  }
}

/** ALTER OPERATOR … SET (RESTRICT = …, JOIN = …). */
export function alterOperatorSet(cx: CommandContext, op: UserOperator, options: any[]): void {
  for (const d of options) {
    const e = d.DefElem;
    const key = String(e.defname).toLowerCase();
    const value = e.arg ? qualifiedName(e.arg).map(str).join('.') : null;
    const v = value === null || value.toLowerCase() === 'none' ? null : value;
    if (key === 'restrict' || key === 'join') {
      if (v !== null && op.result !== OID.bool) throw def('42P13', `only boolean operators can have ${key === 'restrict' ? 'restriction' : 'join'} selectivity`);
      cx.catalog.set(op, key, v);
    } else throw new PgError('42601', `operator attribute "${e.defname}" cannot be changed`);
  }
}

/** When an operator goes, operators naming it as commutator or negator forget it (OperatorUpd with isDelete). */
export function unlinkOperator(cx: CommandContext, op: UserOperator): void {
  for (const oid of [op.commutator, op.negator]) {
    const o = oid ? userOperatorByOid(cx.catalog, oid) : undefined;
    if (!o || o === op) continue;
    if (o.commutator === op.oid) cx.catalog.set(o, 'commutator', 0);
    if (o.negator === op.oid) cx.catalog.set(o, 'negator', 0);
  }
}
