// The objects a GRANT / REVOKE names (objectNamesToOids, objectsInSchemaToOids): relations,
// sequences, schemas, databases, functions and types, or every table / sequence / function
// of some schemas.
import { PgError } from '../errors/index.js';
import type { Relation } from '../catalog/objects.js';
import { sharedOf } from '../catalog/shared.js';
import { databaseObject, relationObject, schemaObject, typeObject, type AclObject } from '../privileges/check.js';
import type { CommandContext } from './context.js';
import { lookupFunction } from './function-lookup.js';
import { typeForCommand } from './type-common.js';

export interface GrantTarget {
  obj: AclObject;
  rel?: Relation;
}

const str = (n: any): string => n.String?.sval ?? n.sval;

const functionObject = (f: { name: string; owner: string; acl?: unknown }, word: string): AclObject =>
  ({ kind: 'f', holder: f as AclObject['holder'], owner: f.owner, what: word, name: f.name });

export function grantTargets(cx: CommandContext, n: any): GrantTarget[] {
  const objtype: string = n.objtype;
  if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') return allInSchemas(cx, objtype, (n.objects as any[]).map(str));
  const out: GrantTarget[] = [];
  for (const o of n.objects as any[]) {
    switch (objtype) {
      case 'OBJECT_TABLE': case 'OBJECT_SEQUENCE': {
        const rv = o.RangeVar;
        const rel = cx.catalog.findRelation(rv.schemaname, rv.relname, cx.analyze.searchPath);
        if (!rel) throw new PgError('42P01', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${rv.relname}" does not exist`);
        if (rel.kind === 'index') throw new PgError('42809', `"${rel.name}" is an index`);
        out.push({ obj: relationObject(rel), rel });
        break;
      }
      case 'OBJECT_SCHEMA': {
        const name = str(o);
        const s = cx.catalog.schemas.get(name);
        if (!s) throw new PgError('3F000', `schema "${name}" does not exist`);
        out.push({ obj: schemaObject(s) });
        break;
      }
      case 'OBJECT_DATABASE': {
        const name = str(o);
        const d = sharedOf(cx.catalog).databases.get(name);
        if (!d) throw new PgError('3D000', `database "${name}" does not exist`);
        out.push({ obj: databaseObject(d) });
        break;
      }
      case 'OBJECT_FUNCTION': case 'OBJECT_PROCEDURE': case 'OBJECT_ROUTINE': {
        const kind = objtype === 'OBJECT_PROCEDURE' ? 'procedure' : objtype === 'OBJECT_ROUTINE' ? 'routine' : 'function';
        const f = lookupFunction(cx, o.ObjectWithArgs ?? o, kind, false);
        if (!f) throw new PgError('42883', 'function does not exist');
        out.push({ obj: functionObject(f, f.prokind === 'p' ? 'procedure' : 'function') });
        break;
      }
      case 'OBJECT_TYPE': case 'OBJECT_DOMAIN': {
        const names = ((o.List?.items ?? o.TypeName?.names ?? []) as any[]).map(str);
        const t = typeForCommand(cx, names);
        if (!t || !('user' in t)) throw new PgError('0A000', `GRANT on built-in type ${names.join('.')} is not supported`);
        if (objtype === 'OBJECT_DOMAIN' && t.user.typtype !== 'd') throw new PgError('42809', `"${t.user.name}" is not a domain`);
        out.push({ obj: typeObject(t.user) });
        break;
      }
      default:
        throw new PgError('0A000', `GRANT on ${objtype} is not supported`);
    }
  }
  return out;
}

/** ALL TABLES / SEQUENCES / FUNCTIONS IN SCHEMA: the schema's objects of that kind, by oid order. */
function allInSchemas(cx: CommandContext, objtype: string, schemas: string[]): GrantTarget[] {
  const out: GrantTarget[] = [];
  for (const name of schemas) {
    const s = cx.catalog.schemas.get(name);
    if (!s) throw new PgError('3F000', `schema "${name}" does not exist`);
    if (objtype === 'OBJECT_TABLE' || objtype === 'OBJECT_SEQUENCE') {
      const rels = [...s.relations.values()]
        .filter(r => (objtype === 'OBJECT_SEQUENCE' ? r.kind === 'sequence' : r.kind === 'table' || r.kind === 'view'))
        .sort((a, b) => a.oid - b.oid);
      for (const r of rels) out.push({ obj: relationObject(r), rel: r });
    } else if (objtype === 'OBJECT_FUNCTION' || objtype === 'OBJECT_PROCEDURE' || objtype === 'OBJECT_ROUTINE') {
      for (const list of s.functions?.values() ?? []) {
        for (const f of list) {
          if (objtype === 'OBJECT_FUNCTION' && f.prokind === 'p') continue;
          if (objtype === 'OBJECT_PROCEDURE' && f.prokind !== 'p') continue;
          out.push({ obj: functionObject(f, f.prokind === 'p' ? 'procedure' : 'function') });
        }
      }
    } else {
      throw new PgError('0A000', `GRANT … IN SCHEMA on ${objtype} is not supported`);
    }
  }
  return out;
}
