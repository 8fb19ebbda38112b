// ORDER BY … USING op: op must order the type, as a btree family's "<" or ">" does;
// "<" sorts ascending and ">" descending (NULLs first then, unless said otherwise).
// The text pattern operators ~<~ and ~>~ order by bytes, which is the default text
// order here (the C collation).
import { PgError } from '../errors/index.js';
import { OID } from '../types/oids.js';
import { operatorsNamed } from '../types/registry.js';
import { typeDisplayName } from './typenames.js';

const str = (n: any): string => n.String?.sval ?? n.sval;

/** Whether the operator sorts descending, and its name when it must be printed back (not the type's own < / >). */
export function orderingOperator(s: any, type: number): { desc: boolean; name: string | null } {
  const names = (s.useOp as any[]).map(str);
  const op = names[names.length - 1];
  const at = s.location >= 0 ? { position: s.location + 1 } : {};
  const textual = type === OID.text || type === OID.bpchar || type === OID.varchar || type === OID.unknown;
  if ((op === '~<~' || op === '~>~') && textual) return { desc: op === '~>~', name: op };
  if (op === '<' || op === '>') {
    if (!(operatorsNamed(op) ?? []).some(o => o.left === type || type === OID.unknown)) {
      throw new PgError('42883', `operator does not exist: ${typeDisplayName(type)} ${op} ${typeDisplayName(type)}`, at);
    }
    return { desc: op === '>', name: null };
  }
  throw new PgError('42809', `operator ${op} is not a valid ordering operator`,
    { ...at, hint: 'Ordering operators must be "<" or ">" members of btree operator families.' });
}
