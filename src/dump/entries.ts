// The statements of each dumpable object, as pg_dump's dumpNamespace, dumpTableSchema,
// dumpSequence, dumpAttrDef, dumpConstraint, dumpIndex and dumpComment write them, grouped
// into archive entries (a `-- Name: …; Type: …` header and a definition).
import { shouldPrintColumn, type DumpObject, type DumpObjects, CLASS } from './objects.js';
import { fmtId, literal, qualified } from './names.js';
import type { Comment, Relation, SchemaModel, SequenceDef, TypeDef } from './read.js';
import { userTypeEntry } from './types.js';
import { functionEntries } from './functions.js';
import { aggregateEntries } from './aggregates.js';
import { policyEntry } from './policies.js';

const STORAGE_WORD: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' };

export interface TocEntry {
  tag: string;
  desc: string;
  namespace: string | null;
  owner: string;
  /** The statements, ending in a newline. */
  defn?: string;
  /** ALTER … OWNER TO, left out with --no-owner. */
  ownerStmt?: string;
  /** TABLE DATA: the COPY statement and the columns it lists; SEQUENCE SET: the sequence. */
  copy?: { stmt: string; rel: Relation; columns: string[] };
  sequence?: Relation;
  /** Entries that pg_dump gives a tablespace / table access method (SET default_… before the first). */
  tablespace?: boolean;
  tableam?: boolean;
}

const qual = (r: Relation) => qualified(r.ns.name, r.name);

export class EntryWriter {
  private readonly comments = new Map<string, Comment[]>();
  private readonly rels: Map<string, Relation>;

  constructor(private readonly m: SchemaModel, private readonly d: DumpObjects) {
    for (const c of m.comments) {
      const key = `${c.classoid}:${c.objoid}`;
      const list = this.comments.get(key);
      if (list) list.push(c); else this.comments.set(key, [c]);
    }
    // an object's own comment first, then its columns' in column order
    for (const list of this.comments.values()) list.sort((a, b) => a.subid - b.subid);
    this.rels = new Map(m.relations.map(r => [r.oid, r]));
  }

  /** The entries an object contributes, in order (none for objects written inside another). */
  entries(o: DumpObject): TocEntry[] {
    switch (o.type) {
      case 'namespace': return this.namespace(o);
      case 'type': return [userTypeEntry(o.typ, this.rels.get(o.typ.relid)), ...this.typeComment(o.typ)];
      case 'function': return functionEntries(o.fn, this.comment(CLASS.proc, o.fn.oid));
      case 'aggregate': return aggregateEntries(o.agg, this.comment(CLASS.proc, o.agg.oid));
      case 'table': return o.rel.relkind === 'S' ? this.sequence(o.rel, o.sequence!) : o.rel.view ? this.view(o.rel) : this.table(o.rel);
      case 'tableAttach': return [{ tag: o.rel.name, desc: 'TABLE ATTACH', namespace: o.rel.ns.name, owner: o.rel.owner,
        defn: `ALTER TABLE ONLY ${qual(o.parent)} ATTACH PARTITION ${qual(o.rel)} ${o.rel.partitionBound};\n` }];
      case 'indexAttach': return [{ tag: o.name, desc: 'INDEX ATTACH', namespace: o.namespace, owner: o.parent.rel.owner,
        defn: `ALTER INDEX ${qualified(o.parent.namespace!, o.parent.name)} ATTACH PARTITION ${qualified(o.namespace!, o.name)};\n` }];
      case 'attrdef': return o.separate ? this.attrDef(o) : [];
      case 'constraint': case 'fkConstraint': return this.constraint(o);
      case 'index': return this.index(o);
      case 'trigger': return this.trigger(o);
      case 'policy': return [policyEntry(o.rel, o.policy)];
      case 'tableData': return [this.tableData(o.rel)];
      case 'sequenceSet': return [{ tag: o.rel.name, desc: 'SEQUENCE SET', namespace: o.rel.ns.name, owner: o.rel.owner, sequence: o.rel }];
      case 'preData': case 'postData': return [];
    }
  }

