// One client connection: framing of its messages, the startup handshake, and the
// dispatch of the simple and extended query protocols onto its own Session. Messages
// are handled one at a time, in order; each statement runs to completion (the engine is
// single-threaded), and only waiting for a lock (session/waiting.ts) lets other connections go on.
import type net from 'node:net';
import tls from 'node:tls';
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import type { Engine } from '../session/engine.js';
import type { ActivityRow } from '../catalog/shared.js';
import type { StatementResult } from '../session/result.js';
import type { Session } from '../session/session.js';
import { durable } from '../session/durable-engine.js';
import { StatementFailure, tryStatementWaiting } from '../session/waiting.js';
import { runCopy } from './copy.js';
import { ExtendedProtocol } from './extended.js';
import * as msg from './messages.js';
import { InputBuffer, type Message } from './framing.js';
import { adoptSocket } from './socket-reader.js';
import { CANCEL_REQUEST, GSSENC_REQUEST, MessageReader, MessageWriter, SSL_REQUEST } from './protocol.js';
import { ReportedState } from './reported.js';
import { writeRowDescription } from './row-encoding.js';
import { fatal, protocolNegotiation, readStartup, unsupportedProtocol } from './startup.js';
import { login, type LoginHost } from './login.js';
import { waitForDatabase, waitForDatabases } from './database-wait.js';
import { protocolViolation } from './protocol.js';

export interface DatabaseEntry {
  name: string;
  engine: Engine;
}

/** What a connection needs from its server. */
export interface ServerHost extends LoginHost {
  /** TLS, when the server has a certificate: SSLRequest is answered 'S'. */
  readonly tls: tls.SecureContext | null;
  /** A process id and secret key for BackendKeyData (and CancelRequest). */
  register(c: Connection): { pid: number; key: number };
  unregister(c: Connection): void;
  cancel(pid: number, key: number): void;
}

/** Frontend message types, as the byte that starts a message. */
const enum T { Bind = 66, Close = 67, Describe = 68, Execute = 69, Flush = 72, Parse = 80, Query = 81, Sync = 83, Terminate = 88,
  CopyDone = 99, CopyData = 100, CopyFail = 102, FunctionCall = 70, Password = 112 }
/** Message types of the extended protocol: an error in one of them skips messages until Sync. */
const isExtended = (t: number) => t === T.Parse || t === T.Bind || t === T.Describe || t === T.Execute || t === T.Close || t === T.Flush;
/** The size of a connection's read buffer (what Node's reads of 'data' events ask for). */
const READ_BUFFER = 65536;
/** Input buffered beyond this while a message waits (for the lock) pauses reading from the socket. */
const PAUSE_AT = 64 << 20;

export class Connection {
  session: Session | null = null;
  db: DatabaseEntry | null = null;
  readonly out = new MessageWriter();
  pid = 0;
  key = 0;
  private readonly input = new InputBuffer();
  /** Reads each message's body in place (one reader for the connection). */
  private readonly reader = new MessageReader(Buffer.alloc(0));
  /** Reading from the socket was paused (too much input buffered while a statement waits). */
  private paused = false;
  private phase: 'startup' | 'ready' | 'closed' = 'startup';
  private busy = false;
  private skipUntilSync = false;
  private ext: ExtendedProtocol | null = null;
  private reported = new ReportedState();
  private cleaned = false;
  /** Wakes a COPY FROM STDIN waiting for data. */
  private dataArrived: (() => void) | null = null;

  private readonly listeners = {
    data: (d: Buffer) => this.onData(d),
    close: () => this.onClose(),
    // the 'close' that follows ends the connection; nothing else to do
    error: () => undefined,
  };
  /** What pg_stat_activity shows: when the connection and its current query began. */
  private readonly started = Date.now();
  private queryText = '';
  private queryStart: number | null = null;
  private stateChange: number | null = null;
  private readonly remote: { address: string | undefined; port: number | undefined };

  socket: net.Socket;

