// One client connection: framing of its messages, the startup handshake, and the
// dispatch of the simple and extended query protocols onto its own Session. Messages
// are handled one at a time, in order; each statement runs to completion (the engine is
// single-threaded), and only waiting for the write lock lets other connections go on.
import type net from 'node:net';
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import type { Engine } from '../session/engine.js';
import type { StatementResult } from '../session/result.js';
import { Session } from '../session/session.js';
import { runCopy } from './copy.js';
import { ExtendedProtocol } from './extended.js';
import * as msg from './messages.js';
import { InputBuffer, type Message } from './framing.js';
import { CANCEL_REQUEST, GSSENC_REQUEST, MessageReader, MessageWriter, SSL_REQUEST } from './protocol.js';
import { ReportedState, supportedEncoding } from './reported.js';
import { fatal, protocolNegotiation, readStartup, setStatement, startupSettings, unsupportedProtocol } from './startup.js';
import { lockModeOf, parseTimeoutMs, type LockMode, type WriteLock } from './write-lock.js';

export interface DatabaseEntry {
  name: string;
  engine: Engine;
  lock: WriteLock;
}

/** What a connection needs from its server. */
export interface ServerHost {
  /** The database named in the startup packet, or the FATAL error PostgreSQL gives. */
  database(name: string): DatabaseEntry;
  /** Throws PostgreSQL's FATAL error for a role that does not exist. */
  checkRole(user: string): void;
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

const LOCK_RANK: Record<LockMode, number> = { none: 0, read: 1, write: 2, exclusive: 3 };

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
  private wait: AbortController | null = null;
  private cleaned = false;
  /** Wakes a COPY FROM STDIN waiting for data. */
  private dataArrived: (() => void) | null = null;

