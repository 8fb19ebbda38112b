// CREATE [OR REPLACE] [CONSTRAINT] TRIGGER (PostgreSQL's CreateTriggerFiringOn): the checks
// in PostgreSQL's order, the WHEN condition validated against OLD/NEW, the trigger function
// resolved, and a partitioned table's trigger cloned to its partitions.
import { PgError } from '../errors/index.js';
import type { Table, Trigger, View } from '../catalog/objects.js';
import { CLASS } from '../catalog/objects.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import { userFunctionsNamed, inputParams } from '../functions/catalog.js';
import { OID } from '../types/oids.js';
import { addTrigger, removeTrigger, TG, triggerByName } from '../triggers/catalog.js';
import { checkWhenClause, whenColumns } from '../triggers/when.js';
import '../triggers/trigger-type.js';
import { builtinTriggerByName } from '../triggers/builtin.js';
import type { CommandContext } from './context.js';

const str = (n: any): string => n.String?.sval ?? n.sval;
const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : {});

/** A trigger argument as written (strings, numbers and identifiers are all kept as text). */
function argText(a: any): string {
  if (a.String) return a.String.sval;
  if (a.Integer) return String(a.Integer.ival ?? 0);
  if (a.Float) return a.Float.fval;
  if (a.BitString) return a.BitString.bsval;
  return String(Object.values(a)[0]);
}

export function createTrigger(cx: CommandContext, n: any): string {
  const rv = n.relation;
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
  if (rel.kind !== 'table' && rel.kind !== 'view') {
    throw new PgError('42809', `relation "${rel.name}" cannot have triggers`,
      { detail: `This operation is not supported for ${rel.kind === 'index' ? 'indexes' : 'sequences'}.` });
  }
  const timing: number = n.timing ?? 0;
  const row = !!n.row;
  const events: number = n.events;
  const columns = (n.columns ?? []) as any[];
  const transitions = ((n.transitionRels ?? []) as any[]).map(x => x.TriggerTransition);
  if (rel.kind === 'table') {
    if (timing === TG.INSTEAD) {
      throw new PgError('42809', `"${rel.name}" is a table`, { detail: 'Tables cannot have INSTEAD OF triggers.' });
    }
    if (rel.relkind === 'p' && row && transitions.length) {
      throw new PgError('0A000', `"${rel.name}" is a partitioned table`, { detail: 'ROW triggers with transition tables are not supported on partitioned tables.' });
    }
  } else {
    if (timing !== TG.INSTEAD && row) {
      throw new PgError('42809', `"${rel.name}" is a view`, { detail: 'Views cannot have row-level BEFORE or AFTER triggers.' });
    }
    if (events & TG.TRUNCATE) throw new PgError('42809', `"${rel.name}" is a view`, { detail: 'Views cannot have TRUNCATE triggers.' });
  }
  if ((events & TG.TRUNCATE) && row) throw new PgError('0A000', 'TRUNCATE FOR EACH ROW triggers are not supported');
  if (timing === TG.INSTEAD) {
    if (!row) throw new PgError('0A000', 'INSTEAD OF triggers must be FOR EACH ROW');
    if (n.whenClause) throw new PgError('0A000', 'INSTEAD OF triggers cannot have WHEN conditions');
    if (columns.length) throw new PgError('0A000', 'INSTEAD OF triggers cannot have column lists');
  }
  let oldTable: string | null = null, newTable: string | null = null;
  if (transitions.length) checkTransitions(rel, timing, row, events, columns.length > 0, transitions, (o, nw) => { oldTable = o; newTable = nw; });
  if (n.isconstraint && n.timing) throw new PgError('42601', 'constraint triggers must be AFTER triggers');
  const type = (row ? TG.ROW : 0) | timing | events;
  const when = n.whenClause ? checkWhenClause(cx, rel, n.whenClause, type, n.whenText) : null;
  const func = triggerFunction(cx, n.funcname);
  const attnums = columns.map(c => {
    const name = str(c);
    const col = rel.kind === 'table' ? rel.columns.find(x => !x.dropped && x.name === name) : undefined;
    if (!col) throw new PgError('42703', `column "${name}" of relation "${rel.name}" does not exist`);
    if (attnumsSeen(columns, name)) throw new PgError('42701', `column "${name}" specified more than once`);
    return col.attnum;
  });
  let constrRel: Table | null = null;
  if (n.constrrel) {
    const r = cx.catalog.findRelation(n.constrrel.schemaname, n.constrrel.relname, cx.analyze.searchPath);
    if (!r) throw new PgError('42P01', `relation "${n.constrrel.relname}" does not exist`);
    if (r.kind === 'table') constrRel = r;
  }
  const existing = triggerByName(rel, n.trigname);
  if (existing) {
    if (!n.replace) throw new PgError('42710', `trigger "${n.trigname}" for relation "${rel.name}" already exists`);
    if (existing.constraintOid || n.isconstraint) {
      throw new PgError('42710', `trigger "${n.trigname}" for relation "${rel.name}" is a constraint trigger`,
        { hint: 'Use DROP TRIGGER first.' });
    }
    dropTriggerWithClones(cx, existing);
  }
  const spec: Omit<Trigger, 'oid' | 'table' | 'parent' | 'constraintOid'> = {
    kind: 'trigger', name: n.trigname, funcOid: func, type, enabled: 'O', columns: attnums, when,
    args: ((n.args ?? []) as any[]).map(argText), constrRel, deferrable: !!n.deferrable, initiallyDeferred: !!n.initdeferred,
    oldTable, newTable,
  };
  const tr = installTrigger(cx, rel, spec, null, existing?.oid, !!n.isconstraint);
  if (rel.kind === 'table' && rel.relkind === 'p') cloneToPartitions(cx, rel, tr, spec);
  return 'CREATE TRIGGER';
}

