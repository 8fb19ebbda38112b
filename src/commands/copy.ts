// COPY's data formats, text and csv, as PostgreSQL's copyto.c / copyfrom.c write and read
// them: options, one row to a line, and a reader that splits incoming data into rows of
// fields (null for NULL). Running the COPY (the table, the protocol) is the front end's.
import { PgError } from '../errors/index.js';

export interface CopyOptions {
  format: 'text' | 'csv';
  delimiter: string;
  null: string;
  header: boolean;
  quote: string;
  escape: string;
  /** FORCE_QUOTE: '*' for every column, else the names of the columns always quoted (csv output). */
  forceQuote: '*' | string[];
}

const optionValue = (arg: any): string | boolean | undefined => {
  if (!arg) return undefined;
  if (arg.String) return arg.String.sval;
  if (arg.Boolean) return !!arg.Boolean.boolval;
  if (arg.Integer) return String(arg.Integer.ival);
  if (arg.A_Star) return '*';
  return undefined;
};

const asBool = (name: string, v: string | boolean | undefined): boolean => {
  if (v === undefined || typeof v === 'boolean') return v ?? true;
  const s = v.toLowerCase();
  if (['true', 'on', '1', 'yes'].includes(s)) return true;
  if (['false', 'off', '0', 'no'].includes(s)) return false;
  throw new PgError('22023', `${name} requires a Boolean value`);
};

/** COPY's WITH (…) options, checked as PostgreSQL's ProcessCopyOptions does for the ones supported. */
export function copyOptions(defs: any[] | undefined): CopyOptions {
  const given = new Map<string, string | boolean | undefined>();
  for (const d of defs ?? []) {
    const e = d.DefElem;
    if (given.has(e.defname)) throw new PgError('42601', 'conflicting or redundant options', { position: e.location + 1 });
    given.set(e.defname, optionValue(e.arg));
  }
  const format = String(given.get('format') ?? 'text').toLowerCase();
  if (format === 'binary') throw new PgError('0A000', 'COPY in binary format is not supported');
  if (format !== 'text' && format !== 'csv') throw new PgError('22023', `COPY format "${format}" not recognized`);
  const csv = format === 'csv';
  const o: CopyOptions = { format, delimiter: csv ? ',' : '\t', null: csv ? '' : '\\N', header: false, quote: '"', escape: '"', forceQuote: [] };
  for (const [name, v] of given) {
    switch (name) {
      case 'format': break;
      case 'delimiter': o.delimiter = String(v); break;
      case 'null': o.null = String(v); break;
      case 'header':
        if (v === 'match') throw new PgError('0A000', 'COPY HEADER MATCH is not supported');
        o.header = asBool('header', v);
        break;
      case 'quote': o.quote = String(v); break;
      case 'escape': o.escape = String(v); break;
      case 'force_quote': {
        const list = (defs ?? []).find(d => d.DefElem.defname === name).DefElem.arg;
        o.forceQuote = list?.A_Star ? '*' : (list?.List?.items ?? []).map((i: any) => i.String.sval);
        break;
      }
      default: throw new PgError('0A000', `COPY option "${name}" is not supported`);
    }
  }
  if (!csv && given.has('escape')) throw new PgError('0A000', 'COPY escape available only in CSV mode');
  if (!csv && given.has('quote')) throw new PgError('0A000', 'COPY quote available only in CSV mode');
  if (!csv && given.has('force_quote')) throw new PgError('0A000', 'COPY force quote available only in CSV mode');
  if (o.delimiter.length !== 1) throw new PgError('0A000', 'COPY delimiter must be a single one-byte character');
  if (csv && (o.quote.length !== 1 || o.escape.length !== 1)) throw new PgError('0A000', 'COPY quote must be a single one-byte character');
  if (/[\r\n]/.test(o.delimiter) || /[\r\n]/.test(o.null)) throw new PgError('0A000', 'COPY delimiter cannot be newline or carriage return');
  if (!csv && /[\\a-z0-9.]/i.test(o.delimiter)) throw new PgError('0A000', `COPY delimiter cannot be "${o.delimiter}"`);
  return o;
}

const TEXT_ESCAPES: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' };

/**
 * One row as a line of COPY TO output (with its newline); values are already text, null is NULL.
 * `forced` marks the columns FORCE_QUOTE names (csv).
 */
export function formatCopyRow(values: (string | null)[], o: CopyOptions, forced: boolean[] = []): string {
  if (o.format === 'text') {
    return values.map(v => (v === null ? o.null : v.replace(/[\b\f\n\r\t\v\\]/g, c => TEXT_ESCAPES[c]).split(o.delimiter).join('\\' + o.delimiter))).join(o.delimiter) + '\n';
  }
  return values.map((v, i) => (v === null ? o.null : csvQuote(v, o, forced[i]))).join(o.delimiter) + '\n';
}

/** CopyAttributeOutCSV: quoted when forced or when it holds the delimiter, the quote, a line break, or reads as NULL. */
function csvQuote(v: string, o: CopyOptions, forced = false): string {
  const needs = forced || v === o.null || v.includes(o.delimiter) || v.includes(o.quote) || /[\r\n]/.test(v) || (v === '\\.');
  if (!needs) return v;
  let out = o.quote;
  for (const ch of v) out += ch === o.quote || ch === o.escape ? o.escape + ch : ch;
  return out + o.quote;
}

