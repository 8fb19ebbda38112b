// CREATE [OR REPLACE] FUNCTION / PROCEDURE (PostgreSQL's CreateFunction and ProcedureCreate):
// parameters with modes and DEFAULTs, the result type (OUT parameters, SETOF, TABLE), the
// options, and the body checked as PostgreSQL's validators do at creation.
import { PgError } from '../errors/index.js';
import { CLASS, type UserFunction } from '../catalog/objects.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import { OID } from '../types/oids.js';
import { functionsNamed, RECORD, TRIGGER, typeByOid, VOID } from '../types/registry.js';
import { functionsOf, functionSignature, inputTypes, sameInputTypes } from '../functions/catalog.js';
import { bodyPosition, validateBody } from '../functions/validate.js';
import { defaultText } from '../functions/defaults.js';
import type { CommandContext } from './context.js';
import { userTypeByOid } from '../catalog/user-types.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
const MODES: Record<string, UserFunction['params'][number]['mode']> = {
  FUNC_PARAM_IN: 'i', FUNC_PARAM_DEFAULT: 'i', FUNC_PARAM_OUT: 'o', FUNC_PARAM_INOUT: 'b', FUNC_PARAM_VARIADIC: 'v', FUNC_PARAM_TABLE: 't',
};
export const LANGUAGES = ['internal', 'c', 'sql', 'plpgsql'];

/** The schema and name of a function name list (qualified or not). */
export function functionTarget(cx: CommandContext, names: string[]): { schema: string; name: string } {
  if (names.length > 2) throw new PgError('42601', `improper qualified name (too many dotted names): ${names.join('.')}`);
  const schema = names.length === 2 ? names[0] : cx.creationSchema();
  if (!cx.catalog.schemas.has(schema)) throw new PgError('3F000', `schema "${schema}" does not exist`);
  return { schema, name: names[names.length - 1] };
}

