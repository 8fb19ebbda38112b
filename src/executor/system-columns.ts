// System columns read from a row version (the tuple in a frame's slot 2·entry+1): ctid, xmin,
// xmax, cmin, cmax, the tuple itself (a cursor's position) and WHERE CURRENT OF.
// Each statement of a transaction block writes under an xid of its own (session.ts); xmin and
// xmax show the xid PostgreSQL would (the transaction's, or its savepoint's), recorded with
// aliasXid when the statement's xid is made.
import { PgError } from '../errors/index.js';
import type { SystemColumn } from '../analyzer/query.js';
import type { Tuple } from '../storage/tuple.js';
import type { Compiled, Env } from './env.js';

// the most recent statement xids, by xid modulo the size (every statement of a transaction
// block makes one: a Map of them cost a tenth of a bulk load's time; a slot is overwritten by
// the xid ALIAS_SIZE later)
const ALIAS_SIZE = 1 << 16, ALIAS_MASK = ALIAS_SIZE - 1;
const aliasOf = new Int32Array(ALIAS_SIZE), aliasFor = new Int32Array(ALIAS_SIZE);

/** A statement's own xid shows as `shown` (its transaction's or savepoint's xid). */
export function aliasXid(xid: number, shown: number): void {
  const i = xid & ALIAS_MASK;
  aliasFor[i] = xid;
  aliasOf[i] = shown;
}

const shownXid = (x: number): number => { const i = x & ALIAS_MASK; return aliasFor[i] === x ? aliasOf[i] : x; };

/** What WHERE CURRENT OF asks of the session: the tuple the cursor is on in `table` (errors as PostgreSQL's execCurrentOf). */
export interface CursorPositions {
  cursorTuple(name: string, tableOid: number, tableName: string): Tuple;
}

export function compileSystemColumn(e: { sys?: SystemColumn; cursor?: { name: string; tableOid: number; tableName: string }; entry: number; levelsUp: number }): Compiled {
  const slot = 2 * e.entry + 1, up = e.levelsUp;
  const tuple = (f: unknown[], env: Env) => ((up === 0 ? f : env.outer[env.outer.length - up])[slot] as Tuple | null) ?? null;
  switch (e.sys) {
    case 'ctid': return (f, env) => { const t = tuple(f, env); return t ? `(0,${t.id})` : null; };
    case 'xmin': return (f, env) => { const t = tuple(f, env); return t ? shownXid(t.xmin) : null; };
    case 'xmax': return (f, env) => { const t = tuple(f, env); return t ? (t.xmax ? shownXid(t.xmax) : 0) : null; };
    case 'cmin': return (f, env) => tuple(f, env)?.cmin ?? null;
    case 'cmax': return (f, env) => { const t = tuple(f, env); return t ? (t.xmax ? t.cmax : t.cmin) : null; };
    case 'tuple': return (f, env) => tuple(f, env);
    case 'currentof': {
      const c = e.cursor!;
      return (f, env) => {
        const host = env.ctx.session as unknown as CursorPositions | undefined;
        if (!host?.cursorTuple) throw new PgError('0A000', 'WHERE CURRENT OF is not supported here');
        const t = tuple(f, env);
        return t !== null && host.cursorTuple(c.name, c.tableOid, c.tableName) === t;
      };
    }
  }
  throw new PgError('0A000', `system column ${e.sys} is not supported`);
}