  constructor(socket: net.Socket, private readonly host: ServerHost) {
    // reads go into one buffer of the connection's own (socket-reader.ts); a TLS server's
    // sockets keep 'data' events, since the TLS handshake takes the socket over
    const own = host.tls ? null : adoptSocket(socket, Buffer.allocUnsafeSlow(READ_BUFFER), (n, buf) => this.onRead(n, buf));
    this.socket = own ? own.socket : socket;
    this.socket.setNoDelay(true);
    this.remote = { address: this.socket.remoteAddress, port: this.socket.remotePort };
    this.listen(this.socket, !own);
    // what the socket had read before it moved (the first packet) is handled as a read would be
    const head = own?.head;
    if (head) process.nextTick(() => this.onData(head));
  }

  private listen(socket: net.Socket, data = true): void {
    if (data) socket.on('data', this.listeners.data);
    socket.on('close', this.listeners.close);
    socket.on('error', this.listeners.error);
  }

  /** SSLRequest with a certificate: 'S', then the TLS handshake on the same socket. */
  private startTls(context: tls.SecureContext): void {
    // bytes sent after SSLRequest but before the handshake would bypass encryption (CVE-2021-23214)
    if (this.input.size) throw protocolViolation('received unencrypted data after SSL request');
    const raw = this.socket;
    raw.off('data', this.listeners.data);
    raw.off('close', this.listeners.close);
    raw.write('S');
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
    this.socket = secure;
    this.listen(secure);
  }

