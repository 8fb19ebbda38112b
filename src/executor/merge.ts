// MERGE (ExecMerge, PostgreSQL 15): each row of `target RIGHT JOIN source ON cond` takes the
// first WHEN clause of its kind (MATCHED: a target row was joined; NOT MATCHED: none) whose
// condition holds, and its action: UPDATE / DELETE of the target row (locked as UPDATE and
// DELETE lock it), INSERT of a new row, or nothing. A target row changed once by the command
// cannot be changed again by another source row (21000).
import { PgError } from '../errors/index.js';
import { DEFAULT_MARK } from '../analyzer/dml.js';
import type { MergeAction, MergeStmt } from '../analyzer/merge.js';
import type { Table } from '../catalog/objects.js';
import { deleteRow, insertRow, updateRow } from '../integrity/index.js';
import { lockTargetForWrite } from '../integrity/concurrency.js';
import { planFrom } from '../planner/index.js';
import type { Tuple } from '../storage/tuple.js';
import { armAfterRow, fireBeforeRow, fireStatement, hasRowTriggers } from '../triggers/fire.js';
import { compile } from './compile.js';
import { withCtes } from './cte.js';
import { compileSets, tableOf } from './dml.js';
import type { Compiled, Env, Frame } from './env.js';
import { compilePlan, runSubquery } from './query.js';

const EVENTS = { update: 'UPDATE', delete: 'DELETE', insert: 'INSERT' } as const;

interface CompiledAction {
  a: MergeAction;
  cond: Compiled | null;
  apply: (f: Frame, env: Env, tuple: Tuple | null, table: Table) => boolean;
}

export function execMerge(s: MergeStmt, env: Env): { count: number } {
  const target = env.write;
  if (!target) throw new PgError('25006', 'cannot execute a data-modifying statement here');
  return withCtes(s.ctes, env, () => {
    armAfterRow(env, null);
    const w = target.w;
    const table = s.table;
    const changed = new Set<Tuple>();
    const actions: CompiledAction[] = s.actions.map(a => ({ a, cond: a.condition ? compile(a.condition, runSubquery) : null, apply: compileAction(s, a, env, changed) }));
    const events = [...new Set(s.actions.filter(a => a.kind !== 'nothing').map(a => EVENTS[a.kind as keyof typeof EVENTS]))];
    // statement triggers in PostgreSQL's order: INSERT, UPDATE, DELETE
    const order = (['INSERT', 'UPDATE', 'DELETE'] as const).filter(e => events.includes(e));
    for (const e of order) fireStatement(env, w, table, 'BEFORE', e);
    // the joined rows first (on the statement's snapshot), then the actions
    const width = s.query.entries.length * 2;
    const producer = compilePlan(planFrom(s.query), width);
    const rows: Frame[] = [];
    producer(env, f => { rows.push(f.slice()); });
    let count = 0;
    for (const f of rows) {
      const tuple = (f[1] as Tuple | null) ?? null;
      const matched = tuple !== null;
      for (const x of actions) {
        if (x.a.matched !== matched) continue;
        if (x.cond && x.cond(f, env) !== true) continue;
        if (x.apply(f, env, tuple, tuple ? tableOf(table, tuple) : table)) count++;
        break;
      }
    }
    for (const e of [...order].reverse()) fireStatement(env, w, table, 'AFTER', e);
    return { count };
  });
}

function compileAction(s: MergeStmt, a: MergeAction, env: Env, changed: Set<Tuple>): CompiledAction['apply'] {
  const target = env.write!;
  const w = target.w;
  const root = s.table;
  const once = (t: Tuple) => {
    if (changed.has(t)) {
      throw new PgError('21000', 'MERGE command cannot affect row a second time',
        { hint: 'Ensure that not more than one source row matches any one target row.' });
    }
  };
  switch (a.kind) {
    case 'nothing': return () => false;
    case 'delete': return (_f, e, t, table) => {
      once(t!);
      if (!lockTargetForWrite(w, table, t!, null)) return false;
      if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'DELETE') && !fireBeforeRow(e, w, table, 'DELETE', t!.data, null)) return false;
      deleteRow(w, table, t!);
      changed.add(t!);
      return true;
    };
    case 'update': {
      const apply = compileSets(a.sets, target);
      const updated = new Set(a.sets.map(x => x.attnum));
      return (f, e, t, table) => {
        once(t!);
        let row = t!.data.slice();
        apply(f, e, row, table, root);
        if (!lockTargetForWrite(w, table, t!, row)) return false;
        if (table.triggers?.length && hasRowTriggers(table, 'BEFORE', 'UPDATE')) {
          const r = fireBeforeRow(e, w, table, 'UPDATE', t!.data, row, updated);
          if (!r) return false;
          row = r;
        }
        const nt = updateRow(w, table, t!, row, root);
        changed.add(t!);
        changed.add(nt);
        return true;
      };
    }
    case 'insert': {
      const fns = a.values.map(v => (v === DEFAULT_MARK ? null : compile(v, runSubquery)));
      const given = new Set(a.columns);
      return (f, e) => {
        const row: unknown[] = new Array(root.columns.length).fill(null);
        const defaulted = new Set<number>();
        for (const c of root.columns) {
          if (c.dropped) continue;
          if (!given.has(c.attnum)) row[c.attnum - 1] = target.defaults(root, c.attnum, e);
        }
        a.columns.forEach((att, i) => {
          const fn = fns[i];
          const col = root.columns[att - 1];
          // OVERRIDING USER VALUE: an identity column takes its default whatever is given
          if (!fn || (a.overridingUser && col.identity)) { row[att - 1] = target.defaults(root, att, e); defaulted.add(att); return; }
          row[att - 1] = fn(f, e);
        });
        for (const c of root.columns) {
          if (c.identity === 'a' && given.has(c.attnum) && !defaulted.has(c.attnum) && !a.overridingSystem) {
            throw new PgError('428C9', `cannot insert a non-DEFAULT value into column "${c.name}"`,
              { detail: `Column "${c.name}" is an identity column defined as GENERATED ALWAYS.`, hint: 'Use OVERRIDING SYSTEM VALUE to override.' });
          }
        }
        let out: unknown[] | null = row;
        if (root.triggers?.length && hasRowTriggers(root, 'BEFORE', 'INSERT')) out = fireBeforeRow(e, w, root, 'INSERT', null, row);
        if (!out) return false;
        insertRow(w, root, out);
        return true;
      };
    }
  }
}
