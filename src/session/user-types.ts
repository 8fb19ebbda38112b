// The session's part in user-defined types: it makes its catalog's types reachable while it
// runs (catalog/user-types.ts activateTypes) and compiles domains' CHECK constraints, which
// needs the analyzer and the executor (layers above the catalog).
import { activateTypes, activeTypeCatalog, installDomainCheckCompiler, userTypeByOid } from '../catalog/user-types.js';
import type { UserType } from '../catalog/objects.js';
import type { Catalog } from '../catalog/catalog.js';
import { analyzeDomainCheck } from '../commands/domain-check.js';
import { compile } from '../executor/compile.js';
import { runSubquery } from '../executor/query.js';
import type { Env } from '../executor/env.js';
import { defaultFormatSettings } from '../types/type.js';

let installed = false;

export function registerUserTypeSupport(): void {
  if (installed) return;
  installed = true;
  installDomainCheckCompiler((cat, ut, raw) => {
    const e = analyzeDomainCheck({
      catalog: cat, searchPath: ['pg_catalog', ut.schema.name], settings: defaultFormatSettings, paramTypes: [],
      currentUser: ut.owner, sessionValue: () => null,
    }, ut.base!, raw);
    const c = compile(e, runSubquery);
    // the value is read as env.subRow[0]; a domain check reads no table
    return (v, ctx) => c([], { view: null as unknown as Env['view'], outer: [], params: [], ctx, aggs: null, subRow: [v] });
  });
}

/** Called whenever the session starts work: its catalog's types become the ones names and oids find. */
export function activateSessionTypes(s: { engine: { catalog: Catalog }; readonly typePath: () => string[] }): void {
  // (the session's one path function: activateTypes does nothing when it is active already)
  activateTypes(s.engine.catalog, s.typePath);
}

/** The user type behind an oid in the active catalog (not its array type). */
function userTypeOf(oid: number): UserType | undefined {
  const cat = activeTypeCatalog();
  const f = cat && userTypeByOid(cat, oid);
  return f && !f.array ? f.ut : undefined;
}

const NULL_CONST = { A_Const: { isnull: true, location: -1 } };

/**
 * The default a column of this type gets when it has none of its own: the nearest default
 * along a domain's chain of base domains, or NULL (coerced to the domain, so NOT NULL is
 * checked); null when the type is not a domain.
 */
export function domainDefaultExpr(typeOid: number): unknown {
  let f = userTypeOf(typeOid);
  if (f?.typtype !== 'd') return null;
  for (let depth = 0; f?.typtype === 'd' && depth < 100; depth++) {
    if (f.default) return f.default.expr;
    f = userTypeOf(f.base!.typeOid);
  }
  return NULL_CONST;
}
