// DROP of object kinds Relata has no catalog for (or only built-in ones): PostgreSQL's
// does_not_exist_skipping() NOTICE with IF EXISTS, get_object_address()'s error without it,
// and "required by the database system" for the built-in objects that do exist.
//
// DROP FUNCTION / PROCEDURE / ROUTINE / AGGREGATE / TRIGGER: the functions and triggers code
// handles objects it finds and calls dropFunctionMissing / dropOnRelationMissing for the rest.
import { PgError } from '../errors/index.js';
import { resolveTypeName, typeDisplayName } from '../analyzer/typenames.js';
import { functionsNamed, operatorsNamed, findCast } from '../types/registry.js';
import { AGGREGATES } from '../analyzer/aggregates.js';
import type { Relation } from '../catalog/objects.js';
import type { CommandContext } from './context.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
const names = (list: any[]): string[] => list.map(str);

/** A name that, when it exists, stops the drop with PostgreSQL's pinned-object error. */
class Pinned extends Error { constructor(readonly what: string) { super(what); } }

/** Skip (IF EXISTS) or fail: the NOTICE text (without ", skipping") and the error. */
class Missing extends Error {
  constructor(readonly notice: string, readonly error: PgError) { super(notice); }
}

const ACCESS_METHODS = new Set(['heap', 'btree', 'hash', 'gist', 'gin', 'spgist', 'brin']);
const LANGUAGES = new Set(['internal', 'c', 'sql']);
const COLLATIONS = new Set(['default', 'C', 'POSIX', 'ucs_basic', 'C.utf8']);

/** TypeNameToString: the name as written ("pg_catalog.int4[]"). */
function typeNameString(tn: any): string {
  return names(tn.names ?? []).join('.') + (tn.pct_type ? '%TYPE' : '') + (tn.arrayBounds?.length ? '[]' : '');
}

function schemaExists(cx: CommandContext, list: string[]): void {
  // schema_does_not_exist_skipping: a qualified name whose schema is missing
  if (list.length >= 2) {
    const schema = list[list.length - 2];
    if (!cx.catalog.schemas.has(schema)) {
      throw new Missing(`schema "${schema}" does not exist`, new PgError('3F000', `schema "${schema}" does not exist`));
    }
  }
}

/** Resolves type names as get_object_address does; for a missing one, the skip message. */
function resolveTypes(cx: CommandContext, tns: any[]): (number | null)[] {
  return tns.map(n => {
    const tn = n?.TypeName;
    if (!tn) return null; // NONE of a prefix operator
    schemaExists(cx, names(tn.names));
    try {
      return resolveTypeName(tn).oid;
    } catch (e) {
      if (e instanceof PgError && e.code === '42704') throw new Missing(`type "${typeNameString(tn)}" does not exist`, new PgError('42704', `type "${typeNameString(tn)}" does not exist`));
      throw e;
    }
  });
}

function simple(kind: string, code: string, name: string): Missing {
  return new Missing(`${kind} "${name}" does not exist`, new PgError(code, `${kind} "${name}" does not exist`));
}

/** FUNCTION, PROCEDURE, ROUTINE, AGGREGATE with the object not found: its NOTICE or error. */
export function dropFunctionMissing(cx: CommandContext, removeType: string, owa: any, missingOk: boolean): void {
  report(cx, missingOk, () => functionMissing(cx, removeType, owa));
}

/** TRIGGER, RULE, POLICY on a relation with the object not found: its NOTICE or error. */
export function dropOnRelationMissing(cx: CommandContext, removeType: string, list: any[], missingOk: boolean): void {
  report(cx, missingOk, () => onRelationMissing(cx, removeType, list));
}

function report(cx: CommandContext, missingOk: boolean, find: () => Missing | null): void {
  let m: Missing | null;
  try { m = find(); } catch (e) {
    if (!(e instanceof Missing)) throw e;
    m = e;
  }
  if (!m) return;
  if (!missingOk) throw m.error;
  cx.notice({ severity: 'NOTICE', code: '00000', message: `${m.notice}, skipping` });
}