  /**
   * dumpEnumType / dumpDomain / dumpCompositeType: COMMENT ON TYPE (or DOMAIN), then a domain's
   * constraints' comments, or a composite type's columns' (dumpCompositeTypeColComments).
   */
  private typeComment(typ: TypeDef): TocEntry[] {
    const out: TocEntry[] = [];
    const c = this.comment(CLASS.type, typ.oid);
    const kw = typ.kind === 'd' ? 'DOMAIN' : 'TYPE';
    const name = qualified(typ.ns.name, typ.name);
    if (c !== undefined) out.push(this.commentEntry(`${kw} ${fmtId(typ.name)}`, `${kw} ${name}`, c, typ.ns.name, typ.owner));
    for (const k of typ.kind === 'd' ? typ.checks : []) {
      const kc = this.comment(CLASS.constraint, k.oid);
      const on = `CONSTRAINT ${fmtId(k.name)} ON DOMAIN`;
      if (kc !== undefined) out.push(this.commentEntry(`${on} ${fmtId(typ.name)}`, `${on} ${name}`, kc, typ.ns.name, typ.owner));
    }
    for (const col of typ.kind === 'c' ? this.rels.get(typ.relid)?.columns ?? [] : []) {
      const cc = col.dropped ? undefined : this.comment(CLASS.relation, typ.relid, col.attnum);
      if (cc !== undefined) {
        out.push(this.commentEntry(`COLUMN ${fmtId(typ.name)}.${fmtId(col.name)}`, `COLUMN ${name}.${fmtId(col.name)}`, cc, typ.ns.name, typ.owner));
      }
    }
    return out;
  }

  private comment(classid: string, oid: string, subid = 0): string | undefined {
    return this.comments.get(`${classid}:${oid}`)?.find(c => c.subid === subid)?.text;
  }

  private commentEntry(tag: string, target: string, text: string, namespace: string | null, owner: string): TocEntry {
    return { tag, desc: 'COMMENT', namespace, owner, defn: `COMMENT ON ${target} IS ${literal(text)};\n` };
  }

  private namespace(o: DumpObject & { type: 'namespace' }): TocEntry[] {
    const { ns } = o;
    const q = fmtId(ns.name);
    const out: TocEntry[] = [];
    const isPublic = ns.name === 'public';
    // the public schema exists in every database: only a comment of its own is dumped
    if (!isPublic) {
      out.push({ tag: ns.name, desc: 'SCHEMA', namespace: null, owner: ns.owner, defn: `CREATE SCHEMA ${q};\n`,
        ownerStmt: `ALTER SCHEMA ${q} OWNER TO ${fmtId(ns.owner)};` });
    }
    const c = this.comment(CLASS.namespace, ns.oid);
    if (c !== undefined && !(isPublic && c === 'standard public schema')) out.push(this.commentEntry(`SCHEMA ${q}`, `SCHEMA ${q}`, c, null, ns.owner));
    return out;
  }

  private table(rel: Relation): TocEntry[] {
    const parents = (this.m.inherits.get(rel.oid) ?? []).map(p => this.rels.get(p)!);
    // a partition writes every column, its NOT NULLs and inherited CHECKs (ATTACH PARTITION expects them)
    const partition = rel.partitionBound !== undefined;
    const defs = this.d.attrdefs.get(rel.oid)!;
    const checks = this.d.checks.get(rel.oid)!;
    const items: string[] = [];
    rel.columns.forEach((c, i) => {
      if (!shouldPrintColumn(rel, i)) return;
      const def = defs.get(c.attnum);
      let s = `${fmtId(c.name)} ${c.type}`;
      if (def && !def.separate) s += c.generated === 's' ? ` GENERATED ALWAYS AS (${def.expr}) STORED` : ` DEFAULT ${def.expr}`;
      if (c.notNull && (partition || !this.inheritedNotNull(parents, c.name))) s += ' NOT NULL';
      items.push(s);
    });
    for (const k of checks) if (!k.separate && (k.con.isLocal || partition)) items.push(`CONSTRAINT ${fmtId(k.con.name)} ${k.con.def}`);
    let defn = `CREATE TABLE ${qual(rel)} (`;
    defn += items.length ? items.map(s => `\n    ${s}`).join(',') + '\n)' : '\n)';
    if (parents.length && !partition) defn += `\nINHERITS (${parents.map(qual).join(', ')})`;
    if (rel.partitionKey !== undefined) defn += `\nPARTITION BY ${rel.partitionKey}`;
    defn += ';\n';
    // per-column properties CREATE TABLE cannot carry (pg_dump's dumpTableSchema, in its order)
    rel.columns.forEach((c, i) => {
      if (c.dropped) return;
      const alter = `ALTER TABLE ONLY ${qual(rel)} ALTER COLUMN ${fmtId(c.name)}`;
      if (!shouldPrintColumn(rel, i) && c.notNull && !this.inheritedNotNull(parents, c.name)) defn += `${alter} SET NOT NULL;\n`;
      if (c.statTarget >= 0) defn += `${alter} SET STATISTICS ${c.statTarget};\n`;
      if (c.storage) defn += `${alter} SET STORAGE ${STORAGE_WORD[c.storage]};\n`;
    });
    if (rel.forceRowSecurity) defn += `\nALTER TABLE ONLY ${qual(rel)} FORCE ROW LEVEL SECURITY;\n`;
    const out: TocEntry[] = [{
      tag: rel.name, desc: 'TABLE', namespace: rel.ns.name, owner: rel.owner, defn, ownerStmt: `ALTER TABLE ${qual(rel)} OWNER TO ${fmtId(rel.owner)};`,
      // a partitioned table stores nothing: no access method
      tablespace: true, tableam: rel.relkind === 'r',
    }, ...this.relationComments(rel, 'TABLE')];
    for (const k of checks) if (!k.separate && k.con.isLocal) out.push(...this.constraintComment(rel, k.con.oid, k.con.name));
    return out;
  }

