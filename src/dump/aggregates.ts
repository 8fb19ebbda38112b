// User-defined aggregates in a dump, as pg_dump's getAggregates and dumpAgg read and write
// them: CREATE AGGREGATE schema.name(arguments) ( SFUNC, STYPE and every option that differs
// from its default ), then the owner and the comment. Support functions print as regproc
// does (schema-qualified when not on the search path, which the dump empties).
import { fmtId, literal } from './names.js';
import type { Namespace } from './read.js';
import type { Row } from './source.js';
import type { TocEntry } from './entries.js';

export interface AggregateDef {
  oid: string; name: string; ns: Namespace; owner: string;
  /** pg_get_function_arguments / _identity_arguments; nargs 0 is written (*). */
  args: string; identityArgs: string; nargs: number;
  /** The argument types (oidvectortypes), for the entry's tag. */
  typesTag: string;
  transfn: string; finalfn: string; combinefn: string; serialfn: string; deserialfn: string;
  mtransfn: string; minvtransfn: string; mfinalfn: string; mtranstype: string;
  finalextra: boolean; mfinalextra: boolean; sortop: string; kind: string; transspace: string; mtransspace: string;
  initval: string | null; minitval: string | null; parallel: string; finalmodify: string; mfinalmodify: string; transtype: string;
}

const bool = (v: string | null): boolean => v === 't';
const str = (v: string | null): string => v ?? '';

/** getAggregates with dumpAgg's query: the user's aggregates. */
export async function readAggregates(q: (sql: string) => Promise<Row[]>, namespaces: Map<string, Namespace>,
  owner: (oid: string | null) => string): Promise<AggregateDef[]> {
  const out: AggregateDef[] = [];
  const rows = await q(`SELECT p.oid, p.proname, p.pronamespace, p.proowner, pg_catalog.pg_get_function_arguments(p.oid),
      pg_catalog.pg_get_function_identity_arguments(p.oid), p.pronargs, a.aggtransfn::pg_catalog.oid, a.aggfinalfn::pg_catalog.oid,
      a.aggcombinefn::pg_catalog.oid, a.aggserialfn::pg_catalog.oid, a.aggdeserialfn::pg_catalog.oid, a.aggmtransfn::pg_catalog.oid,
      a.aggminvtransfn::pg_catalog.oid, a.aggmfinalfn::pg_catalog.oid, a.aggmtranstype::pg_catalog.regtype, a.aggfinalextra,
      a.aggmfinalextra, a.aggsortop, a.aggkind, a.aggtransspace, a.aggmtransspace, a.agginitval, a.aggminitval, p.proparallel,
      a.aggfinalmodify, a.aggmfinalmodify, a.aggtranstype::pg_catalog.regtype, pg_catalog.oidvectortypes(p.proargtypes)
      FROM pg_catalog.pg_aggregate a JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid WHERE p.oid >= 16384`);
  const fn = await regprocNames(q, rows.flatMap(r => r.slice(7, 15)));
  for (const r of rows) {
    const ns = namespaces.get(str(r[2]));
    if (!ns) continue;
    out.push({
      oid: str(r[0]), name: str(r[1]), ns, owner: owner(r[3]), args: str(r[4]), identityArgs: str(r[5]), nargs: Number(r[6]),
      transfn: fn(r[7]), finalfn: fn(r[8]), combinefn: fn(r[9]), serialfn: fn(r[10]), deserialfn: fn(r[11]), mtransfn: fn(r[12]),
      minvtransfn: fn(r[13]), mfinalfn: fn(r[14]), mtranstype: str(r[15]), finalextra: bool(r[16]), mfinalextra: bool(r[17]),
      sortop: str(r[18]), kind: str(r[19]), transspace: str(r[20]), mtransspace: str(r[21]), initval: r[22], minitval: r[23],
      parallel: str(r[24]), finalmodify: str(r[25]), mfinalmodify: str(r[26]), transtype: str(r[27]), typesTag: str(r[28]),
    });
  }
  return out;
}

/**
 * regprocout's text for function oids ('-' for none), made here since Relata prints regproc
 * as a number: the name alone when regprocin would find it uniquely on the search path (the
 * dump's is empty: pg_catalog only), else schema-qualified.
 */
