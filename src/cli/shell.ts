// The shell's main loop (psql's MainLoop and SendQuery): read lines, echo them
// with -a, cut statements with the psql lexer, run them on the session and
// print results, notices and errors the way psql does.
import { readFileSync } from 'node:fs';
import type { Notice, PgError } from '../errors/index.js';
import type { StatementResult } from '../session/result.js';
import { ConditionalStack } from './conditionals.js';
import { errorFields, formatMessage, noticeFields, type ShowContext, type Verbosity } from './error-format.js';
import { TextLineSource, type LineSource } from './line-source.js';
import type { Output } from './output.js';
import { defaultPrintOptions, type PrintOptions } from './print-options.js';
import { printTable, toPrintable } from './print-result.js';
import type { ShellSession } from './shell-session.js';
import { runSlashCommand, type SlashStatus } from './slash-commands.js';
import { quoteIdent, quoteLiteral, SqlScanner, type VarQuote } from './sql-scanner.js';
import { Variables } from './variables.js';

/** psql's exit codes. */
export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USER = 3;

/** Per-query overrides set by \gx and \gset. */
export interface QueryOptions {
  expanded?: boolean;
  gsetPrefix?: string;
  /** \gexec: run each value of the result as a query. */
  gexec?: boolean;
}

export class Shell {
  readonly vars: Variables;
  print: PrintOptions = defaultPrintOptions();
  /** Name shown in psql:FILE:LINE: prefixes (set while running -f files). */
  inputFile: string | undefined;
  lineno = 0;
  /** Set by \q. */
  terminated = false;
  /** \if state of the file being run. */
  conditionals = new ConditionalStack();
  readonly scanner: SqlScanner;
  /** The environment \getenv reads. */
  env: Record<string, string | undefined> = process.env;
  /** The lines being run: COPY … FROM STDIN reads its data from them, as psql does. */
  private source: LineSource | null = null;

  constructor(
    readonly session: ShellSession,
    readonly out: Output,
    readonly dbName = 'relata',
  ) {
    this.vars = new Variables((m) => this.logError(m));
    this.scanner = new SqlScanner({
      getVariable: (name, quote) => this.variableText(name, quote),
      warn: (m) => this.logWarning(m),
    });
  }

  // ---- messages -------------------------------------------------------

  /** psql's "psql:FILE:LINE: " locus, present only while reading a -f file. */
  private locus(): string {
    return this.inputFile !== undefined ? `psql:${this.inputFile}:${this.lineno}: ` : '';
  }

  /** A server message (ERROR, NOTICE, …): pg_log_info, no level word. */
  logServer(text: string): void {
    this.out.err(this.locus() + text);
  }

  /** A client-side error such as "invalid command \foo". */
  logError(message: string): void {
    const l = this.locus();
    this.out.err(l + (l ? 'error: ' : '') + message + '\n');
  }

  logWarning(message: string): void {
    const l = this.locus();
    this.out.err(l + (l ? 'warning: ' : '') + message + '\n');
  }

  get quiet(): boolean {
    return this.vars.bool('QUIET');
  }

  /** Value of a variable for :name interpolation, quoted as asked. */
  variableText(name: string, quote: VarQuote): string | undefined {
    const v = this.vars.get(name);
    if (v === undefined) return undefined;
    if (quote === 'literal') return quoteLiteral(v);
    if (quote === 'ident') return quoteIdent(v);
    return v;
  }

  // ---- main loop ------------------------------------------------------

