// Row-level security on reading (rowsecurity.c's SELECT policies, as securityQuals): each
// table read under a policy gets its USING quals, which must filter that table's rows before
// anything else sees them. PostgreSQL keeps them on the relation; here they are placed at
// the lowest point of the join tree equivalent to filtering the table itself — the ON of the
// first outer join above it that could null it, else WHERE — first in their AND list.
import { PgError } from '../errors/index.js';
import type { Expr, FromNode, Query } from './query.js';

/** Quals queued by the FROM items of `q` (security-quals are placed once WHERE is known). */
export function queueSecurityQual(q: Query, entry: number, qual: Expr): void {
  (q.securityQuals ??= []).push({ entry, qual });
}

/** Forgets the quals of an entry whose policies are applied another way (a DML target's). */
export function dropSecurityQual(q: Query, entry: number): void {
  if (q.securityQuals) q.securityQuals = q.securityQuals.filter(s => s.entry !== entry);
}

const and = (first: Expr, rest: Expr | null): Expr => (rest ? { k: 'and', type: first.type, typmod: -1, args: [first, rest] } : first);

/** Places the queued quals into the join tree and WHERE of `q`, and marks their entries as filtered. */
export function placeSecurityQuals(q: Query): void {
  for (const { entry, qual } of q.securityQuals ?? []) {
    if (!q.from.some(n => place(n, entry, qual))) q.where = and(qual, q.where);
    q.entries[entry].rowSecurity = true;
  }
  q.securityQuals = undefined;
}

/**
 * Within `n`, puts `qual` on the innermost outer join whose nullable side holds the entry;
 * false when none does (the qual then belongs higher up).
 */
function place(n: FromNode, entry: number, qual: Expr): boolean {
  if (n.k !== 'join' || !n.entries.includes(entry)) return false;
  const inLeft = holds(n.left, entry);
  if (place(inLeft ? n.left : n.right, entry, qual)) return true;
  if (n.type === 'full') throw new PgError('0A000', 'row-level security on a table in a FULL JOIN is not supported');
  const nullable = (n.type === 'left' && !inLeft) || (n.type === 'right' && inLeft);
  if (!nullable) return false;
  n.on = and(qual, n.on);
  return true;
}

function holds(n: FromNode, entry: number): boolean {
  return n.k === 'entry' ? n.entry === entry : n.entries.includes(entry);
}
