// FOR VALUES …: a partition bound as written, turned into values of the partition key's types
// (parse_utilcmd.c's transformPartitionBound), with PostgreSQL's errors and their positions.
import { PgError } from '../errors/index.js';
import type { PartitionBound, RangeDatum, Table } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import type { CommandContext } from './context.js';
import { keyComparators } from '../catalog/partition-bounds.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

/** A transformed bound, with where each of its values was written (for later errors). */
export interface BoundSpec {
  bound: PartitionBound;
  /** FOR VALUES' own position. */
  location: number;
  listLocations: number[];
  lowerLocations: number[];
  upperLocations: number[];
}

/** exprLocation of a raw expression: its leftmost token. */
export function rawLocation(e: any): number {
  let best = -1;
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) { n.forEach(walk); return; }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'location' && typeof v === 'number' && v >= 0 && (best < 0 || v < best)) best = v;
      else if (v && typeof v === 'object') walk(v);
    }
  };
  walk(e);
  return best;
}

/** The name of key column i for messages: the column, or the expression's text. */
function keyColumnName(parent: Table, i: number): string {
  const key = parent.partitionKey!;
  if (key.attnums[i]) return parent.columns[key.attnums[i] - 1].name;
  const j = key.attnums.slice(0, i).filter(a => a === 0).length;
  return key.exprs[j].text;
}

export function transformBound(cx: CommandContext, parent: Table, spec: any): BoundSpec {
  const key = parent.partitionKey!;
  const strategy = key.strategy;
  const location = spec.location ?? -1;
  const out: BoundSpec = { bound: { strategy, isDefault: false }, location, listLocations: [], lowerLocations: [], upperLocations: [] };
  if (spec.is_default) {
    if (strategy === 'h') throw new PgError('42P16', 'a hash-partitioned table may not have a default partition');
    out.bound.isDefault = true;
    return out;
  }
  const invalid = (what: string) => new PgError('42P16', `invalid bound specification for a ${what} partition`, pos(location));
  if (strategy === 'h') {
    if (spec.strategy !== 'h') throw invalid('hash');
    const modulus = Number(spec.modulus ?? 0), remainder = Number(spec.remainder ?? 0);
    if (modulus <= 0) throw new PgError('42P16', 'modulus for hash partition must be an integer value greater than zero');
    if (remainder < 0) throw new PgError('42P16', 'remainder for hash partition must be an integer value greater than or equal to zero');
    if (remainder >= modulus) throw new PgError('42P16', 'remainder for hash partition must be less than modulus');
    out.bound.modulus = modulus;
    out.bound.remainder = remainder;
  } else if (strategy === 'l') {
    if (spec.strategy !== 'l') throw invalid('list');
    const cmp = keyComparators(key)[0];
    const values: unknown[] = [];
    for (const d of (spec.listdatums ?? []) as any[]) {
      const v = boundValue(cx, d, keyColumnName(parent, 0), key.types[0], key.typmods[0]);
      // duplicates are dropped (equal constants)
      if (values.some(x => (x === null ? v === null : v !== null && cmp(x, v) === 0))) continue;
      values.push(v);
      out.listLocations.push(rawLocation(d));
    }
    out.bound.values = values;
  } else {
    if (spec.strategy !== 'r') throw invalid('range');
    const n = key.attnums.length;
    if ((spec.lowerdatums ?? []).length !== n) throw new PgError('42P16', 'FROM must specify exactly one value per partitioning column');
    if ((spec.upperdatums ?? []).length !== n) throw new PgError('42P16', 'TO must specify exactly one value per partitioning column');
    out.bound.lower = rangeBounds(cx, parent, spec.lowerdatums, out.lowerLocations);
    out.bound.upper = rangeBounds(cx, parent, spec.upperdatums, out.upperLocations);
  }
  return out;
}

