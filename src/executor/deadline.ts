// The executor's interrupt checkpoint (PostgreSQL's CHECK_FOR_INTERRUPTS): statement_timeout
// and cancel requests while a statement runs. The executor is synchronous, so nothing else
// runs in this thread until the statement is over: its row loops (scans, function scans,
// VALUES, sorts, recursive WITH steps, PL/pgSQL statements) call checkDeadline(), which costs
// one decrement and compare per row; every CHECK_EVERY rows it reads the clock and, in server
// mode, asks the installed interrupt check whether a cancel request arrived (server/
// cancel-inbox.ts reads what the acceptor process wrote: one positional read, no allocation).
// Statements run one at a time in the process, so one deadline is armed at a time (by the
// session around a statement).
import { PgError } from '../errors/index.js';

const CHECK_EVERY = 4096;
let deadline = 0;
let countdown = CHECK_EVERY;
/** Throws a cancel (57014) or termination for the running statement; null outside server mode. */
let interruptCheck: (() => void) | null = null;
/** Statements armed and not yet restored (a function's statements nest inside the caller's). */
let depth = 0;
/** When the outermost statement running began (ms), read only with an interrupt check installed. */
let startedAt = 0;

/** Installs (or with null removes) the check run at every checkpoint after the clock. */
export function setInterruptCheck(check: (() => void) | null): void {
  interruptCheck = check;
}

/** When the outermost statement running began (Date.now() ms; 0 when unknown): a cancel sent earlier was meant for an earlier one. */
export function statementStartedAt(): number {
  return depth ? startedAt : 0;
}

/** Arms the timeout for the statement about to run (ms; 0 = none); returns the previous deadline to restore. */
export function armStatementTimeout(ms: number): number {
  const prev = deadline;
  if (depth++ === 0 && interruptCheck) startedAt = Date.now();
  // a statement inside another (a function's) keeps the outer, earlier deadline
  const next = ms > 0 ? Date.now() + ms : 0;
  deadline = prev && (!next || prev < next) ? prev : next;
  countdown = CHECK_EVERY;
  return prev;
}

/** Restores the deadline armStatementTimeout returned. */
export function restoreStatementTimeout(prev: number): void {
  deadline = prev;
  if (depth > 0) depth--;
}

/** Called once per row in the executor's loops: raises 57014 past the deadline or on a cancel request. */
export function checkDeadline(): void {
  if (--countdown > 0) return;
  countdown = CHECK_EVERY;
  if (deadline && Date.now() > deadline) {
    deadline = 0;
    throw new PgError('57014', 'canceling statement due to statement timeout');
  }
  if (interruptCheck !== null) interruptCheck();
}
