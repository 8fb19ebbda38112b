// psql's lexer, as far as the conformance runner needs it (psqlscan.l and
// psqlscanslash.l): where a line leaves quotes, comments and parentheses, which
// `;` sends a statement, and which backslash commands a line runs. See
// psql-model.ts for how the lines then become blocks.

type State =
  | { kind: 'normal' }
  | { kind: 'xq' } // '…' (standard_conforming_strings on), U&'…', B'…', X'…'
  | { kind: 'xe' } // E'…', and '…' while standard_conforming_strings is off: backslash escapes
  | { kind: 'xd' } // "…" identifiers
  | { kind: 'xdolq'; tag: string } // $tag$…$tag$
  | { kind: 'xc'; depth: number }; // /* … */, nested

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Meta-commands that send the query buffer. */
const SENDING_META = new Set(['g', 'gx', 'gset', 'gexec', 'gdesc', 'crosstabview', 'watch']);

export class Lexer {
  state: State = { kind: 'normal' };
  parenDepth = 0;
  beginDepth = 0;
  /** First letters of the statement's first identifiers, for psql's BEGIN ATOMIC heuristic. */
  idents: string[] = [];
  identCount = 0;
  /** The statement text so far, without leading whitespace and `--` comments (as psql's query buffer). */
  buffer = '';
  /** The server's standard_conforming_strings, which decides how psql lexes '…'. */
  stdStrings = true;

  /** psql_scan_in_quote: an empty line here is kept (and echoed). */
  inQuote(): boolean {
    return this.state.kind !== 'normal';
  }

  resetStatement(): void {
    this.buffer = '';
    this.parenDepth = 0;
    this.beginDepth = 0;
    this.idents = [];
    this.identCount = 0;
  }

  /**
   * Scans one line; returns the statements it sends (their text) and the
   * meta-commands it runs, in order.
   */
  scanLine(line: string): { sent: string[]; meta: { name: string; args: string[] }[] } {
    const sent: string[] = [];
    const meta: { name: string; args: string[] }[] = [];
    let i = 0;
    const n = line.length;
    const add = (s: string) => {
      this.buffer += s;
    };
    while (i < n) {
      const st = this.state;
      const c = line[i];
      if (st.kind === 'xq' || st.kind === 'xe') {
        if (st.kind === 'xe' && c === '\\') {
          add(line.slice(i, i + 2));
          i += 2;
        } else if (c === "'" && line[i + 1] === "'") {
          add("''");
          i += 2;
        } else {
          if (c === "'") this.state = { kind: 'normal' };
          add(c);
          i++;
        }
        continue;
      }
      if (st.kind === 'xd') {
        if (c === '"' && line[i + 1] === '"') {
          add('""');
          i += 2;
        } else {
          if (c === '"') this.state = { kind: 'normal' };
          add(c);
          i++;
        }
        continue;
      }
      if (st.kind === 'xdolq') {
        const end = '$' + st.tag + '$';
        const at = line.indexOf(end, i);
        if (at < 0) {
          add(line.slice(i));
          i = n;
        } else {
          add(line.slice(i, at + end.length));
          i = at + end.length;
          this.state = { kind: 'normal' };
        }
        continue;
      }
      if (st.kind === 'xc') {
        if (c === '/' && line[i + 1] === '*') {
          st.depth++;
          add('/*');
          i += 2;
        } else if (c === '*' && line[i + 1] === '/') {
          add('*/');
          i += 2;
          if (--st.depth === 0) this.state = { kind: 'normal' };
        } else {
          add(c);
          i++;
        }
        continue;
      }
      // normal state
      if (c === '-' && line[i + 1] === '-') {
        // a `--` comment runs to the end of the line; psql keeps it only inside a statement
        if (this.buffer.length > 0) add(line.slice(i));
        i = n;
        continue;
      }
      if (/\s/.test(c)) {
        if (this.buffer.length > 0) add(c);
        i++;
        continue;
      }
      if (c === '/' && line[i + 1] === '*') {
        this.state = { kind: 'xc', depth: 1 };
        add('/*');
        i += 2;
        continue;
      }
      if (c === "'") {
        this.state = this.stdStrings ? { kind: 'xq' } : { kind: 'xe' };
        add(c);
        i++;
        continue;
      }
      if (c === '"') {
        this.state = { kind: 'xd' };
        add(c);
        i++;
        continue;
      }
      if (c === '$') {
        const m = DOLLAR_TAG.exec(line.slice(i));
        if (m) {
          this.state = { kind: 'xdolq', tag: m[1] ?? '' };
          add(m[0]);
          i += m[0].length;
          continue;
        }
        add(c);
        i++;
        continue;
      }
      if (c === '(') {
        this.parenDepth++;
        add(c);
        i++;
        continue;
      }
      if (c === ')') {
        if (this.parenDepth > 0) this.parenDepth--;
        add(c);
        i++;
        continue;
      }
      if (c === ';') {
        add(c);
        i++;
        if (this.parenDepth === 0 && this.beginDepth === 0) {
          sent.push(this.buffer);
          this.followSettings(this.buffer);
          this.resetStatement();
        }
        continue;
      }
      if (c === '\\') {
        const r = scanMeta(line, i);
        meta.push({ name: r.name, args: r.args });
        i = r.end;
        if (SENDING_META.has(r.name)) {
          sent.push(this.buffer);
          this.resetStatement();
        }
        continue;
      }
      if (IDENT_START.test(c)) {
        let j = i + 1;
        while (j < n && IDENT_CHAR.test(line[j])) j++;
        const word = line.slice(i, j);
        // E'…' escape strings; U&'…', B'…', X'…', N'…' are plain quoted strings
        if (line[j] === "'" && /^[eE]$/.test(word)) {
          this.state = { kind: 'xe' };
          add(line.slice(i, j + 1));
          i = j + 1;
          continue;
        }
        if (line[j] === "'" && /^[bBxX]$/.test(word)) {
          this.state = { kind: 'xq' };
          add(line.slice(i, j + 1));
          i = j + 1;
          continue;
        }
        if (/^[uU]$/.test(word) && line[j] === '&' && (line[j + 1] === "'" || line[j + 1] === '"')) {
          this.state = line[j + 1] === "'" ? { kind: 'xq' } : { kind: 'xd' };
          add(line.slice(i, j + 2));
          i = j + 2;
          continue;
        }
        this.identifier(word);
        add(word);
        i = j;
        continue;
      }
      if (/[0-9]/.test(c)) {
        // numbers (and the identifier-like tail of 1e5, 0x1F) never open quotes
        let j = i + 1;
        while (j < n && /[0-9A-Za-z_.]/.test(line[j])) j++;
        add(line.slice(i, j));
        i = j;
        continue;
      }
      add(c);
      i++;
    }
    // the newline itself belongs to the statement once it has begun
    if (this.buffer.length > 0 || this.state.kind !== 'normal') add('\n');
    return { sent, meta };
  }

