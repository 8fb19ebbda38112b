// The archive entries of user-defined types, as pg_dump's dumpEnumType, dumpDomain and
// dumpCompositeType write them.
import { fmtId, literal, qualified } from './names.js';
import type { Relation, TypeDef } from './read.js';
import type { TocEntry } from './entries.js';

export function userTypeEntry(t: TypeDef, rel: Relation | undefined): TocEntry {
  const name = qualified(t.ns.name, t.name);
  const entry = (desc: string, defn: string, alter: string): TocEntry =>
    ({ tag: t.name, desc, namespace: t.ns.name, owner: t.owner, defn, ownerStmt: `ALTER ${alter} ${name} OWNER TO ${fmtId(t.owner)};` });
  switch (t.kind) {
    case 'e': {
      const labels = t.labels.map(l => `\n    ${literal(l)}`).join(',');
      return entry('TYPE', `CREATE TYPE ${name} AS ENUM (${labels}${t.labels.length ? '\n' : ''});\n`, 'TYPE');
    }
    case 'd': {
      let defn = `CREATE DOMAIN ${name} AS ${t.base}`;
      if (t.notNull) defn += ' NOT NULL';
      if (t.default !== null) defn += ` DEFAULT ${t.default}`;
      for (const c of t.checks) defn += `\n\tCONSTRAINT ${fmtId(c.name)} ${c.def}`;
      return entry('DOMAIN', defn + ';\n', 'DOMAIN');
    }
    default: {
      const attrs = (rel?.columns ?? []).filter(c => !c.dropped).map(c => `\n\t${fmtId(c.name)} ${c.type}`).join(',');
      return entry('TYPE', `CREATE TYPE ${name} AS (${attrs}${attrs ? '\n' : ''});\n`, 'TYPE');
    }
  }
}
