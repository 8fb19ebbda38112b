// CREATE DOMAIN and ALTER DOMAIN (typecmds.c DefineDomain / AlterDomain*): a base type with
// NOT NULL, a DEFAULT and CHECK constraints (named <domain>_check, _check1, … unless named),
// checked on every coercion to the domain; adding NOT NULL or a CHECK validates the stored
// values of every column of the domain (or of a domain over it).
import { PgError } from '../errors/index.js';
import { resolveTypeName } from '../analyzer/typenames.js';
import { CLASS, type DomainConstraint, type Table, type UserType } from '../catalog/objects.js';
import { allUserTypes, pgTypeOf, userTypeByOid } from '../catalog/user-types.js';
import { chooseName } from '../catalog/names.js';
import { typeByOid } from '../types/registry.js';
import { isVisible } from '../storage/visibility.js';
import type { CommandContext } from './context.js';
import { deparse } from './deparse.js';
import { analyzeDomainCheck, cookDomainDefault } from './domain-check.js';
import { creationSchema, newUserType, str, typeForCommand, typeText } from './type-common.js';

const NOT_POSSIBLE: Record<string, string> = {
  CONSTR_UNIQUE: 'unique constraints not possible for domains',
  CONSTR_PRIMARY: 'primary key constraints not possible for domains',
  CONSTR_EXCLUSION: 'exclusion constraints not possible for domains',
  CONSTR_FOREIGN: 'foreign key constraints not possible for domains',
  CONSTR_IDENTITY: 'identity columns not possible for domains',
  CONSTR_GENERATED: 'generated columns not possible for domains',
};

function refuseConstraint(c: any): void {
  const msg = NOT_POSSIBLE[c.contype];
  if (msg) throw new PgError('42P17', msg);
  if (c.contype?.startsWith('CONSTR_ATTR_')) throw new PgError('0A000', 'specifying constraint deferrability not supported for domains');
}

export function createDomain(cx: CommandContext, n: any): string {
  const names = (n.domainname as any[]).map(str);
  const schema = creationSchema(cx, names);
  const name = names[names.length - 1];
  const base = resolveBase(n.typeName);
  if (n.collClause) throw new PgError('0A000', 'COLLATE on a domain is not supported');
  let notNull: boolean | null = null;
  let def: { expr: any; text: string } | null = null;
  const checks: any[] = [];
  for (const el of (n.constraints ?? []) as any[]) {
    const c = el.Constraint;
    refuseConstraint(c);
    switch (c.contype) {
      case 'CONSTR_NOTNULL': case 'CONSTR_NULL': {
        const want = c.contype === 'CONSTR_NOTNULL';
        if (notNull !== null && notNull !== want) throw new PgError('42601', 'conflicting NULL/NOT NULL constraints');
        notNull = want;
        break;
      }
      case 'CONSTR_DEFAULT':
        if (def) throw new PgError('42601', 'multiple default expressions');
        def = { expr: c.raw_expr, text: '' };
        break;
      case 'CONSTR_CHECK': checks.push(c); break;
      default: throw new PgError('0A000', `${c.contype} constraints on domains are not supported`);
    }
  }
  const ut = newUserType(cx, schema, name, 'd');
  ut.base = base;
  ut.notNull = notNull === true;
  ut.default = def;
  ut.constraints = [];
  const baseUser = userTypeByOid(cx.catalog, base.typeOid);
  if (baseUser) cx.catalog.deps.add(ut, 0, baseUser.ut, baseUser.array ? -1 : 0, 'n');
  for (const c of checks) ut.constraints.push(newCheck(cx, ut, c));
  if (def) def.text = cookDomainDefault(cx.analyze, ut.oid, def.expr);
  return 'CREATE DOMAIN';
}

/** The base type of a new domain: not a pseudo-type. */
function resolveBase(tn: any): { typeOid: number; typmod: number } {
  let t;
  try {
    t = resolveTypeName(tn);
  } catch (e) {
    if (e instanceof PgError) e.position = undefined;
    throw e;
  }
  const pg = typeByOid(t.oid);
  if (pg && pg.category === 'P') throw new PgError('42804', `"${pg.formatType(-1)}" is not a valid base type for a domain`);
  return { typeOid: t.oid, typmod: t.typmod };
}

/** A CHECK constraint for the domain, analyzed now so that errors show at creation. */
function newCheck(cx: CommandContext, ut: UserType, c: any): DomainConstraint {
  if (c.is_no_inherit) throw new PgError('42P17', `check constraints for domains cannot be marked NO INHERIT`);
  analyzeDomainCheck(cx.analyze, ut.base!, c.raw_expr);
  const taken = (nm: string) => (ut.constraints ?? []).some(x => x.name === nm) || cx.catalog.constraintNameUsed(ut.schema, nm);
  const name: string = c.conname ?? chooseName(ut.name, null, 'check', taken);
  if (c.conname && (ut.constraints ?? []).some(x => x.name === name)) {
    throw new PgError('42710', `constraint "${name}" for domain "${ut.name}" already exists`);
  }
  return { oid: cx.catalog.allocOid(), name, expr: c.raw_expr, text: deparse(c.raw_expr), validated: !c.skip_validation };
}

/** The domain an ALTER DOMAIN names. */
function domainTarget(cx: CommandContext, names: string[]): UserType {
  const found = typeForCommand(cx, names)!;
  if ('user' in found && found.user.typtype === 'd') return found.user;
  const oid = 'user' in found ? found.user.oid : found.builtin;
  throw new PgError('42809', `${typeText(oid)} is not a domain`);
}

