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

/** Each key column's text: the column, or the expression as deparsed; a whole-row key is the
 * leaf partition's row converted to the parent's row type. */
function keyCols(parent: Table, leaf: Table): string[] {
  const key = parent.partitionKey!;
  let j = 0;
  return key.attnums.map(a => {
    if (a) return quote(parent.columns[a - 1].name);
    const e = key.exprs[j++];
    return isWholeRow(parent, e.expr) ? `(${quote(leaf.name)}.*)::${quote(parent.name)}` : e.text;
  });
}

/** Is the key expression the table's whole row ("(t)" or "(t.*)")? */
function isWholeRow(parent: Table, raw: any): boolean {
  const f = raw?.ColumnRef?.fields;
  const name = (n: any) => n?.String?.sval;
  if (f?.length === 1) return name(f[0]) === parent.name && !parent.columns.some(c => !c.dropped && c.name === parent.name);
  return f?.length === 2 && name(f[0]) === parent.name && !!f[1].A_Star;
}

/** Is key column i a whole-row key (tested for NULL as one value)? */
function rowKey(parent: Table, i: number): boolean {
  const key = parent.partitionKey!;
  if (key.attnums[i]) return false;
  const j = key.attnums.slice(0, i).filter(a => !a).length;
  return isWholeRow(parent, key.exprs[j].expr);
}

/** A key's NULL test: a row-valued key is tested as one value (ruleutils prints a NullTest
 * on a row that is not argisrow as IS [NOT] DISTINCT FROM NULL). */
const nullTestOf = (col: string, isRow: boolean, isNull: boolean) =>
  isRow ? `(${col} IS ${isNull ? 'NOT ' : ''}DISTINCT FROM NULL)` : `(${col} IS ${isNull ? '' : 'NOT '}NULL)`;

const and = (xs: string[]) => (xs.length === 1 ? xs[0] : `(${xs.join(' AND ')})`);
const or = (xs: string[]) => (xs.length === 1 ? xs[0] : `(${xs.join(' OR ')})`);

function listQual(format: Format, parent: Table, b: PartitionBound, leaf: Table): string[] {
  const key = parent.partitionKey!;
  const col = keyCols(parent, leaf)[0];
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
    // an array-typed key cannot use = ANY (an array of arrays): one equality per value, ORed
    const arrayKey = typeByOid(key.types[0])?.category === 'A';
    expr = consts.length === 1 ? `(${col} = ${consts[0]})`
      : arrayKey ? or(consts.map(c => `(${col} = ${c})`)) : `(${col} = ANY (ARRAY[${consts.join(', ')}]))`;
  }
  const nullTest = nullTestOf(col, rowKey(parent, 0), withNull);
  let result: string[];
  if (withNull) result = [expr ? `(${nullTest} OR ${expr})` : nullTest];
  else result = [nullTest, ...(expr ? [expr] : [])];
  if (b.isDefault) return [`(NOT ${and(result)})`];
  return result;
}

/** get_qual_for_range without the NOT NULL tests. */
function rangeArms(format: Format, parent: Table, lower: RangeDatum[], upper: RangeDatum[], leaf: Table): string[] {
  const key = parent.partitionKey!;
  const cols = keyCols(parent, leaf);
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

function rangeQual(format: Format, parent: Table, b: PartitionBound, leaf: Table): string[] {
  const nullTests = keyCols(parent, leaf).map((c, i) => nullTestOf(c, rowKey(parent, i), false));
  if (!b.isDefault) {
    const arms = rangeArms(format, parent, b.lower!, b.upper!, leaf);
    const all = [...nullTests, ...arms];
    return all.length ? all : ['true'];
  }
  const others = boundInfo(parent).parts.filter(p => !p.partitionBound!.isDefault).map(p => {
    const q = rangeArms(format, parent, p.partitionBound!.lower!, p.partitionBound!.upper!, leaf);
    return q.length ? and(q) : 'false';
  });
  if (!others.length) return [];
  return [`(NOT ${and([...nullTests, or(others)])})`];
}

function hashQual(parent: Table, b: PartitionBound, leaf: Table): string[] {
  return [`satisfies_hash_partition('${parent.oid}'::oid, ${b.modulus}, ${b.remainder}, ${keyCols(parent, leaf).join(', ')})`];
}

/** The partition's own quals (generate_partition_qual: the parent's first). */
function partitionQual(t: Table, format: Format, leaf: Table = t): string[] {
  const b = t.partitionBound;
  if (!b) return [];
  const parent = t.parents[0];
  const own = b.strategy === 'l' ? listQual(format, parent, b, leaf) : b.strategy === 'r' ? rangeQual(format, parent, b, leaf) : hashQual(parent, b, leaf);
  return [...partitionQual(parent, format, leaf), ...own];
}

export function partitionConstraintDef(t: Table, format: Format): string | null {
  const q = partitionQual(t, format);
  if (!q.length) return null;
  return q.length === 1 ? q[0] : `(${q.join(' AND ')})`;
}
