// psql's "aligned" output format (print_aligned_text in src/fe_utils/print.c),
// ASCII line style: centred headers, `-+-` rules, `+` marks on continued lines.
import { formatCell, type CellLine } from './display-width.js';
import { rowCountFooter, type PrintableTable, type PrintOptions } from './print-options.js';

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');

/** The ASCII style uses '+' at every junction, so top, middle and bottom rules are alike. */
function horizontalRule(widths: number[], border: number): string {
  let s = border === 1 ? '-' : border === 2 ? '+-' : '';
  widths.forEach((w, i) => {
    s += '-'.repeat(w);
    if (i < widths.length - 1) s += border === 0 ? ' ' : '-+-';
  });
  if (border === 2) s += '-+';
  else if (border === 1) s += '-';
  return s + '\n';
}

export function printAligned(t: PrintableTable, opt: PrintOptions): string {
  const border = Math.min(Math.max(opt.border, 0), 2);
  const ncol = t.headers.length;
  const headerLines = t.headers.map(formatCell);
  const widths = headerLines.map((ls) => Math.max(...ls.map((l) => l.width)));
  const rowLines: CellLine[][][] = t.rows.map((row) =>
    row.slice(0, ncol).map((v, j) => {
      const ls = formatCell(v);
      for (const l of ls) if (l.width > widths[j]) widths[j] = l.width;
      return ls;
    }),
  );
  let out = '';

  if (!opt.tuplesOnly && t.title !== undefined) {
    // centred over the table's total width, or as is when wider
    const total = (border === 0 ? ncol : border === 1 ? ncol * 3 - (ncol > 0 ? 1 : 0) : ncol * 3 + 1) + widths.reduce((a, b) => a + b, 0);
    const width = Math.max(...formatCell(t.title).map((l) => l.width));
    out += (width >= total ? '' : spaces(Math.floor((total - width) / 2))) + t.title + '\n';
  }
  if (!opt.tuplesOnly) {
    if (border === 2) out += horizontalRule(widths, border);
    const done = new Array<boolean>(ncol).fill(false);
    let remaining = ncol;
    for (let ln = 0; remaining > 0; ln++) {
      if (border === 2) out += '|';
      for (let i = 0; i < ncol; i++) {
        if (border !== 0) out += ' '; // header_nl_left and the plain left space are both ' '
        if (!done[i]) {
          const line = headerLines[i][ln];
          const nb = widths[i] - line.width;
          out += spaces(Math.floor(nb / 2)) + line.text + spaces(Math.floor((nb + 1) / 2));
          if (ln + 1 >= headerLines[i].length) { done[i] = true; remaining--; }
        } else {
          out += spaces(widths[i]);
        }
        out += done[i] ? ' ' : '+';
        if (border !== 0 && i < ncol - 1) out += '|';
      }
      if (border === 2) out += '|';
      out += '\n';
    }
    out += horizontalRule(widths, border);
  }

  for (const cells of ncol > 0 ? rowLines : []) {
    const cur = new Array<number>(ncol).fill(0);
    // wrap state per column: 'none' | 'nl' (previous line of this cell ended in a newline)
    const nl = new Array<boolean>(ncol).fill(false);
    let more = true;
    while (more) {
      more = false;
      if (border === 2) out += '|';
      for (let j = 0; j < ncol; j++) {
        const lines = cells[j];
        const line: CellLine | undefined = lines[cur[j]];
        const finalSpaces = border === 2 || j < ncol - 1;
        if (border !== 0) out += ' '; // nl_left is ' ' in the ASCII style too
        let printedWidth = 0;
        if (!line) {
          if (finalSpaces) out += spaces(widths[j]);
        } else {
          printedWidth = line.width;
          if (t.aligns[j] === 'r') out += spaces(widths[j] - line.width) + line.text;
          else out += line.text;
          cur[j]++;
          if (cur[j] < lines.length) more = true;
        }
        nl[j] = cur[j] < lines.length && cur[j] !== 0;
        if (t.aligns[j] !== 'r' && line && (finalSpaces || nl[j])) out += spaces(widths[j] - printedWidth);
        if (nl[j]) out += '+';
        else if (finalSpaces) out += ' ';
        if (border !== 0 && j < ncol - 1) out += '|';
      }
      if (border === 2) out += '|';
      out += '\n';
    }
  }

  if (border === 2) out += horizontalRule(widths, border);
  if (!opt.tuplesOnly && t.footers) for (const f of t.footers) out += f + '\n';
  else if (!opt.tuplesOnly && opt.footer) out += rowCountFooter(t.rows.length) + '\n';
  out += '\n';
  return out;
}
