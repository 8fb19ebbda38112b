// Running a COPY statement (copy.c, copyfrom.c, copyto.c) for any front end: the table or
// query, the column list, a server-side file or the client's channel (the shell's script
// lines, psql-style), rows in with the columns' input functions as one INSERT (constraints
// checked as for one statement), rows out with their output functions. The data formats
// are copy.ts's; the server's protocol COPY has its own channel (server/copy.ts).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { Relation, Table } from '../catalog/objects.js';
import { PgError } from '../errors/index.js';
import { parse } from '../parser/index.js';
import { typeByOid } from '../types/registry.js';
import type { FormatSettings } from '../types/type.js';
import { CopyReader, copyOptions, formatCopyRow, type CopyLine, type CopyOptions } from './copy.js';
import type { StatementResult } from './utility.js';

/** How COPY … FROM STDIN / TO STDOUT reach the client; absent when the front end has no way. */
export interface CopyChannel {
  /** The data the client sends, whole (psql: the lines up to `\.`). */
  copyIn?(): Promise<string>;
  /** Data for the client (one or more whole lines). */
  copyOut?(text: string): void;
}

/** What COPY needs of the session (Session satisfies it). */
export interface CopySession {
  readonly transactionStatus: 'I' | 'T' | 'E';
  readonly inReadOnlyTransaction: boolean;
  readonly engine: { catalog: Catalog };
  readonly settings: FormatSettings;
  lookupPath(): string[];
  /** Runs a statement, waiting for the locks it needs (the session's lock manager). */
  runStatementWaiting(stmt: Record<string, any>, params: unknown[]): Promise<StatementResult>;
  formatValue(v: unknown, typeOid: number): string;
  beginImplicitBlock(): void;
  endImplicitBlock(): void;
  failTransaction(): void;
}

const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';

/**
 * Runs one COPY statement in the current transaction (or an implicit one, committed at its
 * end when `single`, i.e. the COPY is not one statement of a multi-statement query).
 */
export async function execCopy(s: CopySession, n: any, ch: CopyChannel, single: boolean): Promise<StatementResult> {
  if (s.transactionStatus === 'E') throw new PgError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
  s.beginImplicitBlock();
  let res: StatementResult;
  try {
    if (n.is_from && s.inReadOnlyTransaction) throw new PgError('25006', 'cannot execute COPY FROM in a read-only transaction');
    if (n.is_program) throw new PgError('0A000', `COPY ${n.is_from ? 'FROM' : 'TO'} PROGRAM is not supported`);
    const o = copyOptions(n.options);
    res = n.is_from ? await copyFrom(s, n, o, ch) : await copyTo(s, n, o, ch);
  } catch (e) {
    s.failTransaction();
    throw e;
  }
  if (single) s.endImplicitBlock();
  return res;
}

function findRelation(s: CopySession, rv: any): Relation {
  const rel = s.engine.catalog.findRelation(rv.schemaname, rv.relname, s.lookupPath());
  if (!rel) throw new PgError('42P01', `relation "${rv.relname}" does not exist`);
  return rel;
}

/** CopyGetAttnums: the named columns (all live ones when none are named). */
function columnsOf(rel: Relation, attlist: any[] | undefined): string[] {
  const live = rel.kind === 'table' ? rel.columns.filter(c => !c.dropped).map(c => c.name) : relColumns(rel);
  if (!attlist) return live;
  const names: string[] = [];
  for (const a of attlist) {
    const name = a.String.sval as string;
    if (!live.includes(name)) throw new PgError('42703', `column "${name}" of relation "${rel.name}" does not exist`);
    if (names.includes(name)) throw new PgError('42701', `column "${name}" specified more than once`);
    names.push(name);
  }
  return names;
}

/** Column names of a non-table relation (views), when the catalog records them. */
function relColumns(rel: Relation): string[] {
  const cols = (rel as { columns?: { name: string; dropped?: boolean }[] }).columns;
  return cols ? cols.filter(c => !c.dropped).map(c => c.name) : [];
}

