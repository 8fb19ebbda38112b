// json_agg, jsonb_agg, json_object_agg, jsonb_object_agg: their result types (any argument).
import { OID } from '../types/oids.js';

export const JSON_AGGREGATES = new Set(['json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg']);

/** The result type of a JSON aggregate, or null for another aggregate. */
export function jsonAggregateType(name: string): number | null {
  if (!JSON_AGGREGATES.has(name)) return null;
  return name.startsWith('jsonb') ? OID.jsonb : OID.json;
}
