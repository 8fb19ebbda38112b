// `npm run conformance [-- OPTIONS] [NAME…]`: runs PostgreSQL's regression files
// (../shared/pg-regress) through Relata, one child process per file
// (worker.ts), compares statement by statement (compare.ts), prints the table,
// writes CONFORMANCE.md (full runs only) and checks or raises the ratchet.
//   --check       exit 1 when a file passes fewer statements than test/conformance/ratchet.json says
//   --update      raise ratchet.json to today's figures (of the files run)
//   --jobs N      files run side by side (default: the number of CPUs)
//   --timeout S   per-file time limit in seconds (default 300: generous, so a slow or busy machine
//                 does not turn into a ratchet failure)
//   NAME…         run only these files (no CONFORMANCE.md)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFile, type Crash, type FileResult, type RunInfo } from './compare.js';
import { checkRatchet, loadRatchet, raiseRatchet, saveRatchet } from './ratchet.js';
import { consoleTable, failuresText, markdown, pct, totals } from './report.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const regressDir = process.env.PG_REGRESS_DIR ?? join(root, '..', 'shared', 'pg-regress');
const outDir = join(root, 'dist', 'conformance');
const workerPath = fileURLToPath(new URL('./worker.js', import.meta.url));
const ratchetPath = join(root, 'test', 'conformance', 'ratchet.json');
const reportPath = join(root, 'CONFORMANCE.md');

const WORKER_HEAP_MB = 512;

interface Options {
  check: boolean;
  update: boolean;
  jobs: number;
  timeoutMs: number;
  names: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { check: false, update: false, jobs: availableParallelism(), timeoutMs: 300_000, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') o.check = true;
    else if (a === '--update') o.update = true;
    else if (a === '--jobs') o.jobs = Math.max(1, Number(argv[++i]));
    else if (a === '--timeout') o.timeoutMs = 1000 * Number(argv[++i]);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.names.push(a.replace(/\.sql$/, ''));
  }
  if (!Number.isFinite(o.jobs) || !Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) throw new Error('--jobs and --timeout take numbers');
  return o;
}

/** The environment pg_regress gives psql (README.md of pg-regress). */
function regressEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGTZ: 'America/Los_Angeles',
    PGDATESTYLE: 'Postgres, MDY',
    PGOPTIONS: '-c intervalstyle=postgres_verbose',
    LC_MESSAGES: 'C',
    PG_ABS_SRCDIR: regressDir,
    PG_LIBDIR: regressDir,
    PG_DLSUFFIX: '.so',
  };
}

/** Runs one file in a child process; resolves when it ends or is killed at the time limit. */
function runWorker(name: string, timeoutMs: number): Promise<RunInfo> {
  // a worker that dies before writing must not leave the previous run's files to be read
  for (const ext of ['out', 'events.jsonl', 'current']) rmSync(join(outDir, `${name}.${ext}`), { force: true });
  return new Promise((resolve) => {
    // a runaway statement hits the heap limit (the file fails) before it can exhaust the machine
    const child = spawn(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, workerPath, name, join(regressDir, 'sql'), outDir], {
      env: regressEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    let timedOut = false;
    const t0 = Date.now();
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const crashes = readEvents(name);
      seconds.set(name, (Date.now() - t0) / 1000);
      const current = readText(join(outDir, `${name}.current`)).replace(/\s+/g, ' ').trim();
      const where = current ? ` in ${current.slice(0, 100)}` : '';
      if (timedOut) {
        resolve({ status: 'timeout', detail: `timed out after ${timeoutMs / 1000} s${where}`, crashes });
      } else if (code !== 0) {
        // node prints the throwing source line first; the error's own line is more telling
        const lines = stderr.split('\n').filter((l) => l.trim());
        const error = /heap out of memory|Last few GCs/.test(stderr)
          ? `ran out of memory (${WORKER_HEAP_MB} MB heap)`
          : (lines.find((l) => /^\w*(Error|Exception)\b/.test(l)) ?? lines[0] ?? `exit ${code ?? signal}`).slice(0, 160);
        resolve({ status: 'died', detail: `the worker died: ${error}${where}`, crashes });
      } else {
        resolve({ status: 'ok', crashes });
      }
    });
  });
}

