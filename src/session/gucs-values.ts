// Values of configuration parameters as guc.c reads and prints them: booleans, integers and
// reals with units (parse_int, parse_real, convert_to_base_unit, and the SHOW form that picks
// the largest unit dividing the value), enums, and SET's arguments flattened to one string
// (flatten_set_variable_args).
import { PgError } from '../errors/index.js';

export type GucType = 'bool' | 'integer' | 'real' | 'string' | 'enum';

/** Conversions of each base unit, largest first (guc.c's memory and time unit tables). */
const MEMORY: Record<string, [string, number][]> = {};
const TIME: Record<string, [string, number][]> = {};
{
  const mem = [['TB', 1024 ** 4], ['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024], ['B', 1]] as const;
  const bases: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, '8kB': 8192 };
  for (const [base, bytes] of Object.entries(bases)) MEMORY[base] = mem.map(([u, b]) => [u, b / bytes]);
  const time = [['d', 86400000], ['h', 3600000], ['min', 60000], ['s', 1000], ['ms', 1], ['us', 0.001]] as const;
  const tbases: Record<string, number> = { ms: 1, s: 1000, min: 60000 };
  for (const [base, ms] of Object.entries(tbases)) TIME[base] = time.map(([u, m]) => [u, m / ms]);
}
const unitTable = (unit: string) => MEMORY[unit] ?? TIME[unit];

export const MEMORY_UNITS_HINT = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';
export const TIME_UNITS_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".';

/** parse_bool: on/off, true/false, yes/no, 1/0 and unique prefixes of the words. */
export function parseBool(v: string): boolean | null {
  const s = v.trim().toLowerCase();
  if (!s) return null;
  if ('true'.startsWith(s) || 'yes'.startsWith(s) || s === 'on' || s === '1') return true;
  if ('false'.startsWith(s) || 'no'.startsWith(s) || s === 'off' || s === 'of' || s === '0') return false;
  return null;
}

/** strtol(…, 0) then strtod: the numeric prefix and the rest; null when there is no number. */
function numberPrefix(v: string): { n: number; rest: string } | null {
  const s = v.replace(/^\s+/, '');
  const hex = /^([+-]?)0x([0-9a-f]+)/i.exec(s);
  if (hex) return { n: (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16), rest: s.slice(hex[0].length) };
  const m = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s) ?? /^[+-]?(inf(inity)?|nan)/i.exec(s);
  if (!m) return null;
  const text = m[0].toLowerCase().replace(/inf(inity)?/, 'Infinity').replace('nan', 'NaN');
  const oct = /^[+-]?0[0-7]+$/.test(m[0]) ? parseInt(m[0], 8) : Number(text);
  return { n: oct, rest: s.slice(m[0].length) };
}

/** A number with an optional unit, in the parameter's base unit; a failure gives the hint, if any. */
function parseWithUnit(v: string, unit: string | null): { n: number } | { hint?: string } {
  const p = numberPrefix(v);
  if (!p || Number.isNaN(p.n)) return {};
  const rest = p.rest.trim();
  if (!rest) return { n: p.n };
  if (!unit) return {};
  const table = unitTable(unit);
  const hint = MEMORY[unit] ? MEMORY_UNITS_HINT : TIME_UNITS_HINT;
  const i = table.findIndex(([u]) => u === rest);
  if (i < 0) return { hint };
  let value = p.n * table[i][1];
  // a fractional value is rounded to a whole number of the next smaller unit
  if (i + 1 < table.length) value = Math.round(value / table[i + 1][1]) * table[i + 1][1];
  return { n: value };
}

/** rint: halves to even, as C's default rounding mode does. */
const rint = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

export interface NumericSpec { name: string; unit: string | null; min: number; max: number }

/** parse_int with the range check (parse_and_validate_value): the value in the base unit. */
export function parseIntSetting(v: string, g: NumericSpec): number {
  const r = parseWithUnit(v, g.unit);
  if (!('n' in r)) throw new PgError('22023', `invalid value for parameter "${g.name}": "${v}"`, { hint: r.hint });
  const n = rint(r.n);
  if (n > 2147483647 || n < -2147483648) {
    throw new PgError('22023', `invalid value for parameter "${g.name}": "${v}"`, { hint: 'Value exceeds integer range.' });
  }
  if (n < g.min || n > g.max) {
    throw new PgError('22023', `${n}${g.unit ? ' ' + g.unit : ''} is outside the valid range for parameter "${g.name}" (${g.min} .. ${g.max})`);
  }
  return n;
}

/** parse_real with the range check. */
export function parseRealSetting(v: string, g: NumericSpec): number {
  const r = parseWithUnit(v, g.unit);
  if (!('n' in r) || !Number.isFinite(r.n)) throw new PgError('22023', `invalid value for parameter "${g.name}": "${v}"`, { hint: 'hint' in r ? r.hint : undefined });
  if (r.n < g.min || r.n > g.max) {
    throw new PgError('22023', `${fmtG(r.n)}${g.unit ? ' ' + g.unit : ''} is outside the valid range for parameter "${g.name}" (${fmtG(g.min)} .. ${fmtG(g.max)})`);
  }
  return r.n;
}

/** C's printf("%g"): 6 significant digits, exponent form outside 1e-4 .. 1e6. */
export function fmtG(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential(5).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  const s = x.toPrecision(6);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** The SHOW form of an integer: with the largest unit that divides it (none when not positive). */
export function showInt(n: number, unit: string | null): string {
  if (!unit || n <= 0) return String(n);
  for (const [u, mult] of unitTable(unit)) {
    if (mult <= 1 || n % mult === 0) return `${rint(n / mult)}${u}`;
  }
  return String(n);
}

/** The SHOW form of a real: the first unit giving (nearly) a whole number, else the smallest. */
export function showReal(x: number, unit: string | null): string {
  if (!unit || x <= 0) return fmtG(x);
  let out = '';
  for (const [u, mult] of unitTable(unit)) {
    const v = x / mult;
    out = `${fmtG(v)}${u}`;
    if (v > 0 && Math.abs(rint(v) / v - 1) <= 1e-8) break;
  }
  return out;
}

/**
 * SplitIdentifierString: a comma-separated list of identifiers, double-quoted ones kept as
 * written, others down-cased; null when malformed.
 */
export function splitIdentifiers(v: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const ws = () => { while (i < v.length && /\s/.test(v[i])) i++; };
  ws();
  if (i >= v.length) return out;
  for (;;) {
    let name: string;
    if (v[i] === '"') {
      let j = i + 1;
      name = '';
      for (;;) {
        const q = v.indexOf('"', j);
        if (q < 0) return null;
        name += v.slice(j, q);
        if (v[q + 1] === '"') { name += '"'; j = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      const start = i;
      while (i < v.length && v[i] !== ',' && !/\s/.test(v[i])) i++;
      if (i === start) return null;
      name = v.slice(start, i).toLowerCase();
    }
    out.push(name.slice(0, 63));
    ws();
    if (i >= v.length) return out;
    if (v[i] !== ',') return null;
    i++;
    ws();
  }
}
