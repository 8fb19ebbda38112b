// The extended query protocol: Parse / Bind / Describe / Execute / Close, with named and
// unnamed prepared statements and portals. A portal runs its statement at its first Execute
// and keeps the rows, so that Execute with a row limit returns them in pieces (PortalSuspended).
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import type { StatementDescription } from '../session/describe.js';
import type { Field, StatementResult } from '../session/result.js';
import type { Session } from '../session/session.js';
import type { PreparedStatement } from '../session/prepared-sql.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import { decodeBinary, encodeBinary } from './binary.js';
import * as msg from './messages.js';
import type { MessageReader, MessageWriter } from './protocol.js';

type Prepared = PreparedStatement;

interface Portal {
  prepared: Prepared;
  /** Parameter values as text, as the session reads them. */
  params: (string | null)[];
  /** One format code per result column. */
  formats: number[];
  result: StatementResult | null;
  sent: number;
}

/** What the extended protocol needs from its connection. */
export interface ExtendedHost {
  session: Session;
  out: MessageWriter;
  /** Waits for the lock the statement needs (writers one at a time), then runs it. */
  run(stmt: Record<string, any>, params: (string | null)[], paramTypes: number[]): Promise<StatementResult>;
}

const quoteName = (kind: string, name: string) => (name === '' ? `unnamed ${kind}` : `${kind} "${name}"`);
/** ISO output is read back by every DateStyle: binary parameters become text the session reads. */
const ISO = { dateStyle: 'ISO', dateOrder: 'MDY', timeZone: 'UTC', intervalStyle: 'postgres', extraFloatDigits: 1, byteaOutput: 'hex' } as const;

