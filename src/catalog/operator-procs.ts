// The functions behind user-defined operators and operator families (pg_operator.oprcode,
// pg_amproc.amproc): a user function, a built-in function of the registry, or one of
// PostgreSQL's internal operator functions (int4eq, int8xor, btint4cmp, hashint4extended …),
// which Relata has as operators and type methods rather than as named functions.
import type { Catalog } from './catalog.js';
import type { UserFunction } from './objects.js';
import type { AmProc, ProcRef, UserOpclass } from './operator-objects.js';
import { functionsNamed, operatorsNamed, typeByName, typeByOid, type EvalContext } from '../types/registry.js';
import { hashValueExtended } from '../types/hash-extended.js';
import { OID } from '../types/oids.js';
import { PgError } from '../errors/index.js';
import { defaultFormatSettings } from '../types/type.js';
import { invokeUserFunction } from '../functions/runtime.js';

/** What calling a support or operator function needs. */
export interface ProcImpl {
  ret: number;
  strict: boolean;
  /** 'i' immutable, 's' stable, 'v' volatile. */
  volatility: 'i' | 's' | 'v';
  call(args: unknown[], ctx: EvalContext): unknown;
}

export function userFunctionWithOid(cat: Catalog, oid: number): UserFunction | undefined {
  for (const s of cat.schemas.values()) for (const l of s.functions?.values() ?? []) for (const f of l) if (f.oid === oid) return f;
  return undefined;
}

/** Suffixes of PostgreSQL's operator function names (int4eq, int8xor, int4um …) and their operators. */
const BINARY: Record<string, string> = {
  eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=', pl: '+', mi: '-', mul: '*', div: '/', mod: '%',
  and: '&', or: '|', xor: '#', shl: '<<', shr: '>>',
};
const PREFIX: Record<string, string> = { um: '-', up: '+', not: '~' };

/** A built-in function by name and exact argument types, or an internal operator function. */
export function builtinProc(name: string, args: number[]): ProcImpl | null {
  const def = functionsNamed(name)?.find(f => f.args.length === args.length && f.args.every((t, i) => t === args[i]));
  if (def) {
    const fn = def.bind ? def.bind(args) : def.fn;
    return { ret: def.ret, strict: def.strict !== false, volatility: def.volatility ?? 'i', call: fn };
  }
  const m = /^(?:bt(\w+?)cmp|hash(\w+?)extended|([a-z]+?\d?)(eq|ne|lt|le|gt|ge|pl|mi|mul|div|mod|and|or|xor|shl|shr|um|up|not))$/.exec(name);
  if (!m) return null;
  if (m[1] !== undefined || m[2] !== undefined) {
    const t = typeByName(m[1] ?? m[2]);
    if (!t) return null;
    if (m[1] !== undefined) {
      if (args.length !== 2 || args[0] !== t.oid || args[1] !== t.oid) return null;
      return { ret: OID.int4, strict: true, volatility: 'i', call: ([a, b]) => Math.sign(t.compare(a, b)) };
    }
    if (args.length !== 2 || args[0] !== t.oid || args[1] !== OID.int8) return null;
    return { ret: OID.int8, strict: true, volatility: 'i', call: ([v, seed]) => BigInt.asIntN(64, hashValueExtended(t.oid, v, BigInt(seed as bigint))!) };
  }
  const t = typeByName(m[3]);
  if (!t) return null;
  const prefix = PREFIX[m[4]];
  const opName = prefix ?? BINARY[m[4]];
  const op = operatorsNamed(opName)?.find(o => (prefix ? o.left === 0 && o.right === t.oid : o.left === t.oid && o.right === t.oid));
  if (!op || args.length !== (prefix ? 1 : 2) || args.some(a => a !== t.oid)) return null;
  return { ret: op.ret, strict: op.strict !== false, volatility: 'i', call: prefix ? ([a], ctx) => op.fn(undefined, a, ctx) : ([a, b], ctx) => op.fn(a, b, ctx) };
}

/** The function a ProcRef names, ready to call (null: it no longer exists). */
export function procImpl(cat: Catalog, ref: ProcRef): ProcImpl | null {
  if (ref.oid) {
    const f = userFunctionWithOid(cat, ref.oid);
    if (!f) return null;
    return { ret: f.retType, strict: f.strict, volatility: f.volatility, call: (args, ctx) => invokeUserFunction(f, args, ctx) };
  }
  return builtinProc(ref.name, ref.args);
}

/** The name pg_operator.oprcode / pg_amproc.amproc shows (regproc: qualified when not visible). */
export function procName(cat: Catalog, ref: ProcRef, path: readonly string[]): string {
  if (!ref.oid) return ref.name;
  const f = userFunctionWithOid(cat, ref.oid);
  if (!f) return '-';
  return path.includes(f.schema.name) ? f.name : `${f.schema.name}.${f.name}`;
}

/** A type's display name, for messages about support functions. */
export const typeText = (oid: number): string => typeByOid(oid)?.formatType(-1) ?? `${oid}`;

/** A support function of a family, ready to call. */
export function amprocImpl(p: AmProc): ProcImpl | null {
  const f = p.fn;
  if (f) return { ret: f.retType, strict: f.strict, volatility: f.volatility, call: (args, ctx) => invokeUserFunction(f, args, ctx) };
  return builtinProc(p.proc.name, p.proc.args);
}

/** Support functions run where no statement context is at hand (partition routing): the session's is found through the runtime hook. */
const SUPPORT_CTX: EvalContext = { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 };

/** The class's support function num for its input type, as a plain call (partition keys). */
export function opclassSupport(c: UserOpclass, num: number): (args: unknown[]) => unknown {
  const p = c.family.procs.find(x => x.num === num && x.left === c.inputType && x.right === c.inputType);
  const impl = p ? amprocImpl(p) : null;
  if (impl) return (args) => impl.call(args, SUPPORT_CTX);
  // RelationBuildPartitionKey's complaint, raised when the key is first used
  return () => {
    throw new PgError('42P17', `operator class "${c.name}" of access method ${c.method} is missing support function ${num} for type ${typeText(c.inputType)}`);
  };
}
