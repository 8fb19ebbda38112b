// Coercion to user-defined types: to a domain (coerce to its base type, then its check —
// CoerceToDomain, which sees NULL too for NOT NULL), and a ROW(…) to a composite type
// (coerce_record_to_complex: one argument per attribute, each coerced to its type).
import { PgError } from '../errors/index.js';
import { typeByOid, type CastContext, type FuncDef } from '../types/registry.js';
import type { Column } from '../catalog/objects.js';
import { coerceToColumn } from './coerce.js';
import { nodeLocation } from './expr.js';
import type { Scope } from './scope.js';
import type { SelectAnalyzer } from './select.js';
import { domainBase } from '../types/domain.js';
import { OID } from '../types/oids.js';
import { makeRecord } from '../types/record-mark.js';
import type { PgType } from '../types/type.js';
import type { CoerceEnv } from './coerce.js';
import type { Expr } from './query.js';
import { typeDisplayName } from './typenames.js';

type Coerce = (expr: Expr, to: number, typmod: number, ctx: CastContext, env: CoerceEnv, location?: number) => Expr;

export function coerceToDomain(expr: Expr, target: PgType, ctx: CastContext, env: CoerceEnv, location: number | undefined, coerce: Coerce): Expr {
  // to the base-most type, then one check for the whole chain of domains (as CoerceToDomain)
  const root = domainBase(target.oid)!;
  const inner = coerce(expr, root.oid, root.typmod, ctx, env, location);
  const check = target.domain!.check;
  return { k: 'cast', type: target.oid, typmod: -1, arg: inner, fn: (v, c) => { check(v, c); return v; }, applyTypmod: null, fnOnNull: true };
}

export function coerceToComposite(expr: Expr, target: PgType, ctx: CastContext, env: CoerceEnv, location: number | undefined, coerce: Coerce): Expr {
  const pos = location !== undefined && location >= 0 ? { position: location + 1 } : {};
  const cannot = (detail?: string) => new PgError('42846', `cannot cast type ${typeDisplayName(expr.type)} to ${typeDisplayName(target.oid)}`, { ...pos, detail });
  if (expr.k !== 'row') throw cannot();
  const fields = target.fields!();
  const args: Expr[] = [];
  let i = 0;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    if (!field) { args.push({ k: 'const', type: 0, typmod: -1, value: null }); continue; }
    if (i >= expr.args.length) throw cannot('Input has too few columns.');
    const a = expr.args[i++];
    try {
      args.push(coerce(a, field.type, field.typmod, ctx, env, location));
    } catch (e) {
      if (e instanceof PgError && (e.code === '42846' || e.code === '42804')) {
        throw cannot(`Cannot cast type ${typeDisplayName(a.type)} to ${typeDisplayName(field.type)} in column ${f + 1}.`);
      }
      throw e;
    }
  }
  if (i < expr.args.length) throw cannot('Input has too many columns.');
  return { k: 'row', type: target.oid, typmod: -1, args };
}

/** An expression of a domain type seen as its base type (as aggregates and operators take it). */
export function asBaseType(e: Expr): Expr {
  const b = domainBase(e.type);
  return b ? { ...e, type: b.oid, typmod: b.typmod } as Expr : e;
}

/** UPDATE … SET col.field = value (a FieldStore): the column's composite value with one field replaced. */
export function fieldAssignment(sa: SelectAnalyzer, col: Column, rt: any, scope: Scope): Expr {
  const pos = rt.location >= 0 ? { position: rt.location + 1 } : undefined;
  if (rt.indirection.length !== 1 || !rt.indirection[0].String) throw new PgError('0A000', 'assignment to a nested field or element is not supported', pos);
  const name: string = rt.indirection[0].String.sval;
  const fields = typeByOid(col.typeOid)!.fields!();
  const i = fields.findIndex(f => f?.name === name);
  if (i < 0) {
    throw new PgError('42703', `cannot assign to field "${name}" of column "${col.name}" because there is no such column in data type ${typeDisplayName(col.typeOid)}`, pos);
  }
  const f = fields[i]!;
  const value = coerceToColumn(sa.ex.expr(rt.val, scope), f.type, f.typmod, `${col.name}.${name}`, sa.ctx, nodeLocation(rt.val));
  const current = sa.ex.expr({ ColumnRef: { fields: [{ String: { sval: col.name } }], location: -1 } }, scope);
  const n = fields.length;
  const store: FuncDef = {
    name: 'fieldstore', args: [col.typeOid, f.type], ret: col.typeOid, strict: false,
    fn: ([old, v]) => {
      const row = Array.isArray(old) ? [...old] : new Array(n).fill(null);
      while (row.length < n) row.push(null);
      row[i] = v;
      return makeRecord(row, fields.map(x => x?.type ?? 0));
    },
  };
  return { k: 'func', type: col.typeOid, typmod: -1, fn: store, args: [current, value] };
}

/**
 * A FROM item named where a value is expected (`SELECT t FROM t`, `f(t.*)`): its whole row, of
 * the table's row type (every column slot, dropped ones as NULL) or of type record.
 */
export function wholeRowReference(scope: Scope, name: string): Expr | null {
  let levelsUp = 0;
  for (let s: Scope | null = scope; s; s = s.parent, levelsUp++) {
    const items = s.items.filter(i => i.alias === name && i.entry !== undefined && !i.lateralOnly);
    if (!items.length) {
      // an aliased join (or JOIN … USING AS x): a record of its columns
      const join = s.items.find(i => i.alias === name && i.entry === undefined && !i.lateralOnly);
      if (!join) continue;
      if (levelsUp > 0) for (let x: Scope | null = scope; x && x !== s; x = x.parent) x.correlatedRefs.count++;
      const up = levelsUp;
      const cols = join.columns.filter(c => !c.noStar);
      return { k: 'row', type: OID.record, typmod: -1, args: cols.map(c => c.make(up)), wholeRow: false, fieldNames: cols.map(c => c.name) };
    }
    if (items.length > 1) throw new PgError('42P09', `table reference "${name}" is ambiguous`);
    const entryNo = items[0].entry!;
    const entry = s.query.entries[entryNo];
    if (!entry) return null;
    if (levelsUp > 0) for (let x: Scope | null = scope; x && x !== s; x = x.parent) x.correlatedRefs.count++;
    const up = levelsUp;
    const args: Expr[] = entry.columns.map((c, att) => (c.dropped
      ? { k: 'const', type: c.type, typmod: -1, value: null }
      : { k: 'var', type: c.type, typmod: c.typmod, levelsUp: up, entry: entryNo, att }));
    const rowType = entry.kind === 'table' && entry.table && typeByOid(entry.table.oid)?.fields ? entry.table.oid : OID.record;
    const live = entry.columns.filter(c => !c.dropped);
    return { k: 'row', type: rowType, typmod: -1, args: rowType === OID.record ? args.filter((_, i) => !entry.columns[i].dropped) : args, wholeRow: true,
      ...(rowType === OID.record ? { fieldNames: live.map(c => c.name) } : {}) };
  }
  return null;
}
