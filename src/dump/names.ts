// Quoting as pg_dump writes names and strings (fmtId, fmtQualifiedDumpable, appendStringLiteralAH
// with standard_conforming_strings on).
import { quoteIdent } from '../types/string-functions.js';

/** An identifier, quoted unless it is lower case letters, digits and underscores and not a keyword. */
export const fmtId = (name: string): string =>
  // quote_ident lets '$' through; PostgreSQL's quote_identifier (and pg_dump) quote it
  name.includes('$') ? '"' + name.replace(/"/g, '""') + '"' : quoteIdent(name);

export const qualified = (schema: string, name: string): string => `${fmtId(schema)}.${fmtId(name)}`;

/** A string constant; backslashes are plain characters with standard_conforming_strings on. */
export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
