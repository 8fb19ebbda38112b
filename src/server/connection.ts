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
import { runCopy } from './copy.js';
import { ExtendedProtocol } from './extended.js';
import * as msg from './messages.js';
import { InputBuffer, type Message } from './framing.js';
import { CANCEL_REQUEST, GSSENC_REQUEST, MessageReader, MessageWriter, SSL_REQUEST } from './protocol.js';
import { ReportedState } from './reported.js';
import { fatal, protocolNegotiation, readStartup, unsupportedProtocol } from './startup.js';
import { login, type LoginHost } from './login.js';
import { waitForDatabases } from './database-wait.js';
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

/** Message types of the extended protocol: an error in one of them skips messages until Sync. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H']);
/** Output is written to the socket at least this often while a long result is produced. */
const FLUSH_AT = 1 << 20;
/** Input buffered beyond this while a message waits (for the lock) pauses reading from the socket. */
const PAUSE_AT = 64 << 20;

export class Connection {
  session: Session | null = null;
  db: DatabaseEntry | null = null;
  readonly out = new MessageWriter();
  pid = 0;
  key = 0;
  private readonly input = new InputBuffer();
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

  constructor(public socket: net.Socket, private readonly host: ServerHost) {
    socket.setNoDelay(true);
    this.remote = { address: socket.remoteAddress, port: socket.remotePort };
    this.listen(socket);
  }

  private listen(socket: net.Socket): void {
    socket.on('data', this.listeners.data);
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

  private onData(d: Buffer): void {
    if (this.phase === 'closed') return;
    this.input.push(d);
    if (this.input.size > PAUSE_AT && this.busy) this.socket.pause();
    const waiting = this.dataArrived;
    this.dataArrived = null;
    waiting?.();
    if (!this.busy) void this.pump();
  }

  /** The next message, or null until more bytes arrive (or the connection ended for an invalid length). */
  private takeMessage(): Message | null {
    const m = this.input.takeMessage();
    if (m === 'invalid') { this.terminate(); return null; }
    if (m && this.input.size < PAUSE_AT) this.socket.resume();
    return m;
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

  private async pump(): Promise<void> {
    this.busy = true;
    try {
      while (this.phase !== 'closed') {
        if (this.phase === 'startup') {
          const packet = this.input.takeStartup();
          if (!packet) break;
          // PostgreSQL closes the connection without an answer ("invalid length of startup packet")
          if (packet === 'invalid') { this.terminate(); break; }
          await this.startup(packet.code, packet.body);
          continue;
        }
        const m = this.takeMessage();
        if (!m) break;
        await this.message(m.type, m.body);
      }
    } catch (e) {
      const err = e instanceof PgError ? e : new PgError('XX000', e instanceof Error ? e.message : String(e));
      err.severity = 'FATAL';
      this.terminate(err);
    } finally {
      this.busy = false;
    }
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
    this.ext = new ExtendedProtocol({ session, out: this.out, run: (stmt, params, types) => this.run(stmt, params, types) });
    for (const [k, v] of this.reported.changes(session)) msg.parameterStatus(this.out, k, v);
    ({ pid: this.pid, key: this.key } = this.host.register(this));
    session.pid = this.pid;
    msg.backendKeyData(this.out, this.pid, this.key);
    this.phase = 'ready';
    msg.readyForQuery(this.out, 'I');
    this.flush();
  }

  // ---- messages -----------------------------------------------------------------

  private async message(type: string, body: Buffer): Promise<void> {
    const r = new MessageReader(body);
    if (type === 'S') this.skipUntilSync = false;
    else if (type === 'X') { this.terminate(); return; }
    else if (this.skipUntilSync) return;
    const ext = this.ext!;
    // type oids in messages (Parse, Bind) are this session's database's (user-defined types)
    this.session?.useTypes();
    try {
      switch (type) {
        case 'S': r.end(); return await this.sync();
        case 'Q': return await this.simpleQuery(r);
        case 'P': return ext.parse(r);
        case 'B': return ext.bind(r);
        case 'D': return ext.describe(r);
        case 'E': return await ext.execute(r);
        case 'C': return ext.close(r);
        case 'H': r.end(); return this.flush();
        case 'F': throw new PgError('0A000', 'the function call message is not supported');
        case 'p': throw protocolViolation('invalid frontend message type 112');
        // CopyData, CopyDone and CopyFail outside COPY are ignored, as PostgreSQL does
        case 'd': case 'c': case 'f': return;
      }
    } catch (e) {
      const err = msg.asPgError(e);
      if (err.severity === 'FATAL') throw err;
      msg.errorResponse(this.out, err);
      this.session!.failTransaction();
      if (EXTENDED.has(type)) this.skipUntilSync = true;
      else await this.ready();
    }
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
      msg.rowDescription(this.out, res.fields, []);
      for (const row of res.rows ?? []) {
        msg.dataRow(this.out, this.ext!.encodeRow(row, res.fields, []));
        if (this.out.size > FLUSH_AT) this.flush();
      }
    }
    msg.commandComplete(this.out, res.command);
  }

  private async sync(): Promise<void> {
    try {
      this.session!.endImplicitBlock();
    } catch (e) {
      msg.errorResponse(this.out, msg.asPgError(e));
    }
    await this.ready();
  }

  /** End of a command (Query, Sync): lock and portals go with the transaction, settings are reported, ReadyForQuery. */
  private async ready(): Promise<void> {
    const session = this.session!;
    try {
      // a commit is reported once its log record is on disk (session/durable-engine.ts)
      await durable(session);
    } catch (e) {
      // the log cannot be flushed: what is buffered would report a commit that may be lost
      this.out.take();
      const err = msg.asPgError(e);
      throw new PgError(err.code, err.message, { hint: err.hint, severity: 'FATAL' });
    }
    if (session.transactionStatus === 'I') {
      this.ext!.dropPortals();
      // roles and databases committed by this command reach the cluster's state file (when it has one)
      this.host.cluster.persist();
    }
    for (const [k, v] of this.reported.changes(session)) msg.parameterStatus(this.out, k, v);
    msg.readyForQuery(this.out, session.transactionStatus);
    this.flush();
  }

  /** Runs one statement of the extended protocol inside the implicit transaction that lasts until Sync. */
  private async run(stmt: Record<string, any>, params: (string | null)[], types: number[]): Promise<StatementResult> {
    if ('CopyStmt' in stmt) throw new PgError('0A000', 'COPY in the extended query protocol is not supported');
    const session = this.session!;
    await waitForDatabases(this.host.cluster, session, [stmt]);
    session.beginImplicitBlock();
    return session.runStatementWaiting(stmt, params, types);
  }

  // ---- output and end -------------------------------------------------------------

  private flush(): void {
    if (!this.out.size) return;
    const data = this.out.take();
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
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