function functionMissing(cx: CommandContext, removeType: string, owa: any): Missing {
  const objname = names(owa.objname);
  const word = { OBJECT_FUNCTION: 'function', OBJECT_PROCEDURE: 'procedure', OBJECT_ROUTINE: 'routine', OBJECT_AGGREGATE: 'aggregate' }[removeType]!;
  schemaExists(cx, objname);
  const name = objname.join('.');
  const argNodes: any[] = owa.objargs ?? [];
  const types = resolveTypes(cx, argNodes) as number[];
  const skipArgs = argNodes.map(n => typeNameString(n.TypeName)).join(',');
  const notice = `${word} ${name}(${skipArgs}) does not exist`;
  if (owa.args_unspecified) return new Missing(notice, new PgError('42883', `could not find a function named "${name}"`));
  const sig = removeType === 'OBJECT_AGGREGATE' && !argNodes.length ? '*' : types.map(t => typeDisplayName(t)).join(', ');
  // a built-in (pg_catalog) function with these argument types cannot be dropped
  const base = objname[objname.length - 1];
  const inCatalog = objname.length === 1 || objname[0] === 'pg_catalog';
  // built-in aggregates have no argument signatures here: count(*) and any other arguments of theirs count as found
  const builtin = inCatalog && (removeType === 'OBJECT_AGGREGATE'
    ? AGGREGATES.has(base) && (types.length > 0 || base === 'count')
    : functionsNamed(base)?.some(f => f.args.length === types.length && f.args.every((a, i) => a === types[i])));
  if (builtin) {
    const shown = types.map(t => typeDisplayName(t)).join(',');
    throw new PgError('2BP01', `cannot drop function ${objname[objname.length - 1]}(${shown}) because it is required by the database system`);
  }
  // ROUTINE's lookup reports "function" (LookupFuncWithArgs with OBJECT_ROUTINE)
  const errWord = word === 'routine' ? 'function' : word;
  return new Missing(notice, new PgError('42883', `${errWord} ${name}(${sig}) does not exist`));
}

function onRelationMissing(cx: CommandContext, removeType: string, list: any[]): Missing | null {
  const parts = names(list);
  const objName = parts[parts.length - 1];
  const relNames = parts.slice(0, -1);
  schemaExists(cx, relNames);
  const relname = relNames[relNames.length - 1];
  const rel: Relation | undefined = cx.catalog.findRelation(relNames.length > 1 ? relNames[0] : null, relname, cx.analyze.searchPath);
  if (!rel) return new Missing(`relation "${relNames.join('.')}" does not exist`, new PgError('42P01', `relation "${relNames.join('.')}" does not exist`));
  const word = { OBJECT_TRIGGER: 'trigger', OBJECT_RULE: 'rule', OBJECT_POLICY: 'policy' }[removeType]!;
  // the error names the relation "for table" (triggers, policies) or "for relation" (rules); the skip message always says relation
  const errFor = word === 'rule' ? 'relation' : 'table';
  return new Missing(`${word} "${objName}" for relation "${relNames.join('.')}" does not exist`,
    new PgError('42704', `${word} "${objName}" for ${errFor} "${rel.name}" does not exist`));
}

function operatorMissing(cx: CommandContext, owa: any): Missing {
  const objname = names(owa.objname);
  schemaExists(cx, objname);
  const [left, right] = resolveTypes(cx, owa.objargs ?? []);
  const op = objname[objname.length - 1];
  if (left === null && right === null) throw new PgError('42601', 'missing argument', { hint: 'Use NONE to denote the missing argument of a unary operator.' });
  if (right === null) throw new PgError('0A000', 'postfix operators are not supported');
  const builtin = (objname.length === 1 || objname[0] === 'pg_catalog') &&
    operatorsNamed(op)?.some(o => o.left === (left ?? 0) && o.right === right);
  const shown = left === null ? `${op} ${typeDisplayName(right)}` : `${typeDisplayName(left)} ${op} ${typeDisplayName(right)}`;
  if (builtin) {
    const sig = left === null ? `NONE,${typeDisplayName(right)}` : `${typeDisplayName(left)},${typeDisplayName(right)}`;
    throw new PgError('2BP01', `cannot drop operator ${op}(${sig}) because it is required by the database system`);
  }
  return new Missing(`operator ${objname.join('.')} does not exist`, new PgError('42883', `operator does not exist: ${shown}`));
}

