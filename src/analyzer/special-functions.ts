// Functions whose result depends on their arguments' types or on the session, bound by
// the analyzer: pg_typeof, current_schema(), current_schemas(bool), to_json[b],
// json[b]_build_object/array, row_to_json.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { ANY, typeByOid, type FuncDef } from '../types/registry.js';
import { containsSrfCall } from './srf-walk.js';
import type { FormatSettings } from '../types/type.js';
import {
  jsonBuildArray, jsonBuildObject, jsonbBuildArray, jsonbBuildObject, rowToJson, toJsonText, toJsonb,
} from '../types/json-build.js';
import { coerce } from './coerce.js';
import type { ExprAnalyzer } from './expr.js';
import type { Expr } from './query.js';

type Builder = (vals: unknown[], types: number[], s: FormatSettings) => unknown;

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

const JSON_BUILDERS: Record<string, { ret: number; build: Builder; arity?: number }> = {
  to_json: { ret: OID.json, build: (v, t, s) => toJsonText(v[0], t[0], s), arity: 1 },
  to_jsonb: { ret: OID.jsonb, build: (v, t, s) => toJsonb(v[0], t[0], s), arity: 1 },
  json_build_object: { ret: OID.json, build: jsonBuildObject },
  jsonb_build_object: { ret: OID.jsonb, build: jsonbBuildObject },
  json_build_array: { ret: OID.json, build: jsonBuildArray },
  jsonb_build_array: { ret: OID.jsonb, build: jsonbBuildArray },
};

/** The call bound by the analyzer, or null when `name` is an ordinary function. */
export function specialFunction(ex: ExprAnalyzer, name: string, args: Expr[]): Expr | null {
  if (name === 'pg_typeof' && args.length === 1) {
    const type = args[0].type;
    // over a set-returning argument it must run once per row that argument gives
    if (containsSrfCall(args[0])) return { k: 'func', type: OID.regtype, typmod: -1, args, fn: { name, args: [ANY], ret: OID.regtype, strict: false, fn: () => type } };
    return { k: 'const', type: OID.regtype, typmod: -1, value: type };
  }
  if (name === 'current_schema' && args.length === 0) {
    const sv = ex.ctx.sessionValue;
    // sqlName: how ruleutils prints the call back (the name is a keyword, so quoted)
    return { k: 'special', type: OID.name, typmod: -1, fn: c => sv('current_schema', c), sqlName: '"current_schema"()' };
  }
  if (name === 'current_schemas' && args.length === 1) {
    // the search path as resolved for this statement; pg_catalog is implicit unless listed
    const explicit = ex.ctx.searchPath.slice(1);
    const implicit = explicit.includes('pg_catalog') ? explicit : ['pg_catalog', ...explicit];
    const fn: FuncDef = { name, args: [OID.bool], ret: OID._name, volatility: 's', fn: ([b]) => (b ? implicit : explicit) };
    return { k: 'func', type: OID._name, typmod: -1, fn, args: [coerce(args[0], OID.bool, -1, 'i', ex.ctx)] };
  }
  const jb = JSON_BUILDERS[name];
  if (jb && (jb.arity === undefined || jb.arity === args.length)) {
    const typed = args.map(a => (a.type === OID.unknown ? coerce(a, OID.text, -1, 'i', ex.ctx) : a));
    const types = typed.map(a => a.type);
    const fn: FuncDef = { name, args: types, ret: jb.ret, strict: false, volatility: 's',
      fn: (vals, ctx) => (jb.arity === 1 && vals[0] === null ? null : jb.build(vals, types, ctx.settings)) };
    return { k: 'func', type: jb.ret, typmod: -1, fn, args: typed };
  }
  if (name === 'row_to_json' && args.length === 1 && args[0].k === 'row') {
    const row = args[0];
    const typed = row.args.map(a => (a.type === OID.unknown ? coerce(a, OID.text, -1, 'i', ex.ctx) : a));
    const types = typed.map(a => a.type);
    // a row of a named composite type (a table's whole row) has its attributes' names
    const named = typeByOid(row.type)?.fields?.();
    const names = typed.map((_, i) => named?.[i]?.name ?? row.fieldNames?.[i] ?? `f${i + 1}`);
    const fn: FuncDef = { name, args: [OID.record], ret: OID.json, volatility: 's',
      fn: ([r], ctx) => rowToJson(r as unknown[], names, types, ctx.settings) };
    return { k: 'func', type: OID.json, typmod: -1, fn, args: [{ ...row, args: typed }] };
  }
  return null;
}

/** CURRENT_DATE, CURRENT_USER, CURRENT_SCHEMA and the other SQL-standard value functions. */
export function sqlValueFunction(ex: ExprAnalyzer, n: any): Expr {
  const call = (name: string) => ex.callFunction(name, [], n.location);
  switch (n.op) {
    case 'SVFOP_CURRENT_DATE': return call('current_date');
    case 'SVFOP_CURRENT_TIMESTAMP': case 'SVFOP_CURRENT_TIMESTAMP_N': return call('now');
    case 'SVFOP_LOCALTIMESTAMP': case 'SVFOP_LOCALTIMESTAMP_N': return call('localtimestamp');
    case 'SVFOP_CURRENT_TIME': case 'SVFOP_CURRENT_TIME_N': return call('current_time');
    case 'SVFOP_LOCALTIME': case 'SVFOP_LOCALTIME_N': return call('localtime');
    case 'SVFOP_CURRENT_USER': case 'SVFOP_USER': case 'SVFOP_SESSION_USER': case 'SVFOP_CURRENT_ROLE': {
      const sv = ex.ctx.sessionValue;
      const which = n.op === 'SVFOP_SESSION_USER' ? 'session_user' : 'current_user';
      return { k: 'special', type: OID.name, typmod: -1, fn: c => sv(which, c) };
    }
    case 'SVFOP_CURRENT_SCHEMA': {
      const sv = ex.ctx.sessionValue;
      return { k: 'special', type: OID.name, typmod: -1, fn: c => sv('current_schema', c) };
    }
    case 'SVFOP_CURRENT_CATALOG': {
      const sv = ex.ctx.sessionValue;
      return { k: 'special', type: OID.name, typmod: -1, fn: c => sv('current_database', c) };
    }
  }
  throw new PgError('0A000', `${n.op} is not supported`, pos(n.location));
}
