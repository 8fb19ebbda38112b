// What compiled expressions and plans read while they run.
import type { EvalContext } from '../types/registry.js';
import type { ReadView } from '../storage/visibility.js';
import type { CteDef } from '../analyzer/query.js';
import type { Table } from '../catalog/objects.js';
import type { WriteContext } from '../integrity/index.js';

/**
 * A frame holds one row of each range entry of a query level:
 * frame[2*e] is entry e's values, frame[2*e+1] its heap tuple (or null).
 */
export type Frame = unknown[];

export interface Env {
  /** What this statement sees. */
  view: ReadView;
  /** Frames of the enclosing query levels, innermost last (for correlated references). */
  outer: Frame[];
  params: unknown[];
  ctx: EvalContext;
  /** Aggregate results of the current group. */
  aggs: unknown[] | null;
  /** The current row of an ANY/ALL subquery, read by its test expression. */
  subRow?: unknown[] | null;
  /** Where INSERT/UPDATE/DELETE (also inside WITH) write, and how they read column defaults. */
  write?: WriteTarget;
  /** State of the WITH queries of the query levels being run. */
  ctes?: Map<CteDef, CteState>;
}

export interface WriteTarget {
  w: WriteContext;
  defaults: (table: Table, attnum: number, env: Env) => unknown;
}

/** A WITH query's rows, computed once; `env` is the one of the level that owns it. */
export interface CteState {
  env: Env;
  rows: unknown[][] | null;
  /** WITH RECURSIVE: the rows of the previous step, read by the recursive term. */
  working: unknown[][] | null;
  /** WITH RECURSIVE: its steps so far (cte.ts). */
  rec?: RecursiveState;
}

/** The steps of a recursive WITH query computed so far; rows holds them all, in order. */
export interface RecursiveState {
  steps: unknown[][][];
  /** A step added no rows: the query is complete. */
  done: boolean;
  /** UNION (not ALL): keys of the rows produced. */
  seen: Set<string> | null;
}

export type Compiled = (f: Frame, env: Env) => unknown;
/** Receives rows; returning false stops the producer. */
export type Emit = (f: Frame) => boolean | void;

/**
 * A frame of `width` slots, all null: a loop, which for the few slots of a frame costs about
 * half of `new Array(width).fill(null)` (fill is a call into the runtime).
 */
export function nullFrame(width: number): Frame {
  const f: Frame = new Array(width);
  for (let i = 0; i < width; i++) f[i] = null;
  return f;
}

/**
 * Emits the rows of a computed row list (a subquery in FROM, a WITH query) as range entry
 * `slot/2` of the frame the join above passes in (env.__frame) or of a fresh one.
 */
export function emitRows(rows: unknown[][], slot: number, width: number, filter: ((f: Frame, env: Env) => unknown) | null,
  env: Env, emit: (f: Frame) => boolean | void): boolean {
  const f: Frame = (env as any).__frame ?? nullFrame(width);
  for (const r of rows) {
    f[slot] = r;
    f[slot + 1] = null;
    if (filter && filter(f, env) !== true) continue;
    if (emit(f) === false) return false;
  }
  return true;
}

/**
 * The aggregate results of the group a grouped query's frame stands for, so that a subquery
 * run for that frame can read an aggregate of its outer level (aggref with levelsUp).
 */
export const frameAggs = new WeakMap<Frame, unknown[]>();
