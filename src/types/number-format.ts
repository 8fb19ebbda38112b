// to_char(number, format) (to_number's reading is number-input.ts): a port of PostgreSQL's
// formatting.c number part (NUMDesc_prepare, NUM_processor and its helpers), in the C
// locale: 9 0 . , D G S MI PL SG PR L RN TH V EEEE FM B, double-quoted literals.
// Positions into the output and input are indexes; the C code's pointer arithmetic
// (advance by length - 1, then the loop's ++) is kept as is, so behaviour follows it.
import { PgError } from '../errors/index.js';

export const enum K { COMMA, DEC, N0, N9, B, C, D, E, FM, G, L, MI, PL, PR, RN, SG, SP, S, TH, V, rn, th }

/** The keywords, longest first within each initial (index_seq_search's order). */
const KEYWORDS: [string, K][] = [
  [',', K.COMMA], ['.', K.DEC], ['0', K.N0], ['9', K.N9], ['B', K.B], ['C', K.C], ['D', K.D], ['EEEE', K.E], ['FM', K.FM],
  ['G', K.G], ['L', K.L], ['MI', K.MI], ['PL', K.PL], ['PR', K.PR], ['RN', K.RN], ['SG', K.SG], ['SP', K.SP], ['S', K.S],
  ['TH', K.TH], ['V', K.V], ['b', K.B], ['c', K.C], ['d', K.D], ['eeee', K.E], ['fm', K.FM], ['g', K.G], ['l', K.L],
  ['mi', K.MI], ['pl', K.PL], ['pr', K.PR], ['rn', K.rn], ['sg', K.SG], ['sp', K.SP], ['s', K.S], ['th', K.th], ['v', K.V],
];

export type Node = { key: K } | { ch: string };

export const F = { DECIMAL: 1 << 1, LDECIMAL: 1 << 2, ZERO: 1 << 3, BLANK: 1 << 4, FILLMODE: 1 << 5, LSIGN: 1 << 6, BRACKET: 1 << 7,
  MINUS: 1 << 8, PLUS: 1 << 9, ROMAN: 1 << 10, MULTI: 1 << 11, PLUS_POST: 1 << 12, MINUS_POST: 1 << 13, EEEE: 1 << 14 };
export const LSIGN_PRE = -1, LSIGN_POST = 1, LSIGN_NONE = 0;

export interface NumDesc { pre: number; post: number; lsign: number; flag: number; preLsignNum: number; multi: number; zeroStart: number; zeroEnd: number }

const syntax = (msg: string, detail?: string) => new PgError('42601', msg, detail ? { detail } : undefined);

