// ALTER COLUMN … ADD GENERATED … AS IDENTITY, SET GENERATED / RESTART / sequence options,
// DROP IDENTITY [IF EXISTS] (ATExecAddIdentity, ATExecSetIdentity, ATExecDropIdentity).
import { PgError } from '../errors/index.js';
import type { Column, Sequence, Table } from '../catalog/objects.js';
import { addConstraint, bump } from './constraints.js';
import { dropObjects } from './drop.js';
import { alterSequenceOptions, setOwner } from './sequence.js';
import { SYSTEM_COLUMNS, columnOf, notice, type AlterState } from './alter-state.js';

const prerequisite = (msg: string) => new PgError('55000', msg);

function identityColumn(t: Table, name: string): Column {
  if (SYSTEM_COLUMNS.has(name)) throw new PgError('0A000', `cannot alter system column "${name}"`);
  return columnOf(t, name);
}

/** The sequence behind an identity column (its internal dependency on the column). */
function identitySequence(st: AlterState, t: Table, col: Column): Sequence | undefined {
  const d = st.cx.catalog.deps.dependentsOf(t, col.attnum).find(d => d.type === 'i' && d.dependent.obj.kind === 'sequence');
  return d?.dependent.obj as Sequence | undefined;
}

export function addIdentity(st: AlterState, t: Table, name: string, c: any): void {
  const col = identityColumn(t, name);
  if (!col.notNull) throw prerequisite(`column "${name}" of relation "${t.name}" must be declared NOT NULL before identity can be added`);
  if (col.identity) throw prerequisite(`column "${name}" of relation "${t.name}" is already an identity column`);
  if (col.default) throw prerequisite(`column "${name}" of relation "${t.name}" already has a default value`);
  addConstraint(st.cx, t, { kind: 'identity', column: name, always: c.generated_when === 'a', options: c.options, location: c.location }, st.chosen);
  bump(st.cx, t);
}

/** SET GENERATED { ALWAYS | BY DEFAULT }, RESTART [WITH n], SET sequence options. */
export function setIdentity(st: AlterState, t: Table, name: string, items: any[]): void {
  const col = identityColumn(t, name);
  if (!col.identity) throw prerequisite(`column "${name}" of relation "${t.name}" is not an identity column`);
  const generated = items.find(i => i.DefElem.defname === 'generated');
  const options = items.filter(i => i !== generated);
  if (options.length) {
    const seq = identitySequence(st, t, col);
    if (seq) alterSequenceOptions(st.cx, seq, options, true);
  }
  if (generated) st.cx.catalog.set(col, 'identity', generated.DefElem.arg.Integer.ival === 97 ? 'a' : 'd');
  bump(st.cx, t);
}

/** DROP IDENTITY: the column keeps NOT NULL, loses its values' source and the sequence. */
export function dropIdentity(st: AlterState, t: Table, name: string, missingOk: boolean): void {
  const cat = st.cx.catalog;
  const col = identityColumn(t, name);
  if (!col.identity) {
    if (missingOk) { notice(st.cx, `column "${name}" of relation "${t.name}" is not an identity column, skipping`); return; }
    throw prerequisite(`column "${name}" of relation "${t.name}" is not an identity column`);
  }
  cat.set(col, 'identity', '');
  cat.set(col, 'default', null);
  const seq = identitySequence(st, t, col);
  if (seq) {
    setOwner(st.cx, seq, null, 'i');
    dropObjects(st.cx, [{ obj: seq, sub: 0 }], false);
  }
  bump(st.cx, t);
}
