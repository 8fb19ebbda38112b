// The crash test: `relata serve --data DIR` as a child process under a write load from several
// node-postgres clients (transfers between accounts, parents inserted with their children,
// cascading deletes), killed with SIGKILL at random moments, cycle after cycle. After each
// restart: every commit a client was told of is there, nothing else is (only commits whose
// acknowledgement the kill cut off may go either way), balances add up and match the transfers
// recorded, every parent has all its children and no child is an orphan. Last, copies of the
// directory with the log cut or damaged at random offsets recover to consistent states.
// RELATA_CRASH_CYCLES sets the number of cycles (default 20), RELATA_CRASH_SEED the random seed,
// RELATA_CRASH_DEBUG=1 prints what each cycle found. A checkpoint every 4 KiB of log puts
// some kills in the middle of one.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { crashCopy, openDir, removeScratch, scratchDir } from './durability-helpers.js';
import type { Session } from '../../src/session/session.js';

after(removeScratch);

const BIN = fileURLToPath(new URL('./durability-serve.js', import.meta.url));
const CYCLES = Number(process.env.RELATA_CRASH_CYCLES ?? 20);
const ACCOUNTS = 8;
const INITIAL = 1000;
const WORKERS = 4;

// mulberry32: a seeded generator, so that a failing run can be repeated with RELATA_CRASH_SEED
let seed = Number(process.env.RELATA_CRASH_SEED ?? Date.now() % 1e9) >>> 0;
const SEED = seed;
function random(n: number): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) % n);
}

interface Server { child: ChildProcess; port: number }

async function startServer(dir: string): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dir, '--port', '0'], {
    env: { ...process.env, RELATA_CHECKPOINT_BYTES: '4096' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '', err = '';
  child.stderr!.on('data', d => { err += d; });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', d => {
      out += d;
      const m = /Listening on [^\n]*:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', code => reject(new Error(`server exited (${code}) before listening:\n${out}${err}`)));
  });
  return { child, port };
}

function kill(s: Server): Promise<void> {
  return new Promise(resolve => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) { resolve(); return; }
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}

async function client(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined); // the server is killed under it
  await c.connect();
  return c;
}

/** What the clients were told, and what was cut off before they could be. */
class Ledger {
  transfers = new Set<string>();
  maybeTransfers = new Set<string>();
  parents = new Set<number>();
  maybeParents = new Set<number>();
  deleted = new Set<number>();
  maybeDeleted = new Set<number>();
}

async function work(port: number, worker: number, cycle: number, ledger: Ledger, stop: { now: boolean }): Promise<void> {
  let c: pg.Client;
  try { c = await client(port); } catch { return; }
  for (let n = 0; !stop.now; n++) {
    const op = random(10);
    try {
      if (op < 5) {
        const a = random(ACCOUNTS) + 1;
        let b = random(ACCOUNTS - 1) + 1;
        if (b >= a) b++;
        const amount = random(50) + 1;
        const id = `${cycle}-${worker}-${n}`;
        await c.query('BEGIN');
        // in account order, so that two transfers never wait for each other in a circle
        for (const [acct, delta] of (a < b ? [[a, -amount], [b, amount]] : [[b, amount], [a, -amount]])) {
          await c.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [delta, acct]);
        }
        await c.query('INSERT INTO transfers (id, src, dst, amount) VALUES ($1, $2, $3, $4)', [id, a, b, amount]);
        ledger.maybeTransfers.add(id);
        await c.query('COMMIT');
        ledger.maybeTransfers.delete(id);
        ledger.transfers.add(id);
      } else if (op < 8) {
        const pid = cycle * 100000 + worker * 10000 + n;
        await c.query('BEGIN');
        await c.query('INSERT INTO parents (id, name) VALUES ($1, $2)', [pid, `p${pid}`]);
        for (let k = 0; k < 3; k++) await c.query('INSERT INTO children (parent_id, note) VALUES ($1, $2)', [pid, `c${k}`]);
        ledger.maybeParents.add(pid);
        await c.query('COMMIT');
        ledger.maybeParents.delete(pid);
        ledger.parents.add(pid);
      } else {
        const candidates = [...ledger.parents].filter(p => !ledger.deleted.has(p) && !ledger.maybeDeleted.has(p));
        if (!candidates.length) { await new Promise(r => setImmediate(r)); continue; }
        const pid = candidates[random(candidates.length)];
        ledger.maybeDeleted.add(pid);
        await c.query('DELETE FROM parents WHERE id = $1', [pid]);
        ledger.maybeDeleted.delete(pid);
        ledger.deleted.add(pid);
      }
    } catch (e: any) {
      if (process.env.RELATA_CRASH_DEBUG) console.error(worker, e?.code, e?.message);
      if (stop.now || !e?.code) break; // the connection went with the server
      // a transaction that failed (a deadlock, a serialization failure) is rolled back and never committed
      await c.query('ROLLBACK').catch(() => undefined);
      if (e.code !== '40P01' && e.code !== '40001' && e.code !== '55P03') throw e;
    }
  }
  await c.end().catch(() => undefined);
}

interface Seen { transfers: Set<string>; parents: Set<number> }

