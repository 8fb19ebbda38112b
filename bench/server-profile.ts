// A profiling driver for the server path (issue 6): starts `relata serve` (this build's, or
// the one under --root=DIR) on a port of its own, runs W1–W6 against it through node-postgres
// in this process, and prints per workload the server process's CPU time (user + system from
// /proc, V8's compiler and GC threads included) and this client's, which a shared machine
// distorts far less than wall-clock time.
//   node dist/bench/server-profile.js [N] [K] [Q] [ROUNDS] [--port=5561] [--root=DIR] [--cpu-prof=DIR] [--steps=W2,W3]
// --cpu-prof writes the server's CPU profile (node --cpu-prof) into DIR when it stops, and
// DIR/mark: when W1 (the load) ended, from which the tools' top.mjs counts samples.
// --pid=PID uses a server already running on --port (started by hand, e.g. under perf) instead.
// --pg runs the same against a PostgreSQL 15 cluster started for the purpose (server.ts) instead.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServer, startPostgres } from './server.js';
import * as w from './workloads.js';

const argv = process.argv.slice(2).filter(a => !a.startsWith('--'));
const [n = 2000, k = 200, q = 2000, rounds = 4] = argv.map(Number);
const opt = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const port = Number(opt('port') ?? 5561);
const root = opt('root') ?? fileURLToPath(new URL('../..', import.meta.url));
const profDir = opt('cpu-prof');
const usePg = process.argv.includes('--pg');
/** --steps=W1,W2: only these workloads (W1 is always run: the others need its rows). */
const only = opt('steps')?.split(',');
const sizes = { n, k };

const TICK_MS = 1000 / 100; // USER_HZ
/** CPU ms of a process (user + system, all its threads), from /proc/PID/stat. */
function procCpu(pid: number): number {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function startRelataAt(): Promise<{ pid: number; stop(): Promise<void> }> {
  const flags = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const p = spawn(process.execPath, [...flags, join(root, 'bin/relata.js'), 'serve', '--port', String(port), '--auth', 'trust'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    p.stdout!.on('data', d => { if (String(d).includes('Listening')) resolve(); });
    p.once('exit', code => reject(new Error(`relata serve exited (${code})`)));
  });
  return { pid: p.pid!, stop: () => new Promise(resolve => { p.once('exit', () => resolve()); p.kill('SIGINT'); }) };
}

async function main(): Promise<void> {
  let server: { pid: number; stop(): Promise<void> };
  const external = opt('pid');
  if (external) {
    // a server started by hand (e.g. under perf): --port and --pid of its process
    process.env.BENCH_PORT = String(port);
    server = { pid: Number(external), stop: async () => undefined };
  } else if (usePg) {
    const pg = await startPostgres(port + 3);
    process.env.BENCH_PORT = String(pg.port);
    server = { pid: 0, stop: () => pg.stop() };
  } else {
    server = await startRelataAt();
    process.env.BENCH_PORT = String(port);
  }
  try {
    const c = await openServer(usePg ? 'pg-server' : 'relata-server');
    // PostgreSQL has a process per connection: the CPU of this connection's backend
    const pid = usePg ? Number((await c.query('SELECT pg_backend_pid()'))[0][0]) : server.pid;
    const srvCpu = () => procCpu(pid);
    await w.createSchema(c);
    const steps: [string, () => Promise<w.Measure>, number][] = [
      ['W1', () => w.w1Load(c, sizes), n * 7],
      ['W2', () => w.w2PointJoin(c, sizes, q), q],
      ['W3', () => w.w3Aggregate(c, sizes, q), q],
      ['W4', () => w.w4AntiJoin(c, sizes, rounds), rounds * 2],
      // W4's two queries again, without its (untimed) deletes
      ['W4q', async () => {
        const t = performance.now();
        for (let r = 0; r < rounds; r++) { await c.query(w.W4_ANTI_SQL); await c.query(w.W4_LEFT_SQL); }
        return { value: (performance.now() - t) / (rounds * 2) };
      }, rounds * 2],
      ['W5', () => w.w5CascadeDelete(c, sizes), k],
      ['W6', () => w.w6FkViolation(c, sizes), k],
    ];
    for (const [id, step, units] of steps) {
      if (only && id !== 'W1' && !only.includes(id)) continue;
      const s0 = srvCpu(), c0 = selfCpu();
      const m = await step();
      const s = srvCpu() - s0, cl = selfCpu() - c0;
      const per = (ms: number) => `${((ms * 1000) / units).toFixed(1)} µs`;
      if (id === 'W1' && profDir) writeFileSync(join(profDir, 'mark'), String(process.hrtime.bigint() / 1000n));
      console.log(`${id}: figure ${m.value.toFixed(2)}; server CPU ${s.toFixed(0)} ms (${per(s)}/unit), client CPU ${cl.toFixed(0)} ms (${per(cl)}/unit)${m.wrong ? ` WRONG: ${m.wrong}` : ''}`);
    }
    await c.close();
  } finally {
    await server.stop();
  }
}

main().catch(e => { console.error(e); process.exit(1); });