  private view(rel: Relation): TocEntry[] {
    const { query, checkOption } = rel.view!;
    const defn = `CREATE VIEW ${qual(rel)} AS\n${query}${checkOption ? `\n  WITH ${checkOption} CHECK OPTION` : ''};\n`;
    return [{ tag: rel.name, desc: 'VIEW', namespace: rel.ns.name, owner: rel.owner, defn, ownerStmt: `ALTER TABLE ${qual(rel)} OWNER TO ${fmtId(rel.owner)};` },
      ...this.relationComments(rel, 'VIEW')];
  }

  /** dumpTableComment: the relation's comment, then its columns' in column order. */
  private relationComments(rel: Relation, kind: string): TocEntry[] {
    const out: TocEntry[] = [];
    for (const c of this.comments.get(`${CLASS.relation}:${rel.oid}`) ?? []) {
      if (c.subid === 0) {
        out.push(this.commentEntry(`${kind} ${fmtId(rel.name)}`, `${kind} ${qual(rel)}`, c.text, rel.ns.name, rel.owner));
      } else {
        const col = rel.columns.find(x => x.attnum === c.subid);
        if (!col || col.dropped) continue;
        out.push(this.commentEntry(`COLUMN ${fmtId(rel.name)}.${fmtId(col.name)}`, `COLUMN ${qual(rel)}.${fmtId(col.name)}`, c.text, rel.ns.name, rel.owner));
      }
    }
    return out;
  }

  /** flagInhAttrs: a parent's NOT NULL on the column makes the child's inherited, not written. */
  private inheritedNotNull(parents: Relation[], name: string): boolean {
    return parents.some(p => p.columns.some(c => !c.dropped && c.name === name && c.notNull));
  }

  private constraintComment(rel: Relation, oid: string, name: string): TocEntry[] {
    const c = this.comment(CLASS.constraint, oid);
    if (c === undefined) return [];
    return [this.commentEntry(`CONSTRAINT ${fmtId(name)} ON ${fmtId(rel.name)}`, `CONSTRAINT ${fmtId(name)} ON ${qual(rel)}`, c, rel.ns.name, rel.owner)];
  }

  private sequence(rel: Relation, s: SequenceDef): TocEntry[] {
    const owned = this.d.owned.get(rel.oid);
    const [typeMin, typeMax] = TYPE_RANGE[s.type] ?? TYPE_RANGE.bigint;
    const ascending = !s.increment.startsWith('-');
    const defaultMin = ascending ? '1' : typeMin, defaultMax = ascending ? typeMax : '-1';
    let head: string;
    if (owned?.identity) {
      const col = owned.table.columns.find(c => c.attnum === owned.attnum)!;
      head = `ALTER TABLE ${qual(owned.table)} ALTER COLUMN ${fmtId(col.name)} ADD GENERATED ${col.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'}` +
        ` AS IDENTITY (\n    SEQUENCE NAME ${qual(rel)}\n`;
    } else {
      head = `CREATE SEQUENCE ${qual(rel)}\n` + (s.type !== 'bigint' ? `    AS ${s.type}\n` : '');
    }
    let defn = head + `    START WITH ${s.start}\n    INCREMENT BY ${s.increment}\n` +
      (s.min === defaultMin ? '    NO MINVALUE\n' : `    MINVALUE ${s.min}\n`) +
      (s.max === defaultMax ? '    NO MAXVALUE\n' : `    MAXVALUE ${s.max}\n`) +
      `    CACHE ${s.cache}${s.cycle ? '\n    CYCLE' : ''}`;
    defn += owned?.identity ? '\n);\n' : ';\n';
    const out: TocEntry[] = [{
      tag: rel.name, desc: 'SEQUENCE', namespace: rel.ns.name, owner: rel.owner, defn,
      // an identity sequence is part of its column: no owner of its own
      ownerStmt: owned?.identity ? undefined : `ALTER TABLE ${qual(rel)} OWNER TO ${fmtId(rel.owner)};`,
    }];
    if (owned && !owned.identity) {
      const col = owned.table.columns.find(c => c.attnum === owned.attnum)!;
      out.push({ tag: rel.name, desc: 'SEQUENCE OWNED BY', namespace: rel.ns.name, owner: rel.owner,
        defn: `ALTER SEQUENCE ${qual(rel)} OWNED BY ${qual(owned.table)}.${fmtId(col.name)};\n` });
    }
    const c = this.comment(CLASS.relation, rel.oid);
    if (c !== undefined) out.push(this.commentEntry(`SEQUENCE ${fmtId(rel.name)}`, `SEQUENCE ${qual(rel)}`, c, rel.ns.name, rel.owner));
    return out;
  }