/** NUMDesc_prepare for one keyword. */
function prepare(num: NumDesc, id: K): void {
  const is = (f: number) => (num.flag & f) !== 0;
  if (is(F.EEEE) && id !== K.E) throw syntax('"EEEE" must be the last pattern used');
  switch (id) {
    case K.N9:
      if (is(F.BRACKET)) throw syntax('"9" must be ahead of "PR"');
      if (is(F.MULTI)) { num.multi++; break; }
      if (is(F.DECIMAL)) num.post++; else num.pre++;
      break;
    case K.N0:
      if (is(F.BRACKET)) throw syntax('"0" must be ahead of "PR"');
      if (!is(F.ZERO) && !is(F.DECIMAL)) { num.flag |= F.ZERO; num.zeroStart = num.pre + 1; }
      if (!is(F.DECIMAL)) num.pre++; else num.post++;
      num.zeroEnd = num.pre + num.post;
      break;
    case K.B:
      if (num.pre === 0 && num.post === 0 && !is(F.ZERO)) num.flag |= F.BLANK;
      break;
    case K.D: case K.DEC:
      if (id === K.D) num.flag |= F.LDECIMAL;
      if (is(F.DECIMAL)) throw syntax('multiple decimal points');
      if (is(F.MULTI)) throw syntax('cannot use "V" and decimal point together');
      num.flag |= F.DECIMAL;
      break;
    case K.FM: num.flag |= F.FILLMODE; break;
    case K.S:
      if (is(F.LSIGN)) throw syntax('cannot use "S" twice');
      if (is(F.PLUS) || is(F.MINUS) || is(F.BRACKET)) throw syntax('cannot use "S" and "PL"/"MI"/"SG"/"PR" together');
      if (!is(F.DECIMAL)) { num.lsign = LSIGN_PRE; num.preLsignNum = num.pre; num.flag |= F.LSIGN; } else if (num.lsign === LSIGN_NONE) {
        num.lsign = LSIGN_POST;
        num.flag |= F.LSIGN;
      }
      break;
    case K.MI:
      if (is(F.LSIGN)) throw syntax('cannot use "S" and "MI" together');
      num.flag |= F.MINUS;
      if (is(F.DECIMAL)) num.flag |= F.MINUS_POST;
      break;
    case K.PL:
      if (is(F.LSIGN)) throw syntax('cannot use "S" and "PL" together');
      num.flag |= F.PLUS;
      if (is(F.DECIMAL)) num.flag |= F.PLUS_POST;
      break;
    case K.SG:
      if (is(F.LSIGN)) throw syntax('cannot use "S" and "SG" together');
      num.flag |= F.MINUS | F.PLUS;
      break;
    case K.PR:
      if (is(F.LSIGN) || is(F.PLUS) || is(F.MINUS)) throw syntax('cannot use "PR" and "S"/"PL"/"MI"/"SG" together');
      num.flag |= F.BRACKET;
      break;
    case K.RN: case K.rn: num.flag |= F.ROMAN; break;
    case K.V:
      if (is(F.DECIMAL)) throw syntax('cannot use "V" and decimal point together');
      num.flag |= F.MULTI;
      break;
    case K.E:
      if (is(F.EEEE)) throw syntax('cannot use "EEEE" twice');
      if (is(F.BLANK) || is(F.FILLMODE) || is(F.LSIGN) || is(F.BRACKET) || is(F.MINUS) || is(F.PLUS) || is(F.ROMAN) || is(F.MULTI)) {
        throw syntax('"EEEE" is incompatible with other formats', '"EEEE" may only be used together with digit and decimal point patterns.');
      }
      num.flag |= F.EEEE;
      break;
    default: break;
  }
}

const cache = new Map<string, { nodes: Node[]; num: NumDesc }>();

/** parse_format for the number version (cached by format text). */
export function parseFormat(fmt: string): { nodes: Node[]; num: NumDesc } {
  const hit = cache.get(fmt);
  if (hit) return { nodes: hit.nodes, num: { ...hit.num } };
  const num: NumDesc = { pre: 0, post: 0, lsign: 0, flag: 0, preLsignNum: 0, multi: 0, zeroStart: 0, zeroEnd: 0 };
  const nodes: Node[] = [];
  let i = 0;
  while (i < fmt.length) {
    const kw = KEYWORDS.find(([name]) => fmt.startsWith(name, i));
    if (kw) {
      nodes.push({ key: kw[1] });
      prepare(num, kw[1]);
      i += kw[0].length;
      continue;
    }
    if (fmt[i] === '"') {
      i++;
      while (i < fmt.length) {
        if (fmt[i] === '"') { i++; break; }
        if (fmt[i] === '\\' && i + 1 < fmt.length) i++;
        const cp = String.fromCodePoint(fmt.codePointAt(i)!);
        nodes.push({ ch: cp });
        i += cp.length;
      }
      continue;
    }
    if (fmt[i] === '\\' && fmt[i + 1] === '"') i++;
    const cp = String.fromCodePoint(fmt.codePointAt(i)!);
    nodes.push({ ch: cp });
    i += cp.length;
  }
  if (cache.size > 200) cache.clear();
  cache.set(fmt, { nodes, num: { ...num } });
  return { nodes, num };
}

const RM1 = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
const RM10 = ['X', 'XX', 'XXX', 'XL', 'L', 'LX', 'LXX', 'LXXX', 'XC'];
const RM100 = ['C', 'CC', 'CCC', 'CD', 'D', 'DC', 'DCC', 'DCCC', 'CM'];

/** int_to_roman: 1..3999, otherwise fifteen #. */
export function intToRoman(n: number): string {
  if (n > 3999 || n < 1) return '#'.repeat(15);
  const s = String(n);
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const d = s.charCodeAt(k) - 49;
    if (d < 0) continue;
    const col = s.length - k;
    if (col === 4) out += 'M'.repeat(d + 1);
    else out += (col === 3 ? RM100 : col === 2 ? RM10 : RM1)[d];
  }
  return out;
}

