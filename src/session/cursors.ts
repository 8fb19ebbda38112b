// SQL cursors: DECLARE … CURSOR, FETCH / MOVE in every direction, CLOSE, pg_cursors.
// A cursor's query is analyzed at DECLARE and run on DECLARE's snapshot at its first FETCH
// (so that its run-time errors surface there, as PostgreSQL's do); the rows are then kept,
// which makes every cursor able to scroll. A cursor WITH HOLD is materialized at COMMIT
// and outlives its transaction; the others end with it. Positions follow PostgreSQL's
// portal: 0 before the first row, 1…n on a row, n+1 after the last.
import { PgError } from '../errors/index.js';
import type { Field, StatementResult } from './result.js';

const OPT_BINARY = 0x1, OPT_SCROLL = 0x2, OPT_NO_SCROLL = 0x4, OPT_HOLD = 0x20;

export interface Cursor {
  name: string;
  text: string;
  binary: boolean;
  holdable: boolean;
  /** Backward movement allowed (SCROLL, or a plan that can run backward when neither is said). */
  scrollable: boolean;
  creationTime: number;
  fields: Field[];
  /** Runs the query (once); null after it ran. */
  run: (() => unknown[][]) | null;
  rows: unknown[][] | null;
  pos: number;
  /** Its query failed while running: it cannot be used again. */
  failed: boolean;
  /** WHERE CURRENT OF: the table scanned and each row's version (null: not simply updatable). */
  table: { oid: number; name: string } | null;
  tuples: unknown[] | null;
  /** The transaction (top xid) that declared it; null once it is held past its commit. */
  xact: number | null;
  /** The savepoint depth it was declared at (ROLLBACK TO a savepoint below drops it). */
  depth: number;
}

/** The declared query, analyzed: how to run it and whether its plan could run backward. */
export interface DeclaredQuery {
  fields: Field[];
  /** The rows; with `table`, each has its row version as an extra last value. */
  run: () => unknown[][];
  backward: boolean;
  /** A simply updatable scan of this table (WHERE CURRENT OF may name the cursor). */
  table: { oid: number; name: string } | null;
}

export class Cursors {
  readonly map = new Map<string, Cursor>();

  declare(n: any, q: DeclaredQuery, info: { text: string; now: number; xact: number; depth: number; inBlock: boolean }): StatementResult {
    const opts: number = n.options ?? 0;
    const holdable = !!(opts & OPT_HOLD);
    if (!info.inBlock && !holdable) throw new PgError('25P01', 'DECLARE CURSOR can only be used in transaction blocks');
    if (this.map.has(n.portalname)) throw new PgError('42P03', `cursor "${n.portalname}" already exists`);
    if ((opts & OPT_SCROLL) && (opts & OPT_NO_SCROLL)) throw new PgError('42601', 'cannot specify both SCROLL and NO SCROLL');
    const scrollable = !!(opts & OPT_SCROLL) || (!(opts & OPT_NO_SCROLL) && q.backward);
    this.map.set(n.portalname, {
      name: n.portalname, text: info.text, binary: !!(opts & OPT_BINARY), holdable, scrollable, creationTime: info.now,
      fields: q.fields, run: q.run, rows: null, pos: 0, failed: false, xact: info.xact, depth: info.depth, table: q.table, tuples: null,
    });
    return { command: 'DECLARE CURSOR', rowCount: null };
  }

  get(name: string): Cursor {
    const c = this.map.get(name);
    if (!c) throw new PgError('34000', `cursor "${name}" does not exist`);
    return c;
  }

  close(n: any): StatementResult {
    if (!n.portalname) this.map.clear();
    else if (!this.map.delete(n.portalname)) throw new PgError('34000', `cursor "${n.portalname}" does not exist`);
    return { command: n.portalname ? 'CLOSE CURSOR' : 'CLOSE CURSOR ALL', rowCount: null };
  }

  /** FETCH / MOVE. */
  fetch(n: any): StatementResult {
    const c = this.get(n.portalname);
    const rows = materialize(c);
    let dir: string = n.direction;
    let count: number = n.howMany ?? 0;
    if ((dir === 'FETCH_FORWARD' || dir === 'FETCH_BACKWARD') && count < 0) {
      dir = dir === 'FETCH_FORWARD' ? 'FETCH_BACKWARD' : 'FETCH_FORWARD';
      count = -count;
    }
    if (!c.scrollable && movesBackward(c, rows.length, dir, count)) {
      throw new PgError('55000', 'cursor can only scan forward', { hint: 'Declare it with SCROLL option to enable backward scan.' });
    }
    const out = step(c, rows, dir, count);
    const move = !!n.ismove;
    if (move) return { command: `MOVE ${out.length}`, rowCount: out.length };
    return { command: `FETCH ${out.length}`, rowCount: out.length, rows: out, fields: c.fields };
  }

