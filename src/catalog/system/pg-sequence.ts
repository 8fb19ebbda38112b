// pg_sequence and the pg_sequences view.
import { OID } from '../../types/oids.js';
import type { Catalog } from '../catalog.js';
import type { Sequence } from '../objects.js';
import { allRelations } from './pg-class.js';
import type { SystemRelationDef } from './relation.js';

const { oid, name, bool, int8, regtype } = OID;

const sequences = (cat: Catalog): Sequence[] => allRelations(cat).filter((r): r is Sequence => r.kind === 'sequence');

const pgSequence: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_sequence', oid: 2224, stable: true,
  columns: [
    { name: 'seqrelid', type: oid }, { name: 'seqtypid', type: oid }, { name: 'seqstart', type: int8 }, { name: 'seqincrement', type: int8 },
    { name: 'seqmax', type: int8 }, { name: 'seqmin', type: int8 }, { name: 'seqcache', type: int8 }, { name: 'seqcycle', type: bool },
  ],
  rows: cat => sequences(cat).map(s => [s.oid, s.typeOid, s.start, s.increment, s.max, s.min, s.cache, s.cycle]),
};

const pgSequences: SystemRelationDef = {
  schema: 'pg_catalog', name: 'pg_sequences', oid: 12048, view: true,
  columns: [
    { name: 'schemaname', type: name }, { name: 'sequencename', type: name }, { name: 'sequenceowner', type: name },
    { name: 'data_type', type: regtype }, { name: 'start_value', type: int8 }, { name: 'min_value', type: int8 },
    { name: 'max_value', type: int8 }, { name: 'increment_by', type: int8 }, { name: 'cycle', type: bool },
    { name: 'cache_size', type: int8 }, { name: 'last_value', type: int8 },
  ],
  rows: cat => sequences(cat).map(s => [
    s.schema.name, s.name, s.owner, s.typeOid, s.start, s.min, s.max, s.increment, s.cycle, s.cache, s.isCalled ? s.lastValue : null,
  ]),
};

export const sequenceCatalogs = [pgSequence, pgSequences];
