// The statements about functions and procedures: CREATE, DROP, ALTER (options, RENAME,
// OWNER, SET SCHEMA), COMMENT ON, DO and CALL. utility.ts hands each statement here first.
import { changeAclOwner } from './owner.js';
import { checkExecute } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import { CLASS, type UserFunction } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { makeRecord } from '../types/record.js';
import { selectCandidate, functionCandidates } from '../analyzer/coerce.js';
import type { FuncDef } from '../types/registry.js';
import { functionsOf, functionSignature, inputParams, outputParams, sameInputTypes, userFunctionsNamed } from '../functions/catalog.js';
import { funcDefsOf } from '../functions/resolve.js';
import { callUserFunction, convert, hostOf, type FunctionHost } from '../functions/call.js';
import { runDoBlock } from '../plpgsql/run.js';
import type { CommandContext } from './context.js';
import { createFunction, functionTarget } from './function.js';
import { dropFunctions, lookupFunction } from './function-lookup.js';
import { alterFunction } from './function-alter.js';

type Result = { command: string; rowCount: number | null; rows?: unknown[][]; fields?: any[] };
const tag = (command: string): Result => ({ command, rowCount: null });
const str = (n: any): string => n.String?.sval ?? n.sval;
const FUNC_OBJECTS = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE', 'OBJECT_AGGREGATE']);
const kindOf = (t: string) => (t === 'OBJECT_PROCEDURE' ? 'procedure' : t === 'OBJECT_ROUTINE' ? 'routine' : t === 'OBJECT_AGGREGATE' ? 'aggregate' : 'function') as 'function' | 'procedure' | 'routine' | 'aggregate';

/** Runs the statement if it is about functions (or is DO / CALL), else returns null. */
export function runFunctionCommand(cx: CommandContext, kind: string, n: any, session: unknown): Result | null {
  switch (kind) {
    case 'CreateFunctionStmt': {
      const gucs = (session as { gucs?: Map<string, string> }).gucs;
      (cx as any).checkFunctionBodies = gucs?.get('check_function_bodies') !== 'off';
      return tag(createFunction(cx, n, (session as { queryText?: string }).queryText));
    }
    // DROP AGGREGATE of names no user function has: drop-missing.ts (built-in aggregates, NOTICEs)
    case 'DropStmt': return FUNC_OBJECTS.has(n.removeType) && (n.removeType !== 'OBJECT_AGGREGATE' || namesUserFunction(cx, n)) ? dropFunctions(cx, n) : null;
    case 'AlterFunctionStmt': return tag(alterFunction(cx, n));
    case 'RenameStmt': return FUNC_OBJECTS.has(n.renameType) ? tag(renameFunction(cx, n)) : null;
    case 'AlterObjectSchemaStmt': return FUNC_OBJECTS.has(n.objectType) ? tag(setFunctionSchema(cx, n)) : null;
    case 'AlterOwnerStmt': return FUNC_OBJECTS.has(n.objectType) ? tag(alterFunctionOwner(cx, n)) : null;
    case 'CommentStmt': {
      if (!FUNC_OBJECTS.has(n.objtype)) return null;
      const f = lookupFunction(cx, n.object.ObjectWithArgs, kindOf(n.objtype), false)!;
      cx.catalog.setComment(`${CLASS.proc}:${f.oid}:0`, n.comment ?? null);
      return tag('COMMENT');
    }
    case 'DoStmt': return doBlock(cx, n, session);
    case 'CallStmt': return call(cx, n, session);
  }
  return null;
}

function evalCtx(cx: CommandContext, session: unknown) {
  return { settings: cx.analyze.settings, txnTimestamp: 0, stmtTimestamp: 0, session };
}

