// What exists: schemas and the relations in them, with every change undoable so
// that DDL is transactional (the transaction's undo log is replayed on ROLLBACK).
import { PgError } from '../errors/index.js';
import type { Constraint, Relation, Schema, Table } from './objects.js';
import { Dependencies } from './dependencies.js';

export type Undo = () => void;

/** First oid handed to user objects, as in PostgreSQL (FirstNormalObjectId). */
const FIRST_USER_OID = 16384;

export class Catalog {
  schemas = new Map<string, Schema>();
  schemasByOid = new Map<number, Schema>();
  private nextOid = FIRST_USER_OID;
  /** The undo log of the transaction that is changing the catalog, if any. */
  undoLog: Undo[] | null = null;
  deps = new Dependencies();
  /** COMMENT ON: key `${classOid}:${objOid}:${subId}` → text. */
  comments = new Map<string, string>();
  /** Bumped at every change; plan caches compare it. */
  version = 0;

  constructor() {
    this.deps.onChange = undo => this.record(undo);
    this.addSchemaRaw('pg_catalog', 11, 'postgres');
    // PostgreSQL 15: the public schema belongs to pg_database_owner and says what it is
    this.addSchemaRaw('public', 2200, 'pg_database_owner');
    this.comments.set('2615:2200:0', 'standard public schema');
    this.addSchemaRaw('information_schema', 13000, 'postgres');
  }

  allocOid(): number {
    return this.nextOid++;
  }

  /** Records how to undo a change just made. */
  record(undo: Undo): void {
    this.version++;
    // undoing is a change too: caches keyed by the version must not survive a ROLLBACK
    this.undoLog?.push(() => { undo(); this.version++; });
  }

  private addSchemaRaw(name: string, oid: number, owner: string): Schema {
    const s: Schema = { kind: 'schema', oid, name, owner, relations: new Map() };
    this.schemas.set(name, s);
    this.schemasByOid.set(oid, s);
    return s;
  }

  createSchema(name: string, owner: string): Schema {
    const s = this.addSchemaRaw(name, this.allocOid(), owner);
    this.deps.addOwnedByDatabase(s);
    this.record(() => { this.schemas.delete(name); this.schemasByOid.delete(s.oid); });
    return s;
  }

  removeSchema(s: Schema): void {
    this.schemas.delete(s.name);
    this.schemasByOid.delete(s.oid);
    this.record(() => { this.schemas.set(s.name, s); this.schemasByOid.set(s.oid, s); });
  }

  schema(name: string): Schema {
    const s = this.schemas.get(name);
    if (!s) throw new PgError('3F000', `schema "${name}" does not exist`);
    return s;
  }

  addRelation(r: Relation): void {
    r.schema.relations.set(r.name, r);
    this.record(() => r.schema.relations.delete(r.name));
  }

  removeRelation(r: Relation): void {
    r.schema.relations.delete(r.name);
    this.record(() => r.schema.relations.set(r.name, r));
  }

  renameRelation(r: Relation, name: string): void {
    const old = r.name;
    r.schema.relations.delete(old);
    r.name = name;
    r.schema.relations.set(name, r);
    this.record(() => { r.schema.relations.delete(name); r.name = old; r.schema.relations.set(old, r); });
  }

  /** ALTER … SET SCHEMA: moves a relation into another schema's name space. */
  moveRelation(r: Relation, to: Schema): void {
    const from = r.schema;
    from.relations.delete(r.name);
    r.schema = to;
    to.relations.set(r.name, r);
    this.record(() => { to.relations.delete(r.name); r.schema = from; from.relations.set(r.name, r); });
  }

  /** ALTER SCHEMA … RENAME TO (the schema keeps its place in the listing order). */
  renameSchema(s: Schema, name: string): void {
    const rekey = (from: string, to: string) => {
      const entries = [...this.schemas.entries()].map(([k, v]) => (k === from ? [to, v] as const : [k, v] as const));
      this.schemas.clear();
      for (const [k, v] of entries) this.schemas.set(k, v);
    };
    const old = s.name;
    rekey(old, name);
    s.name = name;
    this.record(() => { rekey(name, old); s.name = old; });
  }

  /** Sets a property and records its undo. */
  set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): void {
    const old = obj[key];
    obj[key] = value;
    this.record(() => { obj[key] = old; });
  }

  /** Pushes onto an array and records its undo. */
  push<T>(list: T[], item: T): void {
    list.push(item);
    this.record(() => { const i = list.lastIndexOf(item); if (i >= 0) list.splice(i, 1); });
  }

  /** Removes from an array and records its undo. */
  remove<T>(list: T[], item: T): void {
    const i = list.indexOf(item);
    if (i < 0) return;
    list.splice(i, 1);
    this.record(() => list.splice(i, 0, item));
  }

  /** Looks a relation up by optional schema and name along the search path. */
  findRelation(schemaName: string | null | undefined, name: string, searchPath: string[]): Relation | undefined {
    if (schemaName) {
      schemaName = resolveSchemaName(schemaName, searchPath);
      const s = this.schemas.get(schemaName);
      if (!s) throw new PgError('3F000', `schema "${schemaName}" does not exist`);
      return s.relations.get(name);
    }
    for (const sp of searchPath) {
      const r = this.schemas.get(sp)?.relations.get(name);
      if (r) return r;
    }
    return undefined;
  }

  /** Is a constraint of this name used by any relation of the schema? (ChooseConstraintName's test) */
  constraintNameUsed(schema: Schema, name: string): boolean {
    for (const r of schema.relations.values()) {
      if (r.kind === 'table' && r.constraints.some(c => c.name === name)) return true;
    }
    return false;
  }

  tables(): Table[] {
    const out: Table[] = [];
    for (const s of this.schemas.values()) for (const r of s.relations.values()) if (r.kind === 'table') out.push(r);
    return out;
  }

  setComment(key: string, text: string | null): void {
    const old = this.comments.get(key);
    if (text === null) this.comments.delete(key); else this.comments.set(key, text);
    this.record(() => { if (old === undefined) this.comments.delete(key); else this.comments.set(key, old); });
  }

  /** Drops the comments of an object (of every column too when subId is 0), as deleting it does. */
  dropComments(classOid: number, objOid: number, subId: number): void {
    const prefix = `${classOid}:${objOid}:`;
    for (const key of [...this.comments.keys()]) {
      if (key === prefix + subId || (subId === 0 && key.startsWith(prefix))) this.setComment(key, null);
    }
  }

  constraintByName(t: Table, name: string): Constraint | undefined {
    return t.constraints.find(c => c.name === name);
  }
}

/** A schema name as written: pg_temp is the session's temporary schema, which leads its search path when it exists. */
export function resolveSchemaName(name: string, searchPath: string[]): string {
  return name === 'pg_temp' ? (searchPath.find(p => p.startsWith('pg_temp_')) ?? name) : name;
}
