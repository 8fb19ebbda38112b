// The DETAIL texts of constraint violations, worded as PostgreSQL's.
import type { Constraint, Table } from '../catalog/objects.js';
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';
import type { WriteContext } from './context.js';

export function failingRow(ctx: WriteContext, table: Table, row: unknown[]): string {
  const parts: string[] = [];
  table.columns.forEach((c, i) => {
    if (c.dropped) return;
    const v = row[i];
    parts.push(v === null || v === undefined ? 'null' : ctx.formatValue(v, c.typeOid));
  });
  return `Failing row contains (${parts.join(', ')}).`;
}

export function keyText(ctx: WriteContext, table: Table, attnums: number[], values: unknown[]): string {
  let names = '', vals = '';
  for (let i = 0; i < attnums.length; i++) {
    const col = table.columns[attnums[i] - 1], v = values[i];
    if (i > 0) { names += ', '; vals += ', '; }
    names += col.name;
    vals += v === null ? 'null' : ctx.formatValue(v, col.typeOid);
  }
  return `Key (${names})=(${vals})`;
}

/**
 * A foreign key's texts for a failed check, remembered per constraint with the names they were
 * made from (a rename of the tables, the constraint or a key column makes them afresh).
 */
interface FkTexts { table: string; name: string; ref: string; cols: string[]; message: string; keyOpen: string; notPresent: string }
const fkTexts = new WeakMap<Constraint, FkTexts>();

function textsOf(c: Constraint): FkTexts {
  const hit = fkTexts.get(c);
  if (hit && hit.table === c.table.name && hit.name === c.name && hit.ref === c.fk!.refTable.name && sameNames(c, hit.cols)) return hit;
  const cols = c.columns.map(a => c.table.columns[a - 1].name);
  const t: FkTexts = { table: c.table.name, name: c.name, ref: c.fk!.refTable.name, cols,
    message: `insert or update on table "${c.table.name}" violates foreign key constraint "${c.name}"`,
    keyOpen: `Key (${cols.join(', ')})=(`, notPresent: `) is not present in table "${c.fk!.refTable.name}".` };
  fkTexts.set(c, t);
  return t;
}

function sameNames(c: Constraint, names: string[]): boolean {
  const cols = c.columns;
  for (let i = 0; i < cols.length; i++) if (c.table.columns[cols[i] - 1].name !== names[i]) return false;
  return true;
}

/**
 * The violation of a referencing row whose key is missing: "insert or update on table … violates
 * foreign key constraint …", DETAIL `Key (a, b)=(1, 2) is not present in table "t".` (W6's
 * path: the texts made once per constraint, the fields stored without an object of them).
 */
export function fkMissingKey(ctx: WriteContext, c: Constraint, key: unknown[]): PgError {
  const t = textsOf(c);
  const cols = c.columns, columns = c.table.columns;
  let vals = '';
  for (let i = 0; i < cols.length; i++) {
    const v = key[i];
    if (i > 0) vals += ', ';
    vals += v === null ? 'null' : ctx.formatValue(v, columns[cols[i] - 1].typeOid);
  }
  const e = new PgError('23503', t.message);
  e.detail = t.keyOpen + vals + t.notPresent;
  e.schema = c.table.schema.name;
  e.table = t.table;
  e.constraint = t.name;
  return e;
}

const quoteName = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The statement PostgreSQL's RI trigger runs for a referential action (ri_triggers.c), which
 * errors raised while it runs carry as their CONTEXT line.
 */
export function actionSql(c: Constraint, kind: 'pkdel' | 'pkupd', action: string): string {
  const table = c.table;
  const fk = c.fk!;
  // a partitioned table is named without ONLY: the statement reaches its partitions
  const rel = `${table.partitionKey ? '' : 'ONLY '}${quoteName(table.schema.name)}.${quoteName(table.name)}`;
  const names = c.columns.map(a => quoteName(table.columns[a - 1].name));
  const pkTypes = fk.refColumns.map(a => fk.refTable.columns[a - 1].typeOid);
  const fkTypes = c.columns.map(a => table.columns[a - 1].typeOid);
  const qual = (first: number) => ' WHERE ' + names.map((n, i) =>
    `$${first + i}${castFor(pkTypes[i], pkTypes[i], fkTypes[i])} OPERATOR(pg_catalog.=) ${n}${castFor(fkTypes[i], pkTypes[i], fkTypes[i])}`,
  ).join(' AND ');
  if (action === 'c' && kind === 'pkdel') return `DELETE FROM ${rel}${qual(1)}`;
  if (action === 'c') return `UPDATE ${rel} SET ${names.map((n, i) => `${n} = $${i + 1}`).join(', ')}${qual(names.length + 1)}`;
  const setCols = kind === 'pkdel' && fk.setColumns ? fk.setColumns : c.columns;
  const sets = setCols.map(a => `${quoteName(table.columns[a - 1].name)} = ${action === 'n' ? 'NULL' : 'DEFAULT'}`);
  return `UPDATE ${rel} SET ${sets.join(', ')}${qual(1)}`;
}

/**
 * The cast PostgreSQL writes on an operand of the key equality: the operator is the
 * referenced type's own (text's for varchar) except across integer widths, and an operand of
 * another type is cast to it.
 */
function castFor(own: number, pkType: number, fkType: number): string {
  const ints: number[] = [OID.int2, OID.int4, OID.int8];
  if (ints.includes(pkType) && ints.includes(fkType)) return '';
  const opType = pkType === OID.varchar ? OID.text : pkType;
  if (own === opType) return '';
  const name = typeByOid(opType)?.name ?? String(opType);
  return `::pg_catalog.${['numeric', 'timestamp', 'time', 'interval'].includes(name) ? quoteName(name) : name}`;
}