  /** The session's row of pg_stat_activity. */
  activity(): ActivityRow {
    const s = this.session!;
    const micros = (ms: number | null) => (ms === null ? null : (ms - Date.UTC(2000, 0, 1)) * 1000);
    const t = s.transactionStatus;
    const state = this.busy ? 'active' : t === 'I' ? 'idle' : t === 'E' ? 'idle in transaction (aborted)' : 'idle in transaction';
    return {
      database: this.host.cluster.shared.databases.get(s.database), pid: this.pid, role: this.host.cluster.shared.roles.get(s.user),
      applicationName: s.gucs.get('application_name') ?? '', clientAddr: this.remote.address ?? null, clientPort: this.remote.port ?? null,
      backendStart: micros(this.started)!, xactStart: null, queryStart: micros(this.queryStart), stateChange: micros(this.stateChange),
      state, query: this.queryText,
    };
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** CancelRequest for this connection: a statement waiting for the lock stops waiting. */
  cancel(): void {
    this.session?.cancelWait(new PgError('57014', 'canceling statement due to user request'));
  }

  /** Ends the connection (server shutdown): an open transaction is rolled back. */
  terminate(e?: PgError): void {
    if (this.phase === 'closed') return;
    if (e) { msg.errorResponse(this.out, e); this.flush(); }
    this.phase = 'closed';
    this.session?.cancelWait(new PgError('57P01', 'terminating connection due to administrator command'));
    this.socket.end();
    this.cleanup();
  }

  // ---- input ------------------------------------------------------------------

  /** n bytes read into the socket's own buffer: handled, and what remains is copied out before the next read. */
  private onRead(n: number, buf: Buffer): void {
    // (read in place: no view of the bytes is made for each read)
    if (this.phase !== 'closed') { this.input.pushRead(buf, n); this.received(); }
    this.input.release(buf.buffer);
  }

  private onData(d: Buffer): void {
    if (this.phase === 'closed') return;
    this.input.push(d);
    this.received();
  }

  /** Bytes arrived in the input: handled now unless a message is being handled. */
  private received(): void {
    if (this.input.size > PAUSE_AT && this.busy && !this.paused) { this.paused = true; this.socket.pause(); }
    const waiting = this.dataArrived;
    this.dataArrived = null;
    waiting?.();
    if (!this.busy) this.pump();
  }

  /** The next message, or null until more bytes arrive (or the connection ended for an invalid length). */
  private takeMessage(): Message | null {
    const m = this.input.takeMessage();
    if (m === 'invalid') { this.terminate(); return null; }
    if (m) this.resumeReading();
    return m;
  }

  /** Moves the input to its next message (input.type, start, end): false until more bytes arrive. */
  private nextMessage(): boolean {
    const m = this.input.next();
    if (m === 'invalid') { this.terminate(); return false; }
    if (m === null) return false;
    this.resumeReading();
    return true;
  }

  private resumeReading(): void {
    if (this.paused && this.input.size < PAUSE_AT) { this.paused = false; this.socket.resume(); }
  }

  /** For COPY FROM STDIN: waits for the next message while the current one is being handled. */
  private async readMessage(): Promise<Message> {
    for (;;) {
      if (this.phase === 'closed') throw new PgError('08006', 'connection closed during COPY');
      const m = this.takeMessage();
      if (m) return m;
      await new Promise<void>(resolve => { this.dataArrived = resolve; });
    }
  }

  /**
   * Handles the messages received, in order: synchronously while each is answered at once
   * (a statement that did not wait), so that a query costs no promise or microtask; a message
   * that must wait (for a lock, the log, COPY data) resumes the pump once it is done.
   */
  private pump(): void {
    this.busy = true;
    try {
      while (this.phase !== 'closed') {
        let pending: Promise<void> | void;
        if (this.phase === 'startup') {
          const packet = this.input.takeStartup();
          if (!packet) break;
          // PostgreSQL closes the connection without an answer ("invalid length of startup packet")
          if (packet === 'invalid') { this.terminate(); break; }
          pending = this.startup(packet.code, packet.body);
        } else {
          if (!this.nextMessage()) break;
          const input = this.input;
          pending = this.message(input.type, this.reader.reset(input.buf, input.start, input.end));
        }
        if (pending) {
          pending.then(() => this.pump(), e => { this.fatal(e); this.idle(); });
          return;
        }
      }
    } catch (e) {
      this.fatal(e);
    }
    this.idle();
  }

  /** An error that ends the connection (a protocol violation, anything not an SQL error). */
  private fatal(e: unknown): void {
    const err = e instanceof PgError ? e : new PgError('XX000', e instanceof Error ? e.message : String(e));
    err.severity = 'FATAL';
    this.terminate(err);
  }

  /** Every message received was handled: the answers go out, and a closed connection is cleaned up. */
  private idle(): void {
    this.busy = false;
    this.flush();
    if (this.phase === 'closed') this.cleanup();
  }

  // ---- startup ------------------------------------------------------------------

  private async startup(code: number, body: Buffer): Promise<void> {
    if (code === SSL_REQUEST && this.host.tls && !(this.socket instanceof tls.TLSSocket)) { this.startTls(this.host.tls); return; }
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      // no TLS (or already in TLS) and no GSSAPI encryption: the client goes on as it is
      this.socket.write('N');
      return;
    }
    if (code === CANCEL_REQUEST) {
      if (body.length >= 8) this.host.cancel(body.readInt32BE(0), body.readInt32BE(4));
      this.terminate();
      return;
    }
    const p = readStartup(body, code);
    if (p.major < 3) {
      // an old client reads errors in protocol 2's form: 'E', the text, NUL
      this.socket.write(Buffer.from(`EFATAL:  ${unsupportedProtocol(p).message}\n\0`));
      this.terminate();
      return;
    }
    if (p.major !== 3) throw unsupportedProtocol(p);
    const negotiation = protocolNegotiation(p);
    if (negotiation) msg.negotiateProtocolVersion(this.out, negotiation.newest, negotiation.unrecognized);
    const io = {
      out: this.out, flush: () => this.flush(), readMessage: () => this.readMessage(), address: this.remote.address,
      onNotice: (n: import('../errors/index.js').Notice) => msg.noticeResponse(this.out, n),
    };
    const { session } = await login(this.host, io, p);
    this.session = session;
    this.db = { name: session.database, engine: session.engine };
    this.host.cluster.attach(session, session.database, {
      terminate: () => this.terminate(fatal('57P01', 'terminating connection due to administrator command')),
      activity: () => this.activity(),
    });
    this.ext = new ExtendedProtocol({
      session, out: this.out, run: (stmt, params, types) => this.run(stmt, params, types), flush: () => this.flush(),
      failed: e => this.failed(T.Execute, e),
    });
    this.reported.report(session, this.out);
    ({ pid: this.pid, key: this.key } = this.host.register(this));
    session.pid = this.pid;
    msg.backendKeyData(this.out, this.pid, this.key);
    this.phase = 'ready';
    msg.readyForQuery(this.out, 'I');
    this.flush();
  }