function getTh(num: string, upper: boolean): string {
  const len = num.length;
  let last = num[len - 1];
  if (!/[0-9]/.test(last ?? '')) throw new PgError('22P02', `"${num}" is not a number`);
  if (len > 1 && num[len - 2] === '1') last = '0';
  const i = last === '1' ? 0 : last === '2' ? 1 : last === '3' ? 2 : 3;
  return upper ? ['ST', 'ND', 'RD', 'TH'][i] : ['st', 'nd', 'rd', 'th'][i];
}

/** get_last_relevant_decnum: index of the last non-zero after the point (or of the point), -1 if none. */
function lastRelevant(num: string): number {
  const p = num.indexOf('.');
  if (p < 0) return -1;
  let r = p;
  for (let i = p + 1; i < num.length; i++) if (num[i] !== '0') r = i;
  return r;
}

/** NUM_processor in to_char mode: the number string (digits and point, sign apart) through the format. */
function toCharProcess(nodes: Node[], num: NumDesc, number: string, outPreSpaces: number, sign: string): string {
  const out: string[] = [];
  let p = 0;
  const put = (s: string) => { for (let k = 0; k < s.length; k++) out[p + k] = s[k]; };
  const is = (f: number) => (num.flag & f) !== 0;
  if (num.zeroStart) --num.zeroStart;
  if (is(F.EEEE)) return number;
  if (is(F.ROMAN)) {
    num.lsign = num.preLsignNum = num.post = num.pre = 0;
    outPreSpaces = 0;
    sign = '';
    num.flag = (is(F.FILLMODE) ? F.FILLMODE : 0) | F.ROMAN;
  }
  let signWrote: boolean;
  if (is(F.PLUS) || is(F.MINUS)) signWrote = !(is(F.PLUS) && !is(F.MINUS));
  else {
    if (sign !== '-' && is(F.FILLMODE)) num.flag &= ~F.BRACKET;
    signWrote = sign === '+' && is(F.FILLMODE) && !is(F.LSIGN);
    if (num.lsign === LSIGN_PRE && num.pre === num.preLsignNum) num.lsign = LSIGN_POST;
  }
  let numCount = num.post + num.pre - 1;
  let lastRel = -1;
  if (is(F.FILLMODE) && is(F.DECIMAL)) {
    lastRel = lastRelevant(number);
    if (lastRel >= 0 && num.zeroEnd > outPreSpaces) {
      const lastZero = Math.min(number.length - 1, num.zeroEnd - outPreSpaces);
      if (lastRel < lastZero) lastRel = lastZero;
    }
  }
  if (!signWrote && outPreSpaces === 0) ++numCount;
  let numIn = false, numCurr = 0, np = 0;
  const predecSpace = () => !is(F.ZERO) && np === 0 && number[0] === '0' && num.post !== 0;
  const relIsDot = () => lastRel >= 0 && number[lastRel] === '.';

  const numpart = (id: K) => {
    if (is(F.ROMAN)) return;
    numIn = false;
    if (!signWrote && (numCurr >= outPreSpaces || (is(F.ZERO) && num.zeroStart === numCurr)) && (!predecSpace() || relIsDot())) {
      if (is(F.LSIGN)) {
        if (num.lsign === LSIGN_PRE) { const s = sign === '-' ? '-' : '+'; put(s); p += s.length; signWrote = true; }
      } else if (is(F.BRACKET)) { put(sign === '+' ? ' ' : '<'); p++; signWrote = true; } else if (sign === '+') {
        if (!is(F.FILLMODE)) { put(' '); p++; }
        signWrote = true;
      } else if (sign === '-') { put('-'); p++; signWrote = true; }
    }
    if (id === K.N9 || id === K.N0 || id === K.D || id === K.DEC) {
      if (numCurr < outPreSpaces && (num.zeroStart > numCurr || !is(F.ZERO))) {
        if (!is(F.FILLMODE)) { put(' '); p++; }
      } else if (is(F.ZERO) && numCurr < outPreSpaces && num.zeroStart <= numCurr) {
        put('0'); p++; numIn = true;
      } else {
        if (number[np] === '.') {
          if (!relIsDot() || is(F.FILLMODE)) { put('.'); p++; }
        } else if (lastRel >= 0 && np > lastRel && id !== K.N0) {
          // trailing zeros FM drops
        } else if (predecSpace()) {
          if (!is(F.FILLMODE)) { put(' '); p++; } else if (relIsDot()) { put('0'); p++; }
        } else { put(number[np] ?? ''); if (np < number.length) p++; numIn = true; }
        if (np < number.length) ++np;
      }
      let end = numCount + (outPreSpaces ? 1 : 0) + (is(F.DECIMAL) ? 1 : 0);
      if (lastRel >= 0 && lastRel === np) end = numCurr;
      if (numCurr + 1 === end) {
        if (signWrote && is(F.BRACKET)) { put(sign === '+' ? ' ' : '>'); p++; } else if (is(F.LSIGN) && num.lsign === LSIGN_POST) {
          const s = sign === '-' ? '-' : '+';
          put(s); p += s.length;
        }
      }
    }
    ++numCurr;
  };

  for (const n of nodes) {
    if ('ch' in n) { put(n.ch); p += n.ch.length; continue; }
    switch (n.key) {
      case K.N9: case K.N0: case K.DEC: case K.D: numpart(n.key); continue;
      case K.COMMA: case K.G:
        if (!numIn) { if (is(F.FILLMODE)) continue; put(' '); } else put(',');
        break;
      case K.L: put(' '); break;
      case K.RN: case K.rn: {
        const r = n.key === K.rn ? number.toLowerCase() : number;
        const s = is(F.FILLMODE) ? r : r.padStart(15);
        put(s); p += s.length - 1;
        break;
      }
      case K.TH: case K.th:
        if (is(F.ROMAN) || number[0] === '#' || sign === '-' || is(F.DECIMAL)) continue;
        put(getTh(number, n.key === K.TH)); p += 1;
        break;
      case K.MI:
        if (sign === '-') put('-'); else if (is(F.FILLMODE)) continue; else put(' ');
        break;
      case K.PL:
        if (sign === '+') put('+'); else if (is(F.FILLMODE)) continue; else put(' ');
        break;
      case K.SG: put(sign); break;
      default: continue;
    }
    p++;
  }
  return out.slice(0, p).join('');
}

