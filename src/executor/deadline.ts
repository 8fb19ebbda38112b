// statement_timeout while a statement runs. The executor is synchronous, so the clock is
// read at checkpoints in its row loops (scans, function scans, VALUES): every CHECK_EVERY
// rows, cheaply. Statements run one at a time in the process, so one deadline is armed at a
// time (by the session around a statement).
import { PgError } from '../errors/index.js';

const CHECK_EVERY = 4096;
let deadline = 0;
let countdown = CHECK_EVERY;

/** Arms the timeout for the statement about to run (ms; 0 = none); returns the previous deadline to restore. */
export function armStatementTimeout(ms: number): number {
  const prev = deadline;
  // a statement inside another (a function's) keeps the outer, earlier deadline
  const next = ms > 0 ? Date.now() + ms : 0;
  deadline = prev && (!next || prev < next) ? prev : next;
  countdown = CHECK_EVERY;
  return prev;
}

/** Restores the deadline armStatementTimeout returned. */
export function restoreStatementTimeout(prev: number): void {
  deadline = prev;
}

/** Called once per row in the executor's loops: raises 57014 past the deadline. */
export function checkDeadline(): void {
  if (--countdown > 0) return;
  countdown = CHECK_EVERY;
  if (deadline && Date.now() > deadline) {
    deadline = 0;
    throw new PgError('57014', 'canceling statement due to statement timeout');
  }
}
