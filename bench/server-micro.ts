// The server path without the network (issue 6): one Connection of a RelataServer fed the
// bytes node-postgres sends (named prepared statements: Parse once, then Bind, Describe
// portal, Execute, Sync per query; simple Query without parameters) through a socket stand-in
// that keeps what the server writes. W1–W6 run through it as through a real server, so the
// CPU time measured here is the engine plus the protocol layer (framing, Bind, encoding,
// ReadyForQuery), without the kernel's socket costs, which a shared 2-core VM makes noisy.
// The same workloads through the embedded API give the engine's share (--api).
//   node [--cpu-prof] dist/bench/server-micro.js [N] [K] [Q] [ROUNDS] [--api] [--steps=W2,W3] [--root=DIR]
// --mark writes ./mark when W1 (the load) ended: the profiling tools' top.mjs counts samples from there.
// --alloc prints, for each workload after W1, the bytes allocated per unit by allocating function
// (V8's sampling heap profiler, objects the GC already collected included), server and client.
// --repeat=R runs each workload after W1 R times and prints the least CPU time per unit of the
// R runs too (a loaded machine adds time, never takes it away).
// --root=DIR measures the server and engine built in DIR/dist (e.g. a baseline tree) with this driver.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector/promises';
import type net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RelataServer as Server } from '../src/server/server.js';
import type { Database as Db } from '../src/api/index.js';
import type { Conn } from './systems.js';
import * as w from './workloads.js';

const argv = process.argv.slice(2).filter(a => !a.startsWith('--'));
const [n = 2000, k = 200, q = 2000, rounds = 4] = argv.map(Number);
const opt = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = opt('steps')?.split(',');
const repeat = Number(opt('repeat') ?? 1);
const sizes = { n, k };
const root = opt('root');
const load = async <T>(rel: string): Promise<T> => (await import(root ? pathToFileURL(join(root, 'dist/src', rel)).href : `../src/${rel}`)) as T;
const { RelataServer } = await load<{ RelataServer: typeof Server }>('server/server.js');
const { Database } = await load<{ Database: typeof Db }>('api/index.js');
type RelataServer = Server;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// ---- the client's side: messages as node-postgres writes them -----------------------------

class Out {
  private parts: Buffer[] = [];
  private cur: number[] = [];
  msg(type: string, build: (b: Out) => void): this {
    const start = this.cur.length;
    build(this);
    const body = Buffer.from(this.cur.splice(start));
    const head = Buffer.alloc(5);
    head[0] = type.charCodeAt(0);
    head.writeInt32BE(body.length + 4, 1);
    this.parts.push(head, body);
    return this;
  }
  str(s: string): this { this.cur.push(...Buffer.from(s, 'utf8'), 0); return this; }
  i16(v: number): this { this.cur.push((v >> 8) & 255, v & 255); return this; }
  i32(v: number): this { this.cur.push((v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255); return this; }
  bytes(b: Buffer): this { this.cur.push(...b); return this; }
  take(): Buffer { const b = Buffer.concat(this.parts); this.parts = []; return b; }
}

function startup(user: string, database: string): Buffer {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), ...[['user', user], ['database', database]].flat().map(s => Buffer.from(`${s}\0`)), Buffer.from([0])]);
  const head = Buffer.alloc(4);
  head.writeInt32BE(body.length + 4);
  return Buffer.concat([head, body]);
}

interface Reply { rows: string[][]; error?: { code: string; message: string } }

