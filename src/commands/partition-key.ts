// PARTITION BY: the partition key of a new partitioned table, checked as PostgreSQL's
// transformPartitionSpec and ComputePartitionAttrs check it.
import { PgError } from '../errors/index.js';
import { analyzePartitionExpr, isImmutableExpr, partitionExprText } from '../analyzer/partition-key.js';
import type { PartitionKey, Table } from '../catalog/objects.js';
import type { Catalog } from '../catalog/catalog.js';
import { OID } from '../types/oids.js';
import { allTypes, typeByOid } from '../types/registry.js';
import { SYSTEM_COLUMNS } from './alter-state.js';
import { withoutPosition } from './alter-column.js';
import type { CommandContext } from './context.js';
import { defaultUserOpclass, resolveUserOpclass } from './opclass.js';
import { opclassName } from '../catalog/operators.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

const STRATEGIES: Record<string, PartitionKey['strategy']> = { list: 'l', range: 'r', hash: 'h' };

/** Types with no btree (or hash) operator class, so they cannot be partitioned on. */
const NO_OPCLASS = new Set<number>([OID.json, OID.xml]);

/** Operator class names that are another type's, accepted for binary-compatible types. */
const OPCLASS_TYPES: Record<string, number[]> = {
  int4_ops: [OID.int2, OID.int4, OID.int8], int2_ops: [OID.int2, OID.int4, OID.int8], int8_ops: [OID.int2, OID.int4, OID.int8],
  oid_ops: [OID.oid, OID.int4], text_ops: [OID.text, OID.varchar, OID.name], varchar_ops: [OID.text, OID.varchar],
  text_pattern_ops: [OID.text, OID.varchar], varchar_pattern_ops: [OID.text, OID.varchar], bpchar_ops: [OID.bpchar],
  bpchar_pattern_ops: [OID.bpchar],
};

/** The key PARTITION BY describes, on a table whose columns are already known. */
export function partitionKeyOf(cx: CommandContext, table: Table, spec: any): PartitionKey {
  const params = (spec.partParams ?? []) as any[];
  if (params.length > 32) throw new PgError('54011', 'cannot partition using more than 32 columns');
  const strategy = STRATEGIES[String(spec.strategy).toLowerCase()];
  if (!strategy) throw new PgError('22023', `unrecognized partitioning strategy "${spec.strategy}"`);
  if (strategy === 'l' && params.length > 1) throw new PgError('42P17', 'cannot use "list" partition strategy with more than one column');
  const key: PartitionKey = { strategy, attnums: [], exprs: [], types: [], typmods: [], collations: [], opclasses: [] };
  const method = strategy === 'h' ? 'hash' : 'btree';
  params.forEach((p, i) => {
    const el = p.PartitionElem;
    let typeOid: number, typmod = -1;
    // "(column)" is a column too (ComputePartitionAttrs); "(name)" naming no column is an
    // expression (a whole-row reference, say)
    let bare = el.expr ? bareColumn(el.expr) : null;
    if (bare !== null && !table.columns.some(c => !c.dropped && c.name === bare) && !SYSTEM_COLUMNS.has(bare)) bare = null;
    const name: string | null = el.name ?? bare;
    if (name !== null) {
      const col = table.columns.find(c => !c.dropped && c.name === name);
      if (!col) {
        if (SYSTEM_COLUMNS.has(name)) throw new PgError('42P17', `cannot use system column "${name}" in partition key`, pos(el.location));
        throw new PgError('42703', `column "${name}" named in partition key does not exist`, pos(el.location));
      }
      key.attnums.push(col.attnum);
      typeOid = col.typeOid; typmod = col.typmod;
    } else {
      if (containsSubLink(el.expr)) throw new PgError('0A000', 'cannot use subquery in partition key expression');
      if (walk(el.expr, n => !!n.FuncCall?.over)) throw new PgError('42P20', 'window functions are not allowed in partition key expressions');
      if (containsSystemColumn(el.expr)) throw new PgError('42P17', 'partition key expressions cannot contain system column references');
      // PostgreSQL reports the expression's errors without a position
      const e = withoutPosition(() => analyzePartitionExpr(cx.analyze, table, el.expr));
      typeOid = e.type; typmod = e.typmod;
      pseudoCheck(typeOid, i);
      if (!containsColumnRef(el.expr)) throw new PgError('42P17', 'cannot use constant expression as partition key');
      if (!isImmutableExpr(e)) throw new PgError('42P17', 'functions in partition key expression must be marked IMMUTABLE');
      key.attnums.push(0);
      key.exprs.push({ expr: el.expr, text: partitionExprText(cx.analyze, table, e) });
    }
    const t = typeByOid(typeOid);
    pseudoCheck(typeOid, i);
    let opclass = el.opclass?.length ? str(el.opclass[el.opclass.length - 1]) : null;
    // a user-defined class (opclass.ts) is used through its support function; the table depends on it
    const userClass = el.opclass?.length ? resolveUserOpclass(cx, el.opclass, method, typeOid) : defaultUserOpclass(cx, typeOid, method);
    if (userClass) {
      (key.userOpclasses ??= params.map(() => null))[i] = userClass;
      if (!cx.catalog.deps.dependenciesOf(table).some(d => d.referenced.obj === userClass)) cx.catalog.deps.add(table, 0, userClass, 0, 'n');
      if (userClass.isDefault && userClass.inputType === typeOid) opclass = null;
    } else if (opclass) checkOpclass(opclass, typeOid, method);
    else if (!hasOpclass(typeOid)) {
      throw new PgError('42704', `data type ${t?.formatType(-1) ?? typeOid} has no default operator class for access method "${method}"`,
        { hint: `You must specify a ${method} operator class or define a default ${method} operator class for the data type.` });
    }
    const collation = el.collation?.length ? str(el.collation[el.collation.length - 1]) : null;
    if (collation !== null && t?.category !== 'S') {
      throw new PgError('42804', `collations are not supported by type ${t?.formatType(-1) ?? typeOid}`, pos(el.location));
    }
    key.types.push(typeOid); key.typmods.push(typmod); key.collations.push(collation); key.opclasses.push(opclass);
  });
  return key;
}