function doBlock(cx: CommandContext, n: any, session: unknown): Result {
  let src: string | null = null, lang = 'plpgsql';
  for (const a of (n.args ?? []) as any[]) {
    const d = a.DefElem;
    if (d.defname === 'as') src = str(d.arg);
    if (d.defname === 'language') lang = str(d.arg);
  }
  if (src === null) throw new PgError('42601', 'no inline code specified');
  if (lang !== 'plpgsql') {
    if (lang === 'sql' || lang === 'c' || lang === 'internal') throw new PgError('0A000', `language "${lang}" does not support inline code execution`);
    throw new PgError('42704', `language "${lang}" does not exist`);
  }
  const ctx = evalCtx(cx, session);
  runDoBlock(hostOf(ctx), src, ctx);
  return tag('DO');
}

/** CALL p(args): the arguments evaluated by a nested SELECT, the procedure chosen by their types. */
function call(cx: CommandContext, n: any, session: unknown): Result {
  const fc = n.funccall;
  const names = (fc.funcname as any[]).map(str);
  const name = names[names.length - 1];
  const schema = names.length > 1 ? names[names.length - 2] : null;
  const ctx = evalCtx(cx, session);
  const host = hostOf(ctx) as FunctionHost;
  const args = (fc.args ?? []) as any[];
  if (args.some(a => a.NamedArgExpr)) throw new PgError('0A000', 'CALL with named arguments is not supported');
  const probe = args.length
    ? host.runNested({ SelectStmt: { targetList: args.map(a => ({ ResTarget: { val: a } })), limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } }, [], [])
    : { rows: [[]], fields: [] as { typeOid: number }[], command: 'SELECT 1', rowCount: 1 };
  const types = (probe.fields ?? []).map(f => (f.typeOid === OID.unknown ? OID.text : f.typeOid));
  const procs = userFunctionsNamed(cx.catalog, schema, name, cx.analyze.searchPath);
  const defs: FuncDef[] = procs.filter(p => p.prokind === 'p').flatMap(p => funcDefsOf(p));
  const pick = selectCandidate(functionCandidates(defs, types), types);
  const sig = `${names.join('.')}(${types.map(t => typeName(t)).join(', ')})`;
  if (!pick || pick === 'ambiguous') {
    const isFunc = procs.some(p => p.prokind === 'f' && inputParams(p).length === types.length);
    if (isFunc && pick !== 'ambiguous') {
      throw new PgError('42809', `${sig} is not a procedure`, { position: fc.location + 1, hint: 'To call a function, use SELECT.' });
    }
    throw new PgError(pick === 'ambiguous' ? '42725' : '42883', `procedure ${sig} ${pick === 'ambiguous' ? 'is not unique' : 'does not exist'}`, {
      position: fc.location + 1, hint: pick === 'ambiguous' ? 'Could not choose a best candidate procedure. You might need to add explicit type casts.'
        : 'No procedure matches the given name and argument types. You might need to add explicit type casts.' });
  }
  const def = pick.def as ReturnType<typeof funcDefsOf>[number];
  const f: UserFunction = def.user;
  checkExecute(cx.catalog, cx.user, f);
  const full = inputParams(f);
  const vals = (probe.rows?.[0] ?? []).map((v, i) => convert(v, types[i], full[i].type, ctx));
  if (def.fillDefaults?.length) {
    const d = host.runNested({ SelectStmt: { targetList: def.fillDefaults.map(a => ({ ResTarget: { val: a } })), limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } }, [], []);
    d.rows![0].forEach((v, i) => vals.push(convert(v, d.fields![i].typeOid, full[vals.length].type, ctx)));
  }
  const out = callUserFunction(f, f.strict && vals.some(v => v === null) ? vals : vals, ctx);
  const outs = outputParams(f);
  if (!outs.length) return tag('CALL');
  const row = outs.length === 1 ? [out] : (out as unknown[] ?? outs.map(() => null));
  return { command: 'CALL', rowCount: null, rows: [row],
    fields: outs.map((o, i) => ({ name: o.name || `column${i + 1}`, typeOid: o.type, typmod: -1, tableOid: 0, columnNumber: 0 })) };
}

