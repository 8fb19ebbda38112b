// A sequence's storage generation (PostgreSQL's relfilenode): ALTER SEQUENCE and RESTART
// replace the sequence's data, and a session then drops the values it had cached ahead.
import type { Sequence } from './objects.js';

const generations = new WeakMap<Sequence, number>();

export const sequenceGeneration = (s: Sequence): number => generations.get(s) ?? 0;

/** Called whenever the sequence's data is rewritten (also when the rewrite is later rolled back). */
export function newSequenceGeneration(s: Sequence): void {
  generations.set(s, sequenceGeneration(s) + 1);
}