function missingObject(cx: CommandContext, removeType: string, obj: any): Missing | null {
  switch (removeType) {
    case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_ROUTINE': case 'OBJECT_AGGREGATE':
      return functionMissing(cx, removeType, obj.ObjectWithArgs);
    case 'OBJECT_OPERATOR': return operatorMissing(cx, obj.ObjectWithArgs);
    case 'OBJECT_TRIGGER': case 'OBJECT_RULE': case 'OBJECT_POLICY': return onRelationMissing(cx, removeType, obj.List.items);
    case 'OBJECT_CAST': {
      const [a, b] = obj.List.items;
      const [source] = resolveTypes(cx, [a]) as number[];
      const [target] = resolveTypes(cx, [b]) as number[];
      const text = `cast from type ${typeDisplayName(source)} to type ${typeDisplayName(target)}`;
      if (source !== target && findCast(source, target)) throw new Pinned(`cast from ${typeDisplayName(source)} to ${typeDisplayName(target)}`);
      return new Missing(`cast from type ${typeNameString(a.TypeName)} to type ${typeNameString(b.TypeName)} does not exist`,
        new PgError('42704', `${text} does not exist`));
    }
    case 'OBJECT_TRANSFORM': {
      const [tn, lang] = [obj.List.items[0], str(obj.List.items[1])];
      const [t] = resolveTypes(cx, [tn]) as number[];
      return new Missing(`transform for type ${typeNameString(tn.TypeName)} language "${lang}" does not exist`,
        new PgError('42704', `transform for type ${typeDisplayName(t)} language "${lang}" does not exist`));
    }
    case 'OBJECT_OPCLASS': case 'OBJECT_OPFAMILY': {
      const [am, ...rest] = names(obj.List.items);
      const word = removeType === 'OBJECT_OPCLASS' ? 'operator class' : 'operator family';
      // the access method is looked up first, even with IF EXISTS
      if (!ACCESS_METHODS.has(am) || am === 'heap') throw new PgError('42704', `access method "${am}" does not exist`);
      schemaExists(cx, rest);
      const name = rest.join('.');
      return new Missing(`${word} "${name}" does not exist for access method "${am}"`,
        new PgError('42704', `${word} "${rest[rest.length - 1]}" does not exist for access method "${am}"`));
    }
    case 'OBJECT_COLLATION': {
      const list = names(obj.List.items);
      schemaExists(cx, list);
      const name = list[list.length - 1];
      if ((list.length === 1 || list[0] === 'pg_catalog') && COLLATIONS.has(name)) throw new Pinned(`collation "${name}"`);
      return new Missing(`collation "${list.join('.')}" does not exist`, new PgError('42704', `collation "${list.join('.')}" for encoding "UTF8" does not exist`));
    }
    case 'OBJECT_CONVERSION': case 'OBJECT_TSPARSER': case 'OBJECT_TSDICTIONARY': case 'OBJECT_TSTEMPLATE':
    case 'OBJECT_TSCONFIGURATION': case 'OBJECT_STATISTIC_EXT': {
      const list = names(obj.List.items);
      schemaExists(cx, list);
      const word = { OBJECT_CONVERSION: 'conversion', OBJECT_TSPARSER: 'text search parser', OBJECT_TSDICTIONARY: 'text search dictionary',
        OBJECT_TSTEMPLATE: 'text search template', OBJECT_TSCONFIGURATION: 'text search configuration', OBJECT_STATISTIC_EXT: 'statistics object' }[removeType]!;
      return simple(word, '42704', list.join('.'));
    }
  }
  // objects named by one identifier
  const name = str(obj);
  switch (removeType) {
    case 'OBJECT_ACCESS_METHOD':
      if (ACCESS_METHODS.has(name)) throw new Pinned(`access method ${name}`);
      return simple('access method', '42704', name);
    case 'OBJECT_LANGUAGE':
      if (LANGUAGES.has(name)) throw new Pinned(`language ${name}`);
      return simple('language', '42704', name);
    case 'OBJECT_EXTENSION': return simple('extension', '42704', name);
    case 'OBJECT_FDW': return simple('foreign-data wrapper', '42704', name);
    case 'OBJECT_FOREIGN_SERVER': return simple('server', '42704', name);
    case 'OBJECT_PUBLICATION': return simple('publication', '42704', name);
    case 'OBJECT_SUBSCRIPTION': return simple('subscription', '42704', name);
    case 'OBJECT_EVENT_TRIGGER': return simple('event trigger', '42704', name);
  }
  throw new PgError('0A000', `DROP ${removeType.replace('OBJECT_', '')} is not supported`);
}

