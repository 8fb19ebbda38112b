// The contract every type family module fulfils. A value is a plain JavaScript
// value chosen for speed (see ARCHITECTURE.md "Values"); SQL NULL is always `null`
// and never reaches the functions below.

/** Session settings that change how values are read and printed. */
export interface FormatSettings {
  /** DateStyle output part: 'ISO' | 'Postgres' | 'SQL' | 'German' */
  dateStyle: 'ISO' | 'Postgres' | 'SQL' | 'German';
  /** DateStyle field order part, used for input and for Postgres/SQL output. */
  dateOrder: 'MDY' | 'DMY' | 'YMD';
  /** IANA zone name or a POSIX-style offset ('UTC', 'America/Los_Angeles', '+02'). */
  timeZone: string;
  intervalStyle: 'postgres' | 'postgres_verbose' | 'sql_standard' | 'iso_8601';
  /** extra_float_digits: >0 gives shortest-exact output (PostgreSQL 12+ default is 1). */
  extraFloatDigits: number;
  /** bytea_output: 'hex' | 'escape' */
  byteaOutput: 'hex' | 'escape';
}

export const defaultFormatSettings: FormatSettings = {
  dateStyle: 'ISO', dateOrder: 'MDY', timeZone: 'UTC', intervalStyle: 'postgres',
  extraFloatDigits: 1, byteaOutput: 'hex',
};

/** pg_type.typcategory */
export type TypeCategory =
  | 'A' // array
  | 'B' // boolean
  | 'C' // composite
  | 'D' // date/time
  | 'E' // enum
  | 'G' // geometric
  | 'I' // network
  | 'N' // numeric
  | 'P' // pseudo
  | 'R' // range
  | 'S' // string
  | 'T' // timespan
  | 'U' // user-defined (uuid, json, jsonb, bytea is 'U')
  | 'V' // bit string
  | 'X'; // unknown

export interface PgType {
  oid: number;
  /** pg_type.typname, e.g. 'int4', 'varchar', '_int4' */
  name: string;
  category: TypeCategory;
  /** pg_type.typispreferred */
  preferred: boolean;
  /** pg_type.typlen (-1 varlena, -2 cstring) */
  len: number;
  /** For array types: the element type oid. */
  elem?: number;
  /** The array type whose elements are this type. */
  array?: number;
  /** Text input (the type's input function). typmod -1 = none. Throws PgError (22P02, 22003, …). */
  input(text: string, typmod: number, s: FormatSettings): unknown;
  /** Text output, byte-identical to PostgreSQL's. */
  output(v: unknown, s: FormatSettings): string;
  /** Total order used by btree indexes, ORDER BY, min/max. Negative, 0, positive. */
  compare(a: unknown, b: unknown): number;
  /**
   * A primitive that is equal for values that compare equal (for hashing: GROUP BY,
   * DISTINCT, hash joins, unique index keys). Omit when the value is already primitive.
   */
  hashKey?(v: unknown): string | number | bigint | boolean;
  /** No default btree operator class (the geometric types): values cannot be ordered, grouped or indexed. */
  noBtree?: boolean;
  /** No default hash operator class (money): grouping and set operations must sort, recursive UNION refuses it. */
  noHash?: boolean;
  /**
   * Apply a type modifier (varchar(n) length, numeric(p,s) rounding, timestamp(p)).
   * `explicit` is true for an explicit cast (varchar truncates silently instead of failing).
   */
  applyTypmod?(v: unknown, typmod: number, explicit: boolean): unknown;
  /** Turn typmods written in SQL (e.g. numeric(10,2) → [10,2]) into the stored typmod integer. */
  typmodIn?(mods: number[]): number;
  /** format_type() text for this type with the given typmod: 'character varying(10)', 'numeric(10,2)'. */
  formatType(typmod: number): string;
  /**
   * A domain: values are of the base type; coercion to the domain applies `check`, which throws
   * PostgreSQL's error for NULL in a NOT NULL domain or a value that breaks a CHECK constraint
   * (of the domain or of the domains it is built on).
   */
  domain?: { base: number; typmod: number; check(v: unknown, ctx: import('./registry.js').EvalContext): void };
  /** A composite type: its attributes, in order, dropped ones included as null (a value is an array of all slots). */
  fields?(): ({ name: string; type: number; typmod: number } | null)[];
}