/** Wall-clock seconds per file, for the console (not the report, which stays stable between runs). */
const seconds = new Map<string, number>();

const readText = (p: string): string => (existsSync(p) ? readFileSync(p, 'utf8') : '');

function readEvents(name: string): Crash[] {
  return readText(join(outDir, `${name}.events.jsonl`))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Crash);
}

function expectedFiles(name: string): { file: string; text: string }[] {
  const dir = join(regressDir, 'expected');
  return readdirSync(dir)
    .filter((f) => f === `${name}.out` || new RegExp(`^${name}_\\d+\\.out$`).test(f))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

async function pool<T>(items: string[], jobs: number, fn: (item: string) => Promise<T>): Promise<Map<string, T>> {
  const results = new Map<string, T>();
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      results.set(item, await fn(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
  return results;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const sqlDir = join(regressDir, 'sql');
  if (!existsSync(sqlDir)) {
    console.error(`conformance: ${sqlDir} not found (set PG_REGRESS_DIR)`);
    return 2;
  }
  const all = readdirSync(sqlDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .filter((n) => expectedFiles(n).length > 0)
    .sort();
  const unknown = opts.names.filter((n) => !all.includes(n));
  if (unknown.length > 0) {
    console.error(`conformance: no such regression file: ${unknown.join(', ')}`);
    return 2;
  }
  const names = opts.names.length > 0 ? opts.names : all;
  const full = opts.names.length === 0;
  mkdirSync(outDir, { recursive: true });

  const started = Date.now();
  const runs = await pool(names, opts.jobs, (name) => runWorker(name, opts.timeoutMs));
  const elapsed = (Date.now() - started) / 1000;

  const results: FileResult[] = [];
  for (const name of names) {
    const run = runs.get(name)!;
    const sql = readFileSync(join(sqlDir, `${name}.sql`), 'utf8');
    const r = compareFile(name, sql, expectedFiles(name), readText(join(outDir, `${name}.out`)), run);
    results.push(r);
    writeFileSync(join(outDir, `${name}.failures.txt`), failuresText(r));
    if (run.status !== 'ok') console.error(`conformance: ${name}: ${run.detail}`);
    if (r.unsplit > 0) console.error(`conformance: ${name}: ${r.unsplit} statements could not be found in the expected output (runner bug)`);
  }
  process.stdout.write(consoleTable(results, seconds));
  const t = totals(results);
  console.log(`\n${t.passed}/${t.total} statements pass (${pct(t.passed, t.total)}); describe commands (\\d…) among them: ${t.describePassed}/${t.describeTotal}`);
  console.log(`${names.length} files in ${elapsed.toFixed(1)} s with ${opts.jobs} jobs; failing statements in dist/conformance/NAME.failures.txt`);

  if (full) {
    writeFileSync(reportPath, markdown(results));
    console.log(`wrote ${reportPath}`);
  }

  const passed = new Map(results.map((r) => [r.name, r.passed] as const));
  const ratchet = loadRatchet(ratchetPath);
  const { fell, rose } = checkRatchet(ratchet, passed);
  let rc = 0;
  if (opts.update) {
    saveRatchet(ratchetPath, raiseRatchet(ratchet, passed));
    console.log(`ratchet: raised ${rose.length} file(s) in ${ratchetPath}`);
  } else if (rose.length > 0) {
    console.log(`ratchet: ${rose.map((f) => `${f.name} ${f.committed}→${f.passed}`).join(', ')} pass more than committed; raise with npm run conformance -- --update`);
  }
  if (fell.length > 0) {
    const msg = `ratchet: fewer statements pass than committed in ${fell.map((f) => `${f.name} (${f.passed} < ${f.committed})`).join(', ')}`;
    if (opts.check) {
      console.error(`${msg}\nconformance --check: FAILED (see dist/conformance/NAME.failures.txt)`);
      rc = 1;
    } else {
      console.log(msg);
    }
  } else if (opts.check) {
    console.log('conformance --check: every file passes at least its committed figure');
  }
  return rc;
}

main().then(
  (rc) => process.exit(rc),
  (e) => {
    console.error(`conformance: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
