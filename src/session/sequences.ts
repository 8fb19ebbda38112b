// nextval / currval / setval / lastval and pg_get_serial_sequence: sequence functions
// that reach the catalog through the session. Values handed out are never rolled back;
// a session caches CACHE > 1 values ahead, as PostgreSQL's backend-local SeqTable does.
import { checkSequence } from '../privileges/commands.js';
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Sequence } from '../catalog/objects.js';
import { relationByOid } from '../catalog/oid-index.js';
import { sequenceGeneration } from '../catalog/sequence-state.js';
import { OID } from '../types/oids.js';
import { qualifiedNameList } from '../types/oid-types.js';
import { quoteIdent } from '../types/string-functions.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

/** Values PostgreSQL fetches ahead of the WAL record (SEQ_LOG_VALS). */
const SEQ_LOG_VALS = 32n;

/** One session's state for one sequence (PostgreSQL's SeqTableData). */
interface SeqLocal { last: bigint; cached: bigint; lastValid: boolean; increment: bigint; generation: number }

export class SessionSequences {
  private byOid = new Map<number, SeqLocal>();
  /** The sequence of the last nextval (lastval). */
  lastUsed: number | null = null;

  local(oid: number): SeqLocal {
    let e = this.byOid.get(oid);
    if (!e) this.byOid.set(oid, e = { last: 0n, cached: 0n, lastValid: false, increment: 0n, generation: -1 });
    return e;
  }
}

export interface SequenceHost {
  engine: { catalog: Catalog };
  sequences: SessionSequences;
  lookupPath(): string[];
  readonly inReadOnlyTransaction?: boolean;
}

function preventIfReadOnly(h: SequenceHost, what: string): void {
  if (h.inReadOnlyTransaction) throw new PgError('25006', `cannot execute ${what} in a read-only transaction`);
}

const host = (ctx: EvalContext) => ctx.session as SequenceHost;

/** The sequence with this oid, or PostgreSQL's error for a missing relation or another kind. */
export function openSequence(cat: Catalog, oid: number): Sequence {
  const rel = relationByOid(cat, oid);
  if (!rel) throw new PgError('XX000', `could not open relation with OID ${oid}`);
  if (rel.kind !== 'sequence') throw new PgError('42809', `"${rel.name}" is not a sequence`);
  return rel;
}

/** nextval_internal: the next value, fetching `cache` values at a time into the session. */
export function nextval(seq: Sequence, elm: SeqLocal): bigint {
  syncGeneration(seq, elm);
  if (elm.last !== elm.cached) {
    elm.last += elm.increment;
    return elm.last;
  }
  // the usual case (CACHE 1, ascending, a logged value left, no wrap) as the loop below ends
  // for it, with two values made rather than the loop's half dozen
  if (seq.cache === 1n && seq.isCalled && seq.increment > 0n && seq.logCnt !== undefined && seq.logCnt >= 1n) {
    const next = seq.lastValue + seq.increment;
    if (next <= seq.max) {
      elm.increment = seq.increment;
      elm.last = next;
      elm.cached = next;
      elm.lastValid = true;
      seq.lastValue = next;
      seq.logCnt = seq.logCnt - 1n;
      return next;
    }
  }
  const incby = seq.increment, maxv = seq.max, minv = seq.min, cache = seq.cache;
  let last = seq.lastValue, next = last, result = last;
  let fetch = cache, log = seq.logCnt ?? 0n, rescnt = 0n;
  if (!seq.isCalled) { rescnt++; fetch--; }
  if (log < fetch || !seq.isCalled) fetch = log = fetch + SEQ_LOG_VALS;
  while (fetch > 0n) {
    if (incby > 0n) {
      if ((maxv >= 0n && next > maxv - incby) || (maxv < 0n && next + incby > maxv)) {
        if (rescnt > 0n) break;
        if (!seq.cycle) throw new PgError('2200H', `nextval: reached maximum value of sequence "${seq.name}" (${maxv})`);
        next = minv;
      } else next += incby;
    } else if ((minv < 0n && next < minv - incby) || (minv >= 0n && next + incby < minv)) {
      if (rescnt > 0n) break;
      if (!seq.cycle) throw new PgError('2200H', `nextval: reached minimum value of sequence "${seq.name}" (${minv})`);
      next = maxv;
    } else next += incby;
    fetch--;
    if (rescnt < cache) {
      log--;
      rescnt++;
      last = next;
      if (rescnt === 1n) result = next;
    }
  }
  log -= fetch;
  elm.increment = incby;
  elm.last = result;
  elm.cached = last;
  elm.lastValid = true;
  // not transactional: a rolled-back nextval still consumes its value
  seq.lastValue = last;
  seq.isCalled = true;
  seq.logCnt = log;
  return result;
}