/** transformPartitionRangeBounds: MINVALUE/MAXVALUE, values, and that infinite bounds are not followed by finite ones. */
function rangeBounds(cx: CommandContext, parent: Table, list: any[], locations: number[]): RangeDatum[] {
  const key = parent.partitionKey!;
  const out: RangeDatum[] = [];
  let i = 0;
  for (const e of list) {
    const f = e.ColumnRef?.fields;
    const name = f?.length === 1 && f[0].String ? f[0].String.sval : null;
    locations.push(rawLocation(e));
    if (name === 'minvalue' || name === 'maxvalue') { out.push({ kind: name }); continue; }
    const v = boundValue(cx, e, keyColumnName(parent, i), key.types[i], key.typmods[i]);
    if (v === null) throw new PgError('42P16', 'cannot specify NULL in range bound');
    out.push({ kind: 'value', value: v });
    i++;
  }
  // validateInfiniteBounds
  let seen: 'minvalue' | 'maxvalue' | null = null;
  out.forEach((d, j) => {
    if (seen && d.kind !== seen) {
      throw new PgError('42804', `every bound following ${seen.toUpperCase()} must also be ${seen.toUpperCase()}`, pos(locations[j]));
    }
    if (d.kind !== 'value') seen = d.kind;
  });
  return out;
}

/** transformPartitionBoundValue: a constant expression evaluated, of the key column's type. */
function boundValue(cx: CommandContext, e: any, colName: string, typeOid: number, typmod: number): unknown {
  forbidInBound(e);
  const c = cx.compileExpr(null, e, 'partition bound', typeOid, typmod);
  if (e.CollateClause && typeByOid(c.type)?.category !== 'S' && c.type !== OID.unknown) {
    throw new PgError('42804', `collations are not supported by type ${typeByOid(c.type)?.formatType(-1) ?? c.type}`, pos(e.CollateClause.location));
  }
  if (!c.fn) {
    throw new PgError('42804', `specified value cannot be cast to type ${typeByOid(typeOid)?.formatType(-1) ?? typeOid} for column "${colName}"`, pos(rawLocation(e)));
  }
  const v = c.fn([]);
  return v === undefined ? null : v;
}

/** Column references and subqueries cannot appear in a bound (transformExpr's EXPR_KIND_PARTITION_BOUND checks). */
function forbidInBound(e: any): void {
  if (!e || typeof e !== 'object') return;
  if (Array.isArray(e)) { e.forEach(forbidInBound); return; }
  if (e.SubLink) throw new PgError('0A000', 'cannot use subquery in partition bound', pos(e.SubLink.location));
  if (e.ColumnRef) throw new PgError('42P10', 'cannot use column reference in partition bound expression', pos(e.ColumnRef.location));
  for (const v of Object.values(e)) if (v && typeof v === 'object') forbidInBound(v);
}

/** A bound value as get_const_expr prints it without a type label. */
export type Format = (v: unknown, typeOid: number) => string;

export function constText(format: Format, v: unknown, typeOid: number): string {
  if (v === null) return 'NULL';
  const text = format(v, typeOid);
  if (typeOid === OID.int4) return text.startsWith('-') ? `'${text}'` : text;
  if (typeOid === OID.numeric) return /^\d/.test(text) && /[eE.]/.test(text) ? text : `'${text}'`;
  if (typeOid === OID.bool) return text === 't' ? 'true' : 'false';
  return `'${text.replace(/'/g, "''")}'`;
}

/** pg_get_expr of relpartbound: FOR VALUES IN (…) / FROM (…) TO (…) / WITH (…), or DEFAULT. */
export function boundText(format: Format, parent: Table, b: PartitionBound): string {
  if (b.isDefault) return 'DEFAULT';
  const key = parent.partitionKey!;
  if (b.strategy === 'h') return `FOR VALUES WITH (modulus ${b.modulus}, remainder ${b.remainder})`;
  if (b.strategy === 'l') return `FOR VALUES IN (${b.values!.map(v => constText(format, v, key.types[0])).join(', ')})`;
  return `FOR VALUES FROM ${rangeText(format, parent, b.lower!)} TO ${rangeText(format, parent, b.upper!)}`;
}

/** get_range_partbound_string: (1, MINVALUE). */
export function rangeText(format: Format, parent: Table, datums: RangeDatum[]): string {
  const key = parent.partitionKey!;
  return `(${datums.map((d, i) => (d.kind === 'value' ? constText(format, d.value, key.types[i]) : d.kind.toUpperCase())).join(', ')})`;
}
