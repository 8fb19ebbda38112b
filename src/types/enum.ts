// Enum types (CREATE TYPE … AS ENUM): a value is the oid of its label (pg_enum.oid), so that
// renaming a label changes every stored value and ordering follows the labels' sort order.
// The comparison operators and enum_first/enum_last/enum_range are registered once on the
// pseudo-type anyenum and bound to the actual enum type when a statement is analyzed.
import { PgError } from '../errors/index.js';
import { op, fn } from './define.js';
import { OID } from './oids.js';
import { typeByOid } from './registry.js';
import type { PgType } from './type.js';

/** What an enum type is made of (catalog/objects.ts UserType satisfies it; read live). */
export interface EnumSource {
  oid: number;
  name: string;
  arrayOid: number;
  labels?: { oid: number; label: string; sortOrder: number }[];
}

interface LabelIndex { labels: EnumSource['labels']; byOid: Map<number, { label: string; pos: number }> }

/** An enum's PgType: also lists its values (label oids) in sort order. */
export interface EnumType extends PgType { enumValues(): number[] }

/** The PgType of an enum; `display` is its format_type text (qualified when not visible). */
export function makeEnumType(src: EnumSource, display: () => string): EnumType {
  let index: LabelIndex | null = null;
  // the labels array is replaced as a whole on every change: its identity keys the index
  const lookup = () => {
    let ix = index;
    if (ix?.labels !== src.labels) {
      const byOid = new Map<number, { label: string; pos: number }>();
      (src.labels ?? []).forEach((l, pos) => byOid.set(l.oid, { label: l.label, pos }));
      index = ix = { labels: src.labels, byOid };
    }
    return ix!.byOid;
  };
  const entry = (v: unknown) => {
    const e = lookup().get(v as number);
    if (!e) throw new PgError('22P02', `invalid internal value for enum: ${v}`);
    return e;
  };
  return {
    oid: src.oid,
    get name() { return src.name; },
    category: 'E', preferred: false, len: 4, array: src.arrayOid,
    input(text) {
      const l = src.labels?.find(x => x.label === text);
      if (!l) throw new PgError('22P02', `invalid input value for enum ${display()}: "${text}"`);
      return l.oid;
    },
    output: v => entry(v).label,
    compare: (a, b) => (a === b ? 0 : entry(a).pos - entry(b).pos),
    formatType: display,
    enumValues: () => (src.labels ?? []).map(l => l.oid),
  };
}

/** The enum type among the actual argument types (bound at analysis, read live when run). */
function enumOf(types: number[]): EnumType {
  const t = typeByOid(types.find(x => x !== OID.unknown) ?? 0) as Partial<EnumType> | undefined;
  if (!t?.enumValues) throw new PgError('42804', 'could not determine actual enum type');
  return t as EnumType;
}

/** Binds a comparison to the enum type of its operands. */
function comparison(name: string, test: (c: number) => boolean): void {
  op(name, OID.anyenum, OID.anyenum, OID.bool, (a, b) => test(a === b ? 0 : 1), {
    bind: (left) => {
      const t = enumOf([left]);
      return (a: unknown, b: unknown) => test(t.compare(a, b));
    },
  });
}

comparison('=', c => c === 0);
comparison('<>', c => c !== 0);
comparison('<', c => c < 0);
comparison('>', c => c > 0);
comparison('<=', c => c <= 0);
comparison('>=', c => c >= 0);

const unbound = () => { throw new PgError('42804', 'could not determine actual enum type'); };
const enumFn = (name: string, args: number[], ret: number, body: (t: EnumType) => (args: unknown[]) => unknown) =>
  fn(name, args, ret, unbound, { strict: false, volatility: 's', bind: types => body(enumOf(types)) });

enumFn('enum_first', [OID.anyenum], OID.anyenum, t => () => t.enumValues()[0] ?? null);
enumFn('enum_last', [OID.anyenum], OID.anyenum, t => () => t.enumValues().at(-1) ?? null);
enumFn('enum_range', [OID.anyenum], OID.anyarray, t => () => t.enumValues());
enumFn('enum_range', [OID.anyenum, OID.anyenum], OID.anyarray, t => ([lo, hi]) => {
  const all = t.enumValues();
  const from = lo === null ? 0 : all.indexOf(lo as number);
  const to = hi === null ? all.length - 1 : all.indexOf(hi as number);
  return all.slice(from, to + 1);
});