export class ExtendedProtocol {
  /** Named statements share the session's namespace with SQL PREPARE (session/prepared-sql.ts). */
  private get statements(): Map<string, Prepared> { return this.host.session.prepared; }
  private portals = new Map<string, Portal>();

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
    const stmtName = r.cstring();
    const prepared = this.statements.get(stmtName);
    if (!prepared) throw new PgError('26000', `${quoteName('prepared statement', stmtName)} does not exist`);
    const paramFormats = Array.from({ length: r.int16() }, () => r.int16());
    const raw = Array.from({ length: r.int16() }, () => {
      const len = r.int32();
      return len === -1 ? null : r.bytes(len);
    });
    const resultFormats = Array.from({ length: r.int16() }, () => r.int16());
    r.end();
    if (paramFormats.length > 1 && paramFormats.length !== raw.length) {
      throw protocolError(`bind message has ${paramFormats.length} parameter formats but ${raw.length} parameters`);
    }
    const types = prepared.desc.paramTypes;
    if (raw.length !== types.length) {
      throw protocolError(`bind message supplies ${raw.length} parameters, but prepared statement "${stmtName}" requires ${types.length}`);
    }
    this.refuseInFailedTransaction(prepared.stmt);
    if (portalName !== '' && this.portals.has(portalName)) throw new PgError('42P03', `cursor "${portalName}" already exists`);
    // PostgreSQL's error context for a parameter (its value is shown as '...', log_parameter_max_length_on_error = 0)
    const where = (i: number, text: boolean) => `${portalName === '' ? 'unnamed portal' : `portal "${portalName}"`} parameter $${i + 1}${text ? " = '...'" : ''}`;
    const params = raw.map((b, i) => {
      if (b === null) return null;
      const t = typeByOid(types[i]);
      const text = (paramFormats.length === 1 ? paramFormats[0] : paramFormats[i] ?? 0) === 0;
      try {
        if (text) {
          const value = b.toString('utf8');
          // read once here so that a bad value fails at Bind, as in PostgreSQL (the session reads it again)
          t?.input(value, -1, this.host.session.settings);
          return value;
        }
        const v = decodeBinary(b, types[i], i + 1);
        return t ? t.output(v, ISO) : String(v);
      } catch (e) {
        if (e instanceof PgError && e.where === undefined) e.where = where(i, text);
        throw e;
      }
    });
    const fields = prepared.desc.fields ?? [];
    if (resultFormats.length > 1 && resultFormats.length !== fields.length) {
      throw protocolError(`bind message has ${resultFormats.length} result formats but query has ${fields.length} columns`);
    }
    const formats = fields.map((_, i) => (resultFormats.length === 1 ? resultFormats[0] : resultFormats[i] ?? 0));
    for (const f of formats) if (f !== 0 && f !== 1) throw protocolError(`unsupported format code: ${f}`);
    this.portals.set(portalName, { prepared, params, formats, result: null, sent: 0 });
    msg.bindComplete(this.out);
  }

  describe(r: MessageReader): void {
    const kind = String.fromCharCode(r.byte());
    const name = r.cstring();
    r.end();
    if (kind === 'S') {
      const p = this.statements.get(name);
      if (!p) throw new PgError('26000', `${quoteName('prepared statement', name)} does not exist`);
      msg.parameterDescription(this.out, p.desc.paramTypes);
      if (p.desc.fields) msg.rowDescription(this.out, p.desc.fields, []); else msg.noData(this.out);
    } else if (kind === 'P') {
      const p = this.portals.get(name);
      if (!p) throw new PgError('34000', `portal "${name}" does not exist`);
      const fields = p.result?.fields ?? p.prepared.desc.fields;
      if (fields) msg.rowDescription(this.out, fields, p.formats); else msg.noData(this.out);
    } else {
      throw protocolError(`invalid DESCRIBE message subtype ${kind.charCodeAt(0)}`);
    }
  }

  async execute(r: MessageReader): Promise<void> {
    const name = r.cstring();
    const maxRows = r.int32();
    r.end();
    const p = this.portals.get(name);
    if (!p) throw new PgError('34000', `portal "${name}" does not exist`);
    const stmt = p.prepared.stmt;
    if (!stmt) { msg.emptyQueryResponse(this.out); return; }
    p.result ??= await this.host.run(stmt, p.params, p.prepared.given);
    const res = p.result;
    if (!res.fields) {
      msg.commandComplete(this.out, res.command);
      return;
    }
    const rows = res.rows ?? [];
    const end = maxRows > 0 ? Math.min(rows.length, p.sent + maxRows) : rows.length;
    const fields = res.fields;
    for (let i = p.sent; i < end; i++) msg.dataRow(this.out, this.encodeRow(rows[i], fields, p.formats));
    const count = end - p.sent;
    p.sent = end;
    if (maxRows > 0 && end < rows.length) { msg.portalSuspended(this.out); return; }
    // a SELECT's tag counts the rows this Execute returned; other statements keep theirs
    msg.commandComplete(this.out, res.command.startsWith('SELECT ') ? `SELECT ${count}` : res.command);
  }

  close(r: MessageReader): void {
    const kind = String.fromCharCode(r.byte());
    const name = r.cstring();
    r.end();
    if (kind === 'S') this.statements.delete(name);
    else if (kind === 'P') this.portals.delete(name);
    else throw protocolError(`invalid CLOSE message subtype ${kind.charCodeAt(0)}`);
    msg.closeComplete(this.out);
  }

  /** The transaction ended: its portals are gone (PostgreSQL's are not holdable by default). */
  dropPortals(): void {
    this.portals.clear();
  }

  /** A simple Query replaces the unnamed prepared statement. */
  dropUnnamedStatement(): void {
    this.statements.delete('');
  }

  encodeRow(row: unknown[], fields: Field[], formats: number[]): (Uint8Array | string | null)[] {
    return row.map((v, i) => {
      if (v === null || v === undefined) return null;
      return formats[i] === 1 ? encodeBinary(v, fields[i].typeOid) : this.host.session.formatValue(v, fields[i].typeOid);
    });
  }

  private refuseInFailedTransaction(stmt: Record<string, any> | null): void {
    if (this.host.session.transactionStatus === 'E' && !(stmt && 'TransactionStmt' in stmt)) {
      throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
  }
}

/** An ERROR (not FATAL) with the protocol_violation code: the connection goes on. */
const protocolError = (message: string) => new PgError('08P01', message);
