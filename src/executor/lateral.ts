// LATERAL subqueries in FROM: run once per row of the items to their left, which they
// read as the level above (the frame the nested loop passes in is pushed on env.outer).
import type { Query } from '../analyzer/query.js';
import { emitRows, type Compiled, type Env, type Frame } from './env.js';
import { runSubquery, type Producer } from './query.js';

export function compileLateralScan(q: Query, slot: number, width: number, filter: Compiled | null): Producer {
  return (env: Env, emit) => {
    const f: Frame = (env as any).__frame ?? new Array(width).fill(null);
    env.outer.push(f);
    let rows: unknown[][];
    try { rows = runSubquery(q, env); } finally { env.outer.pop(); }
    return emitRows(rows, slot, width, filter, env, emit);
  };
}