  /** The transaction commits: cursors WITH HOLD are materialized and stay, the others close. */
  commit(): void {
    for (const [name, c] of this.map) {
      if (!c.holdable || c.failed) { this.map.delete(name); continue; }
      if (c.xact !== null) {
        try { materialize(c); } catch (e) { this.map.delete(name); throw e; }
        c.xact = null;
      }
    }
  }

  /** The transaction aborts: the cursors it declared go (held ones of earlier transactions stay). */
  abort(): void {
    for (const [name, c] of this.map) if (c.xact !== null) this.map.delete(name);
  }

  /** ROLLBACK TO a savepoint at `depth`: cursors declared inside it go. */
  rollbackTo(depth: number): void {
    for (const [name, c] of this.map) if (c.xact !== null && c.depth > depth) this.map.delete(name);
  }

  /** RELEASE of the savepoint at `depth`: its cursors belong to the level above. */
  release(depth: number): void {
    for (const c of this.map.values()) if (c.xact !== null && c.depth > depth) c.depth = depth;
  }

  /** The row version the cursor is on, for WHERE CURRENT OF on `tableOid` (PostgreSQL's execCurrentOf errors). */
  currentTuple(name: string, tableOid: number, tableName: string): unknown {
    const c = this.get(name);
    if (!c.table || c.table.oid !== tableOid) throw new PgError('24000', `cursor "${name}" is not a simply updatable scan of table "${tableName}"`);
    const rows = materialize(c);
    if (c.pos < 1 || c.pos > rows.length) throw new PgError('24000', `cursor "${name}" is not positioned on a row`);
    return c.tuples![c.pos - 1];
  }

  /** pg_cursors rows. */
  rows(): unknown[][] {
    return [...this.map.values()].map(c => [c.name, c.text, c.holdable, c.binary, c.scrollable, c.creationTime]);
  }
}

/** Would this FETCH run the query backward (or rewind it)? Only scrollable cursors may. */
function movesBackward(c: Cursor, n: number, dir: string, count: number): boolean {
  const onRow = c.pos >= 1 && c.pos <= n;
  switch (dir) {
    case 'FETCH_FORWARD': return count === 0 && onRow; // re-fetching the current row steps back first
    case 'FETCH_BACKWARD': return count !== 0 || onRow;
    case 'FETCH_ABSOLUTE': return count < 0 || (count === 0 ? c.pos > 0 : c.pos > n || count <= c.pos);
    case 'FETCH_RELATIVE': return count < 0 || (count === 0 && onRow);
  }
  return false;
}

function materialize(c: Cursor): unknown[][] {
  if (c.failed) throw new PgError('55000', `portal "${c.name}" cannot be run`);
  if (c.rows) return c.rows;
  const run = c.run!;
  try {
    const rows = run();
    if (c.table) c.tuples = rows.map(r => r.pop());
    c.rows = rows;
  } catch (e) {
    c.failed = true;
    throw e;
  }
  c.run = null;
  return c.rows;
}

/** Moves the cursor as PostgreSQL's DoPortalRunFetch does; returns the rows passed over (fetched). */
function step(c: Cursor, rows: unknown[][], dir: string, count: number): unknown[][] {
  const n = rows.length;
  const at = (p: number): unknown[][] => (p >= 1 && p <= n ? [rows[p - 1]] : []);
  switch (dir) {
    case 'FETCH_ABSOLUTE': {
      const target = count > 0 ? count : count < 0 ? n + 1 + count : 0;
      if (target <= 0) { c.pos = 0; return []; }
      if (target > n) { c.pos = n + 1; return []; }
      c.pos = target;
      return at(target);
    }
    case 'FETCH_RELATIVE': {
      const target = c.pos + count;
      if (count === 0) return at(c.pos);
      if (target <= 0) { c.pos = 0; return []; }
      if (target > n) { c.pos = n + 1; return []; }
      c.pos = target;
      return at(target);
    }
    case 'FETCH_FORWARD': {
      if (count === 0) return at(c.pos); // re-fetch the current row
      const out: unknown[][] = [];
      while (out.length < count && c.pos < n) out.push(rows[c.pos++]);
      if (out.length < count) c.pos = n + 1;
      return out;
    }
    case 'FETCH_BACKWARD': {
      if (count === 0) return at(c.pos);
      const out: unknown[][] = [];
      if (c.pos > n) c.pos = n + 1;
      while (out.length < count && c.pos > 1) out.push(rows[--c.pos - 1]);
      if (out.length < count) c.pos = 0;
      return out;
    }
  }
  throw new PgError('0A000', `FETCH ${dir} is not supported`);
}
