// CREATE SEQUENCE, ALTER SEQUENCE, and the sequences behind serial and identity columns
// (PostgreSQL's DefineSequence / AlterSequence / process_owned_by).
import { checkRelationOwner } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import { chooseName, type Schema, type Sequence, type Table } from '../catalog/index.js';
import { newSequenceGeneration } from '../catalog/sequence-state.js';
import type { CommandContext } from './context.js';
import { resolveCreationSchema } from './create-table.js';
import { initParams, parseSeqOptions, type SeqParams } from './sequence-options.js';

const RELKIND_WORD: Record<string, string> = { i: 'indexes', S: 'sequences', v: 'views', r: 'tables' };

/** Adds a sequence relation with the given parameters. */
export function defineSequence(cx: CommandContext, schema: Schema, name: string, p: SeqParams, identity: boolean): Sequence {
  const seq: Sequence = {
    kind: 'sequence', relkind: 'S', oid: cx.catalog.allocOid(), name, schema, owner: cx.user, typeOid: p.typeOid,
    start: p.start, increment: p.increment, min: p.min, max: p.max, cache: p.cache, cycle: p.cycle,
    lastValue: p.lastValue, isCalled: p.isCalled, logCnt: p.logCnt, ownedBy: null, identity,
  };
  cx.catalog.addRelation(seq);
  return seq;
}

export function createSequence(cx: CommandContext, n: any): string {
  const rv = n.sequence;
  const schema = resolveCreationSchema(cx, rv);
  if (n.if_not_exists && schema.relations.has(rv.relname)) {
    cx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${rv.relname}" already exists, skipping` });
    return 'CREATE SEQUENCE';
  }
  const o = parseSeqOptions(n.options, false);
  const p = initParams(o, false, null);
  if (schema.relations.has(rv.relname)) throw new PgError('42P07', `relation "${rv.relname}" already exists`);
  const seq = defineSequence(cx, schema, rv.relname, p, false);
  if (rv.relpersistence === 'u') seq.unlogged = true;
  cx.catalog.deps.add(seq, 0, schema, 0, 'n');
  if (o.ownedBy) processOwnedBy(cx, seq, o.ownedBy, false);
  return 'CREATE SEQUENCE';
}

export function alterSequence(cx: CommandContext, n: any): string {
  const rv = n.sequence;
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  const display = rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
  if (!rel) {
    if (n.missing_ok) {
      cx.notice({ severity: 'NOTICE', code: '00000', message: `relation "${display}" does not exist, skipping` });
      return 'ALTER SEQUENCE';
    }
    throw new PgError('42P01', `relation "${display}" does not exist`);
  }
  if (rel.kind !== 'sequence') throw new PgError('42809', `"${rel.name}" is not a sequence`);
  checkRelationOwner(cx.catalog, cx.user, rel);
  alterSequenceOptions(cx, rel, n.options, !!n.for_identity);
  return 'ALTER SEQUENCE';
}

/** Applies ALTER SEQUENCE options (also ALTER TABLE … ALTER COLUMN … SET/RESTART of an identity). */
export function alterSequenceOptions(cx: CommandContext, seq: Sequence, options: any[] | undefined, forIdentity: boolean): void {
  const o = parseSeqOptions(options, forIdentity);
  const p = initParams(o, forIdentity, paramsOf(seq));
  for (const k of Object.keys(p) as (keyof SeqParams)[]) {
    if (seq[k] !== p[k]) cx.catalog.set(seq, k, p[k] as never);
  }
  if (o.changesValues) newSequenceGeneration(seq);
  if (o.ownedBy) processOwnedBy(cx, seq, o.ownedBy, forIdentity);
}

/**
 * AS type of an identity column's sequence when the column's type changes (ALTER COLUMN
 * … TYPE); bounds that were the old type's limits follow the new type.
 */
export function alterSequenceType(cx: CommandContext, seq: Sequence, typeOid: number): void {
  const p = initParams({ as: typeOid, changesValues: true }, seq.identity, paramsOf(seq));
  for (const k of Object.keys(p) as (keyof SeqParams)[]) {
    if (seq[k] !== p[k]) cx.catalog.set(seq, k, p[k] as never);
  }
  newSequenceGeneration(seq);
}

/** TRUNCATE … RESTART IDENTITY: back to the start value, as ALTER SEQUENCE … RESTART. */
export function restartSequence(cx: CommandContext, seq: Sequence): void {
  cx.catalog.set(seq, 'lastValue', seq.start);
  cx.catalog.set(seq, 'isCalled', false);
  cx.catalog.set(seq, 'logCnt', 0n);
  newSequenceGeneration(seq);
}

