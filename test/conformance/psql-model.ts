// What `psql -X -a -q < FILE` does with each input line, worked out from the
// script alone: which lines it echoes, and after which lines output may follow
// (a statement completed by `;`, a backslash command, the end of the file).
// The expected and the actual output are then both cut at these points
// (split.ts), so one statement's output can be compared with the other's.
//
// This is a small model of psql's lexer (psqlscan.l, psqlscanslash.l) and main
// loop (mainloop.c), independent of Relata's own shell so that a shell bug cannot
// hide itself by splitting both sides the same wrong way:
//  - an empty line is neither echoed nor kept unless it is inside a quote or a
//    block comment; every other line is echoed before it runs;
//  - `;` outside quotes, comments, parentheses and CREATE FUNCTION … BEGIN ATOMIC
//    bodies sends the statement;
//  - a backslash outside quotes and comments starts a meta-command that takes the
//    rest of the line (up to `\\`);
//  - `\set ECHO …` turns echoing on or off from the next line;
//  - after `COPY … FROM STDIN` (or STDOUT), the data lines up to `\.` are read by COPY and not
//    echoed (only when a `\.` line follows before the next COPY … FROM STDIN:
//    a COPY that fails before reading data leaves the following lines to psql).

export interface Block {
  /** 1-based line numbers in the script, first and last line of the block. */
  firstLine: number;
  lastLine: number;
  /** The lines psql echoes for this block, in order. */
  echo: string[];
  /** The meta-commands run by the block's last line (`d+`, `set`, `gexec`…). */
  meta: string[];
  /** The block ends with something that runs (a statement, a meta-command, or the final unterminated statement). */
  runs: boolean;
  /** Where the block's output appears: after its last line. Short text of the statement, for reports. */
  label: string;
}

type State =
  | { kind: 'normal' }
  | { kind: 'xq' } // '…' and U&'…', B'…', X'…', N'…' (standard_conforming_strings on)
  | { kind: 'xe' } // E'…' with backslash escapes
  | { kind: 'xd' } // "…" identifiers
  | { kind: 'xdolq'; tag: string } // $tag$…$tag$
  | { kind: 'xc'; depth: number }; // /* … */, nested

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** Meta-commands that send the query buffer. */
const SENDING_META = new Set(['g', 'gx', 'gset', 'gexec', 'gdesc', 'crosstabview', 'watch']);

class Lexer {
  state: State = { kind: 'normal' };
  parenDepth = 0;
  beginDepth = 0;
  /** First letters of the statement's first identifiers, for psql's BEGIN ATOMIC heuristic. */
  idents: string[] = [];
  identCount = 0;
  /** The statement text so far, without leading whitespace and `--` comments (as psql's query buffer). */
  buffer = '';

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
        this.state = { kind: 'xq' };
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

// COPY … FROM STDOUT is the grammar's synonym of FROM STDIN
const COPY_FROM_STDIN = /^\s*copy\b[\s\S]*\bfrom\s+std(in|out)\b/i;

/** psql's echo variable as `\set ECHO value` / `\unset ECHO` leave it. */
function echoAfter(meta: { name: string; args: string[] }, echoAll: boolean): boolean {
  if (meta.name === 'set' && meta.args[0] === 'ECHO') return (meta.args[1] ?? '') === 'all';
  if (meta.name === 'unset' && meta.args[0] === 'ECHO') return false;
  return echoAll;
}

/** Splits a script into blocks, each ending where psql may print output. */
export function modelScript(sql: string): Block[] {
  const lines = sql.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const lex = new Lexer();
  const blocks: Block[] = [];
  let echoAll = true;
  let cur: Block | null = null;
  const open = (lineNo: number): Block => (cur ??= { firstLine: lineNo, lastLine: lineNo, echo: [], meta: [], runs: false, label: '' });
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const lineNo = k + 1;
    if (line === '' && !lex.inQuote()) continue; // psql skips it: no echo, nothing runs
    const b = open(lineNo);
    b.lastLine = lineNo;
    if (echoAll) b.echo.push(line);
    if (!b.label && !/^\s*(--.*)?$/.test(line)) b.label = line.trim();
    const { sent, meta } = lex.scanLine(line);
    for (const m of meta) echoAll = echoAfter(m, echoAll);
    if (sent.length === 0 && meta.length === 0) continue;
    b.runs = true;
    b.meta = meta.map((m) => m.name);
    blocks.push(b);
    cur = null;
    // COPY … FROM STDIN reads the data lines itself, up to `\.`
    if (sent.some((s) => COPY_FROM_STDIN.test(s))) {
      const end = copyDataEnd(lines, k + 1);
      if (end >= 0) {
        b.lastLine = end + 1;
        k = end;
      }
    }
  }
  // an unterminated statement at the end of the file is sent at EOF
  if (cur !== null) {
    const b: Block = cur;
    b.runs = lex.buffer.trim().length > 0;
    blocks.push(b);
  }
  return blocks;
}

/** Index of the `\.` line ending COPY data that starts at lines[from], or -1 when the lines are not COPY data. */
function copyDataEnd(lines: string[], from: number): number {
  for (let k = from; k < lines.length; k++) {
    if (lines[k] === '\\.') return k;
    if (COPY_FROM_STDIN.test(lines[k])) return -1;
  }
  return -1;
}
