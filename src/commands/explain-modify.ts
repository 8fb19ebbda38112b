// ModifyTable's list of result relations (show_modifytable_info): UPDATE / DELETE of an
// inheritance tree or partitioned table lists each table it changes ("Update on child
// parent_1"), the ones its scan reads after partition pruning, numbered as the scan's members.
import type { Table } from '../catalog/objects.js';
import type { Plan } from '../planner/index.js';
import { quoteName } from './explain-util.js';

/** The inheritance scan of the target (range entry 0) in a statement's plan. */
function targetScan(p: Plan): (Plan & { k: 'seqscan' }) | null {
  switch (p.k) {
    case 'seqscan': return p.entry === 0 && p.members ? p : null;
    case 'nestloop': case 'hashjoin': return targetScan(p.outer) ?? targetScan(p.inner);
    case 'semijoin': return targetScan(p.outer);
    case 'filter': case 'material': return targetScan(p.input);
    default: return null;
  }
}

export function resultRelationLines(verb: string, from: Plan, alias: string, verbose: boolean): string[] {
  const scan = targetScan(from);
  if (!scan || !scan.members!.length) return [];
  return scan.members!.map((m, i) => {
    const t = (m as { table: Table }).table;
    const rel = verbose ? `${quoteName(t.schema.name)}.${quoteName(t.name)}` : quoteName(t.name);
    return `${verb} on ${rel} ${quoteName(`${alias}_${i + 1}`)}`;
  });
}
