// SQL type names (TypeName nodes) to pg_type oids and typmods, and type names for messages.
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { typeByName, typeByOid, typeScope } from '../types/registry.js';

/** Names the grammar or users write that are not pg_type names. */
const ALIASES: Record<string, string> = {
  int: 'int4', integer: 'int4', smallint: 'int2', bigint: 'int8', real: 'float4', float: 'float8',
  'double precision': 'float8', decimal: 'numeric', boolean: 'bool', 'character varying': 'varchar',
  character: 'bpchar', timestamptz: 'timestamptz', timetz: 'timetz',
  serial: 'int4', bigserial: 'int8', smallserial: 'int2', serial4: 'int4', serial8: 'int8', serial2: 'int2',
};

export interface ResolvedType { oid: number; typmod: number; serial?: 'int2' | 'int4' | 'int8' }

export function typeNameString(tn: any): string {
  const names: string[] = (tn.names ?? []).map((n: any) => n.String.sval);
  return names[names.length - 1];
}

/** Resolves a TypeName AST node. */
export function resolveTypeName(tn: any): ResolvedType {
  const names: string[] = (tn.names ?? []).map((n: any) => n.String.sval);
  const qualified = names.length > 1 && names[0] === 'pg_catalog';
  let name = names[names.length - 1];
  let serial: ResolvedType['serial'];
  if (!qualified && /^(small|big)?serial[248]?$/.test(name)) {
    serial = ALIASES[name] as ResolvedType['serial'];
  }
  // float(p): 1..24 → real, 25..53 → double precision
  if (name === 'float' && !qualified && tn.typmods?.length === 1) {
    const p = constInt(tn.typmods[0]);
    if (p < 1) throw new PgError('22023', 'precision for type float must be at least 1 bit', { position: tn.location + 1 });
    if (p > 53) throw new PgError('22023', 'precision for type float must be less than 54 bits', { position: tn.location + 1 });
    name = p <= 24 ? 'float4' : 'float8';
    return withArray(tn, { oid: typeByName(name)!.oid, typmod: -1 });
  }
  const canonical = ALIASES[name] ?? name;
  // pg_catalog comes first along the path; other schemas hold user types (enums, domains, …)
  let t = names.length === 1 || qualified ? typeByName(canonical) : undefined;
  if (!t && !qualified) {
    try {
      t = typeScope()?.byName(names.length > 1 ? names[names.length - 2] : null, name);
    } catch (e) {
      if (e instanceof PgError && tn.location >= 0) e.position ??= tn.location + 1;
      throw e;
    }
  }
  if (!t) {
    throw new PgError('42704', `type "${names.join('.')}" does not exist`, { position: tn.location + 1 });
  }
  let typmod = -1;
  if (tn.typmods?.length) {
    const mods = tn.typmods.map(constInt);
    if (!t.typmodIn) throw new PgError('42601', `type modifier is not allowed for type "${t.name}"`, { position: tn.location + 1 });
    typmod = t.typmodIn(mods);
  } else if (canonical === 'bpchar' && !qualified) {
    // "char" / "character" without a length means character(1)
    typmod = t.typmodIn ? t.typmodIn([1]) : 5;
  }
  if (tn.typemod !== undefined && tn.typemod !== -1) typmod = tn.typemod;
  return withArray(tn, { oid: t.oid, typmod, serial });
}

function withArray(tn: any, r: ResolvedType): ResolvedType {
  if (!tn.arrayBounds?.length) return r;
  const arr = typeByOid(r.oid)?.array;
  if (!arr) throw new PgError('42704', `could not find array type for data type ${typeByOid(r.oid)?.name}`);
  return { oid: arr, typmod: r.typmod };
}

function constInt(node: any): number {
  const c = node.A_Const;
  if (c?.ival) return c.ival.ival ?? 0;
  if (c && 'ival' in c) return 0;
  throw new PgError('42601', 'type modifiers must be simple constants or identifiers');
}

/** format_type(oid, NULL): the name used in messages, e.g. "integer", "character varying". */
export function typeDisplayName(oid: number, typmod = -1): string {
  if (oid === OID.unknown) return 'unknown';
  const t = typeByOid(oid);
  // the pseudo-type "any" is not a registered type
  return t ? t.formatType(typmod) : oid === 2276 ? '"any"' : `type ${oid}`;
}
