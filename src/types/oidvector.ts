// oidvector (pg_proc.proargtypes, pg_index.indclass / indcollation): oids printed
// space-separated, read back the same way; castable to oid[] as PostgreSQL allows.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType } from './base.js';
import { cast } from './define.js';

defineType({
  oid: OID.oidvector, name: 'oidvector', category: 'A', preferred: false, len: -1, elem: OID.oid, array: OID._oidvector,
  input: (t) => {
    const parts = t.trim() === '' ? [] : t.trim().split(/\s+/);
    return parts.map(p => {
      if (!/^\d+$/.test(p) || Number(p) > 4294967295) throw new PgError('22P02', `invalid input syntax for type oid: "${p}"`);
      return Number(p);
    });
  },
  output: (v) => (v as number[]).join(' '),
  compare: (a, b) => {
    const x = a as number[], y = b as number[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  },
  hashKey: (v) => (v as number[]).join(' '),
});
cast(OID.oidvector, OID._oid, 'i');
