// `npm run bench [-- --quick] [-- --repeats R] [-- --only relata,sqlite] [-- --no-server | --server-only]`:
// issue 6's workloads against Relata and its embeddable peers, interleaved, each figure the
// median of the repeats; then Relata's server against PostgreSQL 15's (server.ts).
// Every measurement runs in a child process of its own (see child.ts).
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildReport, WorkloadId, Outcome } from './child.js';
import { median, table, type Row } from './report.js';
import { SYSTEMS, type SystemName } from './systems.js';
import { SERVERS, serverMissing, startPostgres, startRelata, type Running, type ServerName } from './server.js';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = args.includes('--quick');
const n = Number(flag('--n') ?? (quick ? 2000 : 20_000));
const k = Number(flag('--k') ?? (quick ? 200 : 2000));
const repeats = Math.max(3, Number(flag('--repeats') ?? 3));
const q = quick ? 500 : n;          // W2/W3 queries per repeat (every user once) …
const budgetMs = quick ? 500 : 2000; // … or as many as run in this time (workloads.ts)
const rounds = quick ? 2 : 20;      // W4 query pairs per repeat (or budgetMs once 3 have run)
const CHILD_LIMIT_MS = 15 * 60_000; // a system slower than this is reported as an error
const childJs = fileURLToPath(new URL('./child.js', import.meta.url));

const ROWS: [WorkloadId, string, string, boolean][] = [
  ['W1', 'load (1 transaction)', 'rows/s', true],
  ['W2', 'point join', 'queries/s', true],
  ['W3', 'count + sum of a user', 'queries/s', true],
  ['W4', 'NOT EXISTS / LEFT JOIN', 'ms/query', false],
  ['W5', 'cascading delete', 'deletes/s', true],
  ['W6', 'FK violation 23503', 'µs/attempt', false],
];

function child(argv: string[], env?: Record<string, string>): Promise<ChildReport> {
  return new Promise(resolve => {
    const p = spawn(process.execPath, [childJs, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    let out = '', err = '';
    p.stdout.on('data', d => { out += d; });
    p.stderr.on('data', d => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), CHILD_LIMIT_MS);
    p.on('close', code => {
      clearTimeout(timer);
      try { resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport); } catch {
        resolve({ error: code === null ? `killed after ${CHILD_LIMIT_MS / 60_000} min` : `exit ${code}: ${err.trim().split('\n').slice(-3).join(' ')}` });
      }
    });
  });
}

/** A system whose library is not installed (better-sqlite3 needs a native build) is marked missing. */
async function available(s: SystemName): Promise<string | undefined> {
  const mod = { relata: null, pglite: '@electric-sql/pglite', 'pg-mem': 'pg-mem', sqlite: 'better-sqlite3', 'relata-server': 'pg', 'pg-server': 'pg' }[s];
  if (!mod) return undefined;
  try { await import(mod); return undefined; } catch (e) { return `cannot load ${mod}: ${String((e as Error).message).split('\n')[0]}`; }
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let sqlite = '';
  try { sqlite = execFileSync(process.execPath, ['-e', 'const D=require("better-sqlite3");process.stdout.write(new D(":memory:").prepare("select sqlite_version()").pluck().get())']).toString(); } catch { /* missing */ }
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}` +
    (sqlite ? `, SQLite ${sqlite}` : '');
}

/**
 * Relata's server against PostgreSQL 15's, W1–W6 through node-postgres: both servers started
 * once, each measurement a new database on them, the two interleaved as in-process.
 */
async function serverComparison(): Promise<string> {
  const why = serverMissing();
  if (why) return `Not run: ${why}.`;
  const started: [ServerName, Running][] = [];
  try {
    started.push(['pg-server', await startPostgres()], ['relata-server', await startRelata()]);
  } catch (e) {
    for (const [, r] of started) await r.stop().catch(() => undefined);
    return `Not run: a server did not start (${String((e as Error).message).split('\n')[0]}).`;
  }
  const ports = new Map(started.map(([s, r]) => [s, String(r.port)]));
  const outcomes = new Map<WorkloadId, Map<SystemName, Outcome[]>>();
  const t0 = performance.now();
  try {
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 ? [...SERVERS].reverse() : SERVERS;
      for (const s of order) {
        const t = performance.now();
        const rep = await child(['run', s, String(n), String(k), String(q), String(rounds), String(budgetMs)], { BENCH_PORT: ports.get(s)! });
        for (const [id] of ROWS) {
          if (!outcomes.has(id)) outcomes.set(id, new Map());
          const m = outcomes.get(id)!;
          m.set(s, [...(m.get(s) ?? []), rep.workloads?.[id] ?? { error: rep.error ?? 'not run' }]);
        }
        console.log(`  server repeat ${r + 1} ${s}: ${((performance.now() - t) / 1000).toFixed(1)} s${rep.error ? ` (${rep.error})` : ''}`);
      }
    }
  } finally {
    for (const [, run] of started) await run.stop().catch(e => console.error(`stopping a server: ${String(e)}`));
  }
  const rows: Row[] = ROWS.map(([id, title, unit, higherIsBetter]) => ({ id, title, unit, higherIsBetter, outcomes: outcomes.get(id)! }));
  return [
    `Run: N=${n}, K=${k}, ${repeats} repeats (median), ${((performance.now() - t0) / 60_000).toFixed(1)} min; node-postgres, named prepared statements;`,
    // the ports used (BENCH_PG_PORT / BENCH_RELATA_PORT move them, server.ts)
    `Relata \`serve\` in memory (port ${ports.get('relata-server')}), PostgreSQL 15 in a fresh cluster (port ${ports.get('pg-server')}, fsync and synchronous_commit off: neither flushes to disk).`,
    '',
    table(rows, SERVERS, new Map(), 'relata-server'),
  ].join('\n');
}

