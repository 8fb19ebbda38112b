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

export const isRecordValue = (v: unknown): v is unknown[] => Array.isArray(v) && (v as any)[FIELD_TYPES] !== undefined;

/** A sub-array (one more dimension) of an array value, as opposed to a record element. */
export const isSubArray = (v: unknown): v is unknown[] => Array.isArray(v) && (v as any)[FIELD_TYPES] === undefined;