export function paramsOf(s: Sequence): SeqParams {
  return {
    typeOid: s.typeOid, start: s.start, increment: s.increment, min: s.min, max: s.max, cache: s.cache, cycle: s.cycle,
    lastValue: s.lastValue, isCalled: s.isCalled, logCnt: s.logCnt ?? 0n,
  };
}

/**
 * The sequence of a serial or identity column, named table_column_seq unless an
 * identity's SEQUENCE NAME says otherwise, owned by the column.
 */
export function createColumnSequence(cx: CommandContext, table: Table, attnum: number, typeOid: number, identity: boolean,
  options?: any[]): Sequence {
  const col = table.columns[attnum - 1];
  const o = parseSeqOptions(options, identity);
  if (o.as !== undefined) {
    // the column's type is the sequence's AS already
    const loc = options!.find(x => x.DefElem.defname === 'as').DefElem.location;
    throw new PgError('42601', 'conflicting or redundant options', loc >= 0 ? { position: loc + 1 } : undefined);
  }
  o.as = typeOid;
  const p = initParams(o, identity, null);
  let schema = table.schema;
  let name: string;
  if (o.sequenceName) {
    const names = o.sequenceName;
    name = names[names.length - 1];
    if (names.length > 1) schema = cx.catalog.schema(names[names.length - 2]);
    if (schema.relations.has(name)) throw new PgError('42P07', `relation "${name}" already exists`);
  } else {
    name = chooseName(table.name, col.name, 'seq', x => table.schema.relations.has(x));
  }
  const seq = defineSequence(cx, schema, name, p, identity);
  setOwner(cx, seq, { table, attnum }, identity ? 'i' : 'a');
  if (o.ownedBy) processOwnedBy(cx, seq, o.ownedBy, identity);
  return seq;
}

/** Replaces the sequence's owning column (the auto or internal dependency on it). */
export function setOwner(cx: CommandContext, seq: Sequence, owner: { table: Table; attnum: number } | null, type: 'a' | 'i'): void {
  for (const d of [...cx.catalog.deps.dependenciesOf(seq)]) {
    if (d.type === type && d.referenced.obj.kind === 'table') cx.catalog.deps.remove(d);
  }
  cx.catalog.set(seq, 'ownedBy', owner);
  if (owner) cx.catalog.deps.add(seq, 0, owner.table, owner.attnum, type);
}

/** OWNED BY table.column | NONE. */
function processOwnedBy(cx: CommandContext, seq: Sequence, names: string[], forIdentity: boolean): void {
  let owner: { table: Table; attnum: number } | null = null;
  if (names.length === 1) {
    if (names[0] !== 'none') {
      throw new PgError('42601', 'invalid OWNED BY option', { hint: 'Specify OWNED BY table.column or OWNED BY NONE.' });
    }
  } else {
    const relNames = names.slice(0, -1);
    const column = names[names.length - 1];
    if (relNames.length > 3) throw new PgError('42601', `improper relation name (too many dotted names): ${relNames.join('.')}`);
    const relname = relNames[relNames.length - 1];
    const schemaName = relNames.length > 1 ? relNames[relNames.length - 2] : null;
    const rel = cx.catalog.findRelation(schemaName, relname, cx.analyze.searchPath);
    if (!rel) throw new PgError('42P01', `relation "${schemaName ? `${schemaName}.${relname}` : relname}" does not exist`);
    if (rel.kind === 'view') throw new PgError('0A000', 'OWNED BY a view is not supported');
    if (rel.kind !== 'table') {
      throw new PgError('42809', `sequence cannot be owned by relation "${rel.name}"`,
        { detail: `This operation is not supported for ${RELKIND_WORD[rel.relkind]}.` });
    }
    if (rel.schema !== seq.schema) throw new PgError('55000', 'sequence must be in same schema as table it is linked to');
    const col = rel.columns.find(c => !c.dropped && c.name === column);
    if (!col) throw new PgError('42703', `column "${column}" of relation "${rel.name}" does not exist`);
    owner = { table: rel, attnum: col.attnum };
  }
  if (!forIdentity && seq.identity && seq.ownedBy) {
    throw new PgError('0A000', 'cannot change ownership of identity sequence',
      { detail: `Sequence "${seq.name}" is linked to table "${seq.ownedBy.table.name}".` });
  }
  setOwner(cx, seq, owner, forIdentity ? 'i' : 'a');
}
