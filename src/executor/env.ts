// What compiled expressions and plans read while they run.
import type { EvalContext } from '../types/registry.js';
import type { ReadView } from '../storage/visibility.js';

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
}

export type Compiled = (f: Frame, env: Env) => unknown;
/** Receives rows; returning false stops the producer. */
export type Emit = (f: Frame) => boolean | void;