/** Reads the server's answer up to ReadyForQuery: text rows and the first error. */
function readReply(b: Buffer): Reply {
  const rows: string[][] = [];
  let error: Reply['error'];
  for (let p = 0; p < b.length;) {
    const type = String.fromCharCode(b[p]);
    const len = b.readInt32BE(p + 1);
    const body = b.subarray(p + 5, p + 1 + len);
    p += 1 + len;
    if (type === 'D') {
      const row: string[] = [];
      let o = 2;
      for (let i = body.readInt16BE(0); i > 0; i--) {
        const l = body.readInt32BE(o);
        o += 4;
        row.push(l < 0 ? (null as unknown as string) : body.toString('utf8', o, o + l));
        if (l > 0) o += l;
      }
      rows.push(row);
    } else if (type === 'E' && !error) {
      const f = new Map<string, string>();
      for (let o = 0; body[o] !== 0;) {
        const e = body.indexOf(0, o + 1);
        f.set(String.fromCharCode(body[o]), body.toString('utf8', o + 1, e));
        o = e + 1;
      }
      error = { code: f.get('C')!, message: f.get('M')! };
    }
  }
  return { rows, error };
}

/** A socket stand-in: what the test writes is 'data', what the server writes is collected until ReadyForQuery. */
class FakeSocket extends EventEmitter {
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 40000;
  destroyed = false;
  writable = true;
  private got: Buffer[] = [];
  private waiting: ((b: Buffer) => void) | null = null;
  private sentAt = 0;
  /**
   * ms from handing the server a message to its ReadyForQuery (the server's share, client
   * excluded): wall-clock time, which in this one process with nothing to wait for is its CPU
   * time; process.cpuUsage() per message cost more than the server's own work here.
   */
  serverMs = 0;
  setNoDelay(): this { return this; }
  setKeepAlive(): this { return this; }
  pause(): this { return this; }
  resume(): this { return this; }
  cork(): void { /* nothing buffered here */ }
  uncork(): void { /* nothing buffered here */ }
  write(d: Buffer | string): boolean {
    const b = typeof d === 'string' ? Buffer.from(d) : d;
    this.got.push(b);
    // ReadyForQuery ('Z', length 5, status) ends an answer
    if (b.length >= 6 && b[b.length - 6] === 0x5a && b.readInt32BE(b.length - 5) === 5 && this.waiting) {
      this.serverMs += performance.now() - this.sentAt;
      const all = Buffer.concat(this.got);
      this.got = [];
      const w = this.waiting;
      this.waiting = null;
      w(all);
    }
    return true;
  }
  end(): this { this.destroyed = true; this.emit('close'); return this; }
  destroy(): this { return this.end(); }
  destroySoon(): void { this.end(); }
  /** Sends bytes and waits for the answer up to ReadyForQuery. */
  send(b: Buffer): Promise<Buffer> {
    return new Promise(resolve => { this.waiting = resolve; this.sentAt = performance.now(); this.emit('data', b); });
  }
}

async function connect(server: RelataServer, database: string): Promise<FakeSocket> {
  const s = new FakeSocket();
  // (an older build's server took connections from its net.Server's 'connection' event)
  const srv = server as unknown as { accept?(s: net.Socket): void; server?: net.Server };
  if (srv.accept) srv.accept(s as unknown as net.Socket); else srv.server!.emit('connection', s);
  await s.send(startup('postgres', database));
  return s;
}

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;

function serverConn(s: FakeSocket): Conn {
  const names = new Map<string, string>();
  const out = new Out();
  const check = (r: Reply) => {
    if (r.error) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.rows as unknown[][];
  };
  return {
    dialect: 'postgres',
    async exec(sql) { check(readReply(await s.send(out.msg('Q', b => b.str(sql)).take()))); },
    async query(sql, params) {
      if (!params) return check(readReply(await s.send(out.msg('Q', b => b.str(sql)).take())));
      let name = names.get(sql);
      if (!name) {
        names.set(sql, name = `s${names.size}`);
        out.msg('P', b => b.str(name!).str(sql).i16(0));
      }
      out.msg('B', b => {
        b.str('').str(name!).i16(0).i16(params.length);
        for (const p of params) {
          if (p === null) b.i32(-1);
          else { const v = Buffer.from(String(p), 'utf8'); b.i32(v.length).bytes(v); }
        }
        b.i16(0);
      }).msg('D', b => b.bytes(Buffer.from('P\0'))).msg('E', b => b.str('').i32(0)).msg('S', () => undefined);
      return check(readReply(await s.send(out.take())));
    },
    errorCode: codeOf,
    async close() { s.end(); },
  };
}