/** The invariants every recovered state has, whatever was lost; what it holds. */
async function consistent(rows: (sql: string) => Promise<unknown[][]>): Promise<Seen> {
  const balances = new Map((await rows('SELECT id, balance FROM accounts')).map(r => [Number(r[0]), Number(r[1])]));
  assert.equal(balances.size, ACCOUNTS);
  assert.equal([...balances.values()].reduce((x, y) => x + y, 0), ACCOUNTS * INITIAL, 'balances add up');
  const expected = new Map([...balances.keys()].map(k => [k, INITIAL]));
  const transfers = new Set<string>();
  for (const [id, src, dst, amount] of await rows('SELECT id, src, dst, amount FROM transfers')) {
    transfers.add(String(id));
    expected.set(Number(src), expected.get(Number(src))! - Number(amount));
    expected.set(Number(dst), expected.get(Number(dst))! + Number(amount));
  }
  assert.deepEqual(balances, expected, 'each balance is the initial one plus the transfers recorded: none partial');
  const orphans = await rows('SELECT count(*) FROM children c WHERE NOT EXISTS (SELECT 1 FROM parents p WHERE p.id = c.parent_id)');
  assert.equal(Number(orphans[0][0]), 0, 'no orphans');
  const counts = await rows('SELECT p.id, count(c.id) FROM parents p LEFT JOIN children c ON c.parent_id = p.id GROUP BY p.id');
  for (const [id, n] of counts) assert.equal(Number(n), 3, `parent ${id} has its 3 children`);
  return { transfers, parents: new Set(counts.map(r => Number(r[0]))) };
}

/** What must be there is; what is there was at least attempted; the uncertain become certain. */
function reconcile(seen: Seen, ledger: Ledger): void {
  for (const t of ledger.transfers) assert.ok(seen.transfers.has(t), `acknowledged transfer ${t} is there`);
  for (const t of seen.transfers) assert.ok(ledger.transfers.has(t) || ledger.maybeTransfers.has(t), `transfer ${t} was committed`);
  for (const t of ledger.maybeTransfers) if (seen.transfers.has(t)) ledger.transfers.add(t);
  ledger.maybeTransfers.clear();
  for (const p of seen.parents) assert.ok(ledger.parents.has(p) || ledger.maybeParents.has(p), `parent ${p} was committed`);
  for (const p of ledger.maybeParents) if (seen.parents.has(p)) ledger.parents.add(p);
  ledger.maybeParents.clear();
  for (const p of ledger.maybeDeleted) if (!seen.parents.has(p)) ledger.deleted.add(p);
  ledger.maybeDeleted.clear();
  for (const p of ledger.parents) {
    assert.equal(seen.parents.has(p), !ledger.deleted.has(p), `parent ${p} ${ledger.deleted.has(p) ? 'deleted' : 'kept'} as acknowledged`);
  }
}

test(`SIGKILL at random moments over ${CYCLES} cycles loses no acknowledged commit and leaves no partial one (seed ${SEED})`, { timeout: 240_000 }, async () => {
  const dir = scratchDir('relata-crash-test-');
  const ledger = new Ledger();
  let server = await startServer(dir);
  try {
    await cycles(dir, ledger, server, s => { server = s; });
  } finally {
    await kill(server);
  }
  // the log cut or damaged at random offsets: a consistent state, holding nothing never committed
  await damagedLogs(dir, ledger);
});

async function cycles(dir: string, ledger: Ledger, first: Server, current: (s: Server) => void): Promise<void> {
  let server = first;
  const setup = await client(server.port);
  await setup.query(`CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);
    CREATE TABLE transfers (id text PRIMARY KEY, src int NOT NULL REFERENCES accounts, dst int NOT NULL REFERENCES accounts, amount int NOT NULL);
    CREATE TABLE parents (id int PRIMARY KEY, name text);
    CREATE TABLE children (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES parents ON DELETE CASCADE, note text);
    INSERT INTO accounts SELECT g, ${INITIAL} FROM generate_series(1, ${ACCOUNTS}) g`);
  await setup.end();
  // a clean shutdown: the schema is in the checkpoint (the log-damage rounds at the end keep it)
  const stopped = new Promise(resolve => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await stopped;
  current(server = await startServer(dir));
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const stop = { now: false };
    const workers = Array.from({ length: WORKERS }, (_, w) => work(server.port, w, cycle, ledger, stop));
    await new Promise(r => setTimeout(r, 300 + random(900)));
    stop.now = true;
    await kill(server);
    await Promise.all(workers);
    current(server = await startServer(dir));
    const c = await client(server.port);
    const seen = await consistent(async sql => (await c.query({ text: sql, rowMode: 'array' })).rows);
    reconcile(seen, ledger);
    if (process.env.RELATA_CRASH_DEBUG) console.error(`cycle ${cycle}: ${seen.transfers.size} transfers, ${seen.parents.size} parents`);
    const [maxChild] = (await c.query({ text: 'SELECT coalesce(max(id), 0) FROM children', rowMode: 'array' })).rows;
    const [next] = (await c.query({ text: "SELECT nextval('children_id_seq')", rowMode: 'array' })).rows;
    assert.ok(Number(next[0]) > Number(maxChild[0]), 'the sequence never hands out a committed id again');
    await c.end();
  }
  assert.ok(ledger.transfers.size > CYCLES, `the load committed work (${ledger.transfers.size} transfers)`);
}

async function damagedLogs(dir: string, ledger: Ledger): Promise<void> {
  const db = join(dir, 'base', 'postgres');
  for (let round = 0; round < 6; round++) {
    const copy = crashCopy(dir);
    const cdb = join(copy, 'base', 'postgres');
    const log = join(cdb, readdirSync(db).find(f => f.startsWith('wal-'))!);
    const bytes = readFileSync(log);
    if (bytes.length) {
      const at = random(bytes.length);
      if (round % 2) truncateSync(log, at);
      else { bytes[at] ^= 0xff; writeFileSync(log, bytes); }
    }
    const r = await openDir(copy);
    const s: Session = r.s;
    const seen = await consistent(async sql => (await s.query(sql))[0].rows!);
    for (const t of seen.transfers) assert.ok(ledger.transfers.has(t), `transfer ${t} was committed`);
    for (const p of seen.parents) assert.ok(ledger.parents.has(p), `parent ${p} was committed`);
    await r.store.close();
  }
}
