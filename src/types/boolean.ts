// boolean: JS boolean. Input as parse_bool_with_len; output 't' / 'f'.
import { OID } from './oids.js';
import { cmpBool, defineType, invalidInput, trimSpaces } from './base.js';

/** parse_bool_with_len: a prefix of true/false/yes/no, on/off (2+ chars), 1/0. Case-insensitive. */
export function parseBoolText(raw: string): boolean | undefined {
  const s = trimSpaces(raw);
  const len = s.length;
  if (len === 0) return undefined;
  const v = s.toLowerCase();
  switch (v.charCodeAt(0)) {
    case 116: /* t */ if ('true'.startsWith(v)) return true; break;
    case 102: /* f */ if ('false'.startsWith(v)) return false; break;
    case 121: /* y */ if ('yes'.startsWith(v)) return true; break;
    case 110: /* n */ if ('no'.startsWith(v)) return false; break;
    case 111: /* o */
      if (len >= 2) {
        if ('on'.startsWith(v)) return true;
        if ('off'.startsWith(v)) return false;
      }
      break;
    case 49: /* 1 */ if (len === 1) return true; break;
    case 48: /* 0 */ if (len === 1) return false; break;
  }
  return undefined;
}

export function parseBool(s: string): boolean {
  const b = parseBoolText(s);
  if (b === undefined) throw invalidInput('boolean', s);
  return b;
}

export const boolType = defineType({
  oid: OID.bool, name: 'bool', category: 'B', preferred: true, len: 1, array: OID._bool,
  input: (t) => parseBool(t),
  output: (v) => (v ? 't' : 'f'),
  compare: (a, b) => cmpBool(a as boolean, b as boolean),
}, 'boolean');