export function createFunction(cx: CommandContext, n: any, sourceText?: string): string {
  const isProc = !!n.is_procedure;
  const what = isProc ? 'PROCEDURE' : 'FUNCTION';
  const { schema: schemaName, name } = functionTarget(cx, (n.funcname as any[]).map(str));
  const schema = cx.catalog.schema(schemaName);
  // parameters
  const params: UserFunction['params'] = [];
  const defaults: UserFunction['defaults'] = [];
  let seenDefault = false, seenVariadic = false;
  for (const p of (n.parameters ?? []) as any[]) {
    const fp = p.FunctionParameter;
    const mode = MODES[fp.mode] ?? 'i';
    const oid = functionTypeName(cx, fp.argType);
    const isIn = mode === 'i' || mode === 'b' || mode === 'v';
    if (isProc && mode === 't') throw new PgError('42P13', 'procedures cannot have TABLE parameters');
    if (oid === OID.unknown || (isIn && oid === TRIGGER)) {
      throw new PgError('42P13', `${isProc ? 'procedures' : 'functions'} cannot accept ${oid === TRIGGER ? 'type trigger' : 'type unknown'}`);
    }
    if (seenVariadic && isIn) throw new PgError('42P13', 'VARIADIC parameter must be the last input parameter');
    if (mode === 'v') seenVariadic = true;
    if (fp.name && params.some(q => q.name === fp.name && (isIn === (q.mode !== 'o' && q.mode !== 't') || !isProc))) {
      throw new PgError('42P13', `parameter name "${fp.name}" used more than once`);
    }
    if (fp.defexpr) {
      if (!isIn) throw new PgError('42P13', 'only input parameters can have default values');
      defaults.push({ expr: fp.defexpr, text: defaultText(cx.analyze, fp.defexpr, oid) });
      seenDefault = true;
    } else if (seenDefault && isIn) throw new PgError('42P13', 'input parameters after one with a default value must also have defaults');
    params.push({ name: fp.name ?? '', type: oid, mode });
  }
  const outs = params.filter(p => p.mode === 'o' || p.mode === 'b' || p.mode === 't');
  // the result type
  let retType: number, retSet = false;
  if (isProc) retType = outs.length ? RECORD : VOID;
  else if (n.returnType) {
    retType = functionTypeName(cx, n.returnType);
    retSet = !!n.returnType.setof;
    if (outs.length && !params.some(p => p.mode === 't')) {
      const want = outs.length === 1 ? outs[0].type : RECORD;
      if (retType !== want) throw new PgError('42P13', `function result type must be ${typeDisplayName(want)} because of OUT parameters`);
    }
  } else if (outs.length) retType = outs.length === 1 ? outs[0].type : RECORD;
  else throw new PgError('42P13', 'function result type must be specified');
  // options
  const opt = new Map<string, any>();
  for (const o of (n.options ?? []) as any[]) {
    const d = o.DefElem;
    if (opt.has(d.defname)) throw new PgError('42601', 'conflicting or redundant options', d.location >= 0 ? { position: d.location + 1 } : undefined);
    opt.set(d.defname, d.arg);
  }
  const language = opt.has('language') ? str(opt.get('language')) : n.sql_body ? 'sql' : null;
  if (!language) throw new PgError('42P13', 'no language specified');
  if (!LANGUAGES.includes(language)) throw new PgError('42704', `language "${language}" does not exist`);
  if (n.sql_body && language !== 'sql') throw new PgError('42P13', 'inline SQL function body only valid for language SQL');
  const as = opt.get('as');
  const asItems: string[] = as ? (as.List?.items ?? [as]).map(str) : [];
  if (!n.sql_body && !asItems.length) throw new PgError('42P13', 'no function body specified');
  if (n.sql_body && asItems.length) throw new PgError('42P13', 'duplicate function body specified');
  let src = asItems[0] ?? '';
  if (language === 'c') throw new PgError('0A000', 'C-language functions are not supported');
  if (language === 'internal') {
    if (!functionsNamed(src.trim())?.length) throw new PgError('42883', `there is no built-in function named "${src.trim()}"`);
    src = src.trim();
  }
  if (retType === TRIGGER && language === 'sql') throw new PgError('42P13', 'SQL functions cannot return type trigger');
  const vol = opt.has('volatility') ? str(opt.get('volatility')) : 'volatile';
  const par = opt.has('parallel') ? str(opt.get('parallel')) : 'unsafe';
  if (!['safe', 'restricted', 'unsafe'].includes(par)) throw new PgError('22023', 'parameter "parallel" must be SAFE, RESTRICTED, or UNSAFE');
  const cost = opt.has('cost') ? numberArg(opt.get('cost')) : language === 'internal' || language === 'c' ? 1 : 100;
  if (cost <= 0) throw new PgError('22023', 'COST must be positive');
  const rows = opt.has('rows') ? numberArg(opt.get('rows')) : retSet ? 1000 : 0;
  if (opt.has('rows') && !retSet) throw new PgError('22023', 'ROWS is not applicable when function does not return a set');
  if (rows < 0 || (opt.has('rows') && rows <= 0)) throw new PgError('22023', 'ROWS must be positive');
  const config = opt.has('set') ? [setClause(opt.get('set'))] : null;
  const f: UserFunction = {
    kind: 'function', oid: 0, name, schema, owner: cx.user, prokind: isProc ? 'p' : 'f', params, defaults, retType, retSet, language,
    src: n.sql_body ? '' : src, sqlBody: n.sql_body ? sqlBodyStatements(n.sql_body) : null,
    volatility: vol === 'immutable' ? 'i' : vol === 'stable' ? 's' : 'v', strict: opt.has('strict') ? !!opt.get('strict').Boolean?.boolval : false,
    securityDefiner: opt.has('security') ? !!opt.get('security').Boolean?.boolval : false,
    leakproof: opt.has('leakproof') ? !!opt.get('leakproof').Boolean?.boolval : false,
    parallel: par === 'safe' ? 's' : par === 'restricted' ? 'r' : 'u', cost, rows, config,
  };
  if (n.sql_body) f.src = sourceText ? sqlBodyText(sourceText, n) : '';
  const types = inputTypes(f);
  const existing = functionsOf(schema).get(name)?.find(g => sameInputTypes(g, types));
  if (existing && !n.replace) {
    throw new PgError('42723', `${isProc ? 'procedure' : 'function'} "${name}" already exists with same argument types`);
  }
  if (existing) {
    if (existing.prokind !== f.prokind) {
      throw new PgError('42809', 'cannot change routine kind', { detail: `"${name}" is a ${existing.prokind === 'p' ? 'procedure' : 'function'}.` });
    }
    if (existing.retType !== f.retType || existing.retSet !== f.retSet) {
      throw new PgError('42P13', 'cannot change return type of existing function',
        { hint: `Use DROP ${isProc ? 'PROCEDURE' : 'FUNCTION'} ${functionSignature(existing)} first.` });
    }
    const oldOuts = existing.params.filter(p => p.mode !== 'i' && p.mode !== 'v');
    if (f.retType === RECORD && oldOuts.map(p => p.type).join() !== outs.map(p => p.type).join()) {
      throw new PgError('42P13', 'cannot change return type of existing function',
        { detail: 'Row type defined by OUT parameters is different.', hint: `Use DROP FUNCTION ${functionSignature(existing)} first.` });
    }
    existing.params.forEach((p, i) => {
      const np = params[i];
      if (p.name && np && np.name !== p.name && p.mode !== 'o' && p.mode !== 't') {
        throw new PgError('42P13', `cannot change name of input parameter "${p.name}"`,
          { hint: `Use DROP ${isProc ? 'PROCEDURE' : 'FUNCTION'} ${functionSignature(existing)} first.` });
      }
    });
    if (existing.defaults.length > defaults.length) {
      throw new PgError('42P13', 'cannot remove parameter defaults from existing function',
        { hint: `Use DROP ${isProc ? 'PROCEDURE' : 'FUNCTION'} ${functionSignature(existing)} first.` });
    }
    validate(cx, f, n, sourceText);
    for (const key of ['params', 'defaults', 'language', 'src', 'sqlBody', 'volatility', 'inlineVolatility', 'strict', 'securityDefiner', 'leakproof', 'parallel', 'cost', 'rows', 'config'] as const) {
      cx.catalog.set(existing, key, f[key] as never);
    }
    cx.catalog.set(existing, 'cache', {});
    return `CREATE ${what}`;
  }
  f.oid = cx.catalog.allocOid();
  const map = functionsOf(schema);
  const list = map.get(name);
  if (list) cx.catalog.push(list, f);
  else { map.set(name, [f]); cx.catalog.record(() => map.delete(name)); }
  // validated once it is in the catalog, as PostgreSQL's validator runs after the pg_proc row
  // is made: a body may call the function itself (a failure undoes the statement)
  validate(cx, f, n, sourceText);
  addFunctionDependencies(cx, f);
  return `CREATE ${what}`;
}