/** One object of a kind that also has user objects (operators, classes, families) not found: its NOTICE (missingOk) or error. */
export function reportMissingDrop(cx: CommandContext, removeType: string, obj: any, missingOk: boolean): void {
  try {
    report(cx, missingOk, () => missingObject(cx, removeType, obj));
  } catch (e) {
    if (e instanceof Pinned) throw new PgError('2BP01', `cannot drop ${e.what} because it is required by the database system`);
    throw e;
  }
}

/** The kinds dropMissing answers for. */
const KINDS = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE', 'OBJECT_AGGREGATE', 'OBJECT_OPERATOR', 'OBJECT_TRIGGER',
  'OBJECT_RULE', 'OBJECT_POLICY', 'OBJECT_CAST', 'OBJECT_TRANSFORM', 'OBJECT_OPCLASS', 'OBJECT_OPFAMILY', 'OBJECT_COLLATION',
  'OBJECT_CONVERSION', 'OBJECT_TSPARSER', 'OBJECT_TSDICTIONARY', 'OBJECT_TSTEMPLATE', 'OBJECT_TSCONFIGURATION', 'OBJECT_STATISTIC_EXT',
  'OBJECT_ACCESS_METHOD', 'OBJECT_LANGUAGE', 'OBJECT_EXTENSION', 'OBJECT_FDW', 'OBJECT_FOREIGN_SERVER', 'OBJECT_PUBLICATION',
  'OBJECT_SUBSCRIPTION', 'OBJECT_EVENT_TRIGGER']);

const TAGS: Record<string, string> = {
  OBJECT_TSPARSER: 'DROP TEXT SEARCH PARSER', OBJECT_TSDICTIONARY: 'DROP TEXT SEARCH DICTIONARY', OBJECT_TSTEMPLATE: 'DROP TEXT SEARCH TEMPLATE',
  OBJECT_TSCONFIGURATION: 'DROP TEXT SEARCH CONFIGURATION', OBJECT_STATISTIC_EXT: 'DROP STATISTICS', OBJECT_ACCESS_METHOD: 'DROP ACCESS METHOD',
  OBJECT_FDW: 'DROP FOREIGN DATA WRAPPER', OBJECT_FOREIGN_SERVER: 'DROP SERVER', OBJECT_OPCLASS: 'DROP OPERATOR CLASS',
  OBJECT_OPFAMILY: 'DROP OPERATOR FAMILY', OBJECT_EVENT_TRIGGER: 'DROP EVENT TRIGGER',
};

/**
 * DROP of a kind Relata cannot create: every object named is missing (NOTICE with IF EXISTS,
 * else the error), a built-in one cannot be dropped. null: not such a kind.
 */
export function dropMissing(cx: CommandContext, n: any): { command: string; rowCount: null } | null {
  if (!KINDS.has(n.removeType)) return null;
  for (const obj of n.objects as any[]) {
    try {
      report(cx, !!n.missing_ok, () => missingObject(cx, n.removeType, obj));
    } catch (e) {
      if (e instanceof Pinned) throw new PgError('2BP01', `cannot drop ${e.what} because it is required by the database system`);
      throw e;
    }
  }
  return { command: TAGS[n.removeType] ?? `DROP ${n.removeType.replace('OBJECT_', '')}`, rowCount: null };
}

/** DROP SUBSCRIPTION (its own statement): none exist. */
export function dropSubscription(cx: CommandContext, n: any): { command: string; rowCount: null } {
  report(cx, !!n.missing_ok, () => simple('subscription', '42704', n.subname));
  return { command: 'DROP SUBSCRIPTION', rowCount: null };
}
