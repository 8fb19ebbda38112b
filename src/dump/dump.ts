// A plain SQL dump in pg_dump's format (PostgreSQL 15): the settings pg_dump emits, then
// every object in pg_dump's order — schemas, sequences, tables, defaults; the data as
// COPY … FROM stdin blocks and the sequences' values; then primary keys, unique and
// NOT VALID check constraints, indexes and foreign keys — read in one snapshot.
import { randomInt } from 'node:crypto';
import { copyOptions, formatCopyRow } from '../commands/copy.js';
import { type TocEntry, EntryWriter } from './entries.js';
import { aclEntries, readAcls } from './acl.js';
import { literal, qualified, fmtId } from './names.js';
import { buildObjects } from './objects.js';
import { readSchema } from './read.js';
import { sortObjects } from './sort.js';
import type { DumpSource } from './source.js';

export interface DumpOptions {
  /** Leave out ALTER … OWNER TO (pg_dump -O). */
  noOwner?: boolean;
  /** The key of psql's \restrict (pg_dump --restrict-key); random by default. */
  restrictKey?: string;
  /** Called as table rows are written, with the rows done and the total (known before data starts). */
  onProgress?: (done: number, total: number) => void;
  /** Count the rows of every table first, for onProgress's total. */
  countRows?: boolean;
  /** "-- Dumped by …" */
  dumpedBy?: string;
}

/** Where the text goes; write may return a promise to hold the dump back (backpressure). */
export interface DumpOutput {
  write(text: string): void | Promise<void>;
}

const HEADER_SETTINGS = [
  'SET statement_timeout = 0;', 'SET lock_timeout = 0;', 'SET idle_in_transaction_session_timeout = 0;',
  "SET client_encoding = 'UTF8';", 'SET standard_conforming_strings = on;', "SELECT pg_catalog.set_config('search_path', '', false);",
  'SET check_function_bodies = false;', 'SET xmloption = content;', 'SET client_min_messages = warning;', 'SET row_security = off;',
];

/** The settings the reading session needs so that values and expressions print as pg_dump's do. */
const SESSION_SETTINGS = [
  // names printed schema-qualified (pg_get_expr, pg_get_constraintdef, regclass)
  "SELECT pg_catalog.set_config('search_path', '', true)", 'SET LOCAL DateStyle = ISO', 'SET LOCAL IntervalStyle = postgres', 'SET LOCAL extra_float_digits = 3',
];

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** pg_dump's random \restrict key: 64 letters and digits. */
export function randomRestrictKey(): string {
  let s = '';
  for (let i = 0; i < 64; i++) s += KEY_CHARS[randomInt(KEY_CHARS.length)];
  return s;
}

/** Collects small writes into larger ones. */
class Buffered {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: DumpOutput) {}
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.out.write(text);
  }
}

/** Writes the dump of everything the source holds; reads in one REPEATABLE READ, READ ONLY transaction. */
export async function dump(src: DumpSource, output: DumpOutput, opts: DumpOptions = {}): Promise<void> {
  await src.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    for (const s of SESSION_SETTINGS) await src.query(s);
    await writeDump(src, new Buffered(output), opts);
  } finally {
    await src.query('ROLLBACK');
  }
}

async function writeDump(src: DumpSource, out: Buffered, opts: DumpOptions): Promise<void> {
  const model = await readSchema(src);
  const objects = buildObjects(model);
  const sorted = sortObjects(objects.objects, objects.postDataId);
  const writer = new EntryWriter(model, objects);
  // privileges come last, as pg_restore's ACL pass puts them (acl.ts)
  const entries = [...sorted.flatMap(o => writer.entries(o)), ...aclEntries(await readAcls(src), sorted)];

  let total = 0;
  const counts = new Map<TocEntry, number>();
  if (opts.countRows) {
    for (const e of entries) {
      if (!e.copy) continue;
      const [[n]] = await src.query(`SELECT count(*) FROM ONLY ${qualified(e.copy.rel.ns.name, e.copy.rel.name)}`);
      counts.set(e, Number(n));
      total += Number(n);
    }
  }
  let done = 0;
  const key = opts.restrictKey ?? randomRestrictKey();
  await out.write(`--\n-- PostgreSQL database dump\n--\n\n\\restrict ${key}\n\n-- Dumped from database version ${model.serverVersion}\n` +
    `-- Dumped by ${opts.dumpedBy ?? 'relata dump'}\n\n${HEADER_SETTINGS.join('\n')}\n\n`);
  let tablespaceSet = false, tableamSet = false;
  for (const e of entries) {
    if (e.tablespace && !tablespaceSet) {
      await out.write("SET default_tablespace = '';\n\n");
      tablespaceSet = true;
    }
    if (e.tableam && !tableamSet) {
      await out.write('SET default_table_access_method = heap;\n\n');
      tableamSet = true;
    }
    await out.write(`--\n-- ${e.copy ? 'Data for ' : ''}Name: ${sanitize(e.tag)}; Type: ${e.desc}; Schema: ${e.namespace === null ? '-' : sanitize(e.namespace)}; ` +
      `Owner: ${opts.noOwner ? '-' : sanitize(e.owner)}\n--\n\n`);
    if (e.defn) await out.write(`${e.defn}\n\n`);
    if (e.ownerStmt && !opts.noOwner) await out.write(`${e.ownerStmt}\n\n`);
    if (e.copy) {
      await out.write(e.copy.stmt);
      await writeRows(src, out, e.copy.rel.ns.name, e.copy.rel.name, e.copy.columns, n => {
        done += n;
        opts.onProgress?.(done, total);
      });
      await out.write('\\.\n\n\n');
    }
    if (e.sequence) {
      const [[last, called]] = await src.query(`SELECT last_value, is_called FROM ${qualified(e.sequence.ns.name, e.sequence.name)}`);
      await out.write(`SELECT pg_catalog.setval(${literal(qualified(e.sequence.ns.name, e.sequence.name))}, ${last}, ${called === 't'});\n\n\n`);
    }
  }
  await out.write(`--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict ${key}\n\n`);
  await out.flush();
}

const TEXT_FORMAT = copyOptions(undefined);

/** The rows of one table (ONLY: its children have their own COPY), as COPY's text format prints them. */
async function writeRows(src: DumpSource, out: Buffered, schema: string, table: string, columns: string[], progress: (n: number) => void): Promise<void> {
  const rows = await src.query(`SELECT ${columns.map(fmtId).join(', ')} FROM ONLY ${qualified(schema, table)}`);
  let n = 0;
  for (const row of rows) {
    await out.write(formatCopyRow(row, TEXT_FORMAT));
    if (++n % 1000 === 0) progress(1000);
  }
  progress(n % 1000);
}

/** Names in the comment headers stay on one line (pg_dump's sanitize_line). */
const sanitize = (s: string): string => s.replace(/[\r\n]/g, ' ');
