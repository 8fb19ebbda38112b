// PostgreSQL's rules for the names it chooses itself (makeObjectName, ChooseRelationName,
// ChooseConstraintName in src/backend/commands/indexcmds.c and catalog/pg_constraint.c).

export const NAMEDATALEN = 64;

const utf8Len = (s: string) => Buffer.byteLength(s, 'utf8');

/** Clips a string to at most `bytes` UTF-8 bytes without splitting a character. */
export function clipBytes(s: string, bytes: number): string {
  if (utf8Len(s) <= bytes) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const l = utf8Len(ch);
    if (n + l > bytes) break;
    out += ch;
    n += l;
  }
  return out;
}

/** Identifiers longer than NAMEDATALEN-1 bytes are truncated, as the parser does (with a NOTICE there). */
export const truncateIdentifier = (s: string) => clipBytes(s, NAMEDATALEN - 1);

/** name1_name2_label, shortening the longer of name1/name2 until it fits in 63 bytes. */
export function makeObjectName(name1: string, name2: string | null, label: string | null): string {
  let overhead = 0;
  let n1 = utf8Len(name1);
  let n2 = 0;
  if (name2 !== null) { n2 = utf8Len(name2); overhead++; }
  if (label !== null) overhead += utf8Len(label) + 1;
  const avail = NAMEDATALEN - 1 - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--; else n2--;
  }
  let result = clipBytes(name1, n1);
  if (name2 !== null) result += '_' + clipBytes(name2, n2);
  if (label !== null) result += '_' + label;
  return result;
}

/** Tries label, label1, label2, … until `taken` says the name is free. */
export function chooseName(name1: string, name2: string | null, label: string, taken: (name: string) => boolean): string {
  let pass = 0;
  let mod = label;
  for (;;) {
    const name = makeObjectName(name1, name2, mod);
    if (!taken(name)) return name;
    mod = label + String(++pass);
  }
}

/** The column-name part of an index or key name: columns joined by '_', kept within NAMEDATALEN. */
export function columnsNamePart(columns: string[]): string {
  let buf = '';
  for (const c of columns) {
    const piece = buf ? '_' + c : c;
    if (utf8Len(buf) + utf8Len(piece) >= NAMEDATALEN) {
      buf += clipBytes(piece, NAMEDATALEN - 1 - utf8Len(buf));
      break;
    }
    buf += piece;
  }
  return buf;
}
