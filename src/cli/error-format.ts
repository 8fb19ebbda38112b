// Text of errors and notices as libpq builds it (pqBuildErrorMessage3 and
// reportErrorPosition in fe-protocol3.c), for psql's default verbosity.
import type { ErrorFields, Notice, PgError } from '../errors/index.js';
import { charWidth } from './display-width.js';

export type Verbosity = 'default' | 'verbose' | 'terse' | 'sqlstate';
export type ShowContext = 'never' | 'errors' | 'always';

/** The fields of an ErrorResponse or NoticeResponse that the message uses. */
export type MessageFields = Omit<ErrorFields, 'severity'> & { severity: string; code?: string; message: string };

export function errorFields(e: PgError): MessageFields {
  return { ...e, severity: e.severity ?? 'ERROR', code: e.code, message: e.message };
}

export function noticeFields(n: Notice): MessageFields {
  return { ...n };
}

const DISPLAY_SIZE = 60; // screen width limit of the excerpt
const MIN_RIGHT_CUT = 10; // keep the cursor this far from a cut end

/**
 * "LINE n: <excerpt>\n<spaces>^\n" for a 1-based character position in query,
 * or '' when the position is out of range.
 */
export function errorPositionExcerpt(query: string, position: number): string {
  const loc = position - 1;
  if (loc < 0) return '';
  const chars = Array.from(query);
  const scr: number[] = []; // starting screen column of each character
  let col = 0;
  let line = 1;
  let ibeg = 0;
  let iend = -1;
  let cno = 0;
  for (; cno < chars.length; cno++) {
    let ch = chars[cno];
    scr[cno] = col;
    if (ch === '\t') {
      chars[cno] = ch = ' ';
    } else if (ch === '\r' || ch === '\n') {
      if (cno < loc) {
        if (ch === '\r' || cno === 0 || chars[cno - 1] !== '\r') line++;
        ibeg = cno + 1;
      } else {
        iend = cno;
        break;
      }
    }
    const w = charWidth(ch.codePointAt(0)!);
    col += w <= 0 ? 1 : w;
  }
  if (iend < 0) {
    iend = cno;
    scr[iend] = col;
  }
  if (loc > cno) return '';
  let begTrunc = false;
  let endTrunc = false;
  if (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
    if (scr[ibeg] + DISPLAY_SIZE >= scr[loc] + MIN_RIGHT_CUT) {
      while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) iend--;
      endTrunc = true;
    } else {
      while (scr[loc] + MIN_RIGHT_CUT < scr[iend]) {
        iend--;
        endTrunc = true;
      }
      while (scr[iend] - scr[ibeg] > DISPLAY_SIZE) {
        ibeg++;
        begTrunc = true;
      }
    }
  }
  const prefix = `LINE ${line}: ` + (begTrunc ? '...' : '');
  const text = chars.slice(ibeg, iend).join('') + (endTrunc ? '...' : '');
  const caretCol = prefix.length + scr[loc] - scr[ibeg];
  return `${prefix}${text}\n${' '.repeat(caretCol)}^\n`;
}

/**
 * The full message text, ending in a newline: "ERROR:  msg", the LINE excerpt,
 * DETAIL, HINT, QUERY, CONTEXT (errors only, by default).
 * `query` is the statement text sent, used for the cursor display.
 */
export function formatMessage(
  f: MessageFields,
  query: string | undefined,
  opts: { verbosity?: Verbosity; showContext?: ShowContext; isError?: boolean } = {},
): string {
  let verbosity = opts.verbosity ?? 'default';
  const showContext = opts.showContext ?? 'errors';
  let s = `${f.severity}:  `;
  if (verbosity === 'sqlstate') {
    if (f.code) return s + f.code + '\n';
    verbosity = 'terse';
  }
  if (verbosity === 'verbose' && f.code) s += `${f.code}: `;
  s += f.message;
  let cursorText: string | undefined;
  let cursorPos = 0;
  if (f.position !== undefined) {
    if (verbosity !== 'terse' && query !== undefined) {
      cursorText = query;
      cursorPos = f.position;
    } else {
      s += ` at character ${f.position}`;
    }
  } else if (f.internalPosition !== undefined) {
    if (verbosity !== 'terse' && f.internalQuery !== undefined) {
      cursorText = f.internalQuery;
      cursorPos = f.internalPosition;
    } else {
      s += ` at character ${f.internalPosition}`;
    }
  }
  s += '\n';
  if (verbosity !== 'terse') {
    if (cursorText !== undefined && cursorPos > 0) s += errorPositionExcerpt(cursorText, cursorPos);
    if (f.detail !== undefined) s += `DETAIL:  ${f.detail}\n`;
    if (f.hint !== undefined) s += `HINT:  ${f.hint}\n`;
    if (f.internalQuery !== undefined) s += `QUERY:  ${f.internalQuery}\n`;
    if (showContext === 'always' || (showContext === 'errors' && opts.isError)) {
      if (f.where !== undefined) s += `CONTEXT:  ${f.where}\n`;
    }
  }
  if (verbosity === 'verbose') {
    if (f.schema !== undefined) s += `SCHEMA NAME:  ${f.schema}\n`;
    if (f.table !== undefined) s += `TABLE NAME:  ${f.table}\n`;
    if (f.column !== undefined) s += `COLUMN NAME:  ${f.column}\n`;
    if (f.dataType !== undefined) s += `DATATYPE NAME:  ${f.dataType}\n`;
    if (f.constraint !== undefined) s += `CONSTRAINT NAME:  ${f.constraint}\n`;
  }
  return s;
}
