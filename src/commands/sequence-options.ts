// The options of CREATE/ALTER SEQUENCE and of identity columns, checked and combined
// as PostgreSQL's init_params (src/backend/commands/sequence.c) does.
import { PgError } from '../errors/index.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { OID } from '../types/oids.js';
import { parseInt8 } from '../types/integers.js';
import { typeByOid } from '../types/registry.js';
import type { Sequence } from '../catalog/objects.js';

/** The pg_sequence row and the sequence's data (last_value, is_called, log_cnt). */
export type SeqParams = Pick<Sequence, 'typeOid' | 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle' | 'lastValue' | 'isCalled' | 'logCnt'>;

/** Options as written; `null` for the argument-less forms (NO MINVALUE, RESTART). */
export interface SeqOptions {
  as?: number;
  increment?: bigint;
  start?: bigint;
  restart?: bigint | null;
  max?: bigint | null;
  min?: bigint | null;
  cache?: bigint;
  cycle?: boolean;
  /** OWNED BY names (['none'] for OWNED BY NONE). */
  ownedBy?: string[];
  /** SEQUENCE NAME of an identity column. */
  sequenceName?: string[];
  /** The options that change how values are generated (all but OWNED BY). */
  changesValues: boolean;
}

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);
const str = (n: any): string => n.String?.sval ?? n.sval;

/** defGetInt64: an integer constant (large ones arrive as Float text). */
function int64Arg(d: any): bigint {
  const a = d.arg;
  if (a?.Integer) return BigInt(a.Integer.ival ?? 0);
  if (a?.Float) return parseInt8(a.Float.fval);
  if (a?.A_Const?.ival) return BigInt(a.A_Const.ival.ival ?? 0);
  throw new PgError('42601', `${d.defname} requires a numeric value`);
}

const KEYS: Record<string, keyof SeqOptions> = {
  as: 'as', increment: 'increment', start: 'start', restart: 'restart', maxvalue: 'max', minvalue: 'min',
  cache: 'cache', cycle: 'cycle', owned_by: 'ownedBy', sequence_name: 'sequenceName',
};

/** Reads DefElem options. sequence_name is accepted only for identity columns. */
export function parseSeqOptions(options: any[] | undefined, forIdentity: boolean): SeqOptions {
  const o: SeqOptions = { changesValues: false };
  for (const el of options ?? []) {
    const d = el.DefElem;
    const key = KEYS[d.defname];
    if (!key) throw new PgError('XX000', `option "${d.defname}" not recognized`);
    if (key === 'sequenceName' && !forIdentity) throw new PgError('42601', 'invalid sequence option SEQUENCE NAME', pos(d.location));
    if (o[key] !== undefined) throw new PgError('42601', 'conflicting or redundant options', pos(d.location));
    if (key !== 'ownedBy' && key !== 'sequenceName') o.changesValues = true;
    switch (key) {
      case 'as': o.as = resolveTypeName(d.arg.TypeName).oid; break;
      case 'cycle': o.cycle = !!d.arg?.Boolean?.boolval; break;
      case 'ownedBy': case 'sequenceName': o[key] = (d.arg.List.items as any[]).map(str); break;
      case 'restart': case 'max': case 'min': o[key] = d.arg ? int64Arg(d) : null; break;
      case 'increment': case 'start': case 'cache': o[key] = int64Arg(d); break;
    }
  }
  return o;
}

const RANGE: Record<number, [bigint, bigint]> = {
  [OID.int2]: [-32768n, 32767n],
  [OID.int4]: [-2147483648n, 2147483647n],
  [OID.int8]: [-9223372036854775808n, 9223372036854775807n],
};

const invalid = (msg: string) => new PgError('22023', msg);

/**
 * New parameters from the options: `cur` null for CREATE (unspecified options take
 * their defaults), the current ones for ALTER (unspecified options stay).
 */
export function initParams(o: SeqOptions, forIdentity: boolean, cur: SeqParams | null): SeqParams {
  const isInit = cur === null;
  const p: SeqParams = cur ? { ...cur } : {
    typeOid: OID.int8, start: 0n, increment: 1n, min: 0n, max: 0n, cache: 1n, cycle: false, lastValue: 0n, isCalled: false, logCnt: 0n,
  };
  let resetMax = false, resetMin = false;
  if (o.as !== undefined) {
    if (!RANGE[o.as]) {
      throw invalid(forIdentity ? 'identity column type must be smallint, integer, or bigint' : 'sequence type must be smallint, integer, or bigint');
    }
    if (!isInit) {
      // bounds that were the old type's own limits follow the type change
      const [lo, hi] = RANGE[p.typeOid];
      resetMax = p.max === hi;
      resetMin = p.min === lo;
    }
    p.typeOid = o.as;
  }
  const [typeMin, typeMax] = RANGE[p.typeOid];
  const typeName = typeByOid(p.typeOid)!.formatType(-1);
  if (o.increment !== undefined) {
    if (o.increment === 0n) throw invalid('INCREMENT must not be zero');
    p.increment = o.increment;
  }
  if (o.cycle !== undefined) p.cycle = o.cycle;
  if (o.max !== undefined && o.max !== null) p.max = o.max;
  else if (isInit || o.max !== undefined || resetMax) p.max = p.increment > 0n || resetMax ? typeMax : -1n;
  if (p.max < typeMin || p.max > typeMax) throw invalid(`MAXVALUE (${p.max}) is out of range for sequence data type ${typeName}`);
  if (o.min !== undefined && o.min !== null) p.min = o.min;
  else if (isInit || o.min !== undefined || resetMin) p.min = p.increment < 0n || resetMin ? typeMin : 1n;
  if (p.min < typeMin || p.min > typeMax) throw invalid(`MINVALUE (${p.min}) is out of range for sequence data type ${typeName}`);
  if (p.min >= p.max) throw invalid(`MINVALUE (${p.min}) must be less than MAXVALUE (${p.max})`);
  if (o.start !== undefined) p.start = o.start;
  else if (isInit) p.start = p.increment > 0n ? p.min : p.max;
  if (p.start < p.min) throw invalid(`START value (${p.start}) cannot be less than MINVALUE (${p.min})`);
  if (p.start > p.max) throw invalid(`START value (${p.start}) cannot be greater than MAXVALUE (${p.max})`);
  if (o.restart !== undefined) {
    p.lastValue = o.restart ?? p.start;
    p.isCalled = false;
  } else if (isInit) {
    p.lastValue = p.start;
    p.isCalled = false;
  }
  if (p.lastValue < p.min) throw invalid(`RESTART value (${p.lastValue}) cannot be less than MINVALUE (${p.min})`);
  if (p.lastValue > p.max) throw invalid(`RESTART value (${p.lastValue}) cannot be greater than MAXVALUE (${p.max})`);
  if (o.cache !== undefined) {
    if (o.cache <= 0n) throw invalid(`CACHE (${o.cache}) must be greater than zero`);
    p.cache = o.cache;
  }
  if (o.changesValues) p.logCnt = 0n;
  return p;
}
