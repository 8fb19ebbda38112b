// ALTER TABLE … OF type / NOT OF (tablecmds.c: ATExecAddOf, ATExecDropOf): an existing table
// becomes a typed table when its columns, dropped ones aside, are the type's attributes in
// order with the same types; NOT OF makes it an ordinary table again.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { typedTableType } from './type-composite.js';

export function addOf(cx: CommandContext, t: Table, typeName: any): void {
  const ut = typedTableType(cx, typeName);
  if (t.parents.length) throw new PgError('42809', 'typed tables cannot inherit');
  const cols = t.columns.filter(c => !c.dropped);
  const attrs = (ut.attributes ?? []).filter(a => !a.dropped);
  attrs.forEach((a, i) => {
    const c = cols[i];
    if (!c) throw new PgError('42804', `table is missing column "${a.name}"`);
    if (c.name !== a.name) throw new PgError('42804', `table has column "${c.name}" where type requires "${a.name}"`);
    if (c.typeOid !== a.typeOid || c.typmod !== a.typmod) throw new PgError('42804', `table "${t.name}" has different type for column "${c.name}"`);
  });
  if (cols.length > attrs.length) throw new PgError('42804', `table has extra column "${cols[attrs.length].name}"`);
  dropTypeDependency(cx, t);
  cx.catalog.set(t, 'ofType', ut);
  cx.catalog.deps.add(t, 0, ut, 0, 'n');
}

export function dropOf(cx: CommandContext, t: Table): void {
  if (!t.ofType) throw new PgError('42809', `"${t.name}" is not a typed table`);
  dropTypeDependency(cx, t);
  cx.catalog.set(t, 'ofType', null);
}

function dropTypeDependency(cx: CommandContext, t: Table): void {
  if (!t.ofType) return;
  const d = cx.catalog.deps.dependenciesOf(t).find(x => x.dependent.sub === 0 && x.referenced.obj === t.ofType);
  if (d) cx.catalog.deps.remove(d);
}
