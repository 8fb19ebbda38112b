// pg_get_triggerdef(oid [, pretty]): the CREATE TRIGGER statement as ruleutils.c prints it.
import type { AnalyzeContext } from '../analyzer/context.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Trigger } from '../catalog/objects.js';
import { relationIsVisible } from '../catalog/oid-index.js';
import { inputParams, userFunctionByOid, userFunctionsNamed } from '../functions/catalog.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';
import { quoteIdent } from '../types/string-functions.js';
import type { FormatSettings } from '../types/type.js';
import { TG, triggerByOid } from './catalog.js';
import { deparseWhen } from './when.js';
import { builtinTriggerByOid } from './builtin.js';

interface Host { readonly engine: { catalog: Catalog }; readonly settings: FormatSettings; readonly user: string; lookupPath(): string[] }

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

function analyzeContext(h: Host): AnalyzeContext {
  return { catalog: h.engine.catalog, searchPath: h.lookupPath(), settings: h.settings, paramTypes: [], currentUser: h.user,
    sessionValue: () => null, deparse: true };
}

/** generate_function_name for a function of no arguments. */
function functionName(cat: Catalog, oid: number, path: string[]): string {
  const f = userFunctionByOid(cat, oid);
  const builtin = builtinTriggerByOid(oid);
  if (builtin) return builtin.name;
  if (!f) return `${oid}`;
  const visible = userFunctionsNamed(cat, null, f.name, path).find(x => inputParams(x).length === 0) === f;
  return visible ? quoteIdent(f.name) : `${quoteIdent(f.schema.name)}.${quoteIdent(f.name)}`;
}

export function triggerDef(h: Host, tr: Trigger, pretty: boolean): string {
  const cat = h.engine.catalog, path = h.lookupPath();
  const rel = tr.table;
  const relName = (r: { name: string; schema: { name: string } } & object) =>
    (!pretty || !relationIsVisible(cat, r as any, path) ? `${quoteIdent(r.schema.name)}.${quoteIdent(r.name)}` : quoteIdent(r.name));
  let s = `CREATE ${tr.constraintOid ? 'CONSTRAINT ' : ''}TRIGGER ${quoteIdent(tr.name)} `;
  s += tr.type & TG.BEFORE ? 'BEFORE' : tr.type & TG.INSTEAD ? 'INSTEAD OF' : 'AFTER';
  const events: string[] = [];
  if (tr.type & TG.INSERT) events.push('INSERT');
  if (tr.type & TG.DELETE) events.push('DELETE');
  if (tr.type & TG.UPDATE) {
    events.push('UPDATE' + (tr.columns.length && rel.kind === 'table' ? ` OF ${tr.columns.map(a => quoteIdent(rel.columns[a - 1].name)).join(', ')}` : ''));
  }
  if (tr.type & TG.TRUNCATE) events.push('TRUNCATE');
  s += ` ${events.join(' OR ')} ON ${relName(rel)} `;
  if (tr.constraintOid) {
    if (tr.constrRel) s += `FROM ${relName(tr.constrRel)} `;
    s += `${tr.deferrable ? '' : 'NOT '}DEFERRABLE INITIALLY ${tr.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'} `;
  }
  if (tr.oldTable || tr.newTable) {
    s += 'REFERENCING ';
    if (tr.oldTable) s += `OLD TABLE AS ${quoteIdent(tr.oldTable)} `;
    if (tr.newTable) s += `NEW TABLE AS ${quoteIdent(tr.newTable)} `;
  }
  s += tr.type & TG.ROW ? 'FOR EACH ROW ' : 'FOR EACH STATEMENT ';
  if (tr.when) {
    const text = deparseWhen(analyzeContext(h), tr, pretty);
    s += `WHEN (${text}) `;
  }
  s += `EXECUTE FUNCTION ${functionName(cat, tr.funcOid, path)}(${tr.args.map(quoteLiteral).join(', ')})`;
  return s;
}

let registered = false;

export function registerTriggerDef(): void {
  if (registered) return;
  registered = true;
  const run = (oid: unknown, pretty: unknown, ctx: EvalContext) => {
    const h = ctx.session as Host;
    const tr = triggerByOid(h.engine.catalog, Number(oid));
    return tr ? triggerDef(h, tr, pretty === true) : null;
  };
  registerFunction({ name: 'pg_get_triggerdef', args: [OID.oid], ret: OID.text, volatility: 's', fn: ([oid], ctx) => run(oid, false, ctx) });
  registerFunction({ name: 'pg_get_triggerdef', args: [OID.oid, OID.bool], ret: OID.text, volatility: 's', fn: ([oid, p], ctx) => run(oid, p, ctx) });
}
