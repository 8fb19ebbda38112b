// Domains (CREATE DOMAIN): a value is a value of the base type; what makes the domain is the
// check applied on every coercion to it (NOT NULL and CHECK constraints, checked by the
// catalog's compiled constraints through `check`). Text input applies it too (COPY, casts
// from text), as domain_in does.
import { PgError } from '../errors/index.js';
import { typeByOid, type EvalContext } from './registry.js';
import type { FormatSettings, PgType } from './type.js';

/** What a domain is made of (catalog/objects.ts UserType satisfies it; read live). */
export interface DomainSource {
  oid: number;
  name: string;
  arrayOid: number;
  base?: { typeOid: number; typmod: number };
}

export function makeDomainType(src: DomainSource, display: () => string, check: (v: unknown, ctx: EvalContext) => void): PgType {
  const base = (): PgType => {
    const t = src.base && typeByOid(src.base.typeOid);
    if (!t) throw new PgError('XX000', `cache lookup failed for type ${src.base?.typeOid}`);
    return t;
  };
  const inputCtx = (s: FormatSettings): EvalContext => ({ settings: s, txnTimestamp: 0, stmtTimestamp: 0 });
  return {
    oid: src.oid,
    get name() { return src.name; },
    get category() { return base().category; },
    preferred: false,
    get len() { return base().len; },
    array: src.arrayOid,
    input(text, _typmod, s) {
      // the base-most type reads the text; the check covers the whole chain of domains
      const root = domainBase(src.oid)!;
      const b = typeByOid(root.oid)!;
      let v = b.input(text, root.typmod, s);
      if (b.applyTypmod && root.typmod >= 0) v = b.applyTypmod(v, root.typmod, false);
      check(v, inputCtx(s));
      return v;
    },
    output: (v, s) => base().output(v, s),
    compare: (a, b) => base().compare(a, b),
    hashKey: v => { const b = base(); return b.hashKey ? b.hashKey(v) : v as string | number | bigint | boolean; },
    formatType: display,
    domain: {
      get base() { return src.base!.typeOid; },
      get typmod() { return src.base!.typmod; },
      check,
    },
  };
}

/** The base type of a type that may be a domain (over domains too), with the typmod it applies. */
export function domainBase(oid: number): { oid: number; typmod: number } | null {
  let t = typeByOid(oid);
  if (!t?.domain) return null;
  let out = { oid: t.domain.base, typmod: t.domain.typmod };
  for (let depth = 0; (t = typeByOid(out.oid))?.domain && depth < 100; depth++) {
    out = { oid: t.domain.base, typmod: out.typmod >= 0 ? out.typmod : t.domain.typmod };
  }
  return out;
}

/** getBaseType: the type itself when it is not a domain. */
export const baseTypeOf = (oid: number): number => domainBase(oid)?.oid ?? oid;