function validate(cx: CommandContext, f: UserFunction, n: any, sourceText: string | undefined): void {
  try {
    validateBody(cx, f);
  } catch (e) {
    bodyPosition(e, n, sourceText);
    throw e;
  }
}

/** A parameter's or result's type; `table.column%TYPE` is the column's, with PostgreSQL's NOTICE. */
const PSEUDO: Record<string, number> = { anyelement: 2283, anyarray: 2277, anynonarray: 2776, anycompatible: 5077, anycompatiblearray: 5078 };

function functionTypeName(cx: CommandContext, tn: any): number {
  const last = ((tn.names ?? []) as any[]).map(str).pop() ?? "";
  if (!tn.pct_type && PSEUDO[last] !== undefined && !tn.arrayBounds?.length) return PSEUDO[last];
  if (!tn.pct_type) return resolveTypeName(tn).oid;
  const names = (tn.names as any[]).map(str);
  const col = names[names.length - 1];
  const rel = names.length >= 2 ? cx.catalog.findRelation(names.length > 2 ? names[names.length - 3] : null, names[names.length - 2], cx.analyze.searchPath) : undefined;
  const c = rel && 'columns' in rel ? (rel.columns as { name: string; typeOid: number; dropped?: boolean }[]).find(x => x.name === col && !x.dropped) : undefined;
  if (!c) {
    if (!rel) throw new PgError('42P01', `relation "${names.slice(0, -1).join('.')}" does not exist`);
    throw new PgError('42703', `column "${col}" of relation "${rel.name}" does not exist`);
  }
  const oid = tn.arrayBounds?.length ? typeByOid(c.typeOid)?.array ?? c.typeOid : c.typeOid;
  cx.notice({ severity: 'NOTICE', code: '00000', message: `type reference ${names.join('.')}%TYPE converted to ${typeDisplayName(oid)}` });
  return oid;
}

/** pg_depend: the schema, and the user types of parameters and result. */
export function addFunctionDependencies(cx: CommandContext, f: UserFunction): void {
  cx.catalog.deps.add(f, 0, f.schema, 0, 'n');
  const seen = new Set<number>();
  for (const t of [...f.params.map(p => p.type), f.retType]) {
    if (seen.has(t)) continue;
    seen.add(t);
    const u = userTypeByOid(cx.catalog, t);
    if (u) cx.catalog.deps.add(f, 0, u.ut, u.array ? -1 : 0, 'n');
  }
  void CLASS;
}

function numberArg(a: any): number {
  return a.Integer ? a.Integer.ival : a.Float ? Number(a.Float.fval) : Number(str(a));
}

/** SET name = value / FROM CURRENT as proconfig stores it. */
function setClause(v: any): string {
  const s = v.VariableSetStmt;
  const vals = ((s.args ?? []) as any[]).map(a => {
    const c = a.A_Const;
    if (!c) return '';
    if (c.sval) return c.sval.sval;
    if (c.ival) return String(c.ival.ival ?? 0);
    if (c.fval) return c.fval.fval;
    return String(c.ival?.ival ?? 0);
  });
  return `${s.name}=${vals.join(', ')}`;
}

/** BEGIN ATOMIC … END is a list of lists; RETURN expr is one statement. */
function sqlBodyStatements(body: any): any[] {
  if (body.ReturnStmt) return [body];
  const outer = body.List?.items ?? body;
  return outer.flatMap((x: any) => x.List?.items ?? [x]);
}

/** The text of a SQL-standard body, from RETURN or BEGIN ATOMIC to the statement's end. */
function sqlBodyText(sql: string, _n: any): string {
  const m = /\b(return|begin\s+atomic)\b[\s\S]*$/i.exec(sql);
  return m ? m[0].trim().replace(/;\s*$/, '') : '';
}