function fileError(e: unknown, path: string, reading: boolean): PgError {
  const err = e as NodeJS.ErrnoException;
  const reason: Record<string, [string, string]> = {
    ENOENT: ['58P01', 'No such file or directory'], EACCES: ['42501', 'Permission denied'], EISDIR: ['58030', 'Is a directory'],
    ENOTDIR: ['58030', 'Not a directory'], EROFS: ['58030', 'Read-only file system'], ENOSPC: ['53100', 'No space left on device'],
  };
  const [code, text] = reason[err.code ?? ''] ?? ['58030', err.message];
  const hint = err.code === 'ENOENT' || err.code === 'EACCES'
    ? (reading ? 'COPY FROM instructs the PostgreSQL server process to read a file. ' : 'COPY TO instructs the PostgreSQL server process to write a file. ') +
      "You may want a client-side facility such as psql's \\copy."
    : undefined;
  return new PgError(code, `could not open file "${path}" for ${reading ? 'reading' : 'writing'}: ${text}`, { hint });
}

// ---- COPY TO ------------------------------------------------------------------------

async function copyTo(s: CopySession, n: any, o: CopyOptions, ch: CopyChannel): Promise<StatementResult> {
  if (n.whereClause) {
    throw new PgError('42601', 'WHERE clause not allowed with COPY TO', { position: whereLocation(n.whereClause) });
  }
  let query: Record<string, any>;
  if (n.query) {
    query = n.query;
    const [kind, node] = Object.entries(query)[0] as [string, any];
    if (kind !== 'SelectStmt' && !node.returningList?.length) throw new PgError('0A000', 'COPY query must have a RETURNING clause');
  } else {
    const rel = findRelation(s, n.relation);
    if (rel.kind === 'view') throw new PgError('42809', `cannot copy from view "${rel.name}"`, { hint: 'Try the COPY (SELECT ...) TO variant.' });
    if (rel.kind === 'sequence') throw new PgError('42809', `cannot copy from sequence "${rel.name}"`);
    if (rel.kind === 'table' && rel.relkind === 'p') {
      throw new PgError('42809', `cannot copy from partitioned table "${rel.name}"`, { hint: 'Try the COPY (SELECT ...) TO variant.' });
    }
    if (rel.kind !== 'table') throw new PgError('42809', `cannot copy from non-table relation "${rel.name}"`);
    const columns = columnsOf(rel, n.attlist);
    const list = columns.length ? columns.map(ident).join(', ') : '';
    query = parse(`SELECT ${list} FROM ONLY ${ident(rel.schema.name)}.${ident(rel.name)}`)[0].stmt;
  }
  const file = n.filename as string | undefined;
  if (file !== undefined && !isAbsolute(file)) throw new PgError('42602', 'relative path not allowed for COPY to file');
  if (file === undefined && !ch.copyOut) throw new PgError('0A000', 'COPY TO STDOUT is not supported by this client');
  const res = await s.runStatementWaiting(query, []);
  const fields = res.fields ?? [];
  if (o.forceQuote !== '*') {
    for (const c of o.forceQuote) if (!fields.some(f => f.name === c)) throw new PgError('42P10', `FORCE_QUOTE column "${c}" not referenced by COPY`);
  }
  const forced = fields.map(f => o.forceQuote === '*' || o.forceQuote.includes(f.name));
  const rows = res.rows ?? [];
  let text = o.header ? formatCopyRow(fields.map(f => f.name), o) : '';
  for (const row of rows) text += formatCopyRow(row.map((v, i) => (v === null ? null : s.formatValue(v, fields[i].typeOid))), o, forced);
  if (file !== undefined) {
    try {
      writeFileSync(file, text);
    } catch (e) {
      throw fileError(e, file, false);
    }
  } else ch.copyOut!(text);
  return { command: `COPY ${rows.length}`, rowCount: rows.length };
}

/** The position (1-based) of a WHERE clause's expression, for the error's cursor. */
function whereLocation(e: any): number | undefined {
  const node = Object.values(e)[0] as { location?: number } | undefined;
  return node?.location !== undefined && node.location >= 0 ? node.location + 1 : undefined;
}

// ---- COPY FROM ----------------------------------------------------------------------