async function apiConn(): Promise<Conn> {
  const db = await Database.open();
  return {
    dialect: 'postgres',
    async exec(sql) { await db.exec(sql); },
    async query(sql, params) { return (await db.query<unknown[]>(sql, params, { rowMode: 'array' })).rows; },
    errorCode: codeOf,
    close: () => db.close(),
  };
}


interface HeapNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }

/** Bytes allocated per unit, by function (its file's last two path parts and line). */
function printAllocations(profile: { head: HeapNode }, units: number): void {
  const self = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode) => {
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
    total += n.selfSize;
    self.set(key, (self.get(key) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  console.log(`  bytes allocated per unit: ${(total / units).toFixed(0)}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(v / units).toFixed(0).padStart(7)} ${k}`);
}

async function main(): Promise<void> {
  let server: RelataServer | null = null;
  let socket: FakeSocket | null = null;
  let c: Conn;
  if (process.argv.includes('--api')) c = await apiConn();
  else {
    server = await RelataServer.start({ port: 0, auth: 'trust', acceptor: false });
    const admin = serverConn(await connect(server, 'postgres'));
    await admin.exec('CREATE DATABASE bench');
    socket = await connect(server, 'bench');
    c = serverConn(socket);
  }
  await w.createSchema(c);
  const steps: [string, () => Promise<w.Measure>, number, string][] = [
    ['W1', () => w.w1Load(c, sizes), n * 7, 'row'],
    ['W2', () => w.w2PointJoin(c, sizes, q), q, 'query'],
    ['W3', () => w.w3Aggregate(c, sizes, q), q, 'query'],
    ['W4', () => w.w4AntiJoin(c, sizes, rounds), rounds * 2, 'query (with the deletes)'],
    ['W4q', async () => {
      for (let r = 0; r < rounds; r++) { await c.query(w.W4_ANTI_SQL); await c.query(w.W4_LEFT_SQL); }
      return { value: 0 };
    }, rounds * 2, 'query'],
    ['W5', () => w.w5CascadeDelete(c, sizes), k, 'delete'],
    ['W6', () => w.w6FkViolation(c, sizes), k, 'attempt'],
  ];
  const alloc = process.argv.includes('--alloc') ? new Inspector() : null;
  alloc?.connect();
  for (const [id, step, units, unit] of steps) {
    if (only && id !== 'W1' && !only.includes(id)) continue;
    const sampling = alloc && id !== 'W1';
    if (sampling) {
      await alloc.post('HeapProfiler.enable');
      await alloc.post('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    const t = cpu(), s0 = socket?.serverMs ?? 0, wall0 = performance.now();
    const m = await step();
    const ms = cpu() - t, server = (socket?.serverMs ?? 0) - s0, wall = performance.now() - wall0;
    const per = (x: number) => ((x * 1000) / units).toFixed(1);
    if (id !== 'W1' && repeat > 1) {
      let least = ms;
      for (let r = 1; r < repeat; r++) { const t1 = cpu(); await step(); least = Math.min(least, cpu() - t1); }
      console.log(`${id}: least of ${repeat} runs ${per(least)} CPU-µs/${unit}`);
    }
    if (id === 'W1' && process.argv.includes('--mark')) writeFileSync('mark', String(process.hrtime.bigint() / 1000n));
    console.log(`${id}: ${per(ms)} CPU-µs/${unit}${socket ? `, of which the server ${per(server)} µs` : ''}  (cpu ${ms.toFixed(0)} ms, wall ${wall.toFixed(0)} ms)${m.wrong ? ` WRONG: ${m.wrong}` : ''}`);
    if (sampling) printAllocations((await alloc.post('HeapProfiler.stopSampling')).profile, units);
  }
  await c.close();
  await server?.close();
}

main().catch(e => { console.error(e); process.exit(1); });
