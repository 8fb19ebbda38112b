// Screen width of text as psql measures it (PostgreSQL's ucs_wcwidth and
// mbprint.c's pg_wcsformat), so columns line up byte for byte with psql.

/** Ranges of East Asian Wide/Fullwidth code points (display width 2). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x16ff0, 0x16ff1], [0x17000, 0x18cd5],
  [0x18d00, 0x18d08], [0x1aff0, 0x1b2fb], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f202], [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248], [0x1f250, 0x1f251], [0x1f260, 0x1f265], [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567], [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7], [0x1f6dd, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const NONSPACING = /^[\p{Mn}\p{Me}]$/u;

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  if (cp < ranges[0][0] || cp > ranges[hi][1]) return false;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp > ranges[mid][1]) lo = mid + 1;
    else if (cp < ranges[mid][0]) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Display width of one code point: -1 for control characters, 0, 1 or 2. */
export function charWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return -1;
  if (cp < 0x300) return 1;
  if (NONSPACING.test(String.fromCodePoint(cp))) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

/** Sum of the widths of the printable characters (pg_wcswidth). */
export function stringWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) { w++; continue; }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const cw = charWidth(cp);
    if (cw > 0) w += cw;
  }
  return w;
}

/** One display line of a formatted cell. */
export interface CellLine {
  text: string;
  width: number;
}

/**
 * Split a value into display lines the way pg_wcsformat does: newline starts a
 * new line, tab expands to the next multiple of 8, CR prints as \r, other
 * control characters as \xNN (ASCII) or \uNNNN.
 */
export function formatCell(s: string): CellLine[] {
  const lines: CellLine[] = [];
  let text = '';
  let width = 0;
  let plainFrom = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) { width++; continue; }
    // flush plain run
    text += s.slice(plainFrom, i);
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (c === 0x0a) {
      lines.push({ text, width });
      text = '';
      width = 0;
    } else if (c === 0x0d) {
      text += '\\r';
      width += 2;
    } else if (c === 0x09) {
      do { text += ' '; width++; } while (width % 8 !== 0);
    } else {
      const w = charWidth(cp);
      if (w < 0) {
        if (cp < 0x80) {
          text += '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
          width += 4;
        } else {
          text += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
          width += 6;
        }
      } else {
        text += s.slice(i, i + len);
        width += w;
      }
    }
    i += len - 1;
    plainFrom = i + 1;
  }
  text += s.slice(plainFrom);
  lines.push({ text, width });
  return lines;
}