function attnumsSeen(columns: any[], name: string): boolean {
  return columns.filter(c => str(c) === name).length > 1;
}

type Spec = Omit<Trigger, 'oid' | 'table' | 'parent' | 'constraintOid'>;

function installTrigger(cx: CommandContext, rel: Table | View, spec: Spec, parent: Trigger | null, oid: number | undefined, isConstraint: boolean): Trigger {
  const tr: Trigger = { ...spec, columns: [...spec.columns], args: [...spec.args], oid: oid ?? cx.catalog.allocOid(), table: rel, parent,
    constraintOid: isConstraint ? cx.catalog.allocOid() : 0 };
  addTrigger(cx.catalog, tr);
  const deps = cx.catalog.deps;
  if (parent) {
    deps.add(tr, 0, parent, 0, 'P');
    deps.add(tr, 0, rel, 0, 'S');
  } else deps.add(tr, 0, rel, 0, 'a');
  const fn = cx.catalog.schemas.size ? findFunctionObject(cx, spec.funcOid) : null;
  if (fn) deps.add(tr, 0, fn, 0, 'n');
  // the columns of UPDATE OF and of WHEN cannot go without the trigger (normal dependencies)
  if (rel.kind === 'table') {
    const cols = new Set([...tr.columns, ...(tr.when ? whenColumns(cx.analyze, rel, tr.when.expr) : [])]);
    for (const a of cols) deps.add(tr, 0, rel, a, 'n');
  }
  return tr;
}

function findFunctionObject(cx: CommandContext, oid: number) {
  for (const s of cx.catalog.schemas.values()) for (const l of s.functions?.values() ?? []) for (const f of l) if (f.oid === oid) return f;
  return null;
}

/** A partitioned table's trigger goes to every partition too (row triggers only, as PostgreSQL). */
function cloneToPartitions(cx: CommandContext, t: Table, parent: Trigger, spec: Spec): void {
  if (!(spec.type & TG.ROW)) return;
  for (const child of t.children) {
    if (triggerByName(child, spec.name)) {
      throw new PgError('42710', `trigger "${spec.name}" for relation "${child.name}" already exists`);
    }
    // UPDATE OF columns are matched by name in the partition
    const columns = spec.columns.map(a => child.columns.find(c => !c.dropped && c.name === t.columns[a - 1].name)!.attnum);
    const tr = installTrigger(cx, child, { ...spec, columns }, parent, undefined, false);
    if (child.relkind === 'p') cloneToPartitions(cx, child, tr, { ...spec, columns });
  }
}

/** A partition attached or created later gets its parent's row triggers (CloneRowTriggersToPartition). */
export function cloneTriggersToPartition(cx: CommandContext, parent: Table, partition: Table): void {
  for (const tr of parent.triggers ?? []) {
    if (!(tr.type & TG.ROW)) continue;
    if (triggerByName(partition, tr.name)) throw new PgError('42710', `trigger "${tr.name}" for relation "${partition.name}" already exists`);
    const columns = tr.columns.map(a => partition.columns.find(c => !c.dropped && c.name === parent.columns[a - 1].name)!.attnum);
    const spec: Spec = { ...tr, columns };
    const clone = installTrigger(cx, partition, spec, tr, undefined, false);
    if (partition.relkind === 'p') cloneToPartitions(cx, partition, clone, spec);
  }
}

