// Helpers for the types unit tests: look up types/operators/functions/casts by name.
import assert from 'node:assert/strict';
import '../../src/types/index.js';
import {
  typeByName, operatorsNamed, functionsNamed, findCast, defaultFormatSettings,
  type EvalContext, type PgType,
} from '../../src/types/index.js';
import { OID } from '../../src/types/oids.js';

export const ctx: EvalContext = { settings: defaultFormatSettings, txnTimestamp: 0, stmtTimestamp: 0 };

export function T(name: string): PgType {
  const t = typeByName(name);
  assert.ok(t, `type ${name}`);
  return t;
}
const oidOf = (n: string): number => {
  if (n === 'anynonarray') return 2776;
  if (n === 'anyarray') return 2277;
  if (n === 'anyelement') return 2283;
  if (n === 'anycompatible') return 5077;
  if (n === 'anycompatiblearray') return 5078;
  return (OID as Record<string, number>)[n] ?? T(n).oid;
};

/** Parse text as type name (with optional typmod), then print it. */
export function io(type: string, text: string, typmod = -1): string {
  const t = T(type);
  return t.output(t.input(text, typmod, defaultFormatSettings), defaultFormatSettings);
}
export const inp = (type: string, text: string, typmod = -1): unknown => T(type).input(text, typmod, defaultFormatSettings);
export const out = (type: string, v: unknown): string => T(type).output(v, defaultFormatSettings);

/** Call operator `name` with operand types (left may be '' for prefix). */
export function opr(name: string, left: string, right: string, a: unknown, b?: unknown): unknown {
  const l = left === '' ? 0 : oidOf(left), r = oidOf(right);
  const o = operatorsNamed(name)?.find((x) => x.left === l && x.right === r);
  assert.ok(o, `operator ${left} ${name} ${right}`);
  return left === '' ? o.fn(undefined, a, ctx) : o.fn(a, b, ctx);
}
export function call(name: string, argTypes: string[], ...args: unknown[]): unknown {
  const oids = argTypes.map(oidOf);
  const f = functionsNamed(name)?.find((x) => x.args.length === oids.length && x.args.every((a, i) => a === oids[i]));
  assert.ok(f, `function ${name}(${argTypes.join(',')})`);
  return f.fn(args, ctx);
}
export function castv(from: string, to: string, v: unknown): unknown {
  const c = findCast(oidOf(from), oidOf(to));
  assert.ok(c, `cast ${from} -> ${to}`);
  return c.fn ? c.fn(v, ctx) : v;
}
/** Assert fn throws a PgError with this code and message (and detail if given). */
export function throwsPg(f: () => unknown, code: string, message: string, detail?: string): void {
  assert.throws(f, (e: any) => {
    assert.equal(e.message, message);
    assert.equal(e.code, code);
    if (detail !== undefined) assert.equal(e.detail, detail);
    return true;
  });
}
