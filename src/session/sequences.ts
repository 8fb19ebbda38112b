// nextval / currval / setval: sequence functions that reach the catalog through the session.
import { PgError } from '../errors/index.js';
import type { Sequence } from '../catalog/objects.js';
import { OID } from '../types/oids.js';
import { registerFunction, type EvalContext } from '../types/registry.js';

export interface SequenceHost {
  findSequence(name: string): Sequence;
  lastValues: Map<Sequence, bigint>;
  lastSequence: Sequence | null;
}

const host = (ctx: EvalContext) => ctx.session as SequenceHost;

export function nextval(seq: Sequence): bigint {
  let v: bigint;
  if (!seq.isCalled) v = seq.lastValue;
  else {
    v = seq.lastValue + seq.increment;
    if (v > seq.max || v < seq.min) {
      if (!seq.cycle) {
        const which = v > seq.max ? 'maximum' : 'minimum';
        throw new PgError('2200H', `nextval: reached ${which} value of sequence "${seq.name}" (${which === 'maximum' ? seq.max : seq.min})`);
      }
      v = seq.increment > 0n ? seq.min : seq.max;
    }
  }
  seq.lastValue = v;
  seq.isCalled = true;
  return v;
}

let registered = false;
export function registerSequenceFunctions(): void {
  if (registered) return;
  registered = true;
  registerFunction({ name: 'nextval', args: [OID.text], ret: OID.int8, volatility: 'v', fn: ([name], ctx) => {
    const h = host(ctx);
    const seq = h.findSequence(name as string);
    const v = nextval(seq);
    h.lastValues.set(seq, v);
    h.lastSequence = seq;
    return v;
  } });
  registerFunction({ name: 'currval', args: [OID.text], ret: OID.int8, volatility: 'v', fn: ([name], ctx) => {
    const h = host(ctx);
    const seq = h.findSequence(name as string);
    const v = h.lastValues.get(seq);
    if (v === undefined) throw new PgError('55000', `currval of sequence "${seq.name}" is not yet defined in this session`);
    return v;
  } });
  registerFunction({ name: 'lastval', args: [], ret: OID.int8, volatility: 'v', fn: (_a, ctx) => {
    const h = host(ctx);
    if (!h.lastSequence) throw new PgError('55000', 'lastval is not yet defined in this session');
    return h.lastValues.get(h.lastSequence);
  } });
  const setval = (args: unknown[], ctx: EvalContext) => {
    const h = host(ctx);
    const seq = h.findSequence(args[0] as string);
    const v = BigInt(args[1] as bigint);
    if (v < seq.min || v > seq.max) {
      throw new PgError('22003', `setval: value ${v} is out of bounds for sequence "${seq.name}" (${seq.min}..${seq.max})`);
    }
    seq.lastValue = v;
    seq.isCalled = args.length > 2 ? (args[2] as boolean) : true;
    if (seq.isCalled) { h.lastValues.set(seq, v); }
    return v;
  };
  registerFunction({ name: 'setval', args: [OID.text, OID.int8], ret: OID.int8, volatility: 'v', fn: setval });
  registerFunction({ name: 'setval', args: [OID.text, OID.int8, OID.bool], ret: OID.int8, volatility: 'v', fn: setval });
}