  private attrDef(o: DumpObject & { type: 'attrdef' }): TocEntry[] {
    const col = o.rel.columns.find(c => c.attnum === o.adnum)!;
    return [{ tag: `${o.rel.name} ${col.name}`, desc: 'DEFAULT', namespace: o.rel.ns.name, owner: o.rel.owner,
      defn: `ALTER TABLE ONLY ${qual(o.rel)} ALTER COLUMN ${fmtId(col.name)} SET DEFAULT ${o.expr};\n` }];
  }

  /** dumpTrigger: CREATE TRIGGER, then its enable state when not the default, then its comment. */
  private trigger(o: DumpObject & { type: 'trigger' }): TocEntry[] {
    const { rel, trigger: tr } = o;
    let defn = `${tr.def};\n`;
    const state: Record<string, string> = { D: 'DISABLE', A: 'ENABLE ALWAYS', R: 'ENABLE REPLICA' };
    if (state[tr.enabled]) defn += `\nALTER TABLE ${qual(rel)} ${state[tr.enabled]} TRIGGER ${fmtId(tr.name)};\n`;
    const out: TocEntry[] = [{ tag: `${rel.name} ${tr.name}`, desc: 'TRIGGER', namespace: rel.ns.name, owner: rel.owner, defn }];
    const c = this.comment(CLASS.trigger, tr.oid);
    if (c !== undefined) out.push(this.commentEntry(`TRIGGER ${tr.name} ON ${rel.name}`, `TRIGGER ${fmtId(tr.name)} ON ${qual(rel)}`, c, rel.ns.name, rel.owner));
    return out;
  }

  private constraint(o: DumpObject & { type: 'constraint' | 'fkConstraint' }): TocEntry[] {
    const { rel, con } = o;
    const clustered = this.m.indexes.some(ix => ix.oid === con.indid && ix.clustered);
    const add = (desc: string, only: boolean, tablespace: boolean): TocEntry[] => [{
      tag: `${rel.name} ${o.name}`, desc, namespace: rel.ns.name, owner: rel.owner, tablespace,
      defn: `ALTER TABLE ${only ? 'ONLY ' : ''}${qual(rel)}\n    ADD CONSTRAINT ${fmtId(o.name)} ${con.def};\n` +
        (clustered ? `\nALTER TABLE ${qual(rel)} CLUSTER ON ${fmtId(o.name)};\n` : ''),
    }, ...this.constraintComment(rel, con.oid, con.name)];
    // a partitioned table's foreign key goes to its partitions too (no ONLY)
    if (o.type === 'fkConstraint') return add('FK CONSTRAINT', rel.relkind !== 'p', false);
    // a CHECK goes to the children too (no ONLY); an inherited one comes with its parent's
    if (con.type === 'c') return o.separate && con.isLocal ? add('CHECK CONSTRAINT', false, false) : [];
    return add('CONSTRAINT', true, true);
  }

  private index(o: DumpObject & { type: 'index' }): TocEntry[] {
    const { rel, index } = o;
    const out: TocEntry[] = [];
    const stats = index.statTargets.map(s => `ALTER INDEX ${qualified(rel.ns.name, o.name)} ALTER COLUMN ${s.attnum} SET STATISTICS ${s.target};\n`);
    // pg_dump's dumpIndex: the index, CLUSTER ON it, then its columns' statistics targets
    const cluster = index.clustered ? `\nALTER TABLE ${qual(rel)} CLUSTER ON ${fmtId(o.name)};\n` : '';
    if (!o.con) out.push({ tag: o.name, desc: 'INDEX', namespace: rel.ns.name, owner: rel.owner, defn: `${index.def};\n${cluster}${stats.join('')}`, tablespace: true });
    const c = this.comment(CLASS.relation, index.oid);
    if (c !== undefined) out.push(this.commentEntry(`INDEX ${fmtId(o.name)}`, `INDEX ${qualified(rel.ns.name, o.name)}`, c, rel.ns.name, rel.owner));
    return out;
  }

  private tableData(rel: Relation): TocEntry {
    const columns = rel.columns.filter(c => !c.dropped && !c.generated).map(c => c.name);
    const list = columns.length ? `(${columns.map(fmtId).join(', ')})` : '';
    return { tag: rel.name, desc: 'TABLE DATA', namespace: rel.ns.name, owner: rel.owner,
      copy: { stmt: `COPY ${qual(rel)} ${list} FROM stdin;\n`, rel, columns } };
  }
}

/** The range of each sequence type, for NO MINVALUE / NO MAXVALUE. */
const TYPE_RANGE: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};