/** Values cached from data that ALTER SEQUENCE or RESTART has since replaced are not handed out. */
function syncGeneration(seq: Sequence, elm: SeqLocal): void {
  const g = sequenceGeneration(seq);
  if (elm.generation !== g) {
    elm.generation = g;
    elm.cached = elm.last;
  }
}

export function setval(seq: Sequence, elm: SeqLocal, next: bigint, isCalled: boolean): void {
  syncGeneration(seq, elm);
  if (next < seq.min || next > seq.max) {
    throw new PgError('22003', `setval: value ${next} is out of bounds for sequence "${seq.name}" (${seq.min}..${seq.max})`);
  }
  if (isCalled) { elm.last = next; elm.lastValid = true; }
  elm.cached = elm.last;
  seq.lastValue = next;
  seq.isCalled = isCalled;
  seq.logCnt = 0n;
}

/** pg_get_serial_sequence(table, column): the owned sequence's qualified name, or NULL. */
function serialSequence(h: SequenceHost, tableName: string, column: string): string | null {
  const names = qualifiedNameList(tableName);
  if (names.length > 3) throw new PgError('42601', `improper relation name (too many dotted names): ${names.join('.')}`);
  const relname = names[names.length - 1];
  const schema = names.length > 1 ? names[names.length - 2] : null;
  const cat = h.engine.catalog;
  const rel = cat.findRelation(schema, relname, h.lookupPath());
  if (!rel) throw new PgError('42P01', `relation "${schema ? `${schema}.${relname}` : relname}" does not exist`);
  const col = rel.kind === 'table' ? rel.columns.find(c => !c.dropped && c.name === column) : undefined;
  if (!col) throw new PgError('42703', `column "${column}" of relation "${relname}" does not exist`);
  for (const s of cat.schemas.values()) {
    for (const r of s.relations.values()) {
      if (r.kind === 'sequence' && r.ownedBy?.table === rel && r.ownedBy.attnum === col.attnum) {
        return `${quoteIdent(r.schema.name)}.${quoteIdent(r.name)}`;
      }
    }
  }
  return null;
}

let registered = false;
export function registerSequenceFunctions(): void {
  if (registered) return;
  registered = true;
  const v = 'v' as const;
  registerFunction({ name: 'nextval', args: [OID.regclass], ret: OID.int8, volatility: v, fn: ([oid], ctx) => {
    const h = host(ctx);
    const seq = openSequence(h.engine.catalog, oid as number);
    checkSequence(h.engine.catalog, (h as { user?: string }).user, seq, 'nextval');
    preventIfReadOnly(h, 'nextval()');
    const result = nextval(seq, h.sequences.local(seq.oid));
    h.sequences.lastUsed = seq.oid;
    return result;
  } });
  registerFunction({ name: 'currval', args: [OID.regclass], ret: OID.int8, volatility: v, fn: ([oid], ctx) => {
    const h = host(ctx);
    const seq = openSequence(h.engine.catalog, oid as number);
    checkSequence(h.engine.catalog, (h as { user?: string }).user, seq, 'currval');
    const elm = h.sequences.local(seq.oid);
    if (!elm.lastValid) throw new PgError('55000', `currval of sequence "${seq.name}" is not yet defined in this session`);
    return elm.last;
  } });
  registerFunction({ name: 'lastval', args: [], ret: OID.int8, volatility: v, fn: (_a, ctx) => {
    const h = host(ctx);
    const oid = h.sequences.lastUsed;
    if (oid === null || !relationByOid(h.engine.catalog, oid)) throw new PgError('55000', 'lastval is not yet defined in this session');
    checkSequence(h.engine.catalog, (h as { user?: string }).user, relationByOid(h.engine.catalog, oid) as Sequence, 'currval');
    return h.sequences.local(oid).last;
  } });
  const doSetval = (args: unknown[], ctx: EvalContext) => {
    const h = host(ctx);
    const seq = openSequence(h.engine.catalog, args[0] as number);
    checkSequence(h.engine.catalog, (h as { user?: string }).user, seq, 'setval');
    preventIfReadOnly(h, 'setval()');
    const next = args[1] as bigint;
    setval(seq, h.sequences.local(seq.oid), next, args.length > 2 ? (args[2] as boolean) : true);
    return next;
  };
  registerFunction({ name: 'setval', args: [OID.regclass, OID.int8], ret: OID.int8, volatility: v, fn: doSetval });
  registerFunction({ name: 'setval', args: [OID.regclass, OID.int8, OID.bool], ret: OID.int8, volatility: v, fn: doSetval });
  registerFunction({ name: 'pg_get_serial_sequence', args: [OID.text, OID.text], ret: OID.text, volatility: 's',
    fn: ([t, c], ctx) => serialSequence(host(ctx), t as string, c as string) });
}