  /** Run every line of a source; returns psql's exit code for it. */
  async mainLoop(src: LineSource): Promise<number> {
    const scanner = this.scanner;
    const savedLineno = this.lineno;
    const savedConditionals = this.conditionals;
    const savedSource = this.source;
    this.source = src;
    this.conditionals = new ConditionalStack();
    scanner.reset();
    this.lineno = 0;
    const query = { text: '' };
    let previous = '';
    let result = EXIT_SUCCESS;
    let success = true;
    let dieOnError = false;
    try {
      for (;;) {
        this.out.flush();
        const prompt = src.interactive ? this.prompt(query.text.length === 0) : '';
        const line = await src.readLine(prompt);
        if (src.takeCancel?.()) {
          query.text = '';
          scanner.reset();
        }
        if (line === null) {
          if (src.interactive) this.out.out(this.quiet ? '\n' : '\\q\n');
          break;
        }
        this.lineno++;
        let text = line;
        if (this.lineno === 1 && text.startsWith('\ufeff')) text = text.slice(1);
        if (text === '' && !scanner.inQuote()) continue;
        if (src.interactive && query.text.length === 0 && /^help(\s|;|$)/i.test(text)) {
          this.out.out(
            'You are using relata shell, the psql-style command-line interface to Relata.\n' +
              'Type:  \\g or terminate with semicolon to execute query\n' +
              '       \\q to quit\n',
          );
          continue;
        }
        if (this.vars.echo === 'all' && !src.interactive) this.out.out(text + '\n');

        let addedNl = -1;
        if (query.text.length > 0) {
          query.text += '\n';
          addedNl = query.text.length;
        }
        dieOnError = this.vars.bool('ON_ERROR_STOP');
        scanner.setup(text);
        success = true;
        while (success || !dieOnError) {
          const r = scanner.scan(query);
          if (r === 'semicolon') {
            if (this.conditionals.active()) {
              success = await this.sendQuery(query.text);
              previous = query.text;
            } else {
              if (src.interactive) this.logError('query ignored; use \\endif or Ctrl-C to exit current \\if block');
              success = true;
            }
            query.text = '';
            addedNl = -1;
          } else if (r === 'backslash') {
            if (query.text.length === addedNl) query.text = query.text.slice(0, -1);
            addedNl = -1;
            const status: SlashStatus = await runSlashCommand(this, scanner, query, previous);
            success = status.kind !== 'error';
            if (status.kind === 'send') {
              if (query.text.length === 0) query.text = previous;
              success = await this.sendQuery(query.text, status.options);
              previous = query.text;
              query.text = '';
              scanner.reset();
            } else if (status.kind === 'terminate') {
              this.terminated = true;
              break;
            }
          }
          if (r === 'incomplete' || r === 'eol') break;
        }
        if (this.terminated) break;
        if (!src.interactive && !success && dieOnError) {
          result = EXIT_USER;
          break;
        }
      }
      if (!this.terminated && result !== EXIT_USER && this.conditionals.depth > 0) {
        this.logError('reached EOF without finding closing \\endif(s)');
        if (dieOnError && !src.interactive) result = EXIT_USER;
      }
      if (query.text.length > 0 && !src.interactive && result === EXIT_SUCCESS && !this.terminated) {
        success = await this.sendQuery(query.text);
        if (!success && dieOnError) result = EXIT_USER;
      }
    } finally {
      this.out.flush();
      this.lineno = savedLineno;
      this.conditionals = savedConditionals;
      this.source = savedSource;
    }
    return result;
  }

  /** psql's default PROMPT1/PROMPT2 '%/%R%x%# ' for a non-superuser. */
  prompt(bufferEmpty: boolean): string {
    const st = this.session.transactionStatus;
    const x = st === 'T' ? '*' : st === 'E' ? '!' : '';
    const r = bufferEmpty && !this.conditionals.active() ? '@' : this.scanner.promptChar(bufferEmpty);
    return `${this.dbName}${r}${x}> `;
  }

