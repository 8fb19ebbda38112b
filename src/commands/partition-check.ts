// Whether a new partition's bound fits among its siblings (partbounds.c's
// check_new_partition_bound), and whether the default partition holds rows the new
// partition would take (check_default_partition_contents).
import { PgError } from '../errors/index.js';
import type { Table } from '../catalog/objects.js';
import { boundInfo, rangeBsearch, rboundCmp } from '../catalog/partition-bounds.js';
import { convertRow, keyInBound, keyValues } from '../integrity/partition-routing.js';
import { isLive } from '../storage/visibility.js';
import type { CommandContext } from './context.js';
import { rangeText, type BoundSpec } from './partition-bound.js';

const pos = (loc: number | undefined) => (loc !== undefined && loc >= 0 ? { position: loc + 1 } : undefined);

export function checkNewBound(cx: CommandContext, parent: Table, spec: BoundSpec, name: string): void {
  const info = boundInfo(parent);
  const b = spec.bound;
  if (b.isDefault) {
    if (info.defaultPart) {
      throw new PgError('42P17', `partition "${name}" conflicts with existing default partition "${info.defaultPart.name}"`, pos(spec.location));
    }
    return;
  }
  let with_: Table | null = null;
  let location = -1;
  const nonDefault = info.parts.filter(p => !p.partitionBound!.isDefault).length;
  if (b.strategy === 'h') {
    if (info.hash.length) {
      const mod = b.modulus!;
      // every modulus must divide the next larger one
      let offset = -1;
      for (let i = 0; i < info.hash.length; i++) {
        const h = info.hash[i];
        if (h.modulus < mod || (h.modulus === mod && h.remainder <= b.remainder!)) offset = i;
      }
      const partOf = (i: number) => info.parts[info.hashIndexes[info.hash[i].remainder]];
      if (offset < 0) {
        const next = info.hash[0].modulus;
        if (next % mod !== 0) modulusError(`The new modulus ${mod} is not a factor of ${next}, the modulus of existing partition "${partOf(0).name}".`);
      } else {
        const prev = info.hash[offset].modulus;
        if (mod % prev !== 0) modulusError(`The new modulus ${mod} is not divisible by ${prev}, the modulus of existing partition "${partOf(offset).name}".`);
        if (offset + 1 < info.hash.length) {
          const next = info.hash[offset + 1].modulus;
          if (next % mod !== 0) modulusError(`The new modulus ${mod} is not a factor of ${next}, the modulus of existing partition "${partOf(offset + 1).name}".`);
        }
      }
      const greatest = info.hashIndexes.length;
      let r = b.remainder! >= greatest ? b.remainder! % greatest : b.remainder!;
      do {
        if (info.hashIndexes[r] !== -1) { with_ = info.parts[info.hashIndexes[r]]; location = spec.location; break; }
        r += mod;
      } while (r < greatest);
    }
  } else if (b.strategy === 'l') {
    if (info.parts.length) {
      const cmp = info.cmps[0];
      b.values!.forEach((v, i) => {
        if (with_) return;
        location = spec.listLocations[i];
        if (v === null) { if (info.nullIndex >= 0) with_ = info.parts[info.nullIndex]; return; }
        const hit = info.listValues.find(x => cmp(x.value, v) === 0);
        if (hit) with_ = info.parts[hit.index];
      });
    }
  } else {
    const cmp = rboundCmp(info.cmps, b.lower!, true, b.upper!, false);
    const fmt = (v: unknown, t: number) => cx.write.formatValue(v, t);
    if (cmp > 0) {
      throw new PgError('42P17', `empty range bound specified for partition "${name}"`, {
        detail: `Specified lower bound ${rangeText(fmt, parent, b.lower!)} is greater than or equal to upper bound ${rangeText(fmt, parent, b.upper!)}.`,
        ...pos(spec.lowerLocations[cmp - 1]) });
    }
    if (nonDefault > 0) {
      const { offset, cmp: c } = rangeBsearch(info, b.lower!, true);
      if (info.rangeIndexes[offset + 1] < 0) {
        // the lower bound is in a gap: the new partition must end before the next one starts
        if (offset + 1 < info.range.length) {
          const next = info.range[offset + 1];
          const c2 = rboundCmp(info.cmps, next.datums, info.rangeIndexes[offset + 1] === -1, b.upper!, false);
          if (c2 < 0) {
            with_ = info.parts[info.rangeIndexes[offset + 2]];
            location = spec.upperLocations[Math.abs(c2) - 1];
          }
        }
      } else {
        with_ = info.parts[info.rangeIndexes[offset + 1]];
        location = c === 0 ? spec.lowerLocations[0] : spec.lowerLocations[Math.abs(c) - 1];
      }
    }
  }
  if (with_) throw new PgError('42P17', `partition "${name}" would overlap partition "${(with_ as Table).name}"`, pos(location));
}

function modulusError(detail: string): never {
  throw new PgError('42P17', 'every hash partition modulus must be a factor of the next larger modulus', { detail });
}

/**
 * A new partition takes its values away from the default partition: no row there may have
 * them (check_default_partition_contents; for ATTACH, phase 3's validation of each leaf).
 */
export function checkDefaultContents(cx: CommandContext, parent: Table, spec: BoundSpec, nameLeaf = false): void {
  const def = boundInfo(parent).defaultPart;
  if (!def || spec.bound.isDefault) return;
  for (const leaf of leavesOf(def)) {
    for (const tup of leaf.heap.tuples) {
      if (!isLive(tup, cx.tm, cx.write.top)) continue;
      const row = convertRow(leaf, parent, tup.data);
      if (keyInBound(parent, spec.bound, keyValues(cx.write, parent, row))) {
        // ATTACH checks it in phase 3, leaf by leaf, and names the leaf
        const named = nameLeaf ? leaf : def;
        throw new PgError('23514', `updated partition constraint for default partition "${named.name}" would be violated by some row`,
          { schema: named.schema.name, table: named.name });
      }
    }
  }
}

/** The tables that hold rows under a table: itself, or its leaf partitions. */
export function leavesOf(t: Table): Table[] {
  if (!t.partitionKey) return [t];
  return t.children.filter(c => c.partitionBound).flatMap(leavesOf);
}