/** to_char's common tail: pad or overflow to '#'. */
function finish(fmt: string, num: NumDesc, nodes: Node[], digits: string, sign: string): string {
  let outPreSpaces = 0;
  let numstr = digits;
  const point = numstr.indexOf('.');
  const preLen = point >= 0 ? point : numstr.length;
  if (preLen < num.pre) outPreSpaces = num.pre - preLen;
  else if (preLen > num.pre) numstr = '#'.repeat(num.pre) + '.' + '#'.repeat(num.post);
  void fmt;
  return toCharProcess(nodes, num, numstr, outPreSpaces, sign);
}

export interface NumberLike {
  /** The value rounded to `scale` fractional digits, as numeric_out prints it. */
  fixed(scale: number): string;
  /** numeric_out_sci / %+.*e: the value in scientific notation (sign only when negative). */
  sci(digits: number): string;
  /** The value times 10^n. */
  shift(n: number): NumberLike;
  /** Rounded to an integer for RN (PG_INT32_MAX when out of range). */
  roman(): number;
  special: boolean;
}

/** to_char for any number: the format applied to the value. */
export function numberToChar(v: NumberLike, fmt: string, kind: 'numeric' | 'int' | 'float4' | 'float8'): string {
  if (fmt.length === 0) return '';
  const { nodes, num } = parseFormat(fmt);
  const is = (f: number) => (num.flag & f) !== 0;
  if (is(F.ROMAN)) return toCharProcess(nodes, num, intToRoman(v.roman()), 0, '');
  if (is(F.EEEE)) {
    if (v.special) {
      const chars = ('#'.repeat(num.pre + num.post + 6)).split('');
      chars[0] = ' ';
      chars[num.pre + 1] = '.';
      return toCharProcess(nodes, num, chars.join(''), 0, '');
    }
    const s = v.sci(num.post);
    return toCharProcess(nodes, num, s.startsWith('-') ? s : ' ' + s, 0, '');
  }
  let val = v;
  if (is(F.MULTI)) { val = v.shift(num.multi); num.pre += num.multi; }
  if (kind === 'float4' || kind === 'float8') {
    const maxDigits = kind === 'float4' ? 6 : 15;
    const intLen = val.fixed(0).replace('-', '').length;
    if (intLen >= maxDigits) num.post = 0;
    else if (intLen + num.post > maxDigits) num.post = maxDigits - intLen;
  }
  let text = kind === 'int' && num.post ? `${val.fixed(0)}.${'0'.repeat(num.post)}` : val.fixed(num.post);
  let sign = '+';
  if (text.startsWith('-')) { sign = '-'; text = text.slice(1); }
  return finish(fmt, num, nodes, text, sign);
}
