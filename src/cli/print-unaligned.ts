// psql's unaligned output (\a, \pset format unaligned): fields joined by
// fieldsep, a record separator between rows (print_unaligned_text / _vertical).
import { rowCountFooter, type PrintableTable, type PrintOptions } from './print-options.js';

export function printUnaligned(t: PrintableTable, opt: PrintOptions): string {
  const { fieldSep: fs, recordSep: rs } = opt;
  const ncol = t.headers.length;
  let out = '';
  let needSep = false;
  if (opt.expanded === 'on') {
    t.rows.forEach((row, r) => {
      if (r > 0) out += rs + rs;
      out += row.map((v, c) => t.headers[c] + fs + v).join(rs);
      needSep = true;
    });
    return out + (needSep ? '\n' : '');
  }
  if (!opt.tuplesOnly) {
    out += t.headers.join(fs);
    needSep = true;
  }
  if (ncol > 0) {
    for (const row of t.rows) {
      if (needSep) out += rs;
      out += row.join(fs);
      needSep = true;
    }
  }
  if (!opt.tuplesOnly && opt.footer) {
    if (needSep) out += rs;
    out += rowCountFooter(t.rows.length);
    needSep = true;
  }
  if (needSep) out += '\n';
  return out;
}
