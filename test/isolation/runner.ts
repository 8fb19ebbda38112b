// Runs an isolation spec against Relata the way PostgreSQL's isolationtester runs it against
// a server, and prints the same transcript: sessions are Session objects on one Engine (one
// lock manager), each step is sent as a simple query; a step that does not finish at once is
// "<waiting ...>" when the lock manager says its session waits (isolationtester asks
// pg_isolation_test_session_is_blocked), and "<... completed>" when it finishes later.
import type { Notice } from '../../src/errors/index.js';
import { PgError } from '../../src/errors/index.js';
import { Engine } from '../../src/session/engine.js';
import type { StatementResult } from '../../src/session/result.js';
import { Session } from '../../src/session/session.js';
import { pqprint } from './pqprint.js';
import type { Spec, Step } from './spec.js';

interface Running {
  step: Step;
  done: boolean;
  results: StatementResult[];
  error: unknown;
}

/** How long a step may neither finish nor wait before the run gives up on it. */
const STUCK_MS = 20_000;

export async function runSpec(spec: Spec): Promise<string> {
  let out = `Parsed test spec with ${spec.sessions.length} sessions\n`;
  const engine = new Engine();
  const control = await Session.create(engine);
  const sessions = await Promise.all(spec.sessions.map(() => Session.create(engine)));
  const steps = new Map<string, Step>();
  for (const s of spec.sessions) for (const st of s.steps) steps.set(st.name, st);
  sessions.forEach((s, i) => {
    s.onNotice = n => { out += `${spec.sessions[i].name}: ${noticeText(n)}`; };
  });
  const print = (r: Running, retry: boolean) => {
    out += retry ? `step ${r.step.name}: <... completed>\n` : `step ${r.step.name}: ${r.step.sql}\n`;
    for (const res of r.results) if (res.fields) out += resultText(sessions[r.step.session], res);
    if (r.error) out += errorText(r.error);
  };
  /** Setup and teardown: results of queries are printed, errors too (isolationtester stops on a failed setup). */
  const direct = async (s: Session, sql: string, what: string) => {
    const results: StatementResult[] = [];
    try {
      await s.simpleQuery(sql, { result: r => results.push(r) });
    } catch (e) {
      if (what === 'setup') throw new Error(`setup failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    for (const r of results) if (r.fields) out += resultText(s, r);
  };

  for (const perm of spec.permutations) {
    out += `\nstarting permutation: ${perm.join(' ')}\n`;
    for (const sql of spec.setup) await direct(control, sql, 'setup');
    for (let i = 0; i < sessions.length; i++) if (spec.sessions[i].setup) await direct(sessions[i], spec.sessions[i].setup!, 'setup');
    let waiting: Running[] = [];
    for (const name of perm) {
      const step = steps.get(name);
      if (!step) throw new Error(`no step named ${name}`);
      const blocked = waiting.find(w => w.step.session === step.session);
      if (blocked) {
        // the session of the next step still waits: isolationtester waits for that step to
        // finish, then looks at the others
        await finish(blocked);
        print(blocked, true);
        waiting = await completeWaiting(waiting.filter(w => w !== blocked), sessions, engine, print);
      }
      const r = start(sessions[step.session], step);
      if (await settle(r, sessions[step.session], engine)) print(r, false);
      else out += `step ${step.name}: ${step.sql} <waiting ...>\n`;
      waiting = await completeWaiting(waiting, sessions, engine, print);
      if (!r.done) waiting.push(r);
    }
    // the permutation's end: the steps still waiting finish, one after the other
    while (waiting.length) {
      const r = waiting[0];
      await finish(r);
      print(r, true);
      waiting = await completeWaiting(waiting.slice(1), sessions, engine, print);
    }
    for (let i = 0; i < sessions.length; i++) if (spec.sessions[i].teardown) await direct(sessions[i], spec.sessions[i].teardown!, 'teardown');
    if (spec.teardown) await direct(control, spec.teardown, 'teardown');
  }
  return out;
}

function start(s: Session, step: Step): Running {
  const r: Running = { step, done: false, results: [], error: null };
  s.simpleQuery(step.sql, { result: res => r.results.push(res) })
    .then(() => { r.done = true; }, e => { r.error = e; r.done = true; });
  return r;
}

const tick = () => new Promise<void>(resolve => setImmediate(resolve));

/** Lets a step run until it finishes (true) or its session waits for a lock (false). */
async function settle(r: Running, s: Session, engine: Engine): Promise<boolean> {
  const until = Date.now() + STUCK_MS;
  for (;;) {
    await tick();
    if (r.done) return true;
    if (engine.locks.isWaiting(s)) return false;
    if (Date.now() > until) throw new Error(`step ${r.step.name} neither finished nor waited`);
  }
}

async function finish(r: Running): Promise<void> {
  const until = Date.now() + STUCK_MS;
  while (!r.done) {
    if (Date.now() > until) throw new Error(`step ${r.step.name} did not finish`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

/** isolationtester's try_complete_steps: prints the waiting steps that finished, in order, until none does. */
async function completeWaiting(waiting: Running[], sessions: Session[], engine: Engine, print: (r: Running, retry: boolean) => void): Promise<Running[]> {
  for (;;) {
    const still: Running[] = [];
    for (const w of waiting) {
      if (await settle(w, sessions[w.step.session], engine)) print(w, true);
      else still.push(w);
    }
    if (still.length === waiting.length) return still;
    waiting = still;
  }
}

function resultText(s: Session, res: StatementResult): string {
  const fields = res.fields!;
  const rows = (res.rows ?? []).map(row => row.map((v, i) => (v === null ? null : s.formatValue(v, fields[i].typeOid))));
  return pqprint(fields.map(f => f.name), rows);
}

function errorText(e: unknown): string {
  if (e instanceof PgError) return `${e.severity ?? 'ERROR'}:  ${e.message}\n`;
  return `ERROR:  ${e instanceof Error ? e.stack : String(e)}\n`;
}

function noticeText(n: Notice): string {
  let s = `${n.severity}:  ${n.message}\n`;
  if (n.detail) s += `DETAIL:  ${n.detail}\n`;
  if (n.hint) s += `HINT:  ${n.hint}\n`;
  return s;
}
