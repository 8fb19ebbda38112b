// psql's unaligned output (\a, \pset format unaligned): fields joined by
// fieldsep, a record separator between rows (print_unaligned_text / _vertical).
import { rowCountFooter, type PrintableTable, type PrintOptions } from './print-options.js';

export function printUnaligned(t: PrintableTable, opt: PrintOptions): string {
  const { fieldSep: fs, recordSep: rs } = opt;
  const ncol = t.headers.length;
  let out = '';
  let needSep = false;
  if (!opt.tuplesOnly && t.title !== undefined) {
    out += t.title;
    if (opt.expanded === 'on') needSep = true;
    else out += rs;
  }
  if (opt.expanded === 'on') {
    t.rows.forEach((row) => {
      if (needSep) out += rs + rs;
      out += row.map((v, c) => t.headers[c] + fs + v).join(rs);
      needSep = true;
    });
    if (!opt.tuplesOnly && t.footers?.length) {
      out += rs;
      for (const f of t.footers) out += rs + f;
    }
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
  const footers = t.footers ?? (opt.footer ? [rowCountFooter(t.rows.length)] : []);
  if (!opt.tuplesOnly) {
    for (const f of footers) {
      if (needSep) out += rs;
      out += f;
      needSep = true;
    }
  }
  if (needSep) out += '\n';
  return out;
}
