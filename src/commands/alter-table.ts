// ALTER TABLE in PostgreSQL's three phases (tablecmds.c, ATController). Phase 1 checks each
// subcommand and decides how it reaches inheritance children; phase 2 runs the subcommands
// pass by pass — drops, type changes, new columns, column attributes, keys, other
// constraints, the rest — whatever order they were written in; phase 3 (alter-rewrite.ts)
// goes over each table's existing rows once. An error anywhere undoes the whole statement.
import { checkRelationOwner } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import type { Relation, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { tableConstraint } from './create-table.js';
import { isSystemRelation, systemCatalogDenied } from '../catalog/system/index.js';
import { NUM_PASSES, PASS, inheritors, liveColumn, notice, workFor, wrongKind, type AlterState, type SubCmd } from './alter-state.js';
import { addColumn, columnDefault, dropColumn, dropNotNull, setNotNull } from './alter-column.js';
import { addIdentity, dropIdentity, setIdentity } from './alter-identity.js';
import { execAlterType, prepAlterType } from './alter-type.js';
import { addTableConstraint, alterConstraint, dropConstraint, validateConstraint } from './alter-constraint.js';
import { addInherit, dropInherit } from './alter-inherit.js';
import { rewriteTables } from './alter-rewrite.js';
import { attachPartition, detachPartition, prepAttach } from './partition-attach.js';
import { checkPartitionAlter } from './partition-alter.js';
import { attachIndexPartition } from './partition-index.js';
import { alterRelationOwner } from './owner.js';
import { setPersistence, setRelOptions } from './alter-storage.js';
import { addOf, dropOf } from './alter-of.js';
import { clusterOn, dropCluster } from './alter-cluster.js';
import { setIndexStatistics, setStatistics, setStorage, storageMode } from './alter-column-attrs.js';
import { enableDisableTrigger, TRIGGER_SUBCOMMANDS } from './trigger-alter.js';
import { checkAlterNotPending } from '../triggers/pending.js';

/** The subcommands we run, with the names PostgreSQL's messages give them. */
const ACTIONS: Record<string, string> = {
  AT_AddColumn: 'ADD COLUMN', AT_DropColumn: 'DROP COLUMN', AT_ColumnDefault: 'ALTER COLUMN ... SET DEFAULT',
  AT_SetNotNull: 'ALTER COLUMN ... SET NOT NULL', AT_DropNotNull: 'ALTER COLUMN ... DROP NOT NULL',
  AT_AlterColumnType: 'ALTER COLUMN ... SET DATA TYPE', AT_AddConstraint: 'ADD CONSTRAINT',
  AT_DropConstraint: 'DROP CONSTRAINT', AT_ValidateConstraint: 'VALIDATE CONSTRAINT', AT_AddInherit: 'INHERIT',
  AT_DropInherit: 'NO INHERIT', AT_AddIdentity: 'ALTER COLUMN ... ADD IDENTITY', AT_SetIdentity: 'ALTER COLUMN ... SET',
  AT_DropIdentity: 'ALTER COLUMN ... DROP IDENTITY', AT_AlterConstraint: 'ALTER CONSTRAINT',
  AT_AttachPartition: 'ATTACH PARTITION', AT_DetachPartition: 'DETACH PARTITION',
  AT_SetStatistics: 'ALTER COLUMN ... SET STATISTICS', AT_SetStorage: 'ALTER COLUMN ... SET STORAGE',
  AT_AddOf: 'OF', AT_DropOf: 'NOT OF', AT_ClusterOn: 'CLUSTER ON', AT_DropCluster: 'SET WITHOUT CLUSTER',
  AT_SetLogged: 'SET LOGGED', AT_SetUnLogged: 'SET UNLOGGED', AT_SetRelOptions: 'SET (...)', AT_ResetRelOptions: 'RESET (...)',
  ...TRIGGER_SUBCOMMANDS,
};

/** Forms we do not implement, named for the 0A000 error. */
const UNSUPPORTED: Record<string, string> = {
  AT_DropExpression: 'ALTER COLUMN ... DROP EXPRESSION',
  AT_SetOptions: 'ALTER COLUMN ... SET (...)', AT_ResetOptions: 'ALTER COLUMN ... RESET (...)',
  AT_SetCompression: 'ALTER COLUMN ... SET COMPRESSION',
  AT_ChangeOwner: 'OWNER TO', AT_SetAccessMethod: 'SET ACCESS METHOD',
  AT_DropOids: 'SET WITHOUT OIDS', AT_SetTableSpace: 'SET TABLESPACE',
  AT_ReplicaIdentity: 'REPLICA IDENTITY', AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY', AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY', AT_DetachPartitionFinalize: 'DETACH PARTITION ... FINALIZE',
  AT_GenericOptions: 'OPTIONS', AT_AlterColumnGenericOptions: 'ALTER COLUMN ... OPTIONS',
};

const TYPED_TABLE_REFUSES: Record<string, string> = {
  AT_AddColumn: 'cannot add column to typed table', AT_DropColumn: 'cannot drop column from typed table',
  AT_AlterColumnType: 'cannot alter column type of typed table',
};

const TAGS: Record<string, string> = {
  OBJECT_TABLE: 'ALTER TABLE', OBJECT_INDEX: 'ALTER INDEX', OBJECT_SEQUENCE: 'ALTER SEQUENCE', OBJECT_VIEW: 'ALTER VIEW',
};

export function alterTable(cx: CommandContext, n: any): string {
  const tag = TAGS[n.objtype] ?? 'ALTER TABLE';
  const rel = alterTarget(cx, n.relation, n.objtype, !!n.missing_ok, false);
  if (!rel) return tag;
  // OWNER TO alone (as pg_dump writes it) applies to any relation; mixed with other commands it is not supported
  if ((n.cmds as any[]).every(c => c.AlterTableCmd.subtype === 'AT_ChangeOwner')) {
    for (const c of n.cmds as any[]) alterRelationOwner(cx, rel, c.AlterTableCmd.newowner);
    return tag;
  }
  const st: AlterState = { cx, work: [], chosen: [] };
  for (const c of n.cmds as any[]) prep(st, rel, c.AlterTableCmd, !!n.relation.inh, false);
  checkAlterNotPending(cx.write, st.work.map(w => w.table), (n.cmds as any[]).map(c => c.AlterTableCmd));
  for (let pass = 0; pass < NUM_PASSES; pass++) {
    // both lists grow as commands recurse to children or queue constraints for later passes
    for (let i = 0; i < st.work.length; i++) {
      const w = st.work[i];
      for (let j = 0; j < w.passes[pass].length; j++) exec(st, w.table, w.passes[pass][j]);
    }
  }
  rewriteTables(st);
  return tag;
}

const displayName = (rv: any) => (rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname);

/**
 * The relation an ALTER statement names (RangeVarCallbackForAlterRelation's checks), or
 * undefined after IF EXISTS's notice. RENAME may name any relation with ALTER INDEX.
 */
export function alterTarget(cx: CommandContext, rv: any, objtype: string, missingOk: boolean, rename: boolean): Relation | undefined {
  const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
  if (!rel) {
    if (missingOk) { notice(cx, `relation "${rv.relname}" does not exist, skipping`); return undefined; }
    throw new PgError('42P01', `relation "${displayName(rv)}" does not exist`);
  }
  if (isSystemRelation(rel)) throw systemCatalogDenied(rel);
  if (objtype === 'OBJECT_SEQUENCE' && rel.kind !== 'sequence') throw new PgError('42809', `"${rv.relname}" is not a sequence`);
  if (objtype === 'OBJECT_VIEW' && rel.kind !== 'view') throw new PgError('42809', `"${rv.relname}" is not a view`);
  if (objtype === 'OBJECT_INDEX' && rel.kind !== 'index' && !rename) throw new PgError('42809', `"${rv.relname}" is not an index`);
  checkRelationOwner(cx.catalog, cx.user, rel);
  return rel;
}

const queue = (st: AlterState, t: Table, pass: number, sub: SubCmd): void => { workFor(st, t).passes[pass].push(sub); };

/** Phase 1 (ATPrepCmd): checks, the pass, and recursion decided before anything runs. */
function prep(st: AlterState, rel: Relation, cmd: any, recurse: boolean, recursing: boolean): void {
  const action = ACTIONS[cmd.subtype];
  if (!action) {
    const name = UNSUPPORTED[cmd.subtype] ?? cmd.subtype;
    throw new PgError('0A000', `ALTER TABLE ... ${name} is not supported`);
  }
  if (rel.kind === 'index' && cmd.subtype === 'AT_AttachPartition') return attachIndexPartition(st.cx, rel, cmd.def.PartitionCmd.name);
  if (rel.kind === 'index' && cmd.subtype === 'AT_SetStatistics') return setIndexStatistics(st.cx, rel, cmd);
  if (rel.kind !== 'table') {
    if (rel.kind === 'view' && cmd.subtype === 'AT_ColumnDefault') throw new PgError('0A000', 'ALTER VIEW ... ALTER COLUMN ... SET DEFAULT is not supported');
    throw wrongKind(action, rel);
  }
  checkPartitionAlter(st.cx, rel, cmd, recurse, recursing);
  workFor(st, rel);
  const sub: SubCmd = { cmd, recurse, recursing };
  const simpleRecursion = () => {
    if (recurse) for (const child of inheritors(rel).slice(1)) prep(st, child, cmd, false, true);
  };
  // a typed table's columns are its type's (ATPrepAddColumn, ATPrepDropColumn, ATPrepAlterColumnType)
  if (rel.ofType && !recursing && TYPED_TABLE_REFUSES[cmd.subtype]) throw new PgError('42809', TYPED_TABLE_REFUSES[cmd.subtype]);
  switch (cmd.subtype) {
    case 'AT_AddColumn': return queue(st, rel, PASS.ADD_COL, sub);
    case 'AT_DropColumn': return queue(st, rel, PASS.DROP, sub);
    case 'AT_ColumnDefault': simpleRecursion(); return queue(st, rel, cmd.def ? PASS.ADD_OTHERCONSTR : PASS.DROP, sub);
    case 'AT_SetNotNull': simpleRecursion(); return queue(st, rel, PASS.COL_ATTRS, sub);
    case 'AT_DropNotNull': simpleRecursion(); return queue(st, rel, PASS.DROP, sub);
    case 'AT_AlterColumnType': {
      sub.retype = prepAlterType(st, rel, cmd, recursing);
      queue(st, rel, PASS.ALTER_TYPE, sub);
      if (recurse) {
        const all = inheritors(rel);
        for (const child of all.slice(1)) {
          // a child may not also inherit the column from outside the hierarchy
          const within = child.parents.filter(p => all.includes(p)).length;
          if ((liveColumn(child, cmd.name)?.inhCount ?? 0) > within) {
            throw new PgError('42P16', `cannot alter inherited column "${cmd.name}" of relation "${child.name}"`);
          }
          prep(st, child, cmd, false, true);
        }
      } else if (!recursing && rel.children.length) {
        throw new PgError('42P16', `type of inherited column "${cmd.name}" must be changed in child tables too`);
      }
      return;
    }
    case 'AT_AddConstraint': {
      if (cmd.def.Constraint.indexname) throw new PgError('0A000', 'ALTER TABLE ... ADD CONSTRAINT ... USING INDEX is not supported');
      const spec = tableConstraint(cmd.def.Constraint);
      sub.spec = spec;
      return queue(st, rel, spec.kind === 'primary' || spec.kind === 'unique' ? PASS.ADD_INDEX : PASS.ADD_OTHERCONSTR, sub);
    }
    case 'AT_DropConstraint': return queue(st, rel, PASS.DROP, sub);
    case 'AT_ValidateConstraint': case 'AT_AlterConstraint': case 'AT_AddInherit': case 'AT_DropInherit': return queue(st, rel, PASS.MISC, sub);
    case 'AT_AddIdentity': return queue(st, rel, PASS.ADD_OTHERCONSTR, sub);
    case 'AT_SetIdentity': return queue(st, rel, PASS.COL_ATTRS, sub);
    case 'AT_DropIdentity': return queue(st, rel, PASS.DROP, sub);
    case 'AT_AttachPartition': sub.bound = prepAttach(st, rel, cmd); return queue(st, rel, PASS.MISC, sub);
    case 'AT_DetachPartition': return queue(st, rel, PASS.MISC, sub);
    case 'AT_SetLogged': case 'AT_SetUnLogged': case 'AT_SetRelOptions': case 'AT_ResetRelOptions': return queue(st, rel, PASS.MISC, sub);
    case 'AT_SetStatistics': simpleRecursion(); return queue(st, rel, PASS.MISC, sub);
    case 'AT_AddOf': case 'AT_DropOf': case 'AT_ClusterOn': case 'AT_DropCluster': return queue(st, rel, PASS.MISC, sub);
    case 'AT_SetStorage': storageMode(cmd); simpleRecursion(); return queue(st, rel, PASS.MISC, sub);
  }
  if (TRIGGER_SUBCOMMANDS[cmd.subtype]) return queue(st, rel, PASS.MISC, sub);
}

/** Phase 2 (ATExecCmd): one subcommand on one table. */
function exec(st: AlterState, t: Table, sub: SubCmd): void {
  const cmd = sub.cmd;
  // a constraint, whether from ADD CONSTRAINT or written on an added column
  if (sub.spec) return addTableConstraint(st, t, sub);
  switch (cmd.subtype) {
    case 'AT_AddColumn': return addColumn(st, t, sub);
    case 'AT_DropColumn': return dropColumn(st, t, cmd.name, sub);
    case 'AT_ColumnDefault': return columnDefault(st, t, cmd.name, cmd.def ?? null);
    case 'AT_SetNotNull': return setNotNull(st, t, cmd.name);
    case 'AT_DropNotNull': return dropNotNull(st, t, cmd.name);
    case 'AT_AlterColumnType': return execAlterType(st, t, cmd.name, sub.retype!);
    case 'AT_DropConstraint': return dropConstraint(st, t, cmd.name, sub);
    case 'AT_ValidateConstraint': return validateConstraint(st, t, cmd.name, sub.recurse, sub.recursing);
    case 'AT_AlterConstraint': return alterConstraint(st, t, cmd.def.Constraint);
    case 'AT_AddInherit': return addInherit(st, t, cmd.def.RangeVar);
    case 'AT_DropInherit': return dropInherit(st, t, cmd.def.RangeVar);
    case 'AT_AddIdentity': return addIdentity(st, t, cmd.name, cmd.def.Constraint);
    case 'AT_SetIdentity': return setIdentity(st, t, cmd.name, cmd.def?.List?.items ?? []);
    case 'AT_DropIdentity': return dropIdentity(st, t, cmd.name, !!cmd.missing_ok);
    case 'AT_AttachPartition': return attachPartition(st, t, cmd, sub.bound!);
    case 'AT_DetachPartition': return detachPartition(st, t, cmd);
    case 'AT_SetLogged': case 'AT_SetUnLogged': return setPersistence(st.cx, t, cmd.subtype === 'AT_SetLogged');
    case 'AT_SetRelOptions': case 'AT_ResetRelOptions': return setRelOptions(st.cx, t, cmd.def?.List?.items ?? [], cmd.subtype === 'AT_ResetRelOptions');
    case 'AT_SetStatistics': return setStatistics(st.cx, t, cmd);
    case 'AT_AddOf': return addOf(st.cx, t, cmd.def.TypeName);
    case 'AT_DropOf': return dropOf(st.cx, t);
    case 'AT_ClusterOn': return clusterOn(st.cx, t, cmd.name);
    case 'AT_DropCluster': return dropCluster(st.cx, t);
    case 'AT_SetStorage': return setStorage(st.cx, t, cmd, storageMode(cmd));
  }
  if (TRIGGER_SUBCOMMANDS[cmd.subtype]) return enableDisableTrigger(st.cx, t, cmd);
}