/** DETACH PARTITION: the partition's clones of its parent's triggers go (DropClonedTriggersFromPartition). */
export function dropClonedTriggers(cx: CommandContext, part: Table): void {
  for (const tr of [...(part.triggers ?? [])]) if (tr.parent) dropTriggerWithClones(cx, tr);
}

export function dropTriggerWithClones(cx: CommandContext, tr: Trigger): void {
  const rel = tr.table;
  if (rel.kind === 'table') for (const child of rel.children) {
    const c = child.triggers?.find(x => x.parent === tr);
    if (c) dropTriggerWithClones(cx, c);
  }
  cx.catalog.deps.removeFor(tr);
  cx.catalog.dropComments(CLASS.trigger, tr.oid, 0);
  removeTrigger(cx.catalog, tr);
}

function checkTransitions(rel: Table | View, timing: number, row: boolean, events: number, hasColumns: boolean,
  transitions: any[], set: (o: string | null, n: string | null) => void): void {
  if (rel.kind === 'view') throw new PgError('42809', `"${rel.name}" is a view`, { detail: 'Triggers on views cannot have transition tables.' });
  if (row && rel.partitionBound) {
    throw new PgError('0A000', `"${rel.name}" is a partition`, { detail: 'ROW triggers with transition tables are not supported on partitions.' });
  }
  if (row && rel.parents.length && !rel.partitionBound) {
    throw new PgError('0A000', 'ROW triggers with transition tables are not supported on inheritance children');
  }
  if (timing !== 0) throw new PgError('42P17', 'transition table name can only be specified for an AFTER trigger');
  if (events & TG.TRUNCATE) throw new PgError('0A000', 'TRUNCATE triggers with transition tables are not supported');
  if (row && (events & (TG.INSERT | TG.UPDATE | TG.DELETE)) !== TG.INSERT && (events & (TG.INSERT | TG.UPDATE | TG.DELETE)) !== TG.UPDATE &&
    (events & (TG.INSERT | TG.UPDATE | TG.DELETE)) !== TG.DELETE) {
    throw new PgError('0A000', 'transition tables cannot be specified for triggers with more than one event');
  }
  if (hasColumns) throw new PgError('0A000', 'transition tables cannot be specified for triggers with column lists');
  let oldName: string | null = null, newName: string | null = null;
  for (const tt of transitions) {
    if (!tt.isTable) {
      throw new PgError('0A000', 'ROW variable naming in the REFERENCING clause is not supported',
        { hint: 'Use OLD TABLE or NEW TABLE for naming transition tables.' });
    }
    if (tt.isNew) {
      if (!(events & (TG.INSERT | TG.UPDATE))) throw new PgError('42P17', 'NEW TABLE can only be specified for an INSERT or UPDATE trigger');
      if (newName) throw new PgError('42P17', 'NEW TABLE cannot be specified multiple times');
      newName = tt.name;
    } else {
      if (!(events & (TG.DELETE | TG.UPDATE))) throw new PgError('42P17', 'OLD TABLE can only be specified for a DELETE or UPDATE trigger');
      if (oldName) throw new PgError('42P17', 'OLD TABLE cannot be specified multiple times');
      oldName = tt.name;
    }
  }
  if (oldName && newName && oldName === newName) throw new PgError('42P17', 'OLD TABLE name and NEW TABLE name cannot be the same');
  set(oldName, newName);
}

/** The trigger function: f() of no arguments returning trigger. */
function triggerFunction(cx: CommandContext, funcname: any[]): number {
  const parts = funcname.map(str);
  const name = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[parts.length - 2] : null;
  const f = userFunctionsNamed(cx.catalog, schema, name, cx.analyze.searchPath).find(x => inputParams(x).length === 0 && x.prokind === 'f');
  const builtin = !f && (schema === null || schema === 'pg_catalog') ? builtinTriggerByName(name) : undefined;
  if (builtin) return builtin.oid;
  if (!f) throw new PgError('42883', `function ${parts.join('.')}() does not exist`);
  if (f.retType !== OID.trigger) throw new PgError('42P17', `function ${parts.join('.')} must return type trigger`);
  return f.oid;
}

export { pos };
