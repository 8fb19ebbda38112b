// One measurement in a fresh process, so that systems never share a heap or a JIT warm-up:
//   child.js run SYSTEM N K Q ROUNDS [BUDGET_MS]   W1–W6 on a new database, resident memory after W1
//   child.js cold SYSTEM               W7: ms from process start until SELECT 1 has answered
// It prints one JSON line (ChildReport) on stdout.
// (the harness's modules are imported where needed, so that W7 counts the system's own start
// and its floor, "node", Node.js alone: they took ~4 ms of both)
import type { SystemName } from './systems.js';
import type * as Workloads from './workloads.js';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6';
export interface Outcome { value?: number; wrong?: string; error?: string }
export interface ChildReport {
  workloads?: Partial<Record<WorkloadId, Outcome>>;
  rssMiB?: number;
  coldMs?: number;
  error?: string;
}

const [mode, system, ...rest] = process.argv.slice(2);

async function run(): Promise<ChildReport> {
  if (mode === 'cold') {
    if (system === 'node') return { coldMs: performance.now() }; // the floor: Node.js alone
    const { open } = await import('./systems.js');
    const c = await open(system as SystemName);
    const [[one]] = await c.query('SELECT 1 AS one');
    const coldMs = performance.now();
    if (Number(one) !== 1) return { error: `SELECT 1 gave ${String(one)}` };
    await c.close();
    return { coldMs };
  }
  const [n, k, q, rounds, budgetMs = Infinity] = rest.map(Number);
  const sizes = { n, k };
  const { open } = await import('./systems.js');
  const w: typeof Workloads = await import('./workloads.js');
  const c = await open(system as SystemName);
  await w.createSchema(c);
  const report: ChildReport = { workloads: {} };
  const steps: [WorkloadId, () => Promise<Workloads.Measure>][] = [
    ['W1', () => w.w1Load(c, sizes)],
    ['W2', () => w.w2PointJoin(c, sizes, q, budgetMs)],
    ['W3', () => w.w3Aggregate(c, sizes, q, budgetMs)],
    ['W4', () => w.w4AntiJoin(c, sizes, rounds, budgetMs)],
    ['W5', () => w.w5CascadeDelete(c, sizes)],
    ['W6', () => w.w6FkViolation(c, sizes)],
  ];
  for (const [id, step] of steps) {
    try {
      report.workloads![id] = await step();
    } catch (e) {
      report.workloads![id] = { error: String((e as Error)?.message ?? e).split('\n')[0] };
      if (id === 'W1') break; // nothing else has data to work on
    }
    if (id === 'W1') report.rssMiB = process.memoryUsage().rss / 2 ** 20;
  }
  await c.close();
  return report;
}

// exit once the line is written: some systems keep handles open after close
const emit = (r: ChildReport) => process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0));
run().then(emit, e => emit({ error: String((e as Error)?.message ?? e) }));
