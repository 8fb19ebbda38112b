// uuid: the canonical lowercase string 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'
// (string order = PostgreSQL's byte order). gen_random_uuid().
import { randomUUID } from 'node:crypto';
import { OID } from './oids.js';
import { compareText, defineType, invalidInput } from './base.js';
import { comparisonOps, fn } from './define.js';

const { uuid, bool } = OID;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** string_to_uuid: optional braces, hyphens allowed after any group of 4 hex digits. */
export function parseUuid(s: string): string {
  let i = 0;
  const braces = s.charCodeAt(0) === 123;
  if (braces) i++;
  let hex = '';
  for (let k = 0; k < 16; k++) {
    const a = s.charCodeAt(i), b = s.charCodeAt(i + 1);
    if (!(isHex(a) && isHex(b))) throw invalidInput('uuid', s);
    hex += s[i]! + s[i + 1]!;
    i += 2;
    if (s.charCodeAt(i) === 45 && k % 2 === 1 && k < 15) i++;
  }
  if (braces) {
    if (s.charCodeAt(i) !== 125) throw invalidInput('uuid', s);
    i++;
  }
  if (i !== s.length) throw invalidInput('uuid', s);
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const uuidType = defineType({
  oid: uuid, name: 'uuid', category: 'U', preferred: false, len: 16, array: OID._uuid,
  input: (t) => parseUuid(t),
  output: (v) => v as string,
  compare: (a, b) => compareText(a as string, b as string),
});
comparisonOps(uuid, uuid, compareText, bool);
fn('gen_random_uuid', [], uuid, () => randomUUID(), { volatility: 'v' });
