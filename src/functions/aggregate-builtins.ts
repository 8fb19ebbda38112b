// Built-in functions PostgreSQL's own aggregates are made of, for CREATE AGGREGATE's SFUNC /
// FINALFUNC (int4pl, int8inc, int4larger, int4_avg_accum …): each is an existing operator or
// comparison of the type registry under its pg_proc name.
import { OID } from '../types/oids.js';
import { ANY, findCast, functionsNamed, operatorsNamed, registerFunction, typeByOid, type EvalContext } from '../types/registry.js';

const { int2, int4, int8, float4, float8, numeric, text } = OID;
const int8Array = 1016;

/** The operator, found at first use (this module may load before the types register theirs). */
function op(name: string, t: number): (a: unknown, b: unknown, ctx: EvalContext) => unknown {
  let f: ((a: unknown, b: unknown, ctx: EvalContext) => unknown) | undefined;
  return (a, b, ctx) => (f ??= operatorsNamed(name)!.find(x => x.left === t && x.right === t)!.fn)(a, b, ctx);
}

function define(name: string, args: number[], ret: number, fn: (a: any[], ctx: EvalContext) => unknown, strict = true): void {
  if (functionsNamed(name)?.some(d => d.args.join() === args.join())) return;
  registerFunction({ name, args, ret, fn, strict });
}

const PREFIX: [string, number][] = [['int2', int2], ['int4', int4], ['int8', int8], ['float4', float4], ['float8', float8]];
for (const [p, t] of PREFIX) {
  const plus = op('+', t), minus = op('-', t), mul = op('*', t);
  define(`${p}pl`, [t, t], t, ([a, b], c) => plus(a, b, c));
  define(`${p}mi`, [t, t], t, ([a, b], c) => minus(a, b, c));
  define(`${p}mul`, [t, t], t, ([a, b], c) => mul(a, b, c));
}
define('numeric_add', [numeric, numeric], numeric, ([a, b], c) => op('+', numeric)(a, b, c));
define('numeric_sub', [numeric, numeric], numeric, ([a, b], c) => op('-', numeric)(a, b, c));
define('numeric_mul', [numeric, numeric], numeric, ([a, b], c) => op('*', numeric)(a, b, c));
for (const [p, t] of [...PREFIX, ['numeric', numeric], ['text', text]] as [string, number][]) {
  const cmp = (a: unknown, b: unknown) => typeByOid(t)!.compare(a, b);
  const sep = p === 'numeric' || p === 'text' ? '_' : '';
  define(`${p}${sep}larger`, [t, t], t, ([a, b]) => (cmp(a, b) >= 0 ? a : b));
  define(`${p}${sep}smaller`, [t, t], t, ([a, b]) => (cmp(a, b) <= 0 ? a : b));
}
define('int8inc', [int8], int8, ([a]) => (a as bigint) + 1n);
define('int8inc_any', [int8, ANY], int8, ([a]) => (a as bigint) + 1n);
define('int8dec', [int8], int8, ([a]) => (a as bigint) - 1n);
define('int8dec_any', [int8, ANY], int8, ([a]) => (a as bigint) - 1n);

// avg(int2 / int4): the state is int8[2] {count, sum}; int8_avg divides it out as numeric
for (const t of [int2, int4]) {
  define(`${t === int2 ? 'int2' : 'int4'}_avg_accum`, [int8Array, t], int8Array, ([s, v]) => [(s as bigint[])[0] + 1n, (s as bigint[])[1] + BigInt(v as number)]);
}
define('int8_avg', [int8Array], numeric, ([s], c) => {
  const [n, sum] = s as bigint[];
  if (n === 0n) return null;
  const toNum = findCast(int8, numeric)!.fn!;
  return op('/', numeric)(toNum(sum, c), toNum(n, c), c);
});

// sum(int2 / int4)'s transition: not strict, a NULL state takes the first value
for (const t of [int2, int4]) {
  define(`${t === int2 ? 'int2' : 'int4'}_sum`, [int8, t], int8, ([s, v]) => (v === null ? s : s === null ? BigInt(v as number) : (s as bigint) + BigInt(v as number)), false);
}
