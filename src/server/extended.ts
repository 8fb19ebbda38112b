// The extended query protocol: Parse / Bind / Describe / Execute / Close, with named and
// unnamed prepared statements and portals. A portal runs its statement at its first Execute
// and keeps the rows, so that Execute with a row limit returns them in pieces (PortalSuspended).
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import type { Field, StatementResult } from '../session/result.js';
import type { Session } from '../session/session.js';
import type { PreparedStatement } from '../session/prepared-sql.js';
import type { ReadParams } from '../session/params.js';
import { StatementFailure } from '../session/waiting.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { decodeBinary } from './binary.js';
import { writeDataRows, writeRowDescription } from './row-encoding.js';
import * as msg from './messages.js';
import type { MessageReader, MessageWriter } from './protocol.js';

type Prepared = PreparedStatement;

interface Portal {
  prepared: Prepared;
  /** Parameter values as text, with what Bind read them as (ReadParams). */
  params: (string | null)[];
  /** One format code per result column (none: text for all). */
  formats: readonly number[];
  result: StatementResult | null;
  sent: number;
}

/** What the extended protocol needs from its connection. */
export interface ExtendedHost {
  session: Session;
  out: MessageWriter;
  /** Runs the statement: its result or failure at once, or a promise when it had to wait (for a lock). */
  run(stmt: Record<string, any>, params: unknown[], paramTypes: readonly number[]): StatementResult | StatementFailure | Promise<StatementResult>;
  /** An Execute failed: ErrorResponse, the transaction fails, messages are skipped until Sync. */
  failed(e: unknown): void;
  /** Writes what the output holds to the socket (a long result goes out in pieces). */
  flush(): void;
}

const ALL_TEXT: readonly number[] = [];
const NO_FIELDS: Field[] = [];
const NO_ROWS: unknown[][] = [];
const DESCRIBE_STATEMENT = 0x53, DESCRIBE_PORTAL = 0x50; // 'S', 'P'
/** Output is written to the socket at least this often while a long result is produced. */
const FLUSH_AT = 1 << 20;

const quoteName = (kind: string, name: string) => (name === '' ? `unnamed ${kind}` : `${kind} "${name}"`);
/** ISO output is read back by every DateStyle: binary parameters become text the session reads. */
const ISO = { dateStyle: 'ISO', dateOrder: 'MDY', timeZone: 'UTC', intervalStyle: 'postgres', extraFloatDigits: 1, byteaOutput: 'hex' } as const;

export class ExtendedProtocol {
  /** Named statements share the session's namespace with SQL PREPARE (session/prepared-sql.ts). */
  private get statements(): Map<string, Prepared> { return this.host.session.prepared; }
  /** Named portals; the unnamed one (what clients use) is a field of its own, replaced at each Bind. */
  private portals = new Map<string, Portal>();
  private unnamed: Portal | null = null;
  /** Bind's scratch: where each parameter value is in the message, its length (-1 NULL), the formats. */
  private readonly valueAt: number[] = [];
  private readonly valueLen: number[] = [];
  private readonly paramFormats: number[] = [];
  private readonly resultFormats: number[] = [];
  /** The statement name of the last Bind (a client binds the same statements again and again). */
  private lastBound = '';

  constructor(private readonly host: ExtendedHost) {}

  private get out(): MessageWriter {
    return this.host.out;
  }

  parse(r: MessageReader): void {
    const name = r.cstring();
    const sql = r.cstring();
    const n = r.int16();
    const given: number[] = [];
    for (let i = 0; i < n; i++) given.push(r.int32() >>> 0);
    r.end();
    if (name !== '' && this.statements.has(name)) throw new PgError('42P05', `prepared statement "${name}" already exists`);
    const stmts = parse(sql);
    if (stmts.length > 1) throw new PgError('42601', 'cannot insert multiple commands into a prepared statement');
    const stmt = stmts[0]?.stmt ?? null;
    this.refuseInFailedTransaction(stmt);
    for (const t of given) if (t !== 0 && !typeByOid(t)) throw new PgError('42704', `type with OID ${t} does not exist`);
    const desc = stmt ? this.host.session.describe(stmt, given) : { paramTypes: given.map(t => t || OID.text), fields: null };
    this.statements.set(name, { stmt, given, desc, text: sql });
    msg.parseComplete(this.out);
  }

