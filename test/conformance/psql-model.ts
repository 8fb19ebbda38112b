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
//  - '…' takes backslash escapes while standard_conforming_strings is off (psql
//    follows the server's setting; here, the script's SET and RESET of it);
//  - `;` outside quotes, comments, parentheses and CREATE FUNCTION … BEGIN ATOMIC
//    bodies sends the statement;
//  - a backslash outside quotes and comments starts a meta-command that takes the
//    rest of the line (up to `\\`);
//  - `\set ECHO …` turns echoing on or off from the next line;
//  - after `COPY … FROM STDIN` (or STDOUT), the data lines up to `\.` are read by COPY and not
//    echoed (only when a `\.` line follows before the next COPY … FROM STDIN:
//    a COPY that fails before reading data leaves the following lines to psql).

import { Lexer } from './psql-lexer.js';

export { scanMeta } from './psql-lexer.js';

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
  /** The first line that is not a comment: the statement, for reports. */
  label: string;
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
