// Arguments of psql backslash commands (src/bin/psql/psqlscanslash.l):
// whitespace-separated words; 'single quotes' with \n \t \b \r \f, octal and
// hex escapes and '' for a quote; "double quotes" kept as written; :var,
// :'var' and :"var" substituted; an unquoted backslash ends the arguments.
import type { VarQuote } from './sql-scanner.js';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isVarChar = (c: string) => /[A-Za-z_0-9]/.test(c) || c >= '\x80';

export interface SlashArg {
  value: string;
  /** The first quote character used in the argument, if any. */
  quote: "'" | '"' | '';
}

export class SlashLexer {
  pos = 0;
  /** Set when an argument had an unterminated single quote. */
  unterminated = false;

  constructor(
    private readonly text: string,
    private readonly getVariable: (name: string, quote: VarQuote) => string | undefined,
  ) {}

  /** The command name: everything up to whitespace or a backslash. */
  commandName(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !isSpace(this.text[this.pos]) && this.text[this.pos] !== '\\') this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The next argument, or null at the end of the command. */
  arg(): SlashArg | null {
    const t = this.text;
    while (this.pos < t.length && isSpace(t[this.pos])) this.pos++;
    if (this.pos >= t.length || t[this.pos] === '\\') return null;
    let value = '';
    let quote: SlashArg['quote'] = '';
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (isSpace(c) || c === '\\') break;
      if (c === "'") {
        if (!quote) quote = "'";
        this.pos++;
        value += this.singleQuoted();
        continue;
      }
      if (c === '"') {
        if (!quote) quote = '"';
        const end = t.indexOf('"', this.pos + 1);
        const stop = end < 0 ? t.length : end + 1;
        value += t.slice(this.pos, stop);
        this.pos = stop;
        continue;
      }
      if (c === ':') {
        const sub = this.variable();
        if (sub !== undefined) { value += sub; continue; }
      }
      value += c;
      this.pos++;
    }
    return { value, quote };
  }

  /** The rest of the line, as psql's OT_WHOLE_LINE (used to discard it). */
  wholeLine(): string {
    const s = this.text.slice(this.pos);
    this.pos = this.text.length;
    return s;
  }

  /** Consume a trailing `\\` separator, if present (psql_scan_slash_command_end). */
  end(): void {
    while (this.pos < this.text.length && isSpace(this.text[this.pos])) this.pos++;
    if (this.text.startsWith('\\\\', this.pos)) this.pos += 2;
  }

  private singleQuoted(): string {
    const t = this.text;
    let s = '';
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === "'") {
        if (t[this.pos + 1] === "'") { s += "'"; this.pos += 2; continue; }
        this.pos++;
        return s;
      }
      if (c === '\\' && this.pos + 1 < t.length) {
        const n = t[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' };
        if (simple[n] !== undefined) { s += simple[n]; this.pos += 2; continue; }
        const oct = /^[0-7]{1,3}/.exec(t.slice(this.pos + 1));
        if (oct) { s += String.fromCharCode(parseInt(oct[0], 8) & 0xff); this.pos += 1 + oct[0].length; continue; }
        const hex = /^x([0-9A-Fa-f]{1,2})/.exec(t.slice(this.pos + 1));
        if (hex) { s += String.fromCharCode(parseInt(hex[1], 16)); this.pos += 1 + hex[0].length; continue; }
        s += n;
        this.pos += 2;
        continue;
      }
      s += c;
      this.pos++;
    }
    this.unterminated = true;
    return s;
  }

  /** :name / :'name' / :"name" at pos; returns the replacement and advances, or undefined. */
  private variable(): string | undefined {
    const t = this.text;
    const p = this.pos;
    const n = t[p + 1];
    let q: number;
    if (n !== undefined && isVarChar(n)) {
      q = p + 1;
      while (q < t.length && isVarChar(t[q])) q++;
      const v = this.getVariable(t.slice(p + 1, q), 'plain');
      if (v === undefined) return undefined;
      this.pos = q;
      return v;
    }
    if (n === "'" || n === '"') {
      q = p + 2;
      while (q < t.length && isVarChar(t[q])) q++;
      if (q === p + 2 || t[q] !== n) return undefined;
      const v = this.getVariable(t.slice(p + 2, q), n === "'" ? 'literal' : 'ident');
      this.pos = q + 1;
      return v ?? t.slice(p, q + 1); // an unset variable is kept as written
    }
    return undefined;
  }
}