  /** standard_conforming_strings as a sent SET or RESET leaves it (psql learns it from the server). */
  private followSettings(stmt: string): void {
    const set = /^\s*set\s+(?:session\s+)?standard_conforming_strings\s*(?:=|to)\s*'?(\w+)'?\s*;/i.exec(stmt);
    if (set) this.stdStrings = !/^(off|false|0|no)$/i.test(set[1]);
    else if (/^\s*reset\s+(standard_conforming_strings|all)\s*;/i.test(stmt)) this.stdStrings = true;
  }

  /** psql's heuristic: inside CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN … END nests `;`. */
  private identifier(word: string): void {
    const w = word.toLowerCase();
    if (this.identCount < 4 && ['create', 'function', 'procedure', 'or', 'replace'].includes(w)) {
      this.idents[this.identCount] = w[0];
    }
    this.identCount++;
    const id = this.idents;
    const isRoutine = id[0] === 'c' && (id[1] === 'f' || id[1] === 'p' || (id[1] === 'o' && id[2] === 'r' && (id[3] === 'f' || id[3] === 'p')));
    if (!isRoutine || this.parenDepth !== 0) return;
    if (w === 'begin') this.beginDepth++;
    else if (w === 'case' && this.beginDepth >= 1) this.beginDepth++;
    else if (w === 'end' && this.beginDepth > 0) this.beginDepth--;
  }
}

/**
 * A meta-command starting at line[start] (a backslash): its name, its
 * arguments, and where SQL scanning resumes (after `\\`, or the end of line).
 */
export function scanMeta(line: string, start: number): { name: string; args: string[]; end: number } {
  let i = start + 1;
  let name = '';
  // psql: the command name runs to whitespace or the next backslash; `\\` ends it
  while (i < line.length && !/\s/.test(line[i]) && line[i] !== '\\') name += line[i++];
  if (name === '' && line[i] === '\\') return { name: '\\', args: [], end: i + 1 };
  const args: string[] = [];
  let cur: string | null = null;
  while (i < line.length) {
    const c = line[i];
    if (/\s/.test(c)) {
      if (cur !== null) args.push(cur);
      cur = null;
      i++;
      continue;
    }
    if (c === '\\') {
      if (cur !== null) args.push(cur);
      // `\\` separates a meta-command from SQL that follows on the same line;
      // another backslash starts the next meta-command (scanned by the caller)
      return { name, args, end: line[i + 1] === '\\' ? i + 2 : i };
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) {
        if (c === "'" && line[j] === '\\') j++;
        j++;
      }
      cur = (cur ?? '') + line.slice(i + 1, j);
      i = j + 1;
      continue;
    }
    cur = (cur ?? '') + c;
    i++;
  }
  if (cur !== null) args.push(cur);
  return { name, args, end: line.length };
}