  // ---- messages -----------------------------------------------------------------

  private message(type: number, r: MessageReader): Promise<void> | void {
    if (type === T.Sync) this.skipUntilSync = false;
    else if (type === T.Terminate) { this.terminate(); return; }
    else if (this.skipUntilSync) return;
    // type oids in messages (Parse, Bind, Describe) are this session's database's (user-defined
    // types); Execute's statement and rows activate them themselves
    if (type !== T.Execute) this.session?.useTypes();
    try {
      const pending = this.dispatch(type, r);
      if (pending) return this.failedLater(type, pending);
    } catch (e) {
      return this.failed(type, e);
    }
  }

  /** A message that waits: failed() when it fails. (A closure over `type` in message() would cost a context per message.) */
  private failedLater(type: number, pending: Promise<void>): Promise<void> {
    return pending.catch(e => this.failed(type, e));
  }

  private dispatch(type: number, r: MessageReader): Promise<void> | void {
    const ext = this.ext!;
    switch (type) {
      case T.Sync: r.end(); return this.sync();
      case T.Query: return this.simpleQuery(r);
      case T.Parse: return ext.parse(r);
      case T.Bind: return ext.bind(r);
      case T.Describe: return ext.describe(r);
      case T.Execute: return ext.execute(r);
      case T.Close: return ext.close(r);
      case T.Flush: r.end(); return this.flush();
      case T.FunctionCall: throw new PgError('0A000', 'the function call message is not supported');
      case T.Password: throw protocolViolation('invalid frontend message type 112');
      // CopyData, CopyDone and CopyFail outside COPY are ignored, as PostgreSQL does
      case T.CopyData: case T.CopyDone: case T.CopyFail: return;
    }
  }

  /** A message failed: ErrorResponse, then (extended protocol) skip to Sync or (Query) ReadyForQuery. */
  private failed(type: number, e: unknown): Promise<void> | void {
    const err = msg.asPgError(e);
    if (err.severity === 'FATAL') throw err;
    msg.errorResponse(this.out, err);
    this.session!.failTransaction();
    if (isExtended(type)) this.skipUntilSync = true;
    else return this.ready();
  }

  private async simpleQuery(r: MessageReader): Promise<void> {
    const sql = r.cstring();
    r.end();
    this.queryText = sql;
    this.queryStart = this.stateChange = Date.now();
    const session = this.session!;
    this.ext!.dropUnnamedStatement();
    const stmts = parse(sql);
    if (!stmts.length) msg.emptyQueryResponse(this.out);
    else {
      await waitForDatabases(this.host.cluster, session, stmts.map(s => s.stmt));
      if (stmts.some(s => 'CopyStmt' in s.stmt)) await this.statementsWithCopy(stmts.map(s => s.stmt));
      else await session.simpleQuery(sql, { result: res => this.sendResult(res) });
    }
    await this.ready();
  }

