// A minimal protocol-v3 client for the server tests: sends messages byte for byte and
// reads the backend's replies as { type, fields } records, so tests can assert every
// message (including the ones drivers hide: ParameterStatus, PortalSuspended, …).
import assert from 'node:assert/strict';
import net from 'node:net';

export interface BackendMessage {
  type: string;
  body: Buffer;
}

/** Frontend message builder: type byte and length, as the protocol frames them. */
export function frame(type: string | null, ...parts: (Buffer | string | number[])[]): Buffer {
  const body = Buffer.concat(parts.map(p => (typeof p === 'string' ? Buffer.from(p + '\0') : Buffer.isBuffer(p) ? p : Buffer.from(p))));
  const head = Buffer.alloc(type ? 5 : 4);
  if (type) { head[0] = type.charCodeAt(0); head.writeInt32BE(body.length + 4, 1); } else head.writeInt32BE(body.length + 4, 0);
  return Buffer.concat([head, body]);
}

export const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
export const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };

export function startupMessage(params: Record<string, string>, version = 196608): Buffer {
  return frame(null, int32(version), ...Object.entries(params).flatMap(([k, v]) => [k, v]), [0]);
}

export const query = (sql: string) => frame('Q', sql);
export const parse = (name: string, sql: string, types: number[] = []) => frame('P', name, sql, int16(types.length), ...types.map(int32));
export function bind(portal: string, stmt: string, params: (string | Buffer | null)[], paramFormats: number[] = [], resultFormats: number[] = []): Buffer {
  const values = params.flatMap(p => (p === null ? [int32(-1)] : [int32(Buffer.byteLength(p)), Buffer.from(p)]));
  return frame('B', portal, stmt, int16(paramFormats.length), ...paramFormats.map(int16), int16(params.length), ...values,
    int16(resultFormats.length), ...resultFormats.map(int16));
}
export const describe = (kind: 'S' | 'P', name: string) => frame('D', [kind.charCodeAt(0)], name);
export const execute = (portal: string, maxRows = 0) => frame('E', portal, int32(maxRows));
export const close = (kind: 'S' | 'P', name: string) => frame('C', [kind.charCodeAt(0)], name);
export const sync = () => frame('S');
export const flush = () => frame('H');
export const terminate = () => frame('X');

/** ErrorResponse / NoticeResponse fields by their one-letter codes, less PostgreSQL's source location (F, L, R). */
export function errorFields(m: BackendMessage): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < m.body.length && m.body[i] !== 0) {
    const code = String.fromCharCode(m.body[i]);
    const end = m.body.indexOf(0, i + 1);
    if (code !== 'F' && code !== 'L' && code !== 'R') out[code] = m.body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

/** DataRow values as text (null for NULL). */
export function dataRow(m: BackendMessage): (string | null)[] {
  return dataRowBytes(m).map(b => (b === null ? null : b.toString('utf8')));
}

export function dataRowBytes(m: BackendMessage): (Buffer | null)[] {
  const n = m.body.readInt16BE(0);
  const out: (Buffer | null)[] = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    const len = m.body.readInt32BE(p);
    p += 4;
    if (len < 0) { out.push(null); continue; }
    out.push(m.body.subarray(p, p + len));
    p += len;
  }
  return out;
}

/** RowDescription: name, table oid, column number, type oid, type size, typmod, format per field. */
export function rowDescription(m: BackendMessage): { name: string; tableOid: number; column: number; typeOid: number; size: number; typmod: number; format: number }[] {
  const n = m.body.readInt16BE(0);
  const out = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    const end = m.body.indexOf(0, p);
    const name = m.body.toString('utf8', p, end);
    p = end + 1;
    out.push({ name, tableOid: m.body.readInt32BE(p), column: m.body.readInt16BE(p + 4), typeOid: m.body.readInt32BE(p + 6),
      size: m.body.readInt16BE(p + 10), typmod: m.body.readInt32BE(p + 12), format: m.body.readInt16BE(p + 16) });
    p += 18;
  }
  return out;
}

export const cstrings = (m: BackendMessage) => m.body.toString('utf8').split('\0').slice(0, -1);

