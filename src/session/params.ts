// Parameters of a statement run with values ($1, $2, …), as PostgreSQL's extended
// protocol treats them: the statement's analysis deduces each parameter's type, then
// Bind reads each value (text) with that type's input function, once.
import { PgError } from '../errors/index.js';
import { typeByOid } from '../types/registry.js';
import type { FormatSettings } from '../types/type.js';

/** Bind's check: the values supplied must match the parameters the statement uses. */
export function checkParamCount(supplied: number, required: number): void {
  if (supplied !== required) {
    throw new PgError('08P01', `bind message supplies ${supplied} parameters, but prepared statement "" requires ${required}`);
  }
}

/**
 * Values for parameters whose type analysis deduced (`types[i]` not 0) are read with that
 * type's input function; the others stay text, read wherever they are coerced.
 */
export function bindParams(values: unknown[], types: number[], settings: FormatSettings): unknown[] {
  return values.map((v, i) => {
    const t = types[i] ? typeByOid(types[i]) : undefined;
    if (v === null || v === undefined || !t) return v ?? null;
    try {
      return t.input(String(v), -1, settings);
    } catch (e) {
      if (e instanceof PgError && e.where === undefined) e.where = `unnamed portal parameter $${i + 1} = '...'`;
      throw e;
    }
  });
}
