// The pseudo-type trigger (RETURNS trigger): it names no value a query can hold.
import { PgError } from '../errors/index.js';
import { defineType } from '../types/base.js';
import { OID } from '../types/oids.js';
import { typeByOid } from '../types/registry.js';

if (!typeByOid(OID.trigger)) {
  defineType({
    oid: OID.trigger, name: 'trigger', category: 'P', preferred: false, len: 4,
    input: () => { throw new PgError('0A000', 'cannot accept a value of type trigger'); },
    output: () => { throw new PgError('0A000', 'cannot display a value of type trigger'); },
    compare: () => 0,
  });
}
