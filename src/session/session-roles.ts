// SET ROLE and SET SESSION AUTHORIZATION (miscinit.c / variable.c): the session user is the
// role that logged in unless a superuser changed it; the current user (Session.user, what
// ownership and current_user read) is the session user unless SET ROLE chose a role of which
// the session user is a member.
import { PgError } from '../errors/index.js';
import type { Catalog } from '../catalog/catalog.js';
import { sharedOf } from '../catalog/shared.js';

export interface RoleSession {
  user: string;
  /** The role that authenticated (null: `user` at the first change). */
  authenticatedUser: string | null;
  sessionUser: string | null;
  currentRole: string | null;
  readonly engine: { catalog: Catalog };
}

const sessionUserOf = (s: RoleSession) => s.sessionUser ?? s.authenticatedUser ?? s.user;

export function setRole(s: RoleSession, name: string | null): void {
  const shared = sharedOf(s.engine.catalog);
  s.authenticatedUser ??= s.user;
  const sessionUser = sessionUserOf(s);
  if (name === null) { s.currentRole = null; s.user = sessionUser; return; }
  const role = shared.roles.get(name);
  if (!role) throw new PgError('22023', `role "${name}" does not exist`);
  const member = shared.roles.get(sessionUser);
  if (!member || (!member.superuser && !shared.isMember(member, role))) throw new PgError('42501', `permission denied to set role "${name}"`);
  s.currentRole = name;
  s.user = name;
}

export function setSessionAuthorization(s: RoleSession, name: string | null): void {
  const shared = sharedOf(s.engine.catalog);
  s.authenticatedUser ??= s.user;
  const target = name ?? s.authenticatedUser;
  const role = shared.roles.get(target);
  if (!role) throw new PgError('22023', `role "${target}" does not exist`);
  if (target !== s.authenticatedUser && !shared.roles.get(s.authenticatedUser)?.superuser) {
    throw new PgError('42501', 'permission denied to set session authorization');
  }
  s.sessionUser = target;
  s.currentRole = null;
  s.user = target;
}

export function sessionUser(s: RoleSession): string {
  return sessionUserOf(s);
}

/** is_superuser: of the current user. */
export function isSuperuser(s: RoleSession): boolean {
  return sharedOf(s.engine.catalog).roles.get(s.user)?.superuser ?? true;
}
