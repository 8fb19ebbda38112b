// to_number(text, format): the number part of PostgreSQL's formatting.c in reading mode
// (NUM_processor with NUM_numpart_from_char): digits, decimal point and sign picked out
// of the text as the format's patterns say, other characters skipped one for one.
import { PgError } from '../errors/index.js';
import { F, K, LSIGN_PRE, parseFormat, type Node, type NumDesc } from './number-format.js';

/** NUM_processor in to_number mode: the digits, point and sign read from `input`; num.post becomes what was read. */
function fromCharProcess(nodes: Node[], num: NumDesc, input: string): string {
  const is = (f: number) => (num.flag & f) !== 0;
  if (num.zeroStart) --num.zeroStart;
  if (is(F.EEEE)) throw new PgError('0A000', '"EEEE" not supported for input');
  if (is(F.ROMAN)) throw new PgError('0A000', '"RN" not supported for input');
  const len = input.length;
  const number: string[] = [' '];
  let p = 0, readDec = false, readPost = 0, readPre = 0, numIn = false;
  const overload = () => p >= len;
  const amount = (s: number) => p <= len - s;
  const eatNonData = (n: number) => {
    while (n-- > 0) {
      if (overload()) break;
      if ('0123456789.,+-'.includes(input[p])) break;
      p++;
    }
  };
  const numpart = (id: K) => {
    let isread = false;
    if (overload()) return;
    if (input[p] === ' ') p++;
    if (overload()) return;
    if (number[0] === ' ' && (id === K.N0 || id === K.N9) && readPre + readPost === 0) {
      if (is(F.LSIGN) && num.lsign === LSIGN_PRE) {
        if (amount(1) && input[p] === '-') { p++; number[0] = '-'; } else if (amount(1) && input[p] === '+') { p++; number[0] = '+'; }
      } else if (input[p] === '-' || (is(F.BRACKET) && input[p] === '<')) { number[0] = '-'; p++; } else if (input[p] === '+') {
        number[0] = '+';
        p++;
      }
    }
    if (overload()) return;
    if (/[0-9]/.test(input[p])) {
      if (readDec && readPost === num.post) return;
      number.push(input[p]);
      if (readDec) readPost++; else readPre++;
      isread = true;
    } else if (is(F.DECIMAL) && !readDec) {
      if (amount(1) && input[p] === '.') { number.push('.'); readDec = true; isread = true; }
    }
    if (overload()) return;
    if (number[0] === ' ' && readPre + readPost > 0) {
      if (is(F.LSIGN) && isread && p + 1 < len && !/[0-9]/.test(input[p + 1])) {
        const tmp = p++;
        if (amount(1) && input[p] === '-') number[0] = '-';
        else if (amount(1) && input[p] === '+') number[0] = '+';
        if (number[0] === ' ') p = tmp;
      } else if (!isread && !is(F.LSIGN) && (is(F.PLUS) || is(F.MINUS))) {
        if (input[p] === '-' || input[p] === '+') number[0] = input[p];
      }
    }
  };
  for (const n of nodes) {
    if (overload()) break;
    if ('ch' in n) { p += 1; continue; }
    switch (n.key) {
      case K.N9: case K.N0: case K.DEC: case K.D: numpart(n.key); break;
      case K.COMMA:
        if (!numIn && is(F.FILLMODE)) continue;
        if (input[p] !== ',') continue;
        break;
      case K.G:
        if (!numIn && is(F.FILLMODE)) continue;
        if (amount(1) && input[p] === ',') break;
        continue;
      case K.L: eatNonData(1); continue;
      case K.TH: case K.th:
        if (number[0] === '#' || is(F.DECIMAL)) continue;
        eatNonData(2); continue;
      case K.MI:
        if (input[p] === '-') number[0] = '-'; else { eatNonData(1); continue; }
        break;
      case K.PL:
        if (input[p] === '+') number[0] = '+'; else { eatNonData(1); continue; }
        break;
      case K.SG:
        if (input[p] === '-') number[0] = '-'; else if (input[p] === '+') number[0] = '+'; else { eatNonData(1); continue; }
        break;
      default: continue;
    }
    p++;
  }
  void numIn;
  if (number[number.length - 1] === '.') number.pop();
  num.post = readPost;
  return number.join('');
}

/** to_number: the text read through the format, as a numeric's text with the precision and scale it implies. */
export function numberFromChar(input: string, fmt: string): { text: string; precision: number; scale: number; multi: number } | null {
  if (fmt.length === 0) return null;
  const { nodes, num } = parseFormat(fmt);
  const text = fromCharProcess(nodes, num, input);
  const scale = num.post;
  return { text, precision: num.pre + num.multi + scale, scale, multi: (num.flag & F.MULTI) ? num.multi : 0 };
}