export function alterDomain(cx: CommandContext, n: any): string {
  const ut = domainTarget(cx, (n.typeName as any[]).map(str));
  const cat = cx.catalog;
  switch (n.subtype) {
    case 'T': // SET DEFAULT / DROP DEFAULT
      cat.set(ut, 'default', n.def ? { expr: n.def, text: cookDomainDefault(cx.analyze, ut.oid, n.def) } : null);
      break;
    case 'N': cat.set(ut, 'notNull', false); break;
    case 'O': // SET NOT NULL
      if (!ut.notNull) {
        validateColumns(cx, ut, v => v !== null, (t, col) =>
          new PgError('23502', `column "${col}" of table "${t.name}" contains null values`, { table: t.name, column: col, schema: t.schema.name }));
        cat.set(ut, 'notNull', true);
      }
      break;
    case 'C': { // ADD CONSTRAINT
      const c = n.def.Constraint;
      refuseConstraint(c);
      if (c.contype === 'CONSTR_NOTNULL') throw new PgError('42601', 'use ALTER DOMAIN ... SET NOT NULL instead');
      if (c.contype !== 'CONSTR_CHECK') throw new PgError('0A000', `${c.contype} constraints on domains are not supported`);
      const con = newCheck(cx, ut, c);
      const list = [...(ut.constraints ?? []), con];
      if (con.validated) validateCheck(cx, ut, con);
      cat.set(ut, 'constraints', list);
      break;
    }
    case 'X': { // DROP CONSTRAINT
      const con = (ut.constraints ?? []).find(c => c.name === n.name);
      if (!con) {
        const msg = `constraint "${n.name}" of domain "${ut.name}" does not exist`;
        if (n.missing_ok) { cx.notice({ severity: 'NOTICE', code: '00000', message: `${msg}, skipping` }); break; }
        throw new PgError('42704', msg);
      }
      cat.set(ut, 'constraints', (ut.constraints ?? []).filter(c => c !== con));
      cat.dropComments(CLASS.constraint, con.oid, 0);
      break;
    }
    case 'V': { // VALIDATE CONSTRAINT
      const i = (ut.constraints ?? []).findIndex(c => c.name === n.name);
      if (i < 0) throw new PgError('42704', `constraint "${n.name}" of domain "${ut.name}" does not exist`);
      const con = ut.constraints![i];
      if (!con.validated) {
        validateCheck(cx, ut, con);
        cat.set(ut, 'constraints', ut.constraints!.map((c, j) => (j === i ? { ...c, validated: true } : c)));
      }
      break;
    }
    default: throw new PgError('0A000', `ALTER DOMAIN form ${n.subtype} is not supported`);
  }
  return 'ALTER DOMAIN';
}

export function renameDomainConstraint(cx: CommandContext, n: any): string {
  const ut = domainTarget(cx, (n.object.List.items as any[]).map(str));
  const i = (ut.constraints ?? []).findIndex(c => c.name === n.subname);
  if (i < 0) throw new PgError('42704', `constraint "${n.subname}" for domain "${ut.name}" does not exist`);
  if (ut.constraints!.some(c => c.name === n.newname)) throw new PgError('42710', `constraint "${n.newname}" for domain "${ut.name}" already exists`);
  cx.catalog.set(ut, 'constraints', ut.constraints!.map((c, j) => (j === i ? { ...c, name: n.newname } : c)));
  return 'ALTER DOMAIN';
}

/** Every stored value of the domain (in columns of it or of domains over it) must pass the new check. */
function validateCheck(cx: CommandContext, ut: UserType, con: DomainConstraint): void {
  // checked as the domain will check it: a trial domain holding just this constraint
  const trial: UserType = { ...ut, notNull: false, constraints: [con], cache: undefined };
  const check = pgTypeOf(cx.catalog, trial).domain!.check;
  const ctx = { settings: cx.analyze.settings, txnTimestamp: 0, stmtTimestamp: 0 };
  validateColumns(cx, ut, v => {
    if (v === null) return true;
    try { check(v, ctx); return true; } catch (e) { if (e instanceof PgError && e.code === '23514') return false; throw e; }
  }, (t, col) => new PgError('23514', `column "${col}" of table "${t.name}" contains values that violate the new constraint`,
    { table: t.name, column: col, schema: t.schema.name }));
}

/**
 * Runs `ok` over the visible values of every column of the domain, and of domains built on it,
 * as validateDomainConstraint does: the tables in the order get_rels_with_domain finds them
 * (what depends on the domain, oldest first, domains over it followed into), each scanned
 * row by row, its columns of the domain in column order.
 */
function validateColumns(cx: CommandContext, ut: UserType, ok: (v: unknown) => boolean, error: (t: Table, column: string) => PgError): void {
  const cat = cx.catalog;
  const rels = new Map<Table, { attnum: number; name: string }[]>();
  const visit = (d: UserType, depth: number) => {
    const users: { oid: number; run(): void }[] = [];
    for (const o of allUserTypes(cat)) {
      if (o.typtype === 'd' && o.base!.typeOid === d.oid && depth < 100) users.push({ oid: o.oid, run: () => visit(o, depth + 1) });
    }
    for (const t of cat.tables()) {
      const cols = t.columns.filter(c => !c.dropped && c.typeOid === d.oid);
      if (!cols.length) continue;
      users.push({ oid: t.oid, run: () => {
        let list = rels.get(t);
        if (!list) rels.set(t, list = []);
        for (const c of cols) list.push({ attnum: c.attnum, name: c.name });
      } });
    }
    for (const u of users.sort((a, b) => a.oid - b.oid)) u.run();
  };
  visit(ut, 0);
  for (const [t, cols] of rels) {
    cols.sort((a, b) => a.attnum - b.attnum);
    for (const tup of t.heap.tuples) {
      if (!isVisible(tup, cx.view)) continue;
      for (const c of cols) if (!ok(tup.data[c.attnum - 1] ?? null)) throw error(t, c.name);
    }
  }
}
