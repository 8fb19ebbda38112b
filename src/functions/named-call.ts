// Calls of user functions that need more than positional matching: named notation
// (f(a => 1, b => 2)), mixed notation, and DEFAULT arguments filled in (PostgreSQL's
// FuncnameGetCandidates with expand_defaults and named arguments).
import { PgError } from '../errors/index.js';
import { coerce, canCoerce } from '../analyzer/coerce.js';
import type { ExprAnalyzer } from '../analyzer/expr.js';
import { nodeLocation } from '../analyzer/expr.js';
import type { Expr } from '../analyzer/query.js';
import type { Scope } from '../analyzer/scope.js';
import { typeDisplayName } from '../analyzer/typenames.js';
import { funcDefsOf, userFuncCandidates, type UserFuncDef } from './resolve.js';
import { builtinParams } from './builtin-arg-names.js';
import { parse } from '../parser/index.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** The call of a candidate with fewer arguments than parameters: the DEFAULT expressions complete it. */
export function userFunctionCall(ex: ExprAnalyzer, def: UserFuncDef, args: Expr[], scope?: Scope): Expr {
  const full = funcDefsOf(def.user)[0];
  const all = [...args];
  const first = full.args.length - (def.fillDefaults?.length ?? 0);
  (def.fillDefaults ?? []).forEach((raw, i) => {
    const t = full.args[first + i];
    all.push(coerce(ex.expr(raw, scope ?? emptyScope()), t, -1, 'a', ex.ctx, nodeLocation(raw)));
  });
  return { k: 'func', type: full.ret, typmod: -1, fn: full, args: all };
}

function emptyScope(): Scope {
  return { query: null as any, items: [], parent: null, aggContext: null, correlatedRefs: { count: 0 } };
}

/** f(x, b => 2): positional arguments first, then named ones matched by parameter name. */
export function namedArgsCall(ex: ExprAnalyzer, schema: string | null, name: string, n: any, scope: Scope): Expr {
  const raw = n.args as any[];
  const seen = new Set<string>();
  for (const a of raw) {
    const na = a.NamedArgExpr;
    if (!na) continue;
    if (seen.has(na.name)) throw new PgError('42601', `argument name "${na.name}" used more than once`, pos(na.location));
    seen.add(na.name);
  }
  const given: { name: string | null; expr: Expr; loc: number }[] = raw.map(a => {
    const na = a.NamedArgExpr;
    return na ? { name: na.name as string, expr: ex.expr(na.arg, scope), loc: nodeLocation(na.arg) } : { name: null, expr: ex.expr(a, scope), loc: nodeLocation(a) };
  });
  const cands = userFuncCandidates(ex.ctx.catalog, schema, name, ex.ctx.searchPath).filter(d => !d.fillDefaults);
  const matches: { def: UserFuncDef; slots: (Expr | null)[] }[] = [];
  for (const def of cands) {
    const slots = mapArgs(def, given);
    if (!slots) continue;
    const ok = slots.every((e, i) => e === null || e.type === def.args[i] || canCoerce(e.type, def.args[i], 'i') || e.type === 705);
    if (ok) matches.push({ def, slots });
  }
  if (matches.length > 1) {
    throw new PgError('42725', `function ${signature(name, given)} is not unique`, { ...pos(n.location),
      hint: 'Could not choose a best candidate function. You might need to add explicit type casts.' });
  }
  if (!matches.length) {
    const builtin = schema === null || schema === 'pg_catalog' ? builtinPositional(name, n) : null;
    if (builtin) return ex.expr({ FuncCall: { ...n, args: builtin } }, scope);
    throw new PgError('42883', `function ${signature(name, given)} does not exist`, { ...pos(n.location),
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.' });
  }
  const { def, slots } = matches[0];
  const nDefaults = def.user.defaults.length;
  const firstDefault = def.args.length - nDefaults;
  const args = slots.map((e, i) => {
    if (e) return coerce(e, def.args[i], -1, 'i', ex.ctx, given.find(g => g.expr === e)?.loc ?? n.location);
    const d = def.user.defaults[i - firstDefault];
    return coerce(ex.expr(d.expr, scope), def.args[i], -1, 'a', ex.ctx, nodeLocation(d.expr));
  });
  return { k: 'func', type: def.ret, typmod: -1, fn: def, args };
}

/** Each parameter's argument (null: its DEFAULT), or null when the names do not fit. */
function mapArgs(def: UserFuncDef, given: { name: string | null; expr: Expr }[]): (Expr | null)[] | null {
  const n = def.args.length;
  const slots: (Expr | null | undefined)[] = new Array(n).fill(undefined);
  let i = 0;
  for (const g of given) {
    let at: number;
    if (g.name === null) at = i++;
    else at = def.argNames.indexOf(g.name);
    if (at < 0 || at >= n || slots[at] !== undefined) return null;
    slots[at] = g.expr;
  }
  const firstDefault = n - def.user.defaults.length;
  for (let k = 0; k < n; k++) if (slots[k] === undefined) { if (k < firstDefault) return null; slots[k] = null; }
  return slots as (Expr | null)[];
}

function signature(name: string, given: { name: string | null; expr: Expr }[]): string {
  return `${name}(${given.map(g => (g.name ? `${g.name} => ` : '') + typeDisplayName(g.expr.type)).join(', ')})`;
}

/**
 * A call of a built-in function in named or mixed notation as the positional call it stands
 * for (raw arguments, each omitted one its DEFAULT), when exactly one of the function's named
 * signatures fits the names given; null otherwise.
 */
function builtinPositional(name: string, n: any): any[] | null {
  const fits: any[][] = [];
  for (const sig of builtinParams(name)) {
    const slots: any[] = new Array(sig.names.length).fill(undefined);
    let i = 0, ok = true;
    for (const a of n.args as any[]) {
      const at = a.NamedArgExpr ? sig.names.indexOf(a.NamedArgExpr.name) : i++;
      if (at < 0 || at >= slots.length || slots[at] !== undefined) { ok = false; break; }
      slots[at] = a.NamedArgExpr ? a.NamedArgExpr.arg : a;
    }
    if (!ok) continue;
    for (let k = 0; k < slots.length && ok; k++) {
      if (slots[k] !== undefined) continue;
      const d = sig.defaults[k];
      if (d === null) ok = false; else slots[k] = defaultNode(d);
    }
    if (ok) fits.push(slots);
  }
  return fits.length === 1 ? fits[0] : null;
}

/** A DEFAULT's text ('0', "'{}'::jsonb") as the raw expression it parses to. */
function defaultNode(text: string): any {
  return parse(`SELECT ${text}`)[0].stmt.SelectStmt.targetList[0].ResTarget.val;
}
