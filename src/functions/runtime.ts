// The hook through which analyzed calls of user functions reach the code that runs them
// (functions/call.ts installs it), so that the analyzer never imports the executor side.
import { PgError } from '../errors/index.js';
import type { UserFunction } from '../catalog/objects.js';
import type { EvalContext } from '../types/registry.js';

/** argTypes: the actual argument types of a call of a polymorphic function. */
export type Invoker = (f: UserFunction, args: unknown[], ctx: EvalContext, argTypes?: number[]) => unknown;
let invoker: Invoker | null = null;

export function setInvoker(i: Invoker): void { invoker = i; }

export function invokeUserFunction(f: UserFunction, args: unknown[], ctx: EvalContext, argTypes?: number[]): unknown {
  if (!invoker) throw new PgError('0A000', 'user-defined functions are not available here');
  return invoker(f, args, ctx, argTypes);
}

/**
 * The session running the current statement: functions called where the evaluation context
 * carries no session (planner constant folding, index expressions) run through it.
 */
let active: unknown = null;
export function setActiveSession(s: unknown): void { active = s; }
export const activeSession = (): unknown => active;
