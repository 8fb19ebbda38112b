// CREATE TYPE … AS ENUM and ALTER TYPE … ADD VALUE / RENAME VALUE (pg_enum.c): labels keep a
// float4 sort order; a new label between two others takes the midpoint, and the orders are
// renumbered 1..n when float4 can no longer tell them apart.
import { PgError } from '../errors/index.js';
import type { EnumLabel, UserType } from '../catalog/objects.js';
import type { CommandContext } from './context.js';
import { creationSchema, newUserType, str, typeForCommand, typeText } from './type-common.js';

const NAMEDATALEN = 64;

function checkLabel(label: string): void {
  if (Buffer.byteLength(label) > NAMEDATALEN - 1) {
    throw new PgError('42602', `invalid enum label "${label}"`, { detail: `Labels must be ${NAMEDATALEN - 1} bytes or less.` });
  }
}

export function createEnum(cx: CommandContext, n: any): string {
  const names = (n.typeName as any[]).map(str);
  const schema = creationSchema(cx, names);
  const labels = ((n.vals ?? []) as any[]).map(str);
  labels.forEach(checkLabel);
  const ut = newUserType(cx, schema, names[names.length - 1], 'e');
  const seen = new Set<string>();
  const list: EnumLabel[] = [];
  for (const [i, label] of labels.entries()) {
    if (seen.has(label)) {
      throw new PgError('23505', 'duplicate key value violates unique constraint "pg_enum_typid_label_index"',
        { detail: `Key (enumtypid, enumlabel)=(${ut.oid}, ${label}) already exists.` });
    }
    seen.add(label);
    list.push({ oid: cx.catalog.allocOid(), label, sortOrder: i + 1 });
  }
  ut.labels = list;
  return 'CREATE TYPE';
}

/** The enum an ALTER TYPE names (PostgreSQL's "… is not an enum" for other types). */
function enumTarget(cx: CommandContext, names: string[]): UserType {
  const found = typeForCommand(cx, names)!;
  if ('user' in found && found.user.typtype === 'e') return found.user;
  const oid = 'user' in found ? found.user.oid : found.builtin;
  throw new PgError('42809', `${typeText(oid)} is not an enum`);
}

export function alterEnum(cx: CommandContext, n: any): string {
  const ut = enumTarget(cx, (n.typeName as any[]).map(str));
  const labels = ut.labels ?? [];
  if (n.oldVal !== undefined) {
    // RENAME VALUE
    const i = labels.findIndex(l => l.label === n.oldVal);
    if (i < 0) throw new PgError('22023', `"${n.oldVal}" is not an existing enum label`);
    if (labels.some(l => l.label === n.newVal)) throw new PgError('42710', `enum label "${n.newVal}" already exists`);
    checkLabel(n.newVal);
    cx.catalog.set(ut, 'labels', labels.map((l, j) => (j === i ? { ...l, label: n.newVal } : l)));
    return 'ALTER TYPE';
  }
  const label: string = n.newVal;
  if (labels.some(l => l.label === label)) {
    if (n.skipIfNewValExists) {
      cx.notice({ severity: 'NOTICE', code: '42710', message: `enum label "${label}" already exists, skipping` });
      return 'ALTER TYPE';
    }
    throw new PgError('42710', `enum label "${label}" already exists`);
  }
  checkLabel(label);
  let at = labels.length;
  if (n.newValNeighbor !== undefined) {
    const i = labels.findIndex(l => l.label === n.newValNeighbor);
    if (i < 0) throw new PgError('22023', `"${n.newValNeighbor}" is not an existing enum label`);
    at = n.newValIsAfter ? i + 1 : i;
  }
  cx.catalog.set(ut, 'labels', insertLabel(labels, at, { oid: cx.catalog.allocOid(), label, sortOrder: 0 }));
  return 'ALTER TYPE';
}

/** The labels with one more at position `at`, its sort order chosen as AddEnumLabel does. */
function insertLabel(labels: EnumLabel[], at: number, l: EnumLabel): EnumLabel[] {
  const prev = labels[at - 1], next = labels[at];
  let order: number;
  if (!prev && !next) order = 1;
  else if (!next) order = prev.sortOrder + 1;
  else if (!prev) order = next.sortOrder - 1;
  else order = Math.fround((prev.sortOrder + next.sortOrder) / 2);
  const out = [...labels.slice(0, at), { ...l, sortOrder: order }, ...labels.slice(at)];
  // no float4 between the neighbours: renumber them all (RenumberEnumType)
  if ((prev && order <= prev.sortOrder) || (next && order >= next.sortOrder)) return out.map((x, i) => ({ ...x, sortOrder: i + 1 }));
  return out;
}