  bind(r: MessageReader): void {
    const portalName = r.cstring();
    const stmtName = this.lastBound = r.cstringAs(this.lastBound);
    const prepared = this.statements.get(stmtName);
    if (!prepared) throw new PgError('26000', `${quoteName('prepared statement', stmtName)} does not exist`);
    // the message is read whole before anything in it is checked (PostgreSQL's order of errors);
    // parameter values stay where they are in the message until then
    const nParamFormats = r.int16();
    // (scratch arrays written by index, read below their count: never truncated, which costs a call)
    const paramFormats = this.paramFormats, resultFormats = this.resultFormats;
    for (let i = 0; i < nParamFormats; i++) paramFormats[i] = r.int16();
    const nParams = r.int16();
    const at = this.valueAt, len = this.valueLen;
    for (let i = 0; i < nParams; i++) {
      const n = r.int32();
      len[i] = n;
      at[i] = r.offset;
      if (n !== -1) r.skip(n);
    }
    const nResultFormats = r.int16();
    for (let i = 0; i < nResultFormats; i++) resultFormats[i] = r.int16();
    r.end();
    if (nParamFormats > 1 && nParamFormats !== nParams) {
      throw protocolError(`bind message has ${nParamFormats} parameter formats but ${nParams} parameters`);
    }
    const types = prepared.desc.paramTypes;
    if (nParams !== types.length) {
      throw protocolError(`bind message supplies ${nParams} parameters, but prepared statement "${stmtName}" requires ${types.length}`);
    }
    this.refuseInFailedTransaction(prepared.stmt);
    if (portalName !== '' && this.portals.has(portalName)) throw new PgError('42P03', `cursor "${portalName}" already exists`);
    const settings = this.host.session.settings;
    const params: (string | null)[] & Partial<ReadParams> = new Array(nParams);
    // what each text value was read as (session/params.ts bindParams takes it instead of reading
    // the text again); a binary value is not among them: its type is 0 in readTypes
    let readTypes: readonly number[] = types;
    const readValues: unknown[] = new Array(nParams);
    for (let i = 0; i < nParams; i++) {
      const n = len[i];
      if (n === -1) { params[i] = null; continue; }
      const t = typeByOid(types[i]);
      const text = nParamFormats === 0 || (nParamFormats === 1 ? paramFormats[0] : paramFormats[i]) === 0;
      try {
        if (text) {
          const value = n === 0 ? '' : r.buf.toString('utf8', at[i], at[i] + n);
          // read here, so that a bad value fails at Bind as in PostgreSQL; the statement takes what was read
          if (t) readValues[i] = t.input(value, -1, settings);
          params[i] = value;
        } else {
          if (readTypes === types) readTypes = [...types];
          (readTypes as number[])[i] = 0;
          const v = decodeBinary(r.buf.subarray(at[i], at[i] + n), types[i], i + 1);
          params[i] = t ? t.output(v, ISO) : String(v);
        }
      } catch (e) {
        // PostgreSQL's error context for a parameter (its value is shown as '...', log_parameter_max_length_on_error = 0)
        if (e instanceof PgError && e.where === undefined) {
          e.where = `${portalName === '' ? 'unnamed portal' : `portal "${portalName}"`} parameter $${i + 1}${text ? " = '...'" : ''}`;
        }
        throw e;
      }
    }
    if (nParams) params.read = { types: readTypes, values: readValues };
    const fields = prepared.desc.fields ?? NO_FIELDS;
    if (nResultFormats > 1 && nResultFormats !== fields.length) {
      throw protocolError(`bind message has ${nResultFormats} result formats but query has ${fields.length} columns`);
    }
    // one format code per column; none (the usual case) means text for all
    let formats: readonly number[] = ALL_TEXT;
    if (fields.length && nResultFormats && (nResultFormats > 1 || resultFormats[0] !== 0)) {
      formats = fields.map((_, i) => (nResultFormats === 1 ? resultFormats[0] : resultFormats[i]));
      for (const f of formats) if (f !== 0 && f !== 1) throw protocolError(`unsupported format code: ${f}`);
    }
    const portal: Portal = { prepared, params, formats, result: null, sent: 0 };
    if (portalName === '') this.unnamed = portal; else this.portals.set(portalName, portal);
    msg.bindComplete(this.out);
  }

