// The entry point for other parts of Relata (triggers, aggregates, operators) to call a
// user function by oid: see /work/briefs/functions-api.md. Keep these signatures stable.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { EvalContext } from '../types/registry.js';
import { TRIGGER } from '../types/registry.js';
import { functionSignature, userFunctionByOid } from './catalog.js';
import { callUserFunction } from './call.js';
import type { TriggerContext } from '../plpgsql/run.js';

export type { TriggerContext };

/** Calls a user function by pg_proc oid with its input arguments (already of the parameter types). */
export function callFunctionByOid(cat: Catalog, oid: number, args: unknown[], ctx: EvalContext): unknown {
  const f = userFunctionByOid(cat, oid);
  if (!f) throw new PgError('42883', `function with OID ${oid} does not exist`);
  if (f.strict && args.some(a => a === null)) return null;
  return callUserFunction(f, args, ctx);
}

/**
 * Runs a trigger function (RETURNS trigger) for one firing. Returns the row the trigger
 * function returned (NEW, OLD, a modified copy; row = array with one slot per column,
 * dropped ones included) or null (RETURN NULL: skip the row). For statement-level and
 * AFTER triggers the result is ignored by PostgreSQL; it is still returned.
 */
export function callTriggerFunction(cat: Catalog, oid: number, tg: TriggerContext, ctx: EvalContext): unknown[] | null {
  const f = userFunctionByOid(cat, oid);
  if (!f) throw new PgError('42883', `function with OID ${oid} does not exist`);
  if (f.retType !== TRIGGER) throw new PgError('42P17', `function ${functionSignature(f)} must return type trigger`);
  return callUserFunction(f, [], ctx, tg) as unknown[] | null;
}
