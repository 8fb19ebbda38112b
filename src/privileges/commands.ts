// The privilege and ownership checks of utility statements and functions, each a call the
// command makes at the point PostgreSQL checks: TRUNCATE, sequence functions, ownership for
// ALTER / DROP / COMMENT / CREATE INDEX, CREATE in a schema, REFERENCES for foreign keys.
import type { Catalog } from '../catalog/catalog.js';
import type { Relation, Schema, Sequence, Table, UserFunction } from '../catalog/objects.js';
import { ACL } from '../catalog/acl.js';
import {
  columnObject, isSuperuserName, notOwner, ownsObject, permissionDenied, privilegesHeld, relationObject, requireSchemaCreate, schemaObject,
} from './check.js';

/** TRUNCATE needs the TRUNCATE privilege on each table (truncate_check_perms). */
export function checkTruncate(cat: Catalog, user: string, t: Table): void {
  if (isSuperuserName(cat, user)) return;
  if (!privilegesHeld(cat, user, relationObject(t), ACL.TRUNCATE)) throw permissionDenied(relationObject(t));
}

/** nextval: USAGE or UPDATE; currval / lastval: SELECT or USAGE; setval: UPDATE. */
export function checkSequence(cat: Catalog, user: string | undefined, seq: Sequence, fn: 'nextval' | 'currval' | 'setval'): void {
  if (user === undefined || isSuperuserName(cat, user)) return;
  // an identity column's sequence is the column's own: filling it needs no privilege on the sequence
  if (fn === 'nextval' && seq.identity) return;
  const mask = fn === 'nextval' ? ACL.USAGE | ACL.UPDATE : fn === 'currval' ? ACL.SELECT | ACL.USAGE : ACL.UPDATE;
  if (!privilegesHeld(cat, user, relationObject(seq), mask, true)) throw permissionDenied(relationObject(seq));
}

/** ALTER / DROP / COMMENT / CREATE INDEX … : "must be owner of table t" (`word` overrides the relation's kind). */
export function checkRelationOwner(cat: Catalog, user: string, rel: Relation, word?: string): void {
  const owner = rel.kind === 'index' ? rel.table.owner : rel.owner;
  if (!ownsObject(cat, user, owner)) throw notOwner(word ?? relationObject(rel).what, rel.name);
}

/** DROP: the owner of the object or of its schema may drop it. */
export function checkDropOwner(cat: Catalog, user: string, rel: Relation): void {
  const owner = rel.kind === 'index' ? rel.table.owner : rel.owner;
  if (!ownsObject(cat, user, owner) && !ownsObject(cat, user, rel.schema.owner)) throw notOwner(relationObject(rel).what, rel.name);
}

export function checkSchemaOwner(cat: Catalog, user: string, s: Schema): void {
  if (!ownsObject(cat, user, s.owner)) throw notOwner('schema', s.name);
}

/** CREATE TABLE / VIEW / SEQUENCE … in a schema: CREATE on it. */
export function checkCreateIn(cat: Catalog, user: string, s: Schema): void {
  if (isSuperuserName(cat, user)) return;
  requireSchemaCreate(cat, user, s);
}

/** A foreign key needs REFERENCES on the referenced table or on each referenced column. */
export function checkReferences(cat: Catalog, user: string, t: Table, attnums: number[]): void {
  if (isSuperuserName(cat, user)) return;
  if (privilegesHeld(cat, user, relationObject(t), ACL.REFERENCES)) return;
  for (const a of attnums) {
    const c = t.columns.find(x => x.attnum === a);
    if (!c || !privilegesHeld(cat, user, columnObject(t, c), ACL.REFERENCES)) throw permissionDenied(relationObject(t));
  }
}

export { schemaObject };

/**
 * DROP ROLE's "privileges for table t" lines (pg_shdepend's ACL entries): every object of the
 * database whose ACL names the role as grantee or grantor (its owner's own entries aside).
 */
export function aclDependents(cat: Catalog, role: { oid: number; name: string }, visible: (r: Relation) => boolean): { oid: number; text: string }[] {
  const out: { oid: number; text: string }[] = [];
  const names = (acl: { grantee: number; grantor: number }[] | null | undefined, owner: string) =>
    !!acl && owner !== role.name && acl.some(a => a.grantee === role.oid || a.grantor === role.oid);
  for (const s of cat.schemas.values()) {
    if (names(s.acl, s.owner)) out.push({ oid: s.oid, text: `privileges for schema ${s.name}` });
    for (const r of s.relations.values()) {
      if (r.kind === 'index') continue;
      const word = r.kind === 'sequence' ? 'sequence' : r.kind === 'view' ? 'view' : 'table';
      const name = visible(r) ? r.name : `${s.name}.${r.name}`;
      if (names(r.acl, r.owner)) out.push({ oid: r.oid, text: `privileges for ${word} ${name}` });
      if (r.kind === 'table') {
        for (const c of r.columns) if (!c.dropped && names(c.acl, r.owner)) out.push({ oid: r.oid, text: `privileges for column ${c.name} of ${word} ${name}` });
      }
    }
    for (const t of s.types?.values() ?? []) if (names(t.acl, t.owner)) out.push({ oid: t.oid, text: `privileges for type ${t.name}` });
  }
  return out;
}

/** Calling a user-defined function or procedure: EXECUTE on it ("permission denied for function f"). */
export function checkExecute(cat: Catalog, user: string, f: UserFunction): void {
  if (isSuperuserName(cat, user)) return;
  const o = { kind: 'f' as const, holder: f, owner: f.owner, what: f.prokind === 'p' ? 'procedure' : 'function', name: f.name };
  if (!privilegesHeld(cat, user, o, ACL.EXECUTE)) throw permissionDenied(o);
}
