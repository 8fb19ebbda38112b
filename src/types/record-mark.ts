// A row value (ROW(…), a record) is a JS array like an array value's dimension is; the
// field types it carries (a symbol-keyed property) tell the two apart, so that arrays of
// records keep each record as one element.
export const FIELD_TYPES: unique symbol = Symbol('record field types');

/** Marks an array of field values as a record whose fields have these types. */
export function makeRecord(values: unknown[], types: number[]): unknown[] {
  (values as any)[FIELD_TYPES] = types;
  return values;
}

export const fieldTypesOf = (v: unknown[]): number[] | undefined => (v as any)[FIELD_TYPES];

/** The column names of an anonymous record that has them (a FROM item's row), for to_json and the like. */
export const FIELD_NAMES: unique symbol = Symbol('record field names');
export function nameRecord(values: unknown[], names: string[]): unknown[] {
  (values as any)[FIELD_NAMES] = names;
  return values;
}
export const fieldNamesOf = (v: unknown[]): string[] | undefined => (v as any)[FIELD_NAMES];

export const isRecordValue = (v: unknown): v is unknown[] => Array.isArray(v) && (v as any)[FIELD_TYPES] !== undefined;

/** A sub-array (one more dimension) of an array value, as opposed to a record element. */
export const isSubArray = (v: unknown): v is unknown[] => Array.isArray(v) && (v as any)[FIELD_TYPES] === undefined;

/**
 * A value of composite type `fields` as an array element: marked as a record (a copy when it
 * is not yet), so that array code never mistakes it for a sub-array.
 */
export function markComposite(v: unknown, fields: () => ({ type: number } | null)[]): unknown {
  if (!Array.isArray(v) || (v as any)[FIELD_TYPES] !== undefined) return v;
  return makeRecord(v.slice(), fields().map(f => f?.type ?? 0));
}
