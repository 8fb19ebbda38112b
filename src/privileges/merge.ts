// Changing an ACL as GRANT and REVOKE do (acl.c's aclupdate, recursive_revoke; aclchk.c's
// merge_acl_grant and select_best_grantor): the entry of a grantee and grantor gains or
// loses privileges; losing a grant option takes the privileges the grantee passed on with
// it (CASCADE), or fails when there are some (RESTRICT).
import { PgError } from '../errors/index.js';
import { PUBLIC_OID, type Acl, type AclItem } from './acl.js';

export type Behavior = 'restrict' | 'cascade';

/** aclupdate: adds or removes `mod`'s privileges and grant options on its grantee/grantor entry. */
export function aclUpdate(acl: Acl, mod: AclItem, add: boolean, owner: number, behavior: Behavior): Acl {
  let out = acl.map(a => ({ ...a }));
  let i = out.findIndex(a => a.grantee === mod.grantee && a.grantor === mod.grantor);
  if (i < 0) {
    if (!add) return out; // nothing to remove
    out.push({ grantee: mod.grantee, grantor: mod.grantor, privs: 0, goptions: 0 });
    i = out.length - 1;
  }
  const e = out[i];
  const oldGoptions = e.goptions;
  if (add) { e.privs |= mod.privs; e.goptions |= mod.goptions; } else { e.privs &= ~mod.privs; e.goptions &= ~mod.goptions; }
  // a privilege held without it being granted cannot carry a grant option
  e.goptions &= e.privs;
  const newGoptions = e.goptions;
  if (e.privs === 0 && e.goptions === 0) out.splice(i, 1);
  if (oldGoptions & ~newGoptions) out = recursiveRevoke(out, mod.grantee, oldGoptions & ~newGoptions, owner, behavior);
  return out;
}

/** Revokes what `grantee` granted others of `privs` (it lost the grant option for them). */
function recursiveRevoke(acl: Acl, grantee: number, privs: number, owner: number, behavior: Behavior): Acl {
  // the owner always holds grant options implicitly
  if (grantee === owner) return acl;
  // grant options the grantee still holds through another grantor are not lost
  for (const a of acl) if (a.grantee === grantee) privs &= ~a.goptions;
  if (!privs) return acl;
  let out = acl;
  for (;;) {
    const dep = out.find(a => a.grantor === grantee && (a.privs & privs) !== 0);
    if (!dep) return out;
    if (behavior === 'restrict') throw new PgError('2BP01', 'dependent privileges exist', { hint: 'Use CASCADE to revoke them too.' });
    out = aclUpdate(out, { grantee: dep.grantee, grantor: grantee, privs, goptions: privs }, false, owner, behavior);
  }
}

/** merge_acl_grant: the change of GRANT / REVOKE [GRANT OPTION FOR] for each grantee. */
export function mergeAclGrant(acl: Acl, isGrant: boolean, grantOption: boolean, behavior: Behavior, grantees: number[],
  privs: number, grantor: number, owner: number): Acl {
  let out = acl;
  for (const g of grantees) {
    // granting the grant option to PUBLIC is refused (it would be pointless and confusing)
    if (isGrant && grantOption && g === PUBLIC_OID) {
      throw new PgError('0LP01', 'grant options can only be granted to roles');
    }
    const mod: AclItem = {
      grantee: g, grantor,
      privs: isGrant || !grantOption ? privs : 0,
      goptions: !isGrant || grantOption ? privs : 0,
    };
    out = aclUpdate(out, mod, isGrant, owner, behavior);
  }
  return out;
}
