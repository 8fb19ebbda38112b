// SELECT … FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF names] [NOWAIT |
// SKIP LOCKED] (PostgreSQL's transformLockingClause): which range entries' rows the query
// locks, how strongly, and what it does when a row is locked by another transaction. A
// subquery in FROM takes the lock to its own tables; WITH queries, VALUES lists and
// functions are left alone unless named.
import { PgError } from '../errors/index.js';
import type { RowLockMode, WaitPolicy } from '../storage/rowlocks.js';
import type { FromNode, Query } from './query.js';

export interface RowMark { entry: number; mode: RowLockMode; wait: WaitPolicy }

const STRENGTH: Record<string, [RowLockMode, string]> = {
  LCS_FORKEYSHARE: ['keyshare', 'FOR KEY SHARE'], LCS_FORSHARE: ['share', 'FOR SHARE'],
  LCS_FORNOKEYUPDATE: ['nokeyupdate', 'FOR NO KEY UPDATE'], LCS_FORUPDATE: ['update', 'FOR UPDATE'],
};
const WAIT: Record<string, WaitPolicy> = { LockWaitBlock: 'block', LockWaitSkip: 'skip', LockWaitError: 'error' };
const RANK: Record<RowLockMode, number> = { keyshare: 0, share: 1, nokeyupdate: 2, update: 3 };
const WAIT_RANK: Record<WaitPolicy, number> = { block: 0, skip: 1, error: 2 };

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** The row marks of a query level's locking clauses (the parse tree's lockingClause list). */
export function analyzeRowMarks(clauses: any[], q: Query): void {
  const first = STRENGTH[clauses[0].LockingClause.strength][1];
  if (q.setOp) throw new PgError('0A000', `${first} is not allowed with UNION/INTERSECT/EXCEPT`);
  if (q.distinct) throw new PgError('0A000', `${first} is not allowed with DISTINCT clause`);
  if (q.groupBy.length) throw new PgError('0A000', `${first} is not allowed with GROUP BY clause`);
  if (q.having) throw new PgError('0A000', `${first} is not allowed with HAVING clause`);
  if (q.aggs.length) throw new PgError('0A000', `${first} is not allowed with aggregate functions`);
  const nullable = nullableEntries(q.from);
  for (const c of clauses) {
    const lc = c.LockingClause;
    const [mode, name] = STRENGTH[lc.strength];
    const wait = WAIT[lc.waitPolicy] ?? 'block';
    const rels = (lc.lockedRels ?? []) as any[];
    if (!rels.length) {
      q.entries.forEach((e, i) => { if (e.kind === 'table' || e.kind === 'subquery') mark(q, i, mode, wait, name, nullable, -1); });
      continue;
    }
    for (const r of rels) {
      const rv = r.RangeVar;
      const i = q.entries.findIndex(e => e.alias === rv.relname && e.kind !== 'join');
      if (!rv.schemaname && q.from.some(n => joinAliased(n, rv.relname))) throw new PgError('0A000', `${name} cannot be applied to a join`, pos(rv.location));
      if (i < 0 || rv.schemaname) throw new PgError('42P01', `relation "${rv.relname}" in ${name} clause not found in FROM clause`, pos(rv.location));
      const e = q.entries[i];
      if (e.kind === 'function') throw new PgError('0A000', `${name} cannot be applied to a function`, pos(rv.location));
      if (e.kind === 'cte') throw new PgError('0A000', `${name} cannot be applied to a WITH query`, pos(rv.location));
      mark(q, i, mode, wait, name, nullable, rv.location);
    }
  }
}

function mark(q: Query, i: number, mode: RowLockMode, wait: WaitPolicy, name: string, nullable: Set<number>, loc: number): void {
  if (nullable.has(i)) throw new PgError('0A000', `${name} cannot be applied to the nullable side of an outer join`, pos(loc));
  const e = q.entries[i];
  if (e.kind === 'subquery' && e.query && !e.query.setOp) {
    // the lock goes to the subquery's own tables
    const sub = e.query;
    analyzeRowMarks([{ LockingClause: { strength: Object.keys(STRENGTH).find(k => STRENGTH[k][0] === mode), waitPolicy: Object.keys(WAIT).find(k => WAIT[k] === wait) } }], sub);
    return;
  }
  if (e.kind !== 'table') return;
  q.rowMarks ??= [];
  const m = q.rowMarks.find(x => x.entry === i);
  if (!m) { q.rowMarks.push({ entry: i, mode, wait }); return; }
  if (RANK[mode] > RANK[m.mode]) m.mode = mode;
  if (WAIT_RANK[wait] > WAIT_RANK[m.wait]) m.wait = wait;
}

/** Entries on the nullable side of an outer join. */
function nullableEntries(from: FromNode[]): Set<number> {
  const out = new Set<number>();
  const all = (n: FromNode): number[] => (n.k === 'entry' ? [n.entry] : n.entries);
  const walk = (n: FromNode) => {
    if (n.k !== 'join') return;
    if (n.type === 'left' || n.type === 'full') for (const e of all(n.right)) out.add(e);
    if (n.type === 'right' || n.type === 'full') for (const e of all(n.left)) out.add(e);
    walk(n.left);
    walk(n.right);
  };
  from.forEach(walk);
  return out;
}

/** Is `name` the name of a join's range entry in this FROM tree (its alias, else its USING alias)? */
function joinAliased(n: FromNode, name: string): boolean {
  return n.k === 'join' && ((n.alias ?? n.usingAlias) === name || joinAliased(n.left, name) || joinAliased(n.right, name));
}
