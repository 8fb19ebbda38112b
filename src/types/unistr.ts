// unistr(text): Unicode escapes \XXXX, \+XXXXXX, \uXXXX, \UXXXXXXXX and \\ decoded (varlena.c).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';

const isHex = (s: string, from: number, n: number) => from + n <= s.length && /^[0-9A-Fa-f]+$/.test(s.slice(from, from + n));
const badPair = () => new PgError('42601', 'invalid Unicode surrogate pair');

export function unistr(s: string): string {
  let out = '';
  let pairFirst = 0;
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '\\') {
      if (pairFirst) throw badPair();
      out += s[i++];
      continue;
    }
    if (s[i + 1] === '\\') {
      if (pairFirst) throw badPair();
      out += '\\';
      i += 2;
      continue;
    }
    let digits: number, skip: number;
    if (isHex(s, i + 1, 4)) { digits = 4; skip = 1; }
    else if (s[i + 1] === 'u' && isHex(s, i + 2, 4)) { digits = 4; skip = 2; }
    else if (s[i + 1] === '+' && isHex(s, i + 2, 6)) { digits = 6; skip = 2; }
    else if (s[i + 1] === 'U' && isHex(s, i + 2, 8)) { digits = 8; skip = 2; }
    else throw new PgError('42601', 'invalid Unicode escape', { hint: 'Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.' });
    let cp = parseInt(s.slice(i + skip, i + skip + digits), 16);
    i += skip + digits;
    if (cp > 0x10ffff) throw new PgError('42601', `invalid Unicode code point: ${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    const second = cp >= 0xdc00 && cp <= 0xdfff;
    if (pairFirst) {
      if (!second) throw badPair();
      cp = 0x10000 + ((pairFirst - 0xd800) << 10) + (cp - 0xdc00);
      pairFirst = 0;
    } else if (second) throw badPair();
    if (cp >= 0xd800 && cp <= 0xdbff) pairFirst = cp;
    else out += String.fromCodePoint(cp);
  }
  if (pairFirst) throw badPair();
  return out;
}

fn('unistr', [OID.text], OID.text, ([s]) => unistr(s));
