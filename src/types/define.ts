// Shorthands for registering operators, functions and casts.
import { registerCast, registerFunction, registerOperator } from './registry.js';
import type { CastContext, EvalContext, FuncDef, OperatorDef } from './registry.js';

export function op(name: string, left: number, right: number, ret: number,
  fn: (a: any, b: any, ctx: EvalContext) => unknown, extra?: Partial<OperatorDef>): OperatorDef {
  return registerOperator({ name, left, right, ret, fn, ...extra });
}

/**
 * A prefix operator (left = 0). The operand is the right argument; the
 * implementation also accepts it as the only argument, so fn(undefined, x) and fn(x) both work.
 */
export function prefixOp(name: string, right: number, ret: number, fn: (a: any) => unknown): OperatorDef {
  return registerOperator({ name, left: 0, right, ret, fn: (l, r) => fn(r === undefined ? l : r) });
}

export function fn(name: string, args: number[], ret: number,
  impl: (args: any, ctx: EvalContext) => unknown, extra?: Partial<FuncDef>): FuncDef {
  return registerFunction({ name, args, ret, fn: impl, ...extra });
}

export function cast(source: number, target: number, context: CastContext,
  conv?: (v: any, ctx: EvalContext) => unknown): void {
  registerCast(conv ? { source, target, context, fn: conv } : { source, target, context });
}

/** Register the six comparison operators from a compare function. */
export function comparisonOps(left: number, right: number, cmp: (a: any, b: any) => number, bool: number): void {
  op('=', left, right, bool, (a, b) => cmp(a, b) === 0);
  op('<>', left, right, bool, (a, b) => cmp(a, b) !== 0);
  op('<', left, right, bool, (a, b) => cmp(a, b) < 0);
  op('>', left, right, bool, (a, b) => cmp(a, b) > 0);
  op('<=', left, right, bool, (a, b) => cmp(a, b) <= 0);
  op('>=', left, right, bool, (a, b) => cmp(a, b) >= 0);
}