async function copyFrom(s: CopySession, n: any, o: CopyOptions, ch: CopyChannel): Promise<StatementResult> {
  const rel = findRelation(s, n.relation);
  const columns = columnsOf(rel, n.attlist);
  if (n.whereClause) throw new PgError('0A000', 'COPY FROM … WHERE is not supported');
  const file = n.filename as string | undefined;
  let data: string;
  if (file !== undefined) {
    // relative paths are the server's: its working directory stands for the data directory
    let isDir = false;
    try {
      isDir = statSync(file).isDirectory();
    } catch (e) {
      throw fileError(e, file, true);
    }
    if (isDir) throw new PgError('42809', `"${file}" is a directory`);
    try {
      data = readFileSync(file, 'utf8');
    } catch (e) {
      throw fileError(e, file, true);
    }
  } else {
    if (!ch.copyIn) throw new PgError('0A000', 'COPY FROM STDIN is not supported by this client');
    data = await ch.copyIn();
  }
  // CopyFrom's checks come after the data was sent (the client sends it all first)
  if (rel.kind === 'view') {
    throw new PgError('42809', `cannot copy to view "${rel.name}"`, { hint: 'To enable copying to a view, provide an INSTEAD OF INSERT trigger.' });
  }
  if (rel.kind === 'sequence') throw new PgError('42809', `cannot copy to sequence "${rel.name}"`);
  if (rel.kind !== 'table') throw new PgError('42809', `cannot copy to non-table relation "${rel.name}"`);
  const lines = readLines(s, rel, columns, o, data);
  if (!lines.length) return { command: 'COPY 0', rowCount: 0 };
  if (!columns.length) throw new PgError('0A000', 'COPY FROM into a table without columns is not supported');
  const params = lines.flatMap(l => l.fields);
  try {
    await s.runStatementWaiting(insertOf(rel, columns, lines.length), params);
  } catch (e) {
    // an input error names the parameter: PostgreSQL names the line and column
    const m = e instanceof PgError ? /^unnamed portal parameter \$(\d+)/.exec(e.where ?? '') : null;
    if (m) {
      const k = Number(m[1]) - 1;
      const l = lines[Math.floor(k / columns.length)];
      (e as PgError).where = `COPY ${rel.name}, line ${l.line}, column ${columns[k % columns.length]}: "${params[k]}"`;
    } else if (e instanceof PgError && e.where === undefined && e.valuesRow !== undefined) {
      // a row's constraint: PostgreSQL shows the line, but no longer its text once the row reached an index
      const l = lines[e.valuesRow];
      e.where = e.code === '23505' ? `COPY ${rel.name}, line ${l.line}` : `COPY ${rel.name}, line ${l.line}: "${l.raw}"`;
    }
    throw e;
  }
  return { command: `COPY ${lines.length}`, rowCount: lines.length };
}

/**
 * The data's rows, each checked line by line as CopyFrom reads them: the number of fields,
 * then each field through its column's input function (errors name the line and column).
 */
function readLines(s: CopySession, table: Table, columns: string[], o: CopyOptions, data: string): CopyLine[] {
  const name = table.name;
  const reader = new CopyReader(o, (line, raw) => `COPY ${name}, line ${line}: "${raw}"`);
  const cols = columns.map(c => table.columns.find(x => !x.dropped && x.name === c)!);
  const lines = reader.push(data).concat(reader.finish());
  for (const l of lines) {
    if (l.fields.length > columns.length) throw new PgError('22P04', 'extra data after last expected column', { where: `COPY ${name}, line ${l.line}: "${l.raw}"` });
    for (let i = 0; i < columns.length; i++) {
      if (i >= l.fields.length) throw new PgError('22P04', `missing data for column "${columns[i]}"`, { where: `COPY ${name}, line ${l.line}: "${l.raw}"` });
      const v = l.fields[i];
      if (v === null) continue;
      try {
        typeByOid(cols[i].typeOid)?.input(v, cols[i].typmod, s.settings);
      } catch (e) {
        if (e instanceof PgError) e.where = `COPY ${name}, line ${l.line}, column ${columns[i]}: "${v}"`;
        throw e;
      }
    }
  }
  return lines;
}

/** INSERT INTO table (columns) VALUES ($1, …), (…) for `rows` rows, built on the parsed one-row form. */
export function insertOf(table: Table, columns: string[], rows: number): Record<string, any> {
  const k = columns.length;
  const sql = `INSERT INTO ${ident(table.schema.name)}.${ident(table.name)} (${columns.map(ident).join(', ')}) ` +
    // COPY FROM stores the values it is given, GENERATED ALWAYS identity columns included
    `OVERRIDING SYSTEM VALUE VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  const stmt = structuredClone(parse(sql)[0].stmt);
  const select = stmt.InsertStmt.selectStmt.SelectStmt;
  select.valuesLists = Array.from({ length: rows }, (_, r) => ({
    List: { items: columns.map((_, i) => ({ ParamRef: { number: r * k + i + 1, location: -1 } })) },
  }));
  return stmt;
}
