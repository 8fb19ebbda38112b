// The JSON aggregates (json.c / jsonb.c): json_agg builds "[a, b]" with PostgreSQL's spacing
// (a newline before each later array or row element), json_object_agg "{ "k" : v, … }",
// and the jsonb forms build jsonb values. They keep NULL inputs (as JSON null).
import { PgError } from '../errors/index.js';
import { makeObject, type JsonbValue } from '../types/json.js';
import { toJsonb, toJsonText } from '../types/json-build.js';
import { OID } from '../types/oids.js';
import { typeByOid, type EvalContext } from '../types/registry.js';
import type { AggCall, AggImpl } from '../analyzer/query.js';

export function jsonAggregateImpl(name: string, call: AggCall | undefined, ctx: EvalContext): AggImpl | null {
  const types = call?.args.map(a => a.type) ?? [];
  const s = ctx.settings;
  switch (name) {
    case 'json_agg': {
      const t = types[0];
      // arrays and rows start on a new line after the first element (json_agg_transfn)
      const structured = t === OID.record || typeByOid(t)?.category === 'A' || typeByOid(t)?.category === 'C';
      return {
        init: () => null,
        step: (st: any, a) => {
          const text = toJsonText(a[0], t, s);
          if (st === null) return { text: '[' + text };
          st.text += (a[0] !== null && structured ? ', \n ' : ', ') + text;
          return st;
        },
        final: (st: any) => (st === null ? null : st.text + ']'),
        strict: false,
      };
    }
    case 'jsonb_agg':
      return {
        init: () => null,
        step: (st: any, a) => { (st ??= []).push(toJsonb(a[0], types[0], s)); return st; },
        final: st => st,
        strict: false,
      };
    case 'json_object_agg':
      return {
        init: () => null,
        step: (st: any, a) => {
          if (a[0] === null) throw new PgError('22023', 'field name must not be null');
          const pair = `${toJsonText(keyText(a[0], types[0], ctx), OID.text, s)} : ${toJsonText(a[1], types[1], s)}`;
          if (st === null) return { text: '{ ' + pair };
          st.text += ', ' + pair;
          return st;
        },
        final: (st: any) => (st === null ? null : st.text + ' }'),
        strict: false,
      };
    case 'jsonb_object_agg':
      return {
        init: () => null,
        step: (st: any, a) => {
          if (a[0] === null) throw new PgError('22023', 'field name must not be null');
          (st ??= []).push([keyText(a[0], types[0], ctx), toJsonb(a[1], types[1], s)]);
          return st;
        },
        final: (st: any) => (st === null ? null : makeObject((st as [string, JsonbValue][]).map(p => p[0]), (st as [string, JsonbValue][]).map(p => p[1]))),
        strict: false,
      };
  }
  return null;
}

/** A key as its text output (json keys are always strings). */
function keyText(v: unknown, type: number, ctx: EvalContext): string {
  return typeof v === 'string' ? v : typeByOid(type)?.output(v, ctx.settings) ?? String(v);
}