  describe(r: MessageReader): void {
    const kind = r.byte();
    const name = r.cstring();
    r.end();
    if (kind === DESCRIBE_STATEMENT) {
      const p = this.statements.get(name);
      if (!p) throw new PgError('26000', `${quoteName('prepared statement', name)} does not exist`);
      msg.parameterDescription(this.out, p.desc.paramTypes);
      if (p.desc.fields) writeRowDescription(this.out, p.desc.fields, ALL_TEXT); else msg.noData(this.out);
    } else if (kind === DESCRIBE_PORTAL) {
      const p = this.portal(name);
      const fields = p.result?.fields ?? p.prepared.desc.fields;
      if (fields) writeRowDescription(this.out, fields, p.formats); else msg.noData(this.out);
    } else {
      throw protocolError(`invalid DESCRIBE message subtype ${kind}`);
    }
  }

  /** Runs the portal's statement (at its first Execute) and sends its rows; a promise only when it had to wait. */
  execute(r: MessageReader): Promise<void> | void {
    const name = r.cstring();
    const maxRows = r.int32();
    r.end();
    const p = this.portal(name);
    const stmt = p.prepared.stmt;
    if (!stmt) { msg.emptyQueryResponse(this.out); return; }
    if (p.result) return this.sendRows(p, p.result, maxRows);
    const res = this.host.run(stmt, p.params, p.prepared.given);
    if (res instanceof StatementFailure) { this.host.failed(res.error); return; }
    if (res instanceof Promise) return this.sendLater(p, res, maxRows);
    p.result = res;
    this.sendRows(p, res, maxRows);
  }

  /** The result of a statement that waited. (A closure in execute() would cost a context per Execute.) */
  private sendLater(p: Portal, res: Promise<StatementResult>, maxRows: number): Promise<void> {
    return res.then(r => {
      p.result = r;
      this.sendRows(p, r, maxRows);
    });
  }

  private sendRows(p: Portal, res: StatementResult, maxRows: number): void {
    if (!res.fields) {
      msg.commandComplete(this.out, res.command);
      return;
    }
    const rows = res.rows ?? NO_ROWS;
    const end = maxRows > 0 ? Math.min(rows.length, p.sent + maxRows) : rows.length;
    this.writeRows(rows, p.sent, end, res.fields, p.formats);
    const count = end - p.sent;
    p.sent = end;
    if (maxRows > 0 && end < rows.length) { msg.portalSuspended(this.out); return; }
    // a SELECT's tag counts the rows this Execute returned; other statements keep theirs
    msg.commandComplete(this.out, res.command.startsWith('SELECT ') ? selectTag(count) : res.command);
  }

  /** DataRows for rows[from, to), written out to the socket as the output grows (a long result). */
  writeRows(rows: unknown[][], from: number, to: number, fields: Field[], formats: readonly number[]): void {
    const session = this.host.session;
    // output functions of user-defined types are this session's database's
    session.useTypes();
    while (from < to) {
      from = writeDataRows(this.out, rows, from, to, fields, formats, session.settings, FLUSH_AT);
      if (from < to) this.host.flush();
    }
  }

  close(r: MessageReader): void {
    const kind = String.fromCharCode(r.byte());
    const name = r.cstring();
    r.end();
    if (kind === 'S') this.statements.delete(name);
    else if (kind === 'P') { if (name === '') this.unnamed = null; else this.portals.delete(name); }
    else throw protocolError(`invalid CLOSE message subtype ${kind.charCodeAt(0)}`);
    msg.closeComplete(this.out);
  }

  /** The transaction ended: its portals are gone (PostgreSQL's are not holdable by default). */
  dropPortals(): void {
    this.unnamed = null;
    if (this.portals.size) this.portals.clear();
  }

  private portal(name: string): Portal {
    const p = name === '' ? this.unnamed : this.portals.get(name);
    if (!p) throw new PgError('34000', `portal "${name}" does not exist`);
    return p;
  }

  /** A simple Query replaces the unnamed prepared statement. */
  dropUnnamedStatement(): void {
    this.statements.delete('');
  }

  private refuseInFailedTransaction(stmt: Record<string, any> | null): void {
    if (this.host.session.transactionStatus === 'E' && !(stmt && 'TransactionStmt' in stmt)) {
      throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
  }
}

/** SELECT's command tag, the small counts made once (a string built per query otherwise). */
const SELECT_TAGS: string[] = [];
const selectTag = (n: number) => (n < 64 ? (SELECT_TAGS[n] ??= `SELECT ${n}`) : `SELECT ${n}`);

/** An ERROR (not FATAL) with the protocol_violation code: the connection goes on. */
const protocolError = (message: string) => new PgError('08P01', message);