  /** Run the lines of a file (\i, -f). */
  async runFile(path: string, shownName: string): Promise<number> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      this.logError(`${shownName}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}`);
      return EXIT_FAILURE;
    }
    const saved = this.inputFile;
    this.inputFile = shownName;
    try {
      return await this.mainLoop(new TextLineSource(text));
    } finally {
      this.inputFile = saved;
    }
  }

  // ---- running a query ------------------------------------------------

  /** psql's SendQuery: run the text, print what comes back; false on error. */
  async sendQuery(sql: string, options: QueryOptions = {}): Promise<boolean> {
    const echo = this.vars.echo;
    if (echo === 'queries') this.out.out(sql + '\n');
    const verbosity = (this.vars.get('VERBOSITY') ?? 'default').toLowerCase() as Verbosity;
    const showContext = (this.vars.get('SHOW_CONTEXT') ?? 'errors').toLowerCase() as ShowContext;
    const results: StatementResult[] = [];
    let printError: unknown;
    // psql prints no COPY tag after data it wrote to its own output
    let copiedOut = false;
    const sink = {
      result: (r: StatementResult) => {
        results.push(r);
        if (copiedOut && r.command.startsWith('COPY ')) copiedOut = false;
        else if (options.gsetPrefix === undefined && !options.gexec) {
          try {
            this.printResult(r, options);
          } catch (e) {
            printError ??= e;
          }
        }
      },
      notice: (n: Notice) => {
        this.logServer(formatMessage(noticeFields(n), sql, { verbosity, showContext, isError: false }));
      },
      copyIn: () => this.copyIn(),
      copyOut: (text: string) => {
        this.out.out(text);
        copiedOut = true;
      },
    };
    try {
      await this.session.simpleQuery(sql, sink);
      if (printError !== undefined) throw printError;
    } catch (e) {
      this.reportError(e, sql, verbosity, showContext);
      if (echo === 'errors') this.logServer(`STATEMENT:  ${sql}\n`);
      return false;
    } finally {
      // psql lexes '…' by the server's standard_conforming_strings, learnt after each query
      this.scanner.stdStrings = this.session.parameterStatus?.('standard_conforming_strings') !== 'off';
    }
    this.vars.set('ERROR', 'false');
    this.vars.set('SQLSTATE', '00000');
    const last = results[results.length - 1];
    this.vars.set('ROW_COUNT', String(last?.rowCount ?? 0));
    if (options.gsetPrefix !== undefined && last) return this.storeGset(last, options.gsetPrefix);
    if (options.gexec) return this.execResults(results);
    return true;
  }

  /** psql's handleCopyIn: the script's next lines up to `\.` (or the end) are the data. */
  private async copyIn(): Promise<string> {
    const src = this.source;
    if (!src) return '';
    if (src.interactive && !this.quiet) {
      this.out.out('Enter data to be copied followed by a newline.\nEnd with a backslash and a period on a line by itself, or an EOF signal.\n');
    }
    let data = '';
    for (;;) {
      this.out.flush();
      const line = await src.readLine(src.interactive ? '>> ' : '');
      if (line === null) break;
      this.lineno++;
      if (line === '\\.' || line === '\\.\r') break;
      data += line + '\n';
    }
    return data;
  }

  private printResult(r: StatementResult, options: QueryOptions): void {
    if (r.fields !== undefined) {
      const table = toPrintable(r, (v, oid) => this.session.formatValue(v, oid), this.print.nullPrint);
      const opt = options.expanded ? { ...this.print, expanded: 'on' as const } : this.print;
      this.out.out(printTable(table, opt));
      if (/^(INSERT|UPDATE|DELETE|MERGE)/.test(r.command) && !this.quiet) this.out.out(r.command + '\n');
    } else if (r.command !== '' && !this.quiet) {
      this.out.out(r.command + '\n');
    }
  }

  private reportError(e: unknown, sql: string, verbosity: Verbosity, showContext: ShowContext): void {
    const code = e instanceof Error ? (e as unknown as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && code.length === 5) {
      const f = errorFields(e as PgError);
      this.logServer(formatMessage(f, sql, { verbosity, showContext, isError: true }));
      this.vars.set('SQLSTATE', f.code ?? 'XX000');
      this.vars.set('LAST_ERROR_SQLSTATE', f.code ?? 'XX000');
      this.vars.set('LAST_ERROR_MESSAGE', f.message);
    } else {
      // not a PgError: an engine bug; still report it in psql's shape
      const msg = e instanceof Error ? e.message : String(e);
      this.logServer(`ERROR:  ${msg}\n`);
      this.vars.set('SQLSTATE', 'XX000');
      this.vars.set('LAST_ERROR_SQLSTATE', 'XX000');
      this.vars.set('LAST_ERROR_MESSAGE', msg);
    }
    this.vars.set('ERROR', 'true');
    this.vars.set('ROW_COUNT', '0');
  }

  /** psql's ExecQueryTuples (\gexec): every non-null value, row by row, is run as a query. */
  private async execResults(results: StatementResult[]): Promise<boolean> {
    let ok = true;
    for (const r of results) {
      for (const row of r.rows ?? []) {
        for (let i = 0; i < row.length; i++) {
          if (row[i] === null || row[i] === undefined) continue;
          const sql = this.session.formatValue(row[i], r.fields![i].typeOid);
          if (this.vars.echo === 'all') this.out.out(sql + '\n');
          if (!(await this.sendQuery(sql))) {
            ok = false;
            if (this.vars.bool('ON_ERROR_STOP')) return false;
          }
        }
      }
    }
    return ok;
  }

  /** \gset: one row's columns into variables named prefix+column. */
  private storeGset(r: StatementResult, prefix: string): boolean {
    if (r.fields === undefined) {
      this.logError('\\gset: query must return rows'); // psql: "no rows returned for \gset" covers SELECT only
      return false;
    }
    const rows = r.rows ?? [];
    if (rows.length === 0) {
      this.logError('no rows returned for \\gset');
      return false;
    }
    if (rows.length > 1) {
      this.logError('more than one row returned for \\gset');
      return false;
    }
    let ok = true;
    r.fields.forEach((f, i) => {
      const v = rows[0][i];
      const name = prefix + f.name;
      if (v === null || v === undefined) this.vars.unset(name);
      else if (!this.vars.set(name, this.session.formatValue(v, f.typeOid))) ok = false;
    });
    return ok;
  }
}