  constructor(readonly socket: net.Socket, private readonly host: ServerHost) {
    socket.setNoDelay(true);
    socket.on('data', d => this.onData(d));
    socket.on('close', () => this.onClose());
    // the 'close' that follows ends the connection; nothing else to do
    socket.on('error', () => undefined);
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** CancelRequest for this connection: a statement waiting for the lock stops waiting. */
  cancel(): void {
    this.wait?.abort(new PgError('57014', 'canceling statement due to user request'));
  }

  /** Ends the connection (server shutdown): an open transaction is rolled back. */
  terminate(e?: PgError): void {
    if (this.phase === 'closed') return;
    if (e) { msg.errorResponse(this.out, e); this.flush(); }
    this.phase = 'closed';
    this.wait?.abort(new PgError('57P01', 'terminating connection due to administrator command'));
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
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      // no TLS or GSSAPI encryption: the client goes on in the clear
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
    const user = p.params.get('user');
    if (!user) throw fatal('28000', 'no PostgreSQL user name specified in startup packet');
    const dbname = p.params.get('database') || user;
    this.host.checkRole(user);
    this.db = this.host.database(dbname);
    const session = new Session(this.db.engine);
    session.user = user;
    session.database = dbname;
    session.onNotice = n => msg.noticeResponse(this.out, n);
    this.session = session;
    for (const [name, value] of startupSettings(p)) {
      if (name.toLowerCase() === 'client_encoding' && !supportedEncoding(value)) {
        throw fatal('0A000', `client encoding "${value}" is not supported`, { hint: 'Relata speaks UTF8 only.' });
      }
      try {
        await session.query(setStatement(name, value));
      } catch (e) {
        const err = e instanceof PgError ? e : new PgError('XX000', String(e));
        throw fatal(err.code, err.message, { detail: err.detail, hint: err.hint });
      }
    }
    this.ext = new ExtendedProtocol({ session, out: this.out, run: (stmt, params, types) => this.run(stmt, params, types) });
    const negotiation = protocolNegotiation(p);
    if (negotiation) msg.negotiateProtocolVersion(this.out, negotiation.newest, negotiation.unrecognized);
    msg.authenticationOk(this.out);
    for (const [k, v] of this.reported.changes(session)) msg.parameterStatus(this.out, k, v);
    ({ pid: this.pid, key: this.key } = this.host.register(this));
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
    try {
      switch (type) {
        case 'S': r.end(); return this.sync();
        case 'Q': return await this.simpleQuery(r);
        case 'P': return ext.parse(r);
        case 'B': return ext.bind(r);
        case 'D': return ext.describe(r);
        case 'E': return await ext.execute(r);
        case 'C': return ext.close(r);
        case 'H': r.end(); return this.flush();
        case 'F': throw new PgError('0A000', 'the function call message is not supported');
        // CopyData, CopyDone and CopyFail outside COPY are ignored, as PostgreSQL does
        case 'd': case 'c': case 'f': return;
      }
    } catch (e) {
      const err = msg.asPgError(e);
      if (err.severity === 'FATAL') throw err;
      msg.errorResponse(this.out, err);
      this.session!.failTransaction();
      if (EXTENDED.has(type)) this.skipUntilSync = true;
      else this.ready();
    }
  }

  private async simpleQuery(r: MessageReader): Promise<void> {
    const sql = r.cstring();
    r.end();
    const session = this.session!;
    this.ext!.dropUnnamedStatement();
    const stmts = parse(sql);
    if (!stmts.length) msg.emptyQueryResponse(this.out);
    else {
      await this.lockFor(stmts.map(s => s.stmt));
      if (stmts.some(s => 'CopyStmt' in s.stmt)) await this.statementsWithCopy(stmts.map(s => s.stmt));
      else await session.simpleQuery(sql, { result: res => this.sendResult(res) });
    }
    this.ready();
  }

  /** A query with COPY: its statements one by one as Session.simpleQuery runs them, COPY through copy.ts. */
  private async statementsWithCopy(stmts: Record<string, any>[]): Promise<void> {
    const session = this.session!;
    if (stmts.length > 1) session.beginImplicitBlock();
    for (const stmt of stmts) {
      if (!('CopyStmt' in stmt)) { this.sendResult(session.runStatement(stmt, [])); continue; }
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

  private sync(): void {
    try {
      this.session!.endImplicitBlock();
    } catch (e) {
      msg.errorResponse(this.out, msg.asPgError(e));
    }
    this.ready();
  }

  /** End of a command (Query, Sync): lock and portals go with the transaction, settings are reported, ReadyForQuery. */
  private ready(): void {
    const session = this.session!;
    if (session.transactionStatus === 'I') {
      this.ext!.dropPortals();
      this.db!.lock.release(session);
    }
    for (const [k, v] of this.reported.changes(session)) msg.parameterStatus(this.out, k, v);
    msg.readyForQuery(this.out, session.transactionStatus);
    this.flush();
  }

  /** Runs one statement of the extended protocol inside the implicit transaction that lasts until Sync. */
  private async run(stmt: Record<string, any>, params: (string | null)[], types: number[]): Promise<StatementResult> {
    if ('CopyStmt' in stmt) throw new PgError('0A000', 'COPY in the extended query protocol is not supported');
    await this.lockFor([stmt]);
    const session = this.session!;
    session.beginImplicitBlock();
    return session.runStatement(stmt, params, types);
  }

  /** Waits for the lock the statements need, with lock_timeout and statement_timeout, cancellable. */
  private async lockFor(stmts: Record<string, any>[]): Promise<void> {
    const session = this.session!;
    if (session.transactionStatus === 'E') return; // the statement will be refused anyway
    let mode: LockMode = 'none';
    for (const s of stmts) { const m = lockModeOf(s); if (LOCK_RANK[m] > LOCK_RANK[mode]) mode = m; }
    if (mode === 'none') return;
    const wait = new AbortController();
    const statementTimeout = parseTimeoutMs(session.gucs.get('statement_timeout'));
    const timer = statementTimeout > 0
      ? setTimeout(() => wait.abort(new PgError('57014', 'canceling statement due to statement timeout')), statementTimeout) : undefined;
    this.wait = wait;
    try {
      await this.db!.lock.acquire(session, mode, parseTimeoutMs(session.gucs.get('lock_timeout')), wait.signal);
    } finally {
      clearTimeout(timer);
      this.wait = null;
    }
    if (this.phase === 'closed') throw new PgError('08006', 'connection closed');
  }

  // ---- output and end -------------------------------------------------------------

  private flush(): void {
    if (!this.out.size) return;
    const data = this.out.take();
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }

  private onClose(): void {
    this.phase = 'closed';
    this.wait?.abort(new PgError('08006', 'connection closed'));
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
      this.db!.lock.release(session);
    }
    this.host.unregister(this);
  }
}
