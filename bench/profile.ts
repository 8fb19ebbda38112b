// A profiling driver for Relata alone (issue 6): runs W1–W6 in this process and prints each
// workload's CPU time (process.cpuUsage: user + system), which the load of a shared machine
// distorts far less than wall-clock time. Use with `node --cpu-prof dist/bench/profile.js`.
//   node dist/bench/profile.js [N] [K] [Q] [ROUNDS] [--prof=W1,W2 …]
// --upto=Wn stops after that workload; --prof=Wn writes a CPU profile of that workload alone to Wn.cpuprofile (in the working directory).
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { open } from './systems.js';
import * as w from './workloads.js';

const argv = process.argv.slice(2).filter(a => !a.startsWith('--'));
const [n = 2000, k = 200, q = 2000, rounds = 4] = argv.map(Number);
const sizes = { n, k };
const upto = (process.argv.find(a => a.startsWith('--upto=')) ?? '').slice(7);
const profiled = (process.argv.find(a => a.startsWith('--prof=')) ?? '').slice(7).split(',');

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main(): Promise<void> {
  const c = await open('relata');
  await w.createSchema(c);
  const steps: [string, () => Promise<w.Measure>, (ms: number) => string][] = [
    ['W1', () => w.w1Load(c, sizes), ms => `${Math.round(n * 7 / (ms / 1000))} rows/CPU-s`],
    ['W2', () => w.w2PointJoin(c, sizes, q), ms => `${Math.round(q / (ms / 1000))} q/CPU-s`],
    ['W3', () => w.w3Aggregate(c, sizes, q), ms => `${Math.round(q / (ms / 1000))} q/CPU-s`],
    ['W4', () => w.w4AntiJoin(c, sizes, rounds), ms => `${(ms / (rounds * 2)).toFixed(2)} CPU-ms/q (incl. untimed deletes)`],
    // W4's two queries again, without its (untimed) deletes
    ['W4q', async () => {
      for (let r = 0; r < rounds; r++) { await c.query(w.W4_ANTI_SQL); await c.query(w.W4_LEFT_SQL); }
      return { value: 0 };
    }, ms => `${(ms / (rounds * 2)).toFixed(2)} CPU-ms/q`],
    ['W5', () => w.w5CascadeDelete(c, sizes), ms => `${Math.round(k / (ms / 1000))} del/CPU-s`],
    ['W6', () => w.w6FkViolation(c, sizes), ms => `${(ms * 1000 / k).toFixed(1)} CPU-µs/attempt`],
  ];
  const inspector = new Session();
  inspector.connect();
  for (const [id, step, fmt] of steps) {
    const prof = profiled.includes(id);
    if (prof) { await inspector.post('Profiler.enable'); await inspector.post('Profiler.start'); }
    const t = cpu();
    const m = await step();
    const ms = cpu() - t;
    if (prof) writeFileSync(`${id}.cpuprofile`, JSON.stringify((await inspector.post('Profiler.stop')).profile));
    console.log(`${id}: ${fmt(ms)}  (cpu ${ms.toFixed(0)} ms, figure ${m.value.toFixed(2)})${m.wrong ? ` WRONG: ${m.wrong}` : ''}`);
    if (id === 'W1') {
      const m = process.memoryUsage();
      console.log('   ' + Object.entries(m).map(([key, v]) => `${key} ${(v / 2 ** 20).toFixed(1)}`).join(', ') + ' (MiB)');
    }
    if (id === upto) break;
  }
  await c.close();
}
main().catch(e => { console.error(e); process.exit(1); });