function pseudoCheck(typeOid: number, i: number): void {
  const t = typeByOid(typeOid);
  if (typeOid === OID.unknown || t?.category === 'P') {
    throw new PgError('42P16', `partition key column ${i + 1} has pseudo-type ${typeOid === OID.unknown ? 'unknown' : t!.name}`);
  }
}

/** Does the type have a btree and hash operator class of its own (geometric types, json, xml do not)? */
function hasOpclass(typeOid: number): boolean {
  return !NO_OPCLASS.has(typeOid) && typeByOid(typeOid)?.category !== 'G';
}

function checkOpclass(name: string, typeOid: number, method: string): void {
  const own = typeByOid(typeOid)?.name;
  if ((name === `${own}_ops` && hasOpclass(typeOid)) || OPCLASS_TYPES[name]?.includes(typeOid)) return;
  if (OPCLASS_TYPES[name] || [...allTypes()].some(t => `${t.name}_ops` === name && hasOpclass(t.oid))) {
    throw new PgError('42804', `operator class "${name}" does not accept data type ${typeByOid(typeOid)?.formatType(-1)}`);
  }
  throw new PgError('42704', `operator class "${name}" does not exist for access method "${method}"`);
}

/** The column name of an expression that is just a column reference. */
function bareColumn(e: any): string | null {
  const f = e?.ColumnRef?.fields;
  return f?.length === 1 && f[0].String ? f[0].String.sval : null;
}

function walk(e: any, test: (node: any) => boolean): boolean {
  if (!e || typeof e !== 'object') return false;
  if (Array.isArray(e)) return e.some(x => walk(x, test));
  if (test(e)) return true;
  return Object.values(e).some(v => walk(v, test));
}

const containsSubLink = (e: any) => walk(e, n => !!n.SubLink);
const containsColumnRef = (e: any) => walk(e, n => !!n.ColumnRef);
const containsSystemColumn = (e: any) => walk(e, n => {
  const f = n.ColumnRef?.fields;
  return !!f && SYSTEM_COLUMNS.has(f[f.length - 1]?.String?.sval);
});

/** The key's column names (or expressions in parentheses), as messages list them. */
export function keyColumnsText(table: Table, key: PartitionKey): string {
  let j = 0;
  return key.attnums.map(a => (a ? quote(table.columns[a - 1].name) : `(${key.exprs[j++].text})`)).join(', ');
}

const quote = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

/** The key as pg_get_partkeydef prints it. */
export function partkeyDef(table: Table, key: PartitionKey, cat?: Catalog, path?: readonly string[]): string {
  const strategy = key.strategy === 'l' ? 'LIST' : key.strategy === 'r' ? 'RANGE' : 'HASH';
  let j = 0;
  const cols = key.attnums.map((a, i) => {
    let s: string;
    if (a) s = quote(table.columns[a - 1].name);
    else {
      const text = key.exprs[j++].text;
      s = /^[A-Za-z_][A-Za-z0-9_.]*\(.*\)$/.test(text) && balanced(text) ? text : `(${text})`;
    }
    // printed only when it differs from the key's own collation, which (columns carrying no
    // collation of their own here) is always "default"
    if (key.collations[i] && key.collations[i] !== 'default') s += ` COLLATE ${quote(key.collations[i]!)}`;
    // a user-defined class prints as it is named now (renamed, moved: qualified when not on the path)
    const uc = key.userOpclasses?.[i];
    if (uc && key.opclasses[i]) s += ` ${path ? opclassName(cat!, uc, path) : uc.name}`;
    else if (key.opclasses[i]) s += ` ${key.opclasses[i]}`;
    return s;
  });
  return `${strategy} (${cols.join(', ')})`;
}

/** Is the text one function call (its opening parenthesis closed only at the end)? */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = text.indexOf('('); i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0 && i !== text.length - 1) return false;
  }
  return true;
}
