// Result sets printed as isolationtester prints them: libpq's PQprint with align on and "|"
// between fields (fe-print.c). A column whose non-empty values all look numeric is
// right-aligned, header included; others are left-aligned and padded.

export function pqprint(names: string[], rows: (string | null)[][]): string {
  const n = names.length;
  const width = names.map(s => byteLength(s));
  const notNum = new Array<boolean>(n).fill(false);
  for (const r of rows) {
    for (let j = 0; j < n; j++) {
      const v = r[j];
      if (v === null || v === '') continue;
      if (!notNum[j] && !looksNumeric(v)) notNum[j] = true;
      width[j] = Math.max(width[j], byteLength(v));
    }
  }
  const cell = (v: string, j: number) => {
    const pad = ' '.repeat(Math.max(0, width[j] - byteLength(v)));
    return notNum[j] ? v + pad : pad + v;
  };
  let out = names.map(cell).join('|') + '\n';
  out += width.map(w => '-'.repeat(w)).join('+') + '\n';
  for (const r of rows) out += r.map((v, j) => cell(v ?? '', j)).join('|') + '\n';
  out += `(${rows.length} row${rows.length === 1 ? '' : 's'})\n\n`;
  return out;
}

/** fe-print.c's test: digits, '.', 'E', 'e', ' ', '-' only, not starting with E and ending with a digit. */
function looksNumeric(v: string): boolean {
  if (!/^[0-9.Ee -]*$/.test(v)) return false;
  if (v[0] === 'E' || v[0] === 'e') return false;
  return /[0-9]$/.test(v);
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
