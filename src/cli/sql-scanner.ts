// psql's statement lexer (src/fe_utils/psqlscan.l, PostgreSQL 15) in our own
// words: it copies input text into the query buffer, and stops at a `;` that is
// outside quotes, comments and parentheses, or at a backslash command. Whitespace
// and `--` comments before any query text are dropped, as psql drops them.

export type ScanState =
  | 'initial'
  | 'xb' // b'…' bit string
  | 'xh' // x'…' hex string
  | 'xq' // '…' standard string
  | 'xe' // E'…' string with backslash escapes
  | 'xus' // U&'…'
  | 'xd' // "…" identifier
  | 'xui' // U&"…"
  | 'xc' // /* … */ comment, nestable
  | 'xdolq'; // $tag$ … $tag$

/** What stopped a scan (psql's PsqlScanResult). */
export type ScanResult = 'semicolon' | 'backslash' | 'incomplete' | 'eol';

/** How a variable is inserted: plain text, as a string literal, or as an identifier. */
export type VarQuote = 'plain' | 'literal' | 'ident';

export interface ScanCallbacks {
  /** The variable's text, already quoted as asked; undefined when it is not set. */
  getVariable?(name: string, quote: VarQuote): string | undefined;
  /** Called for psql's "skipping recursive expansion" warning. */
  warn?(message: string): void;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isIdentStart = (c: string) => /[A-Za-z_]/.test(c) || c >= '\x80';
const isIdentCont = (c: string) => /[A-Za-z_0-9$]/.test(c) || c >= '\x80';
const isVarChar = (c: string) => /[A-Za-z_0-9]/.test(c) || c >= '\x80';
const isDolqStart = isIdentStart;
const isDolqCont = (c: string) => /[A-Za-z_0-9]/.test(c) || c >= '\x80';

/** Quote a value as a SQL string literal the way PQescapeLiteral does. */
export function quoteLiteral(v: string): string {
  const hasBackslash = v.includes('\\');
  const body = v.replace(/'/g, "''").replace(/\\/g, '\\\\');
  return (hasBackslash ? ' E' : '') + `'${body}'`;
}

/** Quote a value as a SQL identifier the way PQescapeIdentifier does. */
export const quoteIdent = (v: string): string => `"${v.replace(/"/g, '""')}"`;

export class SqlScanner {
  state: ScanState = 'initial';
  parenDepth = 0;
  /** Depth of BEGIN … END inside CREATE FUNCTION/PROCEDURE bodies (SQL-standard bodies). */
  beginDepth = 0;
  private xcDepth = 0;
  private dolqTag = '';
  private identCount = 0;
  private idents: string[] = [];
  /** The server's standard_conforming_strings: off makes '…' take backslash escapes, as E'…' does. */
  stdStrings = true;

  private line = '';
  /** Position in `line` where the next scan starts. */
  pos = 0;
  /** Regions of `line` that came from a variable's value: recursion guard. */
  private varRegions: { name: string; end: number }[] = [];

  constructor(private readonly cb: ScanCallbacks = {}) {}

  /** Start scanning a new input line (psql_scan_setup). */
  setup(line: string): void {
    this.line = line;
    this.pos = 0;
    this.varRegions = [];
  }

  /** The unscanned rest of the current line. */
  get rest(): string {
    return this.line.slice(this.pos);
  }

  /** Skip `n` characters of the current line (used after a backslash command). */
  advance(n: number): void {
    this.pos += n;
  }

  /** Forget quote/paren state (psql_scan_reset). */
  reset(): void {
    this.state = 'initial';
    this.parenDepth = 0;
    this.beginDepth = 0;
    this.xcDepth = 0;
    this.dolqTag = '';
    this.identCount = 0;
    this.idents = [];
  }

  /** True inside a quoted string, quoted identifier or comment (psql_scan_in_quote). */
  inQuote(): boolean {
    return this.state !== 'initial';
  }

  /**
   * The prompt character psql shows for a continuation line:
   * '-' plain continuation, '\'' in a string, '"' in an identifier, '$' in a dollar
   * quote, '*' in a comment, '(' inside parentheses.
   */
  promptChar(bufferEmpty: boolean): string {
    switch (this.state) {
      case 'xb': case 'xh': case 'xq': case 'xe': case 'xus': return "'";
      case 'xd': case 'xui': return '"';
      case 'xc': return '*';
      case 'xdolq': return '$';
      default:
        if (this.parenDepth > 0 && this.beginDepth === 0) return '(';
        return bufferEmpty && this.beginDepth === 0 ? '=' : '-';
    }
  }

  /**
   * Scan from the current position, appending to buf.text. Returns why it stopped;
   * on 'backslash' the position is just after the backslash.
   */
  scan(buf: { text: string }): ScanResult {
    const line = this.line;
    let out = buf.text;
    const emit = (s: string) => { out += s; };
    let p = this.pos;
    const done = (r: ScanResult): ScanResult => {
      this.pos = p;
      buf.text = out;
      return r;
    };
    while (p < line.length) {
      const c = line[p];
      switch (this.state) {
        case 'xc': {
          if (c === '/' && line[p + 1] === '*') { this.xcDepth++; emit('/*'); p += 2; continue; }
          if (c === '*') {
            let q = p;
            while (line[q] === '*') q++;
            if (line[q] === '/') {
              if (this.xcDepth <= 0) this.state = 'initial';
              else this.xcDepth--;
              emit(line.slice(p, q + 1));
              p = q + 1;
            } else {
              emit(line.slice(p, q));
              p = q;
            }
            continue;
          }
          emit(c); p++; continue;
        }
        case 'xq': case 'xus': case 'xe': case 'xb': case 'xh': {
          if (c === "'") {
            if (line[p + 1] === "'" && (this.state === 'xq' || this.state === 'xus' || this.state === 'xe')) {
              emit("''"); p += 2; continue;
            }
            emit("'"); p++; this.state = 'initial'; continue;
          }
          if (c === '\\' && this.state === 'xe') {
            emit(line.slice(p, p + 2)); p += 2; continue;
          }
          emit(c); p++; continue;
        }
        case 'xd': case 'xui': {
          if (c === '"') {
            if (line[p + 1] === '"') { emit('""'); p += 2; continue; }
            emit('"'); p++; this.state = 'initial'; continue;
          }
          emit(c); p++; continue;
        }
        case 'xdolq': {
          if (c === '$') {
            const tag = this.matchDolq(line, p);
            if (tag !== undefined) {
              if (tag === this.dolqTag) {
                this.state = 'initial';
                emit(tag); p += tag.length;
              } else {
                // not our delimiter: keep all but the final $, which may start one
                emit(tag.slice(0, -1)); p += tag.length - 1;
              }
              continue;
            }
          }
          emit(c); p++; continue;
        }
        case 'initial':
          break;
      }

      // ---- initial state ----
      if (isSpace(c)) {
        let q = p;
        while (q < line.length && isSpace(line[q])) q++;
        if (out.length > 0) emit(line.slice(p, q));
        p = q;
        continue;
      }
      if (c === '-' && line[p + 1] === '-') {
        let q = p + 2;
        while (q < line.length && line[q] !== '\r' && line[q] !== '\n') q++;
        if (out.length > 0) emit(line.slice(p, q));
        p = q;
        continue;
      }
      if (c === '/' && line[p + 1] === '*') {
        this.state = 'xc'; this.xcDepth = 0; emit('/*'); p += 2; continue;
      }
      if (isIdentStart(c)) {
        const n = line[p + 1];
        const lc = c.toLowerCase();
        if (n === "'" && (lc === 'b' || lc === 'x' || lc === 'e')) {
          this.state = lc === 'b' ? 'xb' : lc === 'x' ? 'xh' : 'xe';
          emit(c + n); p += 2; continue;
        }
        if (n === "'" && lc === 'n') { emit(c); p++; continue; }
        if (lc === 'u' && n === '&' && (line[p + 2] === "'" || line[p + 2] === '"')) {
          this.state = line[p + 2] === "'" ? 'xus' : 'xui';
          emit(line.slice(p, p + 3)); p += 3; continue;
        }
        let q = p + 1;
        while (q < line.length && isIdentCont(line[q])) q++;
        const word = line.slice(p, q);
        this.identifier(word);
        emit(word); p = q;
        continue;
      }
      if (c >= '0' && c <= '9') {
        let q = p + 1;
        while (q < line.length && /[0-9]/.test(line[q])) q++;
        emit(line.slice(p, q)); p = q;
        continue;
      }
      switch (c) {
        case "'": this.state = this.stdStrings ? 'xq' : 'xe'; emit(c); p++; continue;
        case '"': this.state = 'xd'; emit(c); p++; continue;
        case '$': {
          const tag = this.matchDolq(line, p);
          if (tag !== undefined) {
            this.state = 'xdolq'; this.dolqTag = tag; emit(tag); p += tag.length; continue;
          }
          emit(c); p++; continue;
        }
        case '(': this.parenDepth++; emit(c); p++; continue;
        case ')': if (this.parenDepth > 0) this.parenDepth--; emit(c); p++; continue;
        case ';':
          emit(c); p++;
          if (this.parenDepth === 0 && this.beginDepth === 0) {
            this.identCount = 0;
            return done('semicolon');
          }
          continue;
        case '\\':
          if (line[p + 1] === ';' || line[p + 1] === ':') {
            emit(line[p + 1]);
            if (line[p + 1] === ';') this.identCount = 0;
            p += 2;
            continue;
          }
          p++;
          return done('backslash');
        case ':': {
          const r = this.variable(line, p);
          if (r) {
            if (r.kind === 'echo') { emit(line.slice(p, p + r.len)); p += r.len; }
            else if (r.kind === 'text') { emit(r.text); p += r.len; }
            else if (r.kind === 'subst') {
              // plain substitution: the value is lexed as if it had been typed here
              const region = { name: r.name, end: 0 };
              const delta = r.text.length - r.len;
              for (const reg of this.varRegions) if (reg.end > p) reg.end += delta;
              this.line = line.slice(0, p) + r.text + line.slice(p + r.len);
              region.end = p + r.text.length;
              this.varRegions.push(region);
              this.pos = p;
              buf.text = out;
              return this.scan(buf);
            }
            continue;
          }
          if (line[p + 1] === ':' || line[p + 1] === '=') { emit(line.slice(p, p + 2)); p += 2; continue; }
          emit(c); p++; continue;
        }
        default:
          emit(c); p++; continue;
      }
    }
    // end of line
    this.pos = p;
    buf.text = out;
    if (this.state !== 'initial') return 'incomplete';
    if (this.parenDepth > 0 || this.beginDepth > 0) return 'incomplete';
    return out.length > 0 ? 'eol' : 'incomplete';
  }

  /** `$tag$` or `$$` starting at p, or undefined. */
  private matchDolq(line: string, p: number): string | undefined {
    let q = p + 1;
    if (q < line.length && isDolqStart(line[q])) {
      q++;
      while (q < line.length && isDolqCont(line[q])) q++;
    }
    if (line[q] === '$') return line.slice(p, q + 1);
    return undefined;
  }

  /** Track CREATE [OR REPLACE] FUNCTION/PROCEDURE … BEGIN … END bodies. */
  private identifier(word: string): void {
    const w = word.toLowerCase();
    if (this.identCount === 0) this.idents = [];
    if (['create', 'function', 'procedure', 'or', 'replace'].includes(w) && this.identCount < 4) {
      this.idents[this.identCount] = w[0];
    }
    this.identCount++;
    const id = this.idents;
    if (
      id[0] === 'c' &&
      (id[1] === 'f' || id[1] === 'p' || (id[1] === 'o' && id[2] === 'r' && (id[3] === 'f' || id[3] === 'p'))) &&
      this.parenDepth === 0
    ) {
      if (w === 'begin') this.beginDepth++;
      else if (w === 'case') { if (this.beginDepth >= 1) this.beginDepth++; }
      else if (w === 'end') { if (this.beginDepth > 0) this.beginDepth--; }
    }
  }

  /** psql's :name, :'name', :"name" and :{?name} at p (line[p] is ':'). */
  private variable(
    line: string,
    p: number,
  ): { kind: 'echo' | 'text'; len: number; text: string } | { kind: 'subst'; len: number; text: string; name: string } | undefined {
    const get = this.cb.getVariable?.bind(this.cb);
    const n = line[p + 1];
    const readName = (from: number) => {
      let q = from;
      while (q < line.length && isVarChar(line[q])) q++;
      return q;
    };
    if (n !== undefined && isVarChar(n)) {
      const q = readName(p + 1);
      const name = line.slice(p + 1, q);
      const value = get ? get(name, 'plain') : undefined;
      if (value === undefined) return { kind: 'echo', len: q - p, text: '' };
      this.varRegions = this.varRegions.filter((r) => r.end > p);
      if (this.varRegions.some((r) => r.name === name)) {
        this.cb.warn?.(`skipping recursive expansion of variable "${name}"`);
        return { kind: 'echo', len: q - p, text: '' };
      }
      return { kind: 'subst', len: q - p, text: value, name };
    }
    if (n === "'" || n === '"') {
      const q = readName(p + 2);
      if (q > p + 2 && line[q] === n) {
        const name = line.slice(p + 2, q);
        const value = get ? get(name, n === "'" ? 'literal' : 'ident') : undefined;
        if (value === undefined) return { kind: 'echo', len: q + 1 - p, text: '' };
        return { kind: 'text', len: q + 1 - p, text: value };
      }
      return { kind: 'echo', len: 1, text: '' };
    }
    if (n === '{' && line[p + 2] === '?') {
      const q = readName(p + 3);
      if (q > p + 3 && line[q] === '}') {
        const name = line.slice(p + 3, q);
        const value = get ? get(name, 'plain') : undefined;
        return { kind: 'text', len: q + 1 - p, text: value === undefined ? 'FALSE' : 'TRUE' };
      }
      return { kind: 'echo', len: 1, text: '' };
    }
    if (n === '{') return { kind: 'echo', len: 1, text: '' };
    return undefined;
  }
}