/** One line of COPY FROM input, split into fields (null for NULL). */
export interface CopyLine {
  fields: (string | null)[];
  /** The line as received (for error contexts). */
  raw: string;
  /** 1-based line number in the data. */
  line: number;
}

/**
 * Splits COPY FROM data, arriving in chunks of any size, into rows. Text format: lines end at
 * \n (or \r\n), fields at the delimiter, backslash escapes, `\.` alone ends the data. CSV:
 * quoted fields may hold delimiters, quotes (doubled or escaped) and line breaks.
 */
export class CopyReader {
  private pending = '';
  private line = 0;
  private ended = false;
  private headerSkipped = false;

  /** `context` names a line in errors (PostgreSQL's CONTEXT: COPY t, line 3: "…"). */
  constructor(private readonly o: CopyOptions, private readonly context: (line: number, raw: string) => string) {}

  /** Lines read so far (the one being read is the next). */
  get linesRead(): number {
    return this.line;
  }

  /** The complete rows in `chunk` (with what was pending); keeps an incomplete last line. */
  push(chunk: string): CopyLine[] {
    this.pending += chunk;
    const out: CopyLine[] = [];
    for (;;) {
      if (this.ended) { this.pending = ''; return out; }
      const end = this.o.format === 'csv' ? this.csvLineEnd() : this.pending.indexOf('\n');
      if (end < 0) return out;
      const raw = this.pending.slice(0, end).replace(/\r$/, '');
      this.pending = this.pending.slice(end + 1);
      const row = this.take(raw);
      if (row) out.push(row);
    }
  }

  /** The rows left when the data ends (a last line without a newline). */
  finish(): CopyLine[] {
    if (this.ended || this.pending === '') return [];
    const raw = this.pending;
    this.pending = '';
    const row = this.take(raw);
    return row ? [row] : [];
  }

  private take(raw: string): CopyLine | null {
    this.line++;
    if (raw === '\\.') { this.ended = true; return null; }
    if (this.o.header && !this.headerSkipped) { this.headerSkipped = true; return null; }
    try {
      const fields = this.o.format === 'csv' ? this.csvFields(raw) : this.textFields(raw);
      return { fields, raw, line: this.line };
    } catch (e) {
      if (e instanceof PgError) e.where ??= this.context(this.line, raw);
      throw e;
    }
  }

  /** The end of the first CSV record in pending: a newline outside quotes. */
  private csvLineEnd(): number {
    const { quote, escape } = this.o;
    let inQuote = false;
    for (let i = 0; i < this.pending.length; i++) {
      const c = this.pending[i];
      if (inQuote) {
        if (c === escape && escape !== quote && this.pending[i + 1] === quote) { i++; continue; }
        if (c === quote) {
          if (quote === escape && this.pending[i + 1] === quote) { i++; continue; }
          inQuote = false;
        }
      } else if (c === quote) inQuote = true;
      else if (c === '\n') return i;
    }
    return -1;
  }

  private csvFields(raw: string): (string | null)[] {
    const { delimiter, quote, escape } = this.o;
    const out: (string | null)[] = [];
    let cur = '', quoted = false, inQuote = false;
    for (let i = 0; i <= raw.length; i++) {
      const c = raw[i];
      if (i === raw.length || (!inQuote && c === delimiter)) {
        out.push(!quoted && cur === this.o.null ? null : cur);
        cur = ''; quoted = false;
        continue;
      }
      if (inQuote) {
        if (c === escape && raw[i + 1] === quote) { cur += quote; i++; continue; }
        if (c === quote) { inQuote = false; continue; }
        cur += c;
      } else if (c === quote) { inQuote = true; quoted = true; } else cur += c;
    }
    if (inQuote) throw new PgError('22P04', 'unterminated CSV quoted field');
    return out;
  }

  private textFields(raw: string): (string | null)[] {
    const d = this.o.delimiter;
    const out: (string | null)[] = [];
    let cur = '', rawField = '';
    for (let i = 0; i <= raw.length; i++) {
      const c = raw[i];
      if (i === raw.length || c === d) {
        out.push(rawField === this.o.null ? null : cur);
        cur = ''; rawField = '';
        continue;
      }
      rawField += c;
      if (c !== '\\' || i + 1 >= raw.length) { cur += c; continue; }
      const n = raw[++i];
      rawField += n;
      switch (n) {
        case 'b': cur += '\b'; break;
        case 'f': cur += '\f'; break;
        case 'n': cur += '\n'; break;
        case 'r': cur += '\r'; break;
        case 't': cur += '\t'; break;
        case 'v': cur += '\v'; break;
        case 'x': {
          const m = /^[0-9a-fA-F]{1,2}/.exec(raw.slice(i + 1));
          if (m) { cur += String.fromCharCode(parseInt(m[0], 16)); rawField += m[0]; i += m[0].length; } else cur += 'x';
          break;
        }
        default:
          if (n >= '0' && n <= '7') {
            const m = /^[0-7]{1,3}/.exec(raw.slice(i))!;
            cur += String.fromCharCode(parseInt(m[0], 8));
            rawField += m[0].slice(1);
            i += m[0].length - 1;
          } else cur += n;
      }
    }
    return out;
  }
}
