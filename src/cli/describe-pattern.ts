// psql's object name patterns (processSQLNamePattern and patternToSQLRegex in
// src/fe_utils/string_utils.c, validateSQLNamePattern in describe.c, PostgreSQL 15):
// `*` and `?` are shell wildcards, letters fold to lower case outside double quotes,
// dots split database.schema.name, and the result is WHERE conditions with regular
// expressions (`~`) anchored at both ends.

export interface PatternParts {
  /** The regular expressions, '^(…)$', or null for a part the pattern does not have. */
  name: string;
  schema: string | null;
  /** The database part as written (case folded, quotes removed), for the cross-database check. */
  dbLiteral: string | null;
  dots: number;
}

const REGEX_SPECIAL = '|*+?()[]{}.^$\\';

/** patternToSQLRegex: splits at unquoted dots into at most `parts` parts (1: no split). */
export function patternToRegex(pattern: string, parts: 1 | 2 | 3, forceEscape = false): PatternParts {
  const bufs: string[] = ['^('];
  let left = true;
  let leftLiteral = '';
  let inQuotes = false;
  let dots = 0;
  const cur = () => bufs.length - 1;
  const add = (s: string, literal = s) => {
    bufs[cur()] += s;
    if (left) leftLiteral += literal;
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') {
      if (inQuotes && pattern[i + 1] === '"') {
        add('"');
        i++;
      } else inQuotes = !inQuotes;
    } else if (!inQuotes && ch >= 'A' && ch <= 'Z') {
      add(ch.toLowerCase());
    } else if (!inQuotes && ch === '*') {
      add('.*', '*');
    } else if (!inQuotes && ch === '?') {
      add('.', '?');
    } else if (!inQuotes && ch === '.') {
      left = false;
      dots++;
      if (bufs.length < parts) {
        bufs[cur()] += ')$';
        bufs.push('^(');
      } else bufs[cur()] += '.';
    } else if (ch === '$') {
      // always literal: allowed in identifiers, and the pattern is anchored anyway
      add('\\$', '$');
    } else {
      // inside quotes, regular expression characters are literal; outside, only "[]" (an array type name)
      if ((inQuotes || forceEscape) && REGEX_SPECIAL.includes(ch)) bufs[cur()] += '\\';
      else if (ch === '[' && pattern[i + 1] === ']') bufs[cur()] += '\\';
      add(ch);
    }
  }
  bufs[cur()] += ')$';
  const name = bufs.pop()!;
  const schema = parts > 1 && bufs.length ? bufs.pop()! : null;
  const dbLiteral = parts > 2 && bufs.length ? leftLiteral : null;
  return { name, schema, dbLiteral, dots };
}

export interface NamePatternOptions {
  /** The query already has a WHERE clause: conditions start with AND. */
  haveWhere: boolean;
  forceEscape?: boolean;
  schemaVar: string | null;
  nameVar: string;
  altNameVar?: string | null;
  visibilityRule: string | null;
  /** How many dotted parts the object's names have (2: schema.name, 3: db.schema.name). */
  maxParts: 1 | 2 | 3;
  /** The connected database, for "db.schema.name" patterns. */
  database: string;
}

/** A string literal as appendStringLiteralConn writes it: E'…' with doubled backslashes when it has any. */
export function sqlLiteral(s: string): string {
  const body = s.replace(/'/g, "''");
  return s.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/**
 * validateSQLNamePattern: the WHERE/AND lines for the pattern (null pattern: visible objects
 * only), or an error message for a pattern with too many dots or another database's name.
 */
export function namePatternClause(pattern: string | null, o: NamePatternOptions): { sql: string } | { error: string } {
  let have = o.haveWhere;
  let sql = '';
  const cond = (c: string) => {
    sql += (have ? '  AND ' : 'WHERE ') + c + '\n';
    have = true;
  };
  if (pattern === null) {
    if (o.visibilityRule) cond(o.visibilityRule);
    return { sql };
  }
  const p = patternToRegex(pattern, o.schemaVar ? (o.maxParts >= 3 ? 3 : 2) : 1, o.forceEscape);
  const lit = (re: string) => `${sqlLiteral(re)} COLLATE pg_catalog.default`;
  if (p.name.length > 2 && p.name !== '^(.*)$') {
    if (o.altNameVar) {
      cond(`(${o.nameVar} OPERATOR(pg_catalog.~) ${lit(p.name)}\n        OR ${o.altNameVar} OPERATOR(pg_catalog.~) ${lit(p.name)})`);
    } else cond(`${o.nameVar} OPERATOR(pg_catalog.~) ${lit(p.name)}`);
  }
  if (o.schemaVar && p.schema !== null && p.schema.length > 2) {
    if (p.schema !== '^(.*)$') cond(`${o.schemaVar} OPERATOR(pg_catalog.~) ${lit(p.schema)}`);
  } else if (o.visibilityRule) cond(o.visibilityRule);
  if (p.dots >= o.maxParts) return { error: `improper qualified name (too many dotted names): ${pattern}` };
  if (o.maxParts > 1 && p.dots === o.maxParts - 1 && (p.dbLiteral ?? '') !== o.database) {
    return { error: `cross-database references are not implemented: ${pattern}` };
  }
  return { sql };
}
