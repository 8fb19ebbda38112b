// Time to reopen a large data directory (issue 4): a table of N rows with a primary key and a
// second index, closed cleanly (a checkpoint) or left with its rows in the log only (the
// writing process exits without closing, as a crash would), then Database.open timed in a
// fresh process ROUNDS times. CPU time (user + system) is printed beside wall time, since
// the shared machine's load distorts the latter.
//   node dist/bench/recovery.js [N=200000] [ROUNDS=3] [--log]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../src/api/index.js';

const argv = process.argv.slice(2).filter(a => !a.startsWith('--'));
const fromLog = process.argv.includes('--log');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const self = fileURLToPath(import.meta.url);

async function write(dir: string, n: number): Promise<void> {
  // a large checkpoint threshold keeps every row in the log
  process.env.RELATA_CHECKPOINT_BYTES = String(1 << 30);
  const db = await Database.open(dir);
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, k int, v text); CREATE INDEX t_k ON t (k)');
  for (let i = 0; i < n; i += 10000) {
    await db.query(`INSERT INTO t SELECT g, (g * 7919) % ${n}, 'row ' || g FROM generate_series(${i + 1}, ${Math.min(n, i + 10000)}) g`);
  }
  if (!fromLog) await db.close();
  process.exit(0);
}

async function reopen(dir: string): Promise<void> {
  const t0 = performance.now(), c0 = cpu();
  const db = await Database.open(dir);
  const wall = performance.now() - t0, used = cpu() - c0;
  const { rows } = await db.query('SELECT count(*) AS n FROM t WHERE k < 10');
  console.log(`${wall.toFixed(0)} ms wall, ${used.toFixed(0)} ms CPU (${rows[0].n} rows with k < 10)`);
  // no close: a checkpoint would change what the next round reads
  process.exit(0);
}

async function main(): Promise<void> {
  if (argv[0] === 'write') return write(argv[1], Number(argv[2]));
  if (argv[0] === 'open') return reopen(argv[1]);
  const [n = 200000, rounds = 3] = argv.map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'relata-recovery-'));
  const flags = fromLog ? ['--log'] : [];
  try {
    execFileSync(process.execPath, [self, 'write', dir, String(n), ...flags], { stdio: 'inherit' });
    for (let r = 0; r < rounds; r++) {
      const out = execFileSync(process.execPath, [self, 'open', dir, ...flags], { encoding: 'utf8' });
      process.stdout.write(`reopen ${n} rows + 2 indexes from ${fromLog ? 'the log' : 'a checkpoint'}: ${out}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
