// A JSON lexer/parser with PostgreSQL's error messages (jsonapi.c): used to
// validate json input and to build jsonb values.
import { PgError } from '../errors/index.js';

const enum T { End, LBrace, RBrace, LBracket, RBracket, Comma, Colon, String, Number, True, False, Null }

/** Builds the parsed value (jsonb) or nothing (json validation). */
export interface JsonSink<V> {
  str(s: string): V;
  num(text: string): V;
  bool(b: boolean): V;
  nul(): V;
  arr(items: V[]): V;
  obj(keys: string[], vals: V[]): V;
}

const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;

class Lexer {
  pos = 0;
  tokStart = 0;
  tokEnd = 0;
  type: T = T.End;
  str = '';
  lineStart = 0;
  line = 1;
  constructor(readonly s: string, readonly typeLabel: string, readonly forJsonb: boolean) {}

  error(detail: string): PgError {
    const s = this.s;
    let ctxStart = this.lineStart;
    const ctxEnd = this.tokEnd;
    while (ctxEnd - ctxStart >= 50) ctxStart++;
    if (ctxStart - this.lineStart <= 3) ctxStart = this.lineStart;
    const prefix = ctxStart > this.lineStart ? '...' : '';
    const c = s.charCodeAt(ctxEnd);
    const suffix = this.type !== T.End && ctxEnd < s.length && c !== 10 && c !== 13 ? '...' : '';
    return new PgError('22P02', `invalid input syntax for type ${this.typeLabel}`, {
      detail, where: `JSON data, line ${this.line}: ${prefix}${s.slice(ctxStart, ctxEnd)}${suffix}`,
    });
  }

  private invalidToken(start: number, end: number): PgError {
    this.tokStart = start;
    this.tokEnd = end;
    this.type = T.Number; // any non-End type, for the context suffix
    return this.error(`Token "${this.s.slice(start, end)}" is invalid.`);
  }

  next(): void {
    const s = this.s, n = s.length;
    let i = this.pos;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) { this.line++; this.lineStart = i + 1; } else if (c !== 32 && c !== 9 && c !== 13) break;
    }
    this.tokStart = i;
    if (i >= n) { this.type = T.End; this.tokEnd = this.pos = n; return; }
    const c = s.charCodeAt(i);
    let t: T | -1 = -1;
    switch (c) {
      case 123: t = T.LBrace; break;
      case 125: t = T.RBrace; break;
      case 91: t = T.LBracket; break;
      case 93: t = T.RBracket; break;
      case 44: t = T.Comma; break;
      case 58: t = T.Colon; break;
    }
    if (t !== -1) { this.type = t; this.tokEnd = this.pos = i + 1; return; }
    if (c === 34) return this.lexString(i);
    if (c === 45 || (c >= 48 && c <= 57)) return this.lexNumber(i);
    // a word
    let j = i;
    while (j < n && isAlnum(s.charCodeAt(j))) j++;
    if (j === i) j = i + (c >= 0xd800 && c < 0xdc00 ? 2 : 1);
    const w = s.slice(i, j);
    this.tokEnd = this.pos = j;
    if (w === 'true') this.type = T.True;
    else if (w === 'false') this.type = T.False;
    else if (w === 'null') this.type = T.Null;
    else throw this.invalidToken(i, j);
  }

  private lexNumber(start: number): void {
    const s = this.s, n = s.length;
    let i = start;
    let ok = true;
    if (s.charCodeAt(i) === 45) i++;
    const d0 = i;
    if (s.charCodeAt(i) === 48) i++;
    else while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === d0) ok = false;
    if (ok && s.charCodeAt(i) === 46) {
      i++;
      const f0 = i;
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === f0) ok = false;
    }
    if (ok && (s.charCodeAt(i) | 32) === 101) {
      i++;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
      const e0 = i;
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === e0) ok = false;
    }
    let j = i;
    while (j < n && isAlnum(s.charCodeAt(j))) j++;
    if (!ok || j !== i) throw this.invalidToken(start, j);
    this.type = T.Number;
    this.str = s.slice(start, i);
    this.tokEnd = this.pos = i;
  }

  private lexString(start: number): void {
    const s = this.s, n = s.length;
    let i = start + 1;
    let out = '';
    let chunk = i;
    let hiSurrogate = -1;
    for (;;) {
      if (i >= n) throw this.invalidToken(start, n);
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) {
        this.tokEnd = i;
        this.type = T.String;
        throw this.error(`Character with value 0x${c.toString(16).padStart(2, '0')} must be escaped.`);
      }
      if (c !== 92) {
        if (hiSurrogate !== -1) {
          this.tokEnd = i; this.type = T.String;
          throw this.error('Unicode low surrogate must follow a high surrogate.');
        }
        i++;
        continue;
      }
      out += s.slice(chunk, i);
      i++;
      if (i >= n) throw this.invalidToken(start, n);
      const e = s[i]!;
      if (e === 'u') {
        let v = 0;
        for (let k = 1; k <= 4; k++) {
          const h = s.charCodeAt(i + k);
          const d = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (d < 0 || i + k >= n) {
            this.tokEnd = Math.min(i + k + 1, n); this.type = T.String;
            throw this.error('"\\u" must be followed by four hexadecimal digits.');
          }
          v = v * 16 + d;
        }
        i += 5;
        if (v >= 0xd800 && v <= 0xdbff) {
          if (hiSurrogate !== -1) {
            this.tokEnd = i; this.type = T.String;
            throw this.error('Unicode high surrogate must not be followed by another high surrogate.');
          }
          hiSurrogate = v;
        } else if (v >= 0xdc00 && v <= 0xdfff) {
          if (hiSurrogate === -1) {
            this.tokEnd = i; this.type = T.String;
            throw this.error('Unicode low surrogate must follow a high surrogate.');
          }
          out += String.fromCharCode(hiSurrogate, v);
          hiSurrogate = -1;
        } else {
          if (hiSurrogate !== -1) {
            this.tokEnd = i; this.type = T.String;
            throw this.error('Unicode low surrogate must follow a high surrogate.');
          }
          if (v === 0 && this.forJsonb) {
            throw new PgError('22P05', 'unsupported Unicode escape sequence', {
              detail: '\\u0000 cannot be converted to text.',
              where: `JSON data, line ${this.line}: ${s.slice(this.lineStart, i)}${i < n ? '...' : ''}`,
            });
          }
          out += String.fromCharCode(v);
        }
        chunk = i;
        continue;
      }
      if (hiSurrogate !== -1) {
        this.tokEnd = i; this.type = T.String;
        throw this.error('Unicode low surrogate must follow a high surrogate.');
      }
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        default: {
          const cp = s.codePointAt(i)!;
          const w = cp > 0xffff ? 2 : 1;
          this.tokEnd = i + w; this.type = T.String;
          throw this.error(`Escape sequence "\\${String.fromCodePoint(cp)}" is invalid.`);
        }
      }
      i++;
      chunk = i;
    }
    if (hiSurrogate !== -1) {
      this.tokEnd = i; this.type = T.String;
      throw this.error('Unicode low surrogate must follow a high surrogate.');
    }
    out += s.slice(chunk, i);
    this.str = out;
    this.type = T.String;
    this.tokEnd = this.pos = i + 1;
  }

  tokenText(): string { return this.s.slice(this.tokStart, this.tokEnd); }
}

