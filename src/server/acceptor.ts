// Where the server's connections come from. The executor is synchronous: while a statement
// runs, the main thread's event loop is deaf, so a CancelRequest (which arrives on a new
// connection) would wait for the statement it means to stop. So by default a small acceptor
// process (acceptor-child.ts, forked) owns the listening socket: it reads each connection's
// first packet, records cancel requests in a file the main thread reads at the executor's
// checkpoint (cancel-inbox.ts, executor/deadline.ts), and hands every other connection to
// this process with the bytes it read (the socket's descriptor travels over the IPC channel;
// from then on the main process reads and writes it directly, so no message pays for the
// acceptor, only the connection's set-up: one IPC round trip).
// Why a process rather than a worker thread: a worker cannot give a socket to the main thread
// (a second libuv handle on the same descriptor would close it twice), and a process can,
// through Node's own handle passing. With `acceptor: false` (or should the acceptor process
// die) the server listens in this process, and cancel requests stop only lock waits.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setInterruptCheck } from '../executor/deadline.js';
import { CancelInbox, type CancelRecord } from './cancel-inbox.js';

export interface ListenerHandlers {
  connection(socket: net.Socket): void;
  /** Cancel requests that arrived while this process was idle (or had no statement of theirs running). */
  cancel(records: CancelRecord[]): void;
  /**
   * Called at the executor's checkpoint with the cancel requests that arrived meanwhile: throws
   * for the running statement's; the others are for sessions not running (handled later).
   */
  interrupt(records: CancelRecord[]): void;
}

export interface Listener {
  readonly address: net.AddressInfo;
  close(): Promise<void>;
}

/** The checks of every acceptor in this process (tests run several servers), run at the executor's checkpoints. */
const checks = new Set<() => void>();
function runChecks(): void {
  for (const c of checks) c();
}

export async function listen(host: string, port: number, h: ListenerHandlers, acceptor: boolean): Promise<Listener> {
  return acceptor ? AcceptorProcess.start(host, port, h) : listenHere(host, port, h);
}

async function listenHere(host: string, port: number, h: ListenerHandlers): Promise<Listener> {
  const server = net.createServer(socket => h.connection(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  return {
    address: server.address() as net.AddressInfo,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

interface ChildMessage { t: 'listening' | 'error' | 'connection' | 'cancel'; address?: net.AddressInfo; code?: string; message?: string; head?: string }

class AcceptorProcess implements Listener {
  address!: net.AddressInfo;
  private closing = false;
  private fallback: Listener | null = null;
  private readonly check = () => { const r = this.inbox.take(); if (r) this.h.interrupt(r); };

  private constructor(private readonly child: ChildProcess, private readonly inbox: CancelInbox, private readonly fd: number,
    private readonly h: ListenerHandlers) {}

  static async start(host: string, port: number, h: ListenerHandlers): Promise<AcceptorProcess> {
    // the cancel file: created, opened by both processes, and unlinked at once (nothing is left behind)
    const dir = mkdtempSync(join(tmpdir(), 'relata-cancel-'));
    const fd = openSync(join(dir, 'cancel'), 'w+', 0o600);
    let child: ChildProcess;
    try {
      child = fork(fileURLToPath(new URL('./acceptor-child.js', import.meta.url)), [],
        { stdio: ['ignore', 'ignore', 'ignore', 'ipc', fd], execArgv: [] });
    } catch (e) {
      closeSync(fd);
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const a = new AcceptorProcess(child, new CancelInbox(fd), fd, h);
    await a.begin(host, port);
    return a;
  }

  private begin(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (e: Error) => { this.closing = true; this.child.kill('SIGKILL'); closeSync(this.fd); reject(e); };
      this.child.once('exit', () => failed(new Error('the connection acceptor process ended before listening')));
      this.child.on('message', (m: ChildMessage, socket?: net.Socket) => {
        switch (m.t) {
          case 'listening':
            this.address = m.address!;
            this.child.removeAllListeners('exit');
            this.child.on('exit', () => this.died(host));
            checks.add(this.check);
            setInterruptCheck(runChecks);
            resolve();
            return;
          case 'error':
            this.child.removeAllListeners('exit');
            failed(Object.assign(new Error(m.message), { code: m.code }));
            return;
          case 'connection':
            if (!socket) return;
            // what the acceptor read of the first packet is read again here first
            if (m.head) socket.unshift(Buffer.from(m.head, 'base64'));
            this.h.connection(socket);
            return;
          case 'cancel': {
            const r = this.inbox.take();
            if (r) this.h.cancel(r);
            return;
          }
        }
      });
      this.child.send({ t: 'listen', host, port });
    });
  }

  /** The acceptor process ended on its own: this process listens on the same address from now on. */
  private died(host: string): void {
    this.stopChecks();
    if (this.closing) return;
    process.stderr.write('relata: the connection acceptor process ended; listening in the server process (cancel requests now stop only lock waits)\n');
    listenHere(host, this.address.port, this.h).then(l => { this.fallback = l; },
      e => process.stderr.write(`relata: could not listen on ${host}:${this.address.port} again: ${e?.message ?? e}\n`));
  }

  private stopChecks(): void {
    checks.delete(this.check);
    if (!checks.size) setInterruptCheck(null);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stopChecks();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()));
      if (this.child.connected) this.child.send({ t: 'close' }); else this.child.kill('SIGKILL');
      await exited;
    }
    try { closeSync(this.fd); } catch { /* closed already */ }
    await this.fallback?.close();
  }
}
