// Cutting a `psql -a` output into per-statement pieces. psql echoes each input
// line before it runs, so the output is: a block's echoed lines, then what its
// statement printed, then the next block's echoed lines, and so on. Knowing the
// echoed lines of every block (psql-model.ts), a block's output is what lies
// between the end of its echo and the start of the next block's echo.
import type { Block } from './psql-model.js';

/**
 * One comparison unit: a block that psql echoes, together with any following
 * blocks that it does not echo (under `\set ECHO none`), whose output cannot be
 * told apart from the first one's.
 */
export interface Unit {
  blocks: Block[];
  echo: string[];
  firstLine: number;
  lastLine: number;
  /** Something runs in the unit (not just trailing comments). */
  runs: boolean;
  /** Meta-commands run by the unit's blocks. */
  meta: string[];
  label: string;
}

export function toUnits(blocks: Block[]): Unit[] {
  const units: Unit[] = [];
  for (const b of blocks) {
    const last = units[units.length - 1];
    if (b.echo.length === 0 && last) {
      last.blocks.push(b);
      last.lastLine = b.lastLine;
      last.runs ||= b.runs;
      last.meta.push(...b.meta);
      continue;
    }
    units.push({ blocks: [b], echo: b.echo, firstLine: b.firstLine, lastLine: b.lastLine, runs: b.runs, meta: [...b.meta], label: b.label });
  }
  return units;
}

/** Where one unit was found in an output: its echo at `echoAt`, its output lines [outStart, outEnd). */
export interface Piece {
  echoAt: number;
  outStart: number;
  outEnd: number;
}

export interface SplitResult {
  /** Per unit, in order; null when its echo was not found (the run stopped before it, or went out of step). */
  pieces: (Piece | null)[];
  /** Output lines before the first unit's echo (normally none). */
  preamble: string[];
  lines: string[];
}

/** The output's lines; a final newline does not start another line. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function findSeq(lines: string[], seq: string[], from: number): number {
  if (seq.length === 0) return from;
  const first = seq[0];
  outer: for (let i = from; i + seq.length <= lines.length; i++) {
    if (lines[i] !== first) continue;
    for (let k = 1; k < seq.length; k++) if (lines[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Finds each unit's echo in order, each at the earliest place after the previous
 * one's; a unit's output runs to the next found echo. A unit whose echo is
 * missing is skipped (its predecessor's output then absorbs whatever is there).
 */
export function splitOutput(units: Unit[], text: string): SplitResult {
  const lines = outputLines(text);
  const pieces: (Piece | null)[] = [];
  let pos = 0;
  let prev: Piece | null = null;
  let preambleEnd = -1;
  for (const u of units) {
    const at = findSeq(lines, u.echo, pos);
    if (at < 0) {
      pieces.push(null);
      continue;
    }
    if (prev) prev.outEnd = at;
    else preambleEnd = at;
    const p: Piece = { echoAt: at, outStart: at + u.echo.length, outEnd: lines.length };
    pieces.push(p);
    prev = p;
    pos = p.outStart;
  }
  return { pieces, preamble: lines.slice(0, Math.max(0, preambleEnd)), lines };
}

/** The output lines a unit printed. */
export function pieceOutput(split: SplitResult, i: number): string[] | null {
  const p = split.pieces[i];
  return p ? split.lines.slice(p.outStart, p.outEnd) : null;
}