async function regprocNames(q: (sql: string) => Promise<Row[]>, oids: (string | null)[]): Promise<(oid: string | null) => string> {
  const wanted = [...new Set(oids.filter((o): o is string => o !== null && o !== '0'))];
  const names = new Map<string, string>();
  if (wanted.length) {
    for (const [oid, name, nsp, same] of await q(`SELECT p.oid, p.proname, n.nspname, (SELECT pg_catalog.count(*) FROM pg_catalog.pg_proc o
        WHERE o.proname = p.proname AND o.pronamespace = p.pronamespace) FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.oid IN (${wanted.join(', ')})`)) {
      const unique = nsp === 'pg_catalog' && same === '1';
      names.set(str(oid), unique ? fmtId(str(name)) : `${fmtId(str(nsp))}.${fmtId(str(name))}`);
    }
  }
  return oid => (oid === null || oid === '0' ? '-' : names.get(oid) ?? oid);
}

const MODIFY: Record<string, string> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' };

/** format_function_arguments(…, is_agg): name(arguments), or name(*) without any. */
export const aggregateSignature = (a: AggregateDef, args: string): string => `${fmtId(a.name)}(${a.nargs === 0 ? '*' : args})`;

/** dumpAgg: the aggregate's entry, its comment's. */
export function aggregateEntries(a: AggregateDef, comment: string | undefined): TocEntry[] {
  if (a.sortop !== '0') throw new Error(`cannot dump aggregate "${a.ns.name}.${a.name}": SORTOP is not supported yet`);
  // DefineAggregate's default FINALFUNC_MODIFY: READ_ONLY for a normal aggregate
  const defaultModify = a.kind === 'n' ? 'r' : 'w';
  let d = `    SFUNC = ${a.transfn},\n    STYPE = ${a.transtype}`;
  if (a.transspace !== '0') d += `,\n    SSPACE = ${a.transspace}`;
  if (a.initval !== null) d += `,\n    INITCOND = ${literal(a.initval)}`;
  if (a.finalfn !== '-') {
    d += `,\n    FINALFUNC = ${a.finalfn}`;
    if (a.finalextra) d += ',\n    FINALFUNC_EXTRA';
    if (a.finalmodify !== defaultModify) d += `,\n    FINALFUNC_MODIFY = ${MODIFY[a.finalmodify]}`;
  }
  if (a.combinefn !== '-') d += `,\n    COMBINEFUNC = ${a.combinefn}`;
  if (a.serialfn !== '-') d += `,\n    SERIALFUNC = ${a.serialfn}`;
  if (a.deserialfn !== '-') d += `,\n    DESERIALFUNC = ${a.deserialfn}`;
  if (a.mtransfn !== '-') d += `,\n    MSFUNC = ${a.mtransfn},\n    MINVFUNC = ${a.minvtransfn},\n    MSTYPE = ${a.mtranstype}`;
  if (a.mtransspace !== '0') d += `,\n    MSSPACE = ${a.mtransspace}`;
  if (a.minitval !== null) d += `,\n    MINITCOND = ${literal(a.minitval)}`;
  if (a.mfinalfn !== '-') {
    d += `,\n    MFINALFUNC = ${a.mfinalfn}`;
    if (a.mfinalextra) d += ',\n    MFINALFUNC_EXTRA';
    if (a.mfinalmodify !== defaultModify) d += `,\n    MFINALFUNC_MODIFY = ${MODIFY[a.mfinalmodify]}`;
  }
  if (a.kind === 'h') d += ',\n    HYPOTHETICAL';
  if (a.parallel === 's') d += ',\n    PARALLEL = safe';
  else if (a.parallel === 'r') d += ',\n    PARALLEL = restricted';
  // the full signature creates it, the identity one names it; the tag is format_aggregate_signature's
  const full = aggregateSignature(a, a.args), sig = aggregateSignature(a, a.identityArgs);
  const tag = `${a.name}(${a.nargs === 0 ? '*' : a.typesTag})`;
  const q = `${fmtId(a.ns.name)}.`;
  const out: TocEntry[] = [{ tag, desc: 'AGGREGATE', namespace: a.ns.name, owner: a.owner, defn: `CREATE AGGREGATE ${q}${full} (\n${d}\n);\n`,
    ownerStmt: `ALTER AGGREGATE ${q}${sig} OWNER TO ${fmtId(a.owner)};` }];
  if (comment !== undefined) {
    out.push({ tag: `AGGREGATE ${sig}`, desc: 'COMMENT', namespace: a.ns.name, owner: a.owner, defn: `COMMENT ON AGGREGATE ${q}${sig} IS ${literal(comment)};\n` });
  }
  return out;
}
