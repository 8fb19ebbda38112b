// The work list of one ALTER TABLE statement (PostgreSQL's AlteredTableInfo queue): per table,
// the subcommands to run in each pass of phase 2, and what phase 3 must do to its rows.
import { PgError } from '../errors/index.js';
import type { Column, Constraint, Relation, Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import type { ConstraintSpec } from './constraints.js';

/** The passes of phase 2, in PostgreSQL 15's order (AT_PASS_*). */
export const PASS = { DROP: 0, ALTER_TYPE: 1, ADD_COL: 4, COL_ATTRS: 6, ADD_INDEX: 8, ADD_OTHERCONSTR: 9, MISC: 10 } as const;
export const NUM_PASSES = 11;

/** One subcommand queued for a table. */
export interface SubCmd {
  /** The AlterTableCmd node (for constraints split off ADD COLUMN: the column's name in `name`). */
  cmd: any;
  /** Not ONLY: the command reaches inheritance children. */
  recurse: boolean;
  /** Queued for a child by its parent's command. */
  recursing: boolean;
  /** ADD CONSTRAINT, or a constraint written on an added column. */
  spec?: ConstraintSpec;
  /** ADD COLUMN reaching a child: the column as the parent now has it. */
  from?: Column;
  /** ALTER COLUMN TYPE, prepared in phase 1: the new type and the value from the old row. */
  retype?: { typeOid: number; typmod: number; fn: (row: unknown[]) => unknown };
  /** ATTACH PARTITION, prepared in phase 1: the bound. */
  bound?: import('./partition-bound.js').BoundSpec;
}

/** One table's share of the statement. */
export interface Work {
  table: Table;
  passes: SubCmd[][];
  /** Values of changed columns, computed from each existing row (new columns' defaults, USING). */
  newValues: Map<number, (row: unknown[]) => unknown>;
  /** A NOT NULL was added: existing rows are checked against every NOT NULL column. */
  verifyNotNull: boolean;
  /** New (or re-added) CHECK constraints to verify on existing rows. */
  checks: Constraint[];
  /** New (or re-checked) foreign keys, verified after every table's rows are final. */
  fks: Constraint[];
}

export interface AlterState {
  cx: CommandContext;
  work: Work[];
  /** Constraint names chosen so far by the statement. */
  chosen: string[];
}

export function workFor(st: AlterState, table: Table): Work {
  let w = st.work.find(x => x.table === table);
  if (!w) {
    w = { table, passes: Array.from({ length: NUM_PASSES }, () => []), newValues: new Map(), verifyNotNull: false, checks: [], fks: [] };
    st.work.push(w);
  }
  return w;
}

/** System column names a user column may not take (PostgreSQL's SystemAttributeByName). */
export const SYSTEM_COLUMNS = new Set(['tableoid', 'cmax', 'xmax', 'cmin', 'xmin', 'ctid']);

export const liveColumn = (t: Table, name: string): Column | undefined => t.columns.find(c => !c.dropped && c.name === name);

/** The column an ALTER TABLE subcommand names, or PostgreSQL's error. */
export function columnOf(t: Table, name: string): Column {
  const c = liveColumn(t, name);
  if (!c) throw new PgError('42703', `column "${name}" of relation "${t.name}" does not exist`);
  return c;
}

/** A table and all tables inheriting from it at any depth, the table first (find_all_inheritors). */
export function inheritors(t: Table): Table[] {
  const out = [t];
  for (let i = 0; i < out.length; i++) for (const c of out[i].children) if (!out.includes(c)) out.push(c);
  return out;
}

const KIND_PLURAL: Record<Relation['kind'], string> = { table: 'tables', index: 'indexes', sequence: 'sequences', view: 'views' };

/** ATWrongRelkindError: an ALTER TABLE action on a relation of a kind it does not apply to. */
export function wrongKind(action: string, rel: Relation): PgError {
  return new PgError('42809', `ALTER action ${action} cannot be performed on relation "${rel.name}"`,
    { detail: `This operation is not supported for ${KIND_PLURAL[rel.kind]}.` });
}

export function notice(cx: CommandContext, message: string): void {
  cx.notice({ severity: 'NOTICE', code: '00000', message });
}
