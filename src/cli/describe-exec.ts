// How the describe commands talk to the session and print, as psql's PSQLexec and
// printQuery / printTable do: the catalog query runs through the session (echoed first
// when ECHO_HIDDEN is set), errors print as psql prints them, values come back as text.
import type { Notice } from '../errors/index.js';
import type { PgError } from '../errors/index.js';
import type { StatementResult } from '../session/result.js';
import { errorFields, formatMessage, noticeFields, type ShowContext, type Verbosity } from './error-format.js';
import type { PrintableTable } from './print-options.js';
import { columnAlignment, printTable } from './print-result.js';
import type { Shell } from './shell.js';

/** A query result as psql's PGresult: text values (null for NULL), column names and types. */
export interface TextResult {
  names: string[];
  types: number[];
  rows: (string | null)[][];
}

export class DescribeContext {
  constructor(readonly shell: Shell) {}

  private get verbosity(): Verbosity {
    return (this.shell.vars.get('VERBOSITY') ?? 'default').toLowerCase() as Verbosity;
  }

  private get showContext(): ShowContext {
    return (this.shell.vars.get('SHOW_CONTEXT') ?? 'errors').toLowerCase() as ShowContext;
  }

  /** PSQLexec: the result, or null after printing the error. */
  async exec(sql: string): Promise<TextResult | null> {
    const echo = (this.shell.vars.get('ECHO_HIDDEN') ?? 'off').toLowerCase();
    if (echo !== 'off') {
      this.shell.out.out(`********* QUERY **********\n${sql}\n**************************\n\n`);
      if (echo === 'noexec') return null;
    }
    let last: StatementResult | undefined;
    try {
      await this.shell.session.simpleQuery(sql, {
        result: (r) => { last = r; },
        notice: (n: Notice) => this.shell.logServer(formatMessage(noticeFields(n), sql, { verbosity: this.verbosity, showContext: this.showContext, isError: false })),
      });
    } catch (e) {
      const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
      if (typeof code === 'string' && code.length === 5) {
        this.shell.logServer(formatMessage(errorFields(e as PgError), sql, { verbosity: this.verbosity, showContext: this.showContext, isError: true }));
      } else this.shell.logServer(`ERROR:  ${e instanceof Error ? e.message : String(e)}\n`);
      return null;
    }
    const fields = last?.fields ?? [];
    return {
      names: fields.map(f => f.name),
      types: fields.map(f => f.typeOid),
      rows: (last?.rows ?? []).map(row => fields.map((f, i) => {
        const v = row[i];
        return v === null || v === undefined ? null : this.shell.session.formatValue(v, f.typeOid);
      })),
    };
  }

  private db: string | null = null;

  /** The connected database (libpq's PQdb), asked of the session once, without echo. */
  async database(): Promise<string> {
    if (this.db === null) {
      let name = '';
      try {
        await this.shell.session.simpleQuery('SELECT pg_catalog.current_database()', { result: (r) => { name = String(r.rows?.[0]?.[0] ?? ''); } });
      } catch { /* in a failed transaction: no name, as when not connected */ }
      this.db = name;
    }
    return this.db;
  }

  /** pg_log_error: "psql:FILE:LINE: error: …" while running a file. */
  error(message: string): void {
    this.shell.logError(message);
  }

  get quiet(): boolean {
    return this.shell.quiet;
  }

  /** printQuery with a title (NULL shows as empty: describe.c sets nullPrint to NULL). */
  printQuery(r: TextResult, title: string, footers?: string[], expanded?: boolean): void {
    this.print({
      headers: r.names, aligns: r.types.map(columnAlignment), rows: r.rows.map(row => row.map(v => v ?? '')), title, footers,
    }, expanded);
  }

  /** printTable: the table as built, printed with the shell's settings (expanded as asked). */
  print(t: PrintableTable, expanded?: boolean): void {
    const opt = expanded === undefined ? this.shell.print : { ...this.shell.print, expanded: expanded ? 'on' as const : 'off' as const };
    this.shell.out.out(printTable(t, opt));
  }
}