function typeName(t: number): string {
  return functionSignature({ name: '', schema: { name: '' }, params: [{ type: t, mode: 'i', name: '' }] } as any).slice(1, -1);
}

function renameFunction(cx: CommandContext, n: any): string {
  const f = lookupFunction(cx, n.object.ObjectWithArgs, kindOf(n.renameType), false)!;
  const newName: string = n.newname;
  const clash = functionsOf(f.schema).get(newName)?.find(g => g !== f && sameInputTypes(g, inputParams(f).map(p => p.type)));
  if (clash) throw new PgError('42723', `function ${newName}(${functionSignature(f).replace(/^[^(]*\(/, '').slice(0, -1)}) already exists in schema "${f.schema.name}"`);
  detach(cx, f);
  cx.catalog.set(f, 'name', newName);
  attach(cx, f);
  return `ALTER ${kindOf(n.renameType).toUpperCase()}`;
}

function setFunctionSchema(cx: CommandContext, n: any): string {
  const f = lookupFunction(cx, n.object.ObjectWithArgs, kindOf(n.objectType), !!n.missing_ok)!;
  if (!f) return `ALTER ${kindOf(n.objectType).toUpperCase()}`;
  const to = cx.catalog.schemas.get(n.newschema);
  if (!to) throw new PgError('3F000', `schema "${n.newschema}" does not exist`);
  if (functionsOf(to).get(f.name)?.some(g => sameInputTypes(g, inputParams(f).map(p => p.type)))) {
    throw new PgError('42723', `function ${functionSignature(f)} already exists in schema "${to.name}"`);
  }
  const dep = cx.catalog.deps.dependenciesOf(f).find(d => d.referenced.obj === f.schema);
  detach(cx, f);
  cx.catalog.set(f, 'schema', to);
  attach(cx, f);
  if (dep) { cx.catalog.deps.remove(dep); cx.catalog.deps.add(f, 0, to, 0, 'n'); }
  return `ALTER ${kindOf(n.objectType).toUpperCase()}`;
}

function alterFunctionOwner(cx: CommandContext, n: any): string {
  const f = lookupFunction(cx, n.object.ObjectWithArgs, kindOf(n.objectType), false)!;
  const role = n.newowner?.rolename ?? (n.newowner?.roletype === 'ROLESPEC_CURRENT_USER' || n.newowner?.roletype === 'ROLESPEC_SESSION_USER' ? cx.user : null);
  if (!role) throw new PgError('0A000', 'ALTER FUNCTION OWNER TO this role is not supported');
  changeAclOwner(cx, f, f.owner, role);
  cx.catalog.set(f, 'owner', role);
  return `ALTER ${kindOf(n.objectType).toUpperCase()}`;
}

/** Takes a function out of its schema's name map (undoably). */
function detach(cx: CommandContext, f: UserFunction): void {
  const map = functionsOf(f.schema);
  const list = map.get(f.name)!;
  if (list.length === 1) { map.delete(f.name); cx.catalog.record(() => map.set(f.name, list)); } else cx.catalog.remove(list, f);
}

function attach(cx: CommandContext, f: UserFunction): void {
  const map = functionsOf(f.schema);
  const list = map.get(f.name);
  if (list) cx.catalog.push(list, f);
  else { map.set(f.name, [f]); const name = f.name; cx.catalog.record(() => map.delete(name)); }
  cx.catalog.set(f, 'cache', {});
}

export { functionTarget, makeRecord };

function namesUserFunction(cx: CommandContext, n: any): boolean {
  return (n.objects as any[]).some(o => {
    const names = ((o.ObjectWithArgs ?? o).objname as any[]).map(str);
    const schema = names.length > 1 ? names[names.length - 2] : null;
    return (schema === null || cx.catalog.schemas.has(schema)) && userFunctionsNamed(cx.catalog, schema, names[names.length - 1], cx.analyze.searchPath).length > 0;
  });
}
