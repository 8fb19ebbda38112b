// How psql and pg_dump see a user function: pg_get_function_arguments / _identity_arguments /
// _result and pg_get_functiondef (ruleutils.c's print_function_arguments and friends).
import type { UserFunction } from '../catalog/objects.js';
import { formatType } from '../types/oid-types.js';
import { quoteIdent } from '../types/string-functions.js';
import { RECORD } from '../types/registry.js';
import { inputParams } from './catalog.js';

const typeName = (t: number) => formatType(t, null);
const MODE: Record<string, string> = { i: '', o: 'OUT ', b: 'INOUT ', v: 'VARIADIC ', t: '' };

/** pg_get_function_arguments (withDefaults) / pg_get_function_identity_arguments. */
export function functionArgumentsText(f: UserFunction, withDefaults: boolean): string {
  const ins = inputParams(f);
  const firstDefault = ins.length - f.defaults.length;
  let inIndex = 0;
  const parts: string[] = [];
  for (const p of f.params) {
    if (p.mode === 't') continue;
    if (!withDefaults && p.mode === 'o' && f.prokind !== 'p') continue;
    const isIn = p.mode !== 'o';
    // a procedure's arguments say IN too
    const mode = p.mode === 'i' && f.prokind === 'p' ? 'IN ' : MODE[p.mode];
    let s = mode + (p.name ? `${quoteIdent(p.name)} ` : '') + typeName(p.type);
    if (isIn) {
      if (withDefaults && inIndex >= firstDefault) s += ` DEFAULT ${f.defaults[inIndex - firstDefault].text}`;
      inIndex++;
    }
    parts.push(s);
  }
  return parts.join(', ');
}

/** pg_get_function_result: "integer", "SETOF text", "TABLE(a integer)", null for a procedure. */
export function functionResultText(f: UserFunction): string | null {
  if (f.prokind === 'p') return null;
  const table = f.params.filter(p => p.mode === 't');
  if (table.length) return `TABLE(${table.map(p => `${quoteIdent(p.name)} ${typeName(p.type)}`).join(', ')})`;
  return `${f.retSet ? 'SETOF ' : ''}${typeName(f.retType === RECORD ? RECORD : f.retType)}`;
}

const VOL: Record<string, string> = { i: ' IMMUTABLE', s: ' STABLE', v: '' };
const PAR: Record<string, string> = { s: ' PARALLEL SAFE', r: ' PARALLEL RESTRICTED', u: '' };

/** pg_get_functiondef: the CREATE OR REPLACE statement that recreates the function. */
export function functionDefinition(f: UserFunction): string {
  const what = f.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION';
  let s = `CREATE OR REPLACE ${what} ${quoteIdent(f.schema.name)}.${quoteIdent(f.name)}(${functionArgumentsText(f, true)})\n`;
  const result = functionResultText(f);
  if (result) s += ` RETURNS ${result}\n`;
  s += ` LANGUAGE ${quoteIdent(f.language)}\n`;
  let opts = '';
  if (f.prokind !== 'p') {
    opts += VOL[f.volatility];
    if (f.strict) opts += ' STRICT';
    if (f.leakproof) opts += ' LEAKPROOF';
  }
  if (f.securityDefiner) opts += ' SECURITY DEFINER';
  if (f.prokind !== 'p') opts += PAR[f.parallel];
  const defaultCost = f.language === 'internal' || f.language === 'c' ? 1 : 100;
  if (f.prokind !== 'p' && f.cost !== defaultCost) opts += ` COST ${f.cost}`;
  if (f.retSet && f.rows !== 1000 && f.rows > 0) opts += ` ROWS ${f.rows}`;
  if (opts) s += `${opts}\n`;
  for (const c of f.config ?? []) {
    const i = c.indexOf('=');
    s += ` SET ${c.slice(0, i)} TO ${settingValue(c.slice(0, i), c.slice(i + 1))}\n`;
  }
  if (f.sqlBody) return s + `${f.src}\n`;
  const tag = dollarTag(f.src);
  return s + `AS ${tag}${f.src}${tag}\n`;
}

function settingValue(name: string, v: string): string {
  // list-valued settings print each element quoted
  if (name === 'search_path' || name.endsWith('_path')) return v.split(/,\s*/).map(x => `'${x.replace(/'/g, "''")}'`).join(', ');
  return `'${v.replace(/'/g, "''")}'`;
}

function dollarTag(src: string): string {
  let tag = '$function$';
  while (src.includes(tag)) tag = `$${tag.slice(1, -1)}x$`;
  return tag;
}