/** A raw connection: write bytes, then read messages as they arrive. */
export class RawClient {
  private buf = Buffer.alloc(0);
  private queue: BackendMessage[] = [];
  private waiting: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', d => { this.buf = Buffer.concat([this.buf, d]); this.split(); });
    socket.on('close', () => { this.closed = true; this.waiting?.(); });
    socket.on('error', () => undefined);
  }

  /** A TCP port on `host`, or the path of a Unix socket (to ask the reference PostgreSQL). */
  static connect(port: number | string, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = typeof port === 'string' ? net.connect({ path: port }, () => resolve(new RawClient(s))) : net.connect({ port, host }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  /** Connects and completes the startup: the messages up to the first ReadyForQuery. */
  static async open(port: number | string, params: Record<string, string> = { user: 'postgres' }): Promise<{ client: RawClient; startup: BackendMessage[] }> {
    const client = await RawClient.connect(port);
    client.send(startupMessage(params));
    return { client, startup: await client.untilReady() };
  }

  private split(): void {
    // before startup completes single-byte answers ('N' to SSLRequest) come unframed: tests read them with byte()
    while (this.buf.length >= 5) {
      const len = this.buf.readInt32BE(1);
      if (this.buf.length < len + 1) break;
      this.queue.push({ type: String.fromCharCode(this.buf[0]), body: this.buf.subarray(5, len + 1) });
      this.buf = this.buf.subarray(len + 1);
    }
    this.waiting?.();
  }

  send(...bufs: Buffer[]): void {
    this.socket.write(Buffer.concat(bufs));
  }

  /** The next message (null once the server closed the connection). */
  async next(timeoutMs = 5000): Promise<BackendMessage | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.queue.length) {
      if (this.closed) return null;
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise<void>(resolve => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiting = () => { clearTimeout(t); this.waiting = null; resolve(); };
      });
    }
    return this.queue.shift()!;
  }

  /** Reads one raw byte that arrived unframed (the answer to SSLRequest/GSSENCRequest). */
  async byte(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.buf.length) {
      if (Date.now() > deadline || this.closed) throw new Error('no byte');
      await new Promise(r => setTimeout(r, 5));
    }
    const c = String.fromCharCode(this.buf[0]);
    this.buf = this.buf.subarray(1);
    return c;
  }

  /** Messages up to and including the next ReadyForQuery (or up to the close). */
  async untilReady(timeoutMs = 5000): Promise<BackendMessage[]> {
    const out: BackendMessage[] = [];
    for (;;) {
      const m = await this.next(timeoutMs);
      if (!m) return out;
      out.push(m);
      if (m.type === 'Z') return out;
    }
  }

  /** Sends a simple query and returns its messages up to ReadyForQuery. */
  async query(sql: string): Promise<BackendMessage[]> {
    this.send(query(sql));
    return this.untilReady();
  }

  /** Terminate, then close. */
  end(): void {
    if (!this.closed) this.socket.end(terminate());
  }
}

/** Message types in order, with CommandComplete tags and error codes spelled out: 'T D C:SELECT 1 Z:I'. */
export function summary(ms: BackendMessage[]): string {
  return ms.map(m => {
    if (m.type === 'C') return `C:${cstrings(m)[0]}`;
    if (m.type === 'Z') return `Z:${m.body.toString()}`;
    if (m.type === 'E' || m.type === 'N') return `${m.type}:${errorFields(m).C}`;
    return m.type;
  }).join(' ');
}

/**
 * RELATA_REFERENCE_PG=/tmp/pgref/.s.PGSQL.5499 runs the server tests against a real PostgreSQL 15
 * (its Unix socket; the tests' tables go to the database RELATA_REFERENCE_DB, default postgres):
 * how their expectations were checked.
 */
export const reference = process.env.RELATA_REFERENCE_PG;
export const testDatabase = reference ? process.env.RELATA_REFERENCE_DB ?? 'postgres' : 'postgres';

export interface TestServer { port: number | string; close(): Promise<void> }

/** Starts a server on a free port for one test file; stop it with server.close(). */
export async function startServer(): Promise<TestServer> {
  if (reference) return { port: reference, close: async () => undefined };
  const { RelataServer } = await import('../../src/server/server.js');
  return RelataServer.start({ port: 0 });
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The error a promise rejects with; the test fails when it resolves. */
export async function failure(p: Promise<unknown>): Promise<any> {
  try { await p; } catch (e) { return e; }
  assert.fail('the statement succeeded');
}

/** The fields of a node-postgres error a test compares: code, message, and detail / hint when present. */
export const pgErrorFields = (e: any) => ({ code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}), ...(e.hint ? { hint: e.hint } : {}) });
