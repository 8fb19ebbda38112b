// MERGE (transformMergeStmt, PostgreSQL 15): the target joined to the source as
// `target RIGHT JOIN source ON cond` — entry 0 is the target, so a joined frame holds the
// target row and its tuple in slots 0 and 1, both null for a source row without a match —
// and the WHEN clauses in order: a condition, then UPDATE SET / DELETE / INSERT / DO NOTHING.
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import { coerceToColumn } from './coerce.js';
import { analyzeWith } from './cte.js';
import { columnByName, DEFAULT_MARK, type SetItem } from './dml.js';
import { analyzeSetList } from './dml-set.js';
import { nodeLocation } from './expr.js';
import { emptyQuery, type CteDef, type Expr, type Query } from './query.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { isSystemRelation, systemWriteError } from '../catalog/system/relation.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export interface MergeAction {
  matched: boolean;
  kind: 'update' | 'delete' | 'insert' | 'nothing';
  condition: Expr | null;
  /** UPDATE: the assignments. */
  sets: SetItem[];
  /** INSERT: the columns given and their values (DEFAULT_MARK for DEFAULT). */
  columns: number[];
  values: Expr[];
  overridingSystem: boolean;
  overridingUser: boolean;
}

export interface MergeStmt {
  kind: 'merge';
  table: Table;
  /** Target RIGHT JOIN source: entry 0 is the target. */
  query: Query;
  actions: MergeAction[];
  ctes: CteDef[];
}

export function analyzeMerge(sa: SelectAnalyzer, n: any): MergeStmt {
  const savedCte = sa.cteScope;
  sa.depth++;
  try {
    if (n.withClause?.recursive) throw new PgError('0A000', 'WITH RECURSIVE is not supported for MERGE statement', pos(n.withClause.location));
    const ctes = n.withClause ? analyzeWith(sa, n.withClause, null) : [];
    const rv = n.relation;
    const rel = sa.lookupRelation(rv);
    if (rel.kind !== 'table') {
      throw new PgError('42809', `cannot execute MERGE on relation "${rel.name}"`, { detail: `This operation is not supported for ${rel.kind}s.` });
    }
    const table = sa.lookupTable(rv);
    if (isSystemRelation(table)) throw systemWriteError(table, 'update');
    const q = emptyQuery();
    const scope = sa.newScope(q, null);
    const join = { JoinExpr: { jointype: 'JOIN_RIGHT', larg: { RangeVar: rv }, rarg: n.sourceRelation, quals: n.joinCondition } };
    q.from = [sa.fromItem(join, scope, q)];
    const target = scope.items.find(i => i.entry === 0);
    if (target) target.dmlTarget = true;
    // NOT MATCHED clauses see the source only
    const sourceScope: Scope = { ...scope, items: scope.items.filter(i => i.entry !== 0) };
    const clauses: any[] = (n.mergeWhenClauses ?? []).map((c: any) => c.MergeWhenClause);
    clauses.forEach((c, i) => {
      // an unconditional clause makes the later ones of its kind unreachable
      if (!c.condition && clauses.slice(i + 1).some(d => !!d.matched === !!c.matched)) {
        throw new PgError('42601', 'unreachable WHEN clause specified after unconditional WHEN clause');
      }
    });
    const actions = clauses.map(c => action(sa, c, table, c.matched ? scope : sourceScope));
    return { kind: 'merge', table, query: q, actions, ctes };
  } finally {
    sa.cteScope = savedCte;
    sa.depth--;
  }
}

function action(sa: SelectAnalyzer, c: any, table: Table, scope: Scope): MergeAction {
  const condition = c.condition ? sa.ex.condition(c.condition, { ...scope, aggContext: 'MERGE WHEN condition' }, 'WHEN') : null;
  const kind = ({ CMD_UPDATE: 'update', CMD_DELETE: 'delete', CMD_INSERT: 'insert', CMD_NOTHING: 'nothing' } as const)[c.commandType as string];
  if (!kind) throw new PgError('0A000', `MERGE ${c.commandType} is not supported`);
  const a: MergeAction = { matched: !!c.matched, kind, condition, sets: [], columns: [], values: [],
    overridingSystem: c.override === 'OVERRIDING_SYSTEM_VALUE', overridingUser: c.override === 'OVERRIDING_USER_VALUE' };
  if (kind === 'update') a.sets = analyzeSetList(sa, table, c.targetList, { ...scope, aggContext: 'UPDATE' });
  if (kind === 'insert') insertValues(sa, c, table, scope, a);
  return a;
}

function insertValues(sa: SelectAnalyzer, c: any, table: Table, scope: Scope, a: MergeAction): void {
  const list: any[] = c.targetList ?? [];
  const values: any[] = c.values ?? [];
  const seen = new Set<number>();
  const cols = list.length
    ? list.map(t => {
      const col = columnByName(table, t.ResTarget.name, t.ResTarget.location);
      if (seen.has(col.attnum)) throw new PgError('42701', `column "${col.name}" specified more than once`, pos(t.ResTarget.location));
      seen.add(col.attnum);
      return col;
    })
    : table.columns.filter(col => !col.dropped);
  if (!values.length && !list.length && c.values === undefined) { a.columns = []; a.values = []; return; } // DEFAULT VALUES
  if (values.length > cols.length) throw new PgError('42601', 'INSERT has more expressions than target columns', pos(nodeLocation(values[cols.length])));
  if (list.length && values.length < cols.length) throw new PgError('42601', 'INSERT has more target columns than expressions', pos(list[values.length].ResTarget.location));
  const vscope = { ...scope, aggContext: 'VALUES' };
  a.columns = cols.slice(0, values.length).map(col => col.attnum);
  a.values = values.map((v, i) => {
    if (v.SetToDefault) return DEFAULT_MARK;
    const col = cols[i];
    return coerceToColumn(sa.ex.expr(v, vscope), col.typeOid, col.typmod, col.name, sa.ctx, nodeLocation(v));
  });
}
