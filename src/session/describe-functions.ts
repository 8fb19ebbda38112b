// Functions psql's describe commands (\d, \df, \da …) call that the other modules do not
// provide: pg_get_function_arguments / pg_get_function_result, pg_relation_is_publishable,
// and the definitions of objects Relata does not have (triggers, rules, extended
// statistics), which exist so the catalog queries resolve and answer NULL.
import { registerTriggerDef } from '../triggers/triggerdef.js';
import type { Catalog } from '../catalog/catalog.js';
import { relationByOid } from '../catalog/oid-index.js';
import { OID } from '../types/oids.js';
import { formatType } from '../types/oid-types.js';
import { allFunctions, registerFunction, type EvalContext, type FuncDef } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import { userFunctionByOid } from '../functions/catalog.js';
import { functionArgumentsText, functionDefinition, functionResultText } from '../functions/describe.js';

const catalogOf = (ctx: EvalContext) => (ctx.session as { engine: { catalog: Catalog } }).engine.catalog;

let byOid: Map<number, FuncDef> | null = null;
let indexedCount = -1;

/** The built-in function with this oid (the index is rebuilt when functions were registered since). */
function functionByOid(oid: number): FuncDef | undefined {
  let count = 0;
  for (const [, defs] of allFunctions()) count += defs.length;
  if (!byOid || count !== indexedCount) {
    byOid = new Map();
    for (const [, defs] of allFunctions()) for (const f of defs) if (f.oid !== undefined) byOid.set(f.oid, f);
    indexedCount = count;
  }
  return byOid.get(oid);
}

const typeName = (t: number) => formatType(t, null);

/** pg_get_function_arguments: "integer, text", VARIADIC last, OUT parameters named. */
function functionArguments(f: FuncDef): string {
  const args = f.args.map((t, i) => (f.variadic !== undefined && i === f.args.length - 1 ? `VARIADIC ${typeName(t)}` : typeName(t)));
  if (f.outCols && !f.retSet) args.push(...f.outCols.map(c => `OUT ${quoteIdent(c.name)} ${typeName(c.type)}`));
  return args.join(', ');
}

/** pg_get_function_result: "integer", "SETOF text", "TABLE(a integer, b text)", "record" for OUT parameters. */
function functionResult(f: FuncDef): string {
  if (f.outCols && f.retSet) return `TABLE(${f.outCols.map(c => `${quoteIdent(c.name)} ${typeName(c.type)}`).join(', ')})`;
  if (f.outCols) return 'record';
  return `${f.retSet ? 'SETOF ' : ''}${typeName(f.ret)}`;
}

let registered = false;
export function registerDescribeFunctions(): void {
  if (registered) return;
  registered = true;
  const s = 's' as const;
  // user functions (CREATE FUNCTION): functions/describe.ts
  const user = (ctx: EvalContext, oid: unknown) => userFunctionByOid(catalogOf(ctx), Number(oid));
  registerFunction({ name: 'pg_get_function_arguments', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => { const f = functionByOid(Number(oid)); const u = f ? null : user(ctx, oid); return f ? functionArguments(f) : u ? functionArgumentsText(u, true) : null; } });
  registerFunction({ name: 'pg_get_function_identity_arguments', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => { const f = functionByOid(Number(oid)); const u = f ? null : user(ctx, oid); return f ? functionArguments({ ...f, outCols: undefined }) : u ? functionArgumentsText(u, false) : null; } });
  registerFunction({ name: 'pg_get_function_result', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => { const f = functionByOid(Number(oid)); const u = f ? null : user(ctx, oid); return f ? functionResult(f) : u ? functionResultText(u) : null; } });
  registerFunction({ name: 'pg_get_functiondef', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => { const u = user(ctx, oid); return u ? functionDefinition(u) : null; } });
  registerFunction({ name: 'pg_get_function_sqlbody', args: [OID.oid], ret: OID.text, volatility: s,
    fn: ([oid], ctx) => { const u = user(ctx, oid); return u?.sqlBody ? u.src : null; } });
  registerFunction({ name: 'oidvectortypes', args: [OID.oidvector], ret: OID.text, volatility: s,
    fn: ([v]) => (v as number[]).map(t => typeName(Number(t))).join(', ') });
  // is_publishable_class: ordinary and partitioned tables outside the system schemas, not temporary
  registerFunction({ name: 'pg_relation_is_publishable', args: [OID.regclass], ret: OID.bool, volatility: s,
    fn: ([oid], ctx) => {
      const r = relationByOid(catalogOf(ctx), Number(oid));
      if (!r) return null;
      const schema = r.schema.name;
      return r.kind === 'table' && (r.relkind === 'r' || r.relkind === 'p') && schema !== 'pg_catalog' &&
        schema !== 'information_schema' && !schema.startsWith('pg_temp_') && !schema.startsWith('pg_toast');
    } });
  // Relata has no rules or extended statistics: their catalogs are empty (triggers: triggers/triggerdef.ts)
  registerTriggerDef();
  const none = () => null;
  for (const name of ['pg_get_ruledef']) {
    registerFunction({ name, args: [OID.oid], ret: OID.text, volatility: s, fn: none });
    registerFunction({ name, args: [OID.oid, OID.bool], ret: OID.text, volatility: s, fn: none });
  }
  // no function has a SQL-standard body (BEGIN ATOMIC): pg_proc.prosrc is the source
  for (const name of ['pg_get_statisticsobjdef', 'pg_get_statisticsobjdef_columns', 'pg_get_statisticsobjdef_expressions']) {
    registerFunction({ name, args: [OID.oid], ret: OID.text, volatility: s, fn: none });
  }
}
