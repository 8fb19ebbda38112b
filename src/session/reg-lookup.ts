// The catalog lookups behind regclass / regtype / regnamespace for one session: names
// resolve along its search path, and relations print qualified when not visible.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { compositeByRelOid, findCompositeEntry, relationByOid, relationIsVisible } from '../catalog/oid-index.js';
import { parse } from '../parser/index.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { quoteIdent } from '../types/string-functions.js';
import { qualifiedNameList, type RegLookup } from '../types/oid-types.js';
import { operByOid, operCandidates, operText, procByOid, procCandidates, procText, splitSignature } from './reg-names.js';

export interface RegLookupHost {
  readonly database: string;
  readonly engine: { catalog: Catalog };
  /** The lookup path: pg_catalog (implicitly first unless listed) and the existing schemas of search_path. */
  lookupPath(): string[];
}

export function makeRegLookup(h: RegLookupHost): RegLookup {
  const cat = () => h.engine.catalog;
  return {
    get database() { return h.database; },
    relationOid(schema, name) {
      // a composite type's pg_class entry is found by name too
      return cat().findRelation(schema, name, h.lookupPath())?.oid ?? findCompositeEntry(cat(), schema, name, h.lookupPath())?.relOid;
    },
    relationName(oid) {
      const r = relationByOid(cat(), oid) ?? compositeByRelOid(cat(), oid);
      if (!r) return undefined;
      const visible = r.kind === 'type' ? findCompositeEntry(cat(), null, r.name, h.lookupPath()) === r : relationIsVisible(cat(), r, h.lookupPath());
      return visible ? quoteIdent(r.name) : `${quoteIdent(r.schema.name)}.${quoteIdent(r.name)}`;
    },
    namespaceOid(name) {
      return cat().schemas.get(name)?.oid;
    },
    namespaceName(oid) {
      const s = cat().schemasByOid.get(oid);
      return s ? quoteIdent(s.name) : undefined;
    },
    typeOid(text) {
      // parseTypeString: the text must be exactly one type name
      let tn: any;
      try {
        const stmts = parse(`SELECT NULL::${text}`);
        const sel = stmts.length === 1 ? stmts[0].stmt.SelectStmt : null;
        const target = sel?.targetList?.length === 1 && !sel.fromClause ? sel.targetList[0].ResTarget.val : null;
        tn = target?.TypeCast?.arg?.A_Const?.isnull ? target.TypeCast.typeName : null;
      } catch {
        tn = null;
      }
      if (!tn) throw new PgError('42601', `invalid type name "${text}"`);
      try {
        return resolveTypeName(tn).oid;
      } catch (e) {
        // positions inside the synthetic statement mean nothing to the caller
        if (e instanceof PgError) e.position = undefined;
        throw e;
      }
    },
    procOid(text, withArgs) {
      const { name, args } = withArgs ? splitSignature(text) : { name: text, args: null };
      const names = qualifiedNameList(name);
      const found = procCandidates(cat(), h.lookupPath(), names);
      if (args) {
        const types = args.map(a => this.typeOid(a.trim()));
        const hit = found.find(p => p.args.length === types.length && p.args.every((t, i) => t === types[i]));
        if (!hit) throw new PgError('42883', `function "${text}" does not exist`);
        return hit.oid;
      }
      if (!found.length) throw new PgError('42883', `function "${text}" does not exist`);
      if (found.length > 1) throw new PgError('42725', `more than one function named "${text}"`);
      return found[0].oid;
    },
    procName(oid, withArgs) {
      const p = procByOid(cat(), oid);
      return p && procText(cat(), h.lookupPath(), p, withArgs);
    },
    operOid(text, withArgs) {
      const { name, args } = withArgs ? splitSignature(text) : { name: text, args: null };
      const found = operCandidates(cat(), h.lookupPath(), qualifiedNameList(name));
      if (args) {
        if (args.length === 1) throw new PgError('42P02', 'missing argument', { hint: 'Use NONE to denote the missing argument of a unary operator.' });
        if (args.length !== 2) throw new PgError('54023', 'too many arguments', { hint: 'Provide two argument types for operator.' });
        const [left, right] = args.map(a => (a.trim().toLowerCase() === 'none' ? 0 : this.typeOid(a.trim())));
        const hit = found.find(o => o.left === left && o.right === right);
        if (!hit) throw new PgError('42883', `operator does not exist: ${text}`);
        return hit.oid;
      }
      if (!found.length) throw new PgError('42883', `operator does not exist: ${text}`);
      if (found.length > 1) throw new PgError('42725', `more than one operator named ${text}`);
      return found[0].oid;
    },
    operName(oid, withArgs) {
      const o = operByOid(cat(), oid);
      return o && operText(cat(), h.lookupPath(), o, withArgs);
    },
  };
}
