// A partition's constraint as PostgreSQL derives it from the bounds (partbounds.c's
// get_qual_for_list / get_qual_for_range / get_qual_for_hash, with the ancestors' first) and
// pg_get_partition_constraintdef prints it.
import type { PartitionBound, RangeDatum, Table } from '../catalog/objects.js';
import { boundInfo } from '../catalog/partition-bounds.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import type { Format } from './partition-bound.js';

const quote = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

/** get_const_expr with its type label. */
function constExpr(format: Format, v: unknown, type: number): string {
  const text = format(v, type);
  if (type === OID.int4) return text.startsWith('-') ? `'${text}'::integer` : text;
  if (type === OID.numeric) return /^\d/.test(text) && /[eE.]/.test(text) ? text : `'${text}'::numeric`;
  if (type === OID.bool) return text === 't' ? 'true' : 'false';
  return `'${text.replace(/'/g, "''")}'::${typeByOid(type)?.formatType(-1) ?? type}`;
}

/** Each key column's text: the column, or the expression as deparsed. */
function keyCols(parent: Table): string[] {
  const key = parent.partitionKey!;
  let j = 0;
  return key.attnums.map(a => (a ? quote(parent.columns[a - 1].name) : key.exprs[j++].text));
}

const and = (xs: string[]) => (xs.length === 1 ? xs[0] : `(${xs.join(' AND ')})`);
const or = (xs: string[]) => (xs.length === 1 ? xs[0] : `(${xs.join(' OR ')})`);

function listQual(format: Format, parent: Table, b: PartitionBound): string[] {
  const key = parent.partitionKey!;
  const col = keyCols(parent)[0];
  let values: unknown[];
  let withNull: boolean;
  if (b.isDefault) {
    const info = boundInfo(parent);
    values = info.listValues.map(v => v.value);
    withNull = info.nullIndex >= 0;
  } else {
    values = b.values!.filter(v => v !== null);
    withNull = b.values!.some(v => v === null);
  }
  let expr: string | null = null;
  if (values.length) {
    const consts = values.map(v => constExpr(format, v, key.types[0]));
    expr = consts.length === 1 ? `(${col} = ${consts[0]})` : `(${col} = ANY (ARRAY[${consts.join(', ')}]))`;
  }
  const nullTest = `(${col} IS ${withNull ? '' : 'NOT '}NULL)`;
  let result: string[];
  if (withNull) result = [expr ? `(${nullTest} OR ${expr})` : nullTest];
  else result = [nullTest, ...(expr ? [expr] : [])];
  if (b.isDefault) return [`(NOT ${and(result)})`];
  return result;
}

/** get_qual_for_range without the NOT NULL tests. */
function rangeArms(format: Format, parent: Table, lower: RangeDatum[], upper: RangeDatum[]): string[] {
  const key = parent.partitionKey!;
  const cols = keyCols(parent);
  const n = cols.length;
  const result: string[] = [];
  const val = (d: RangeDatum, i: number) => (d.kind === 'value' ? constExpr(format, d.value, key.types[i]) : null);
  const cmp = typeByOid(key.types[0]);
  let i = 0;
  for (; i < n; i++) {
    const l = lower[i], u = upper[i];
    if (l.kind !== 'value' || u.kind !== 'value') break;
    const c = typeByOid(key.types[i]) ?? cmp;
    if (c!.compare(l.value, u.value) !== 0) break;
    result.push(`(${cols[i]} = ${val(l, i)})`);
  }
  const lowerArms: string[] = [], upperArms: string[] = [];
  let needLower = true, needUpper = true;
  for (let arm = 0; arm < n - i; arm++) {
    const la: string[] = [], ua: string[] = [];
    for (let j = i; j < n; j++) {
      const lv = val(lower[j], j), uv = val(upper[j], j);
      const lnext = lower[j + 1], unext = upper[j + 1];
      if (needLower && lv) {
        const op = j - i < arm ? '=' : j === n - 1 || lnext?.kind === 'minvalue' ? '>=' : '>';
        la.push(`(${cols[j]} ${op} ${lv})`);
      }
      if (needUpper && uv) {
        const op = j - i < arm ? '=' : unext?.kind === 'maxvalue' ? '<=' : '<';
        ua.push(`(${cols[j]} ${op} ${uv})`);
      }
      if (j + 1 - i > arm) {
        if (!lv || !lnext || lnext.kind !== 'value') needLower = false;
        if (!uv || !unext || unext.kind !== 'value') needUpper = false;
        break;
      }
    }
    if (la.length) lowerArms.push(and(la));
    if (ua.length) upperArms.push(and(ua));
    if (!needLower && !needUpper) break;
  }
  if (lowerArms.length) result.push(or(lowerArms));
  if (upperArms.length) result.push(or(upperArms));
  return result;
}

function rangeQual(format: Format, parent: Table, b: PartitionBound): string[] {
  const nullTests = keyCols(parent).map(c => `(${c} IS NOT NULL)`);
  if (!b.isDefault) {
    const arms = rangeArms(format, parent, b.lower!, b.upper!);
    const all = [...nullTests, ...arms];
    return all.length ? all : ['true'];
  }
  const others = boundInfo(parent).parts.filter(p => !p.partitionBound!.isDefault).map(p => {
    const q = rangeArms(format, parent, p.partitionBound!.lower!, p.partitionBound!.upper!);
    return q.length ? and(q) : 'false';
  });
  if (!others.length) return [];
  return [`(NOT ${and([...nullTests, or(others)])})`];
}

function hashQual(parent: Table, b: PartitionBound): string[] {
  return [`satisfies_hash_partition('${parent.oid}'::oid, ${b.modulus}, ${b.remainder}, ${keyCols(parent).join(', ')})`];
}

/** The partition's own quals (generate_partition_qual: the parent's first). */
function partitionQual(t: Table, format: Format): string[] {
  const b = t.partitionBound;
  if (!b) return [];
  const parent = t.parents[0];
  const own = b.strategy === 'l' ? listQual(format, parent, b) : b.strategy === 'r' ? rangeQual(format, parent, b) : hashQual(parent, b);
  return [...partitionQual(parent, format), ...own];
}

export function partitionConstraintDef(t: Table, format: Format): string | null {
  const q = partitionQual(t, format);
  if (!q.length) return null;
  return q.length === 1 ? q[0] : `(${q.join(' AND ')})`;
}
