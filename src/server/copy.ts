// COPY … TO STDOUT and COPY … FROM STDIN over the protocol (CopyOutResponse / CopyInResponse,
// CopyData, CopyDone, CopyFail), text and csv formats. COPY FROM runs as one INSERT of all
// its rows, so constraints are checked when PostgreSQL checks them for a COPY (foreign keys
// at its end); the rows are read with the columns' input functions, as parameters are.
import { execCopy, insertOf } from '../commands/copy-exec.js';
import { CopyReader, copyOptions, formatCopyRow, type CopyLine, type CopyOptions } from '../commands/copy.js';
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import type { StatementResult } from '../session/result.js';
import type { Session } from '../session/session.js';
import type { Table } from '../catalog/objects.js';
import { typeByOid } from '../types/registry.js';
import type { MessageWriter } from './protocol.js';

export interface CopyHost {
  session: Session;
  out: MessageWriter;
  flush(): void;
  /** The next frontend message, waiting for it to arrive. */
  readMessage(): Promise<{ type: string; body: Buffer }>;
}

const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';

export async function runCopy(host: CopyHost, n: any): Promise<StatementResult> {
  // a server-side file or program: commands/copy-exec.ts, in the transaction the caller began
  if (n.filename !== undefined || n.is_program) return execCopy(host.session, n, {}, false);
  const o = copyOptions(n.options);
  return n.is_from ? copyIn(host, n, o) : copyOut(host, n, o);
}

function targetTable(session: Session, n: any): { table: Table; columns: string[] } {
  const rv = n.relation;
  const rel = session.engine.catalog.findRelation(rv.schemaname, rv.relname, session.lookupPath());
  if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  if (rel.kind !== 'table') throw new PgError('42809', `cannot copy ${n.is_from ? 'to' : 'from'} ${rel.kind} "${rel.name}"`);
  const table = rel as Table;
  const live = table.columns.filter(c => !c.dropped);
  const names = (n.attlist as any[] | undefined)?.map(a => a.String.sval as string) ?? live.map(c => c.name);
  for (const name of names) {
    if (!live.some(c => c.name === name)) throw new PgError('42703', `column "${name}" of relation "${table.name}" does not exist`);
  }
  return { table, columns: names };
}

async function copyOut(host: CopyHost, n: any, o: CopyOptions): Promise<StatementResult> {
  const { session, out } = host;
  let query: Record<string, any>;
  if (n.query) query = n.query;
  else {
    const { table, columns } = targetTable(session, n);
    query = parse(`SELECT ${columns.map(ident).join(', ')} FROM ONLY ${ident(table.schema.name)}.${ident(table.name)}`)[0].stmt;
  }
  const res = await session.runStatementWaiting(query, []);
  if (!res.fields) throw new PgError('0A000', 'COPY query must have a RETURNING clause');
  const fields = res.fields;
  out.begin('H').byte(0).int16(fields.length);
  for (let i = 0; i < fields.length; i++) out.int16(0);
  out.end();
  const data = (line: string) => out.begin('d').raw(Buffer.from(line, 'utf8')).end();
  if (o.header) data(formatCopyRow(fields.map(f => f.name), o));
  const forced = fields.map(f => o.forceQuote === '*' || o.forceQuote.includes(f.name));
  if (o.forceQuote !== '*') {
    for (const c of o.forceQuote) if (!fields.some(f => f.name === c)) throw new PgError('42P10', `FORCE_QUOTE column "${c}" not referenced by COPY`);
  }
  const rows = res.rows ?? [];
  for (const row of rows) {
    data(formatCopyRow(row.map((v, i) => (v === null ? null : session.formatValue(v, fields[i].typeOid))), o, forced));
    if (out.size > 1 << 20) host.flush();
  }
  out.begin('c').end();
  return { command: `COPY ${rows.length}`, rowCount: rows.length };
}

async function copyIn(host: CopyHost, n: any, o: CopyOptions): Promise<StatementResult> {
  const { session, out } = host;
  const { table, columns } = targetTable(session, n);
  const name = table.name;
  out.begin('G').byte(0).int16(columns.length);
  for (let i = 0; i < columns.length; i++) out.int16(0);
  out.end();
  host.flush();
  const reader = new CopyReader(o, (line, raw) => `COPY ${name}, line ${line}: "${raw}"`);
  const cols = columns.map(c => table.columns.find(x => !x.dropped && x.name === c)!);
  const decoder = new TextDecoder('utf-8');
  const lines: CopyLine[] = [];
  const accept = (got: CopyLine[]) => {
    for (const l of got) {
      const context = `COPY ${name}, line ${l.line}: "${l.raw}"`;
      if (l.fields.length > columns.length) throw new PgError('22P04', 'extra data after last expected column', { where: context });
      if (l.fields.length < columns.length) {
        // PostgreSQL reads the fields there are, in order, before it finds one missing
        l.fields.forEach((v, i) => {
          if (v === null) return;
          try { typeByOid(cols[i].typeOid)?.input(v, cols[i].typmod, session.settings); } catch (e) {
            if (e instanceof PgError) e.where = `COPY ${name}, line ${l.line}, column ${columns[i]}: "${v}"`;
            throw e;
          }
        });
        throw new PgError('22P04', `missing data for column "${columns[l.fields.length]}"`, { where: context });
      }
      lines.push(l);
    }
  };
  for (;;) {
    const m = await host.readMessage();
    if (m.type === 'd') {
      accept(reader.push(decoder.decode(m.body, { stream: true })));
    } else if (m.type === 'c') {
      accept(reader.push(decoder.decode()).concat(reader.finish()));
      break;
    } else if (m.type === 'f') {
      throw new PgError('57014', `COPY from stdin failed: ${m.body.toString('utf8').replace(/\0$/, '')}`, { where: `COPY ${name}, line ${reader.linesRead + 1}` });
    } else if (m.type !== 'H' && m.type !== 'S') {
      throw new PgError('08P01', `unexpected message type 0x${m.type.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')} during COPY from stdin`);
    }
  }
  if (!lines.length) return { command: 'COPY 0', rowCount: 0 };
  const stmt = insertOf(table, columns, lines.length);
  const params = lines.flatMap(l => l.fields);
  try {
    await session.runStatementWaiting(stmt, params);
  } catch (e) {
    // an input error names the parameter: PostgreSQL names the line and column
    const m = e instanceof PgError ? /^unnamed portal parameter \$(\d+)/.exec(e.where ?? '') : null;
    if (m) {
      const k = Number(m[1]) - 1;
      const l = lines[Math.floor(k / columns.length)];
      e.where = `COPY ${name}, line ${l.line}, column ${columns[k % columns.length]}: "${params[k]}"`;
    }
    throw e;
  }
  return { command: `COPY ${lines.length}`, rowCount: lines.length };
}