export function parseJson<V>(text: string, sink: JsonSink<V>, typeLabel: string, forJsonb: boolean): V {
  const lx = new Lexer(text, typeLabel, forJsonb);
  const tt = (): T => lx.type;
  const ended = (): PgError => lx.error('The input string ended unexpectedly.');
  const expected = (what: string): PgError =>
    tt() === T.End ? ended() : lx.error(`Expected ${what}, but found "${lx.tokenText()}".`);

  const value = (what: string): V => {
    switch (tt()) {
      case T.LBrace: return object();
      case T.LBracket: return array();
      case T.String: { const v = sink.str(lx.str); lx.next(); return v; }
      case T.Number: { const v = sink.num(lx.str); lx.next(); return v; }
      case T.True: lx.next(); return sink.bool(true);
      case T.False: lx.next(); return sink.bool(false);
      case T.Null: lx.next(); return sink.nul();
      default: throw expected(what);
    }
  };
  const object = (): V => {
    const keys: string[] = [], vals: V[] = [];
    lx.next();
    if (tt() === T.RBrace) { lx.next(); return sink.obj(keys, vals); }
    if (tt() !== T.String) throw expected('string or "}"');
    for (;;) {
      keys.push(lx.str);
      lx.next();
      if (tt() !== T.Colon) throw expected('":"');
      lx.next();
      vals.push(value('JSON value'));
      if (tt() === T.RBrace) { lx.next(); return sink.obj(keys, vals); }
      if (tt() !== T.Comma) throw expected('"," or "}"');
      lx.next();
      if (tt() !== T.String) throw expected('string');
    }
  };
  const array = (): V => {
    const items: V[] = [];
    lx.next();
    if (tt() === T.RBracket) { lx.next(); return sink.arr(items); }
    items.push(value('array element or "]"'));
    for (;;) {
      if (tt() === T.RBracket) { lx.next(); return sink.arr(items); }
      if (tt() !== T.Comma) throw expected('"," or "]"');
      lx.next();
      items.push(value('JSON value'));
    }
  };
  lx.next();
  const v = value('JSON value');
  if (tt() !== T.End) throw expected('end of input');
  return v;
}

/** A sink that builds nothing (json validation). */
export const validateSink: JsonSink<null> = {
  str: () => null, num: () => null, bool: () => null, nul: () => null, arr: () => null, obj: () => null,
};