  /** A query with COPY: its statements one by one as Session.simpleQuery runs them, COPY through copy.ts. */
  private async statementsWithCopy(stmts: Record<string, any>[]): Promise<void> {
    const session = this.session!;
    if (stmts.length > 1) session.beginImplicitBlock();
    for (const stmt of stmts) {
      if (!('CopyStmt' in stmt)) { this.sendResult(await session.runStatementWaiting(stmt, [])); continue; }
      if (session.transactionStatus === 'E') {
        throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      }
      session.beginImplicitBlock();
      const host = { session, out: this.out, flush: () => this.flush(), readMessage: () => this.readMessage() };
      try {
        msg.commandComplete(this.out, (await runCopy(host, stmt.CopyStmt)).command);
      } catch (e) {
        session.failTransaction();
        throw e;
      }
      if (stmts.length === 1) session.endImplicitBlock();
    }
    session.endImplicitBlock();
  }

  private sendResult(res: StatementResult): void {
    if (res.fields) {
      writeRowDescription(this.out, res.fields, []);
      if (res.rows) this.ext!.writeRows(res.rows, 0, res.rows.length, res.fields, []);
    }
    msg.commandComplete(this.out, res.command);
  }

  private sync(): Promise<void> | void {
    try {
      this.session!.endImplicitBlock();
    } catch (e) {
      msg.errorResponse(this.out, msg.asPgError(e));
    }
    return this.ready();
  }

  /** End of a command (Query, Sync): lock and portals go with the transaction, settings are reported, ReadyForQuery. */
  private ready(): Promise<void> | void {
    const session = this.session!;
    // a commit is reported once its log record is on disk (session/durable-engine.ts)
    if (!session.pendingFlush) return this.readyNow();
    return durable(session).then(() => this.readyNow(), e => {
      // the log cannot be flushed: what is buffered would report a commit that may be lost
      this.out.take();
      const err = msg.asPgError(e);
      throw new PgError(err.code, err.message, { hint: err.hint, severity: 'FATAL' });
    });
  }

  private readyNow(): void {
    const session = this.session!;
    if (session.transactionStatus === 'I') {
      this.ext!.dropPortals();
      // roles and databases committed by this command reach the cluster's state file (when it has one)
      this.host.cluster.persist();
    }
    this.reported.report(session, this.out);
    msg.readyForQuery(this.out, session.transactionStatus);
    this.flush();
  }

  /**
   * Runs one statement of the extended protocol inside the implicit transaction that lasts
   * until Sync: its result or its failure at once when it did not wait (a promise otherwise).
   */
  private run(stmt: Record<string, any>, params: unknown[], types: readonly number[]): StatementResult | StatementFailure | Promise<StatementResult> {
    if ('CopyStmt' in stmt) throw new PgError('0A000', 'COPY in the extended query protocol is not supported');
    const session = this.session!;
    const wait = waitForDatabase(this.host.cluster, session, stmt);
    if (wait) return wait.then(() => { session.beginImplicitBlock(); return session.runStatementNow(stmt, params, types); });
    session.beginImplicitBlock();
    // a failure that needed no wait comes back as a value (W6's failing INSERTs: nothing thrown to unwind)
    return tryStatementWaiting(session, stmt, params, types);
  }

  // ---- output and end -------------------------------------------------------------

  private flush(): void {
    if (!this.out.size) return;
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) { this.out.sent(false); return; }
    socket.write(this.out.pending());
    // a write done at once (the usual case) leaves the stream nothing to hold: the buffer is reused
    this.out.sent(socket.writableLength > 0);
  }

  private onClose(): void {
    this.phase = 'closed';
    this.session?.cancelWait(new PgError('08006', 'connection closed'));
    this.dataArrived?.();
    // a message being handled finishes first (pump cleans up after it)
    if (!this.busy) this.cleanup();
  }

  /** Rolls back what the session left open and gives the lock back; once. */
  private cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    const session = this.session;
    if (session) {
      session.onNotice = null;
      try {
        session.failTransaction();
        if (session.transactionStatus !== 'I') session.query('ROLLBACK').catch(() => undefined);
      } catch { /* nothing committed is touched by a rollback that fails */ }
      void session.close();
      this.host.cluster.detach(session);
    }
    this.host.unregister(this);
  }
}
