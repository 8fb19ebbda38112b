// psql's expanded display (\x): one "-[ RECORD n ]" block per row
// (print_aligned_vertical in src/fe_utils/print.c, PostgreSQL 15, ASCII style).
import { formatCell, type CellLine } from './display-width.js';
import { rowCountFooter, type PrintableTable, type PrintOptions } from './print-options.js';

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');

function recordLine(record: number, hwidth: number, dwidth: number, border: number): string {
  const rule = border > 0 ? '-' : ' ';
  let s = border === 2 ? '+-' : border === 1 ? '-' : '';
  let reclen = 0;
  if (record > 0) {
    const label = border === 0 ? `* Record ${record}` : `[ RECORD ${record} ]`;
    s += label;
    reclen = label.length;
  }
  if (border !== 2) reclen++;
  for (let i = reclen; i < hwidth; i++) s += rule;
  reclen -= hwidth;
  if (border > 0) {
    if (reclen-- <= 0) s += '-';
    if (reclen-- <= 0) s += '+';
    if (reclen-- <= 0) s += '-';
  } else if (reclen-- <= 0) {
    s += ' ';
  }
  if (reclen < 0) reclen = 0;
  for (let i = reclen; i < dwidth; i++) s += rule;
  if (border === 2) s += '-+';
  return s + '\n';
}

export function printExpanded(t: PrintableTable, opt: PrintOptions): string {
  const border = Math.min(Math.max(opt.border, 0), 2);
  const ncol = t.headers.length;
  if (t.rows.length === 0 || ncol === 0) {
    let out = '';
    if (!opt.tuplesOnly && t.footers) for (const f of t.footers) out += f + '\n';
    else if (!opt.tuplesOnly && opt.footer) out += rowCountFooter(t.rows.length) + '\n';
    return out + '\n';
  }
  const headers = t.headers.map(formatCell);
  let hwidth = 0;
  let hmultiline = false;
  for (const h of headers) {
    for (const l of h) hwidth = Math.max(hwidth, l.width);
    if (h.length > 1) hmultiline = true;
  }
  const cells: CellLine[][][] = t.rows.map((r) => r.slice(0, ncol).map(formatCell));
  let dwidth = 0;
  for (const row of cells) for (const c of row) for (const l of c) dwidth = Math.max(dwidth, l.width);
  let dmultiline = false;
  for (const row of cells) for (const c of row) if (c.length > 1) dmultiline = true;

  let out = !opt.tuplesOnly && t.title !== undefined ? t.title + '\n' : '';
  let record = 1;
  cells.forEach((row, r) => {
    if (!opt.tuplesOnly) out += recordLine(record++, hwidth, dwidth, border);
    else if (r !== 0 || border === 2) out += recordLine(0, hwidth, dwidth, border);
    row.forEach((dl, c) => {
      const hl = headers[c];
      let dline = 0;
      let hline = 0;
      let dcomplete = false;
      let hcomplete = false;
      while (!dcomplete || !hcomplete) {
        if (border === 2) out += '|';
        if (!hcomplete) {
          if (border === 2) out += ' ';
          out += hl[hline].text + spaces(hwidth - hl[hline].width);
          if (hline + 1 < hl.length) {
            if (border > 0 || hmultiline) out += '+';
            hline++;
          } else {
            if (border > 0 || hmultiline) out += ' ';
            hcomplete = true;
          }
        } else {
          let sw = hwidth + border;
          if (border === 0 && hmultiline) sw++;
          out += spaces(Math.max(sw, 1)); // printf("%*s", sw, " ") prints at least the one space
        }
        if (border > 0) out += '|';
        if (!dcomplete) {
          out += ' ' + dl[dline].text;
          const sw = dwidth - dl[dline].width;
          if (dline + 1 < dl.length) {
            if (border > 1 || dmultiline) out += spaces(sw) + '+';
            dline++;
          } else {
            if (border > 1) out += spaces(sw) + ' ';
            dcomplete = true;
          }
          if (border === 2) out += '|';
          out += '\n';
        } else if (border < 2) {
          out += '\n';
        } else {
          out += spaces(dwidth) + '  |\n';
        }
      }
    });
  });
  if (border === 2) out += recordLine(0, hwidth, dwidth, border);
  if (!opt.tuplesOnly && t.footers?.length) {
    if (border < 2) out += '\n';
    for (const f of t.footers) out += f + '\n';
  }
  return out + '\n';
}
