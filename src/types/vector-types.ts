// The vector types of the system catalogs: int2vector (pg_index.indkey) and oidvector
// (pg_proc.proargtypes, pg_index.indclass / indcollation): values printed space-separated,
// read back the same way; castable to their array types as PostgreSQL allows.
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { defineType } from './base.js';
import { cast } from './define.js';

function defineVector(oid: number, name: string, elem: number, array: number, valid: RegExp, max: number, elemName: string): void {
  defineType({
    oid, name, category: 'A', preferred: false, len: -1, elem, array,
    input: (t) => {
      const parts = t.trim() === '' ? [] : t.trim().split(/\s+/);
      return parts.map(p => {
        if (!valid.test(p) || Math.abs(Number(p)) > max) throw new PgError('22P02', `invalid input syntax for type ${elemName}: "${p}"`);
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
}

defineVector(OID.int2vector, 'int2vector', OID.int2, OID._int2vector, /^[+-]?\d+$/, Infinity, 'smallint');
cast(OID.int2vector, OID._int2, 'i');
defineVector(OID.oidvector, 'oidvector', OID.oid, OID._oidvector, /^\d+$/, 4294967295, 'oid');
cast(OID.oidvector, OID._oid, 'i');