async function main(): Promise<void> {
  if (args.includes('--server-only')) {
    const text = await serverComparison();
    console.log('\n' + text);
    writeFileSync(fileURLToPath(new URL('./latest-server.md', import.meta.url)), text);
    return;
  }
  const only = flag('--only')?.split(',') as SystemName[] | undefined;
  const systems = SYSTEMS.filter(s => !only || only.includes(s));
  const missing = new Map<SystemName, string>();
  for (const s of systems) { const why = await available(s); if (why) missing.set(s, why); }
  const live = systems.filter(s => !missing.has(s));
  console.log(`N=${n} K=${k} repeats=${repeats}; systems: ${live.join(', ')}${missing.size ? ` (missing: ${[...missing.keys()].join(', ')})` : ''}`);

  const outcomes = new Map<WorkloadId | 'rss' | 'W7', Map<SystemName, Outcome[]>>();
  const add = (id: WorkloadId | 'rss' | 'W7', s: SystemName, o: Outcome) => {
    if (!outcomes.has(id)) outcomes.set(id, new Map());
    const m = outcomes.get(id)!;
    m.set(s, [...(m.get(s) ?? []), o]);
  };
  const started = performance.now();
  const coldFloor: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // interleaved: each repeat runs every system once, starting from a different one
    const order = live.map((_, i) => live[(i + r) % live.length]);
    for (const s of order) {
      const t = performance.now();
      const rep = await child(['run', s, String(n), String(k), String(q), String(rounds), String(budgetMs)]);
      for (const [id] of ROWS) add(id, s, rep.workloads?.[id] ?? { error: rep.error ?? 'not run' });
      add('rss', s, rep.rssMiB !== undefined ? { value: rep.rssMiB } : { error: rep.error ?? 'W1 failed' });
      console.log(`  repeat ${r + 1} ${s}: ${((performance.now() - t) / 1000).toFixed(1)} s${rep.error ? ` (${rep.error})` : ''}`);
    }
    for (const s of order) {
      const rep = await child(['cold', s]);
      add('W7', s, rep.coldMs !== undefined ? { value: rep.coldMs } : { error: rep.error ?? 'no answer' });
    }
    const floor = await child(['cold', 'node']);
    if (floor.coldMs !== undefined) coldFloor.push(floor.coldMs);
  }

  const rows: Row[] = ROWS.map(([id, title, unit, higherIsBetter]) => ({ id, title, unit, higherIsBetter, outcomes: outcomes.get(id)! }));
  rows.push({ id: 'W7', title: 'cold start to SELECT 1', unit: 'ms', higherIsBetter: false, outcomes: outcomes.get('W7')! });
  rows.push({ id: 'RSS', title: 'resident after W1', unit: 'MiB', higherIsBetter: false, outcomes: outcomes.get('rss')! });
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const text = [
    `Machine: ${machine()}`,
    `Run: ${new Date().toISOString().slice(0, 10)}, N=${n}, K=${k}, ${repeats} repeats (median), W2/W3 ${q} queries or ${budgetMs / 1000} s, W4 ${rounds} pairs or ${budgetMs / 1000} s; ${minutes} min in all.`,
    `W7 counts from process start (Node.js itself: ${coldFloor.length ? median(coldFloor).toFixed(1) : '?'} ms) to the answer of SELECT 1, library import included.`,
    '',
    table(rows, systems, missing),
  ].join('\n');
  console.log('\n' + text);
  const out = fileURLToPath(new URL('./latest.md', import.meta.url));
  writeFileSync(out, text);
  if (!args.includes('--no-server')) {
    const server = await serverComparison();
    console.log('\nServer comparison:\n' + server);
    writeFileSync(out, `${text}\n\n## Server comparison\n\n${server}`);
  }
  console.log(`(written to ${out}; copy into BENCHMARKS.md)`);
}

main().catch(e => { console.error(e); process.exit(1); });
