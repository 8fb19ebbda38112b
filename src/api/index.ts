// Relata's embedded API: `import { Database } from 'relata'`.
export { Database, type DatabaseOptions, type NoticeListener, type QueryConfig, type QueryOptions } from './database.js';
export { DatabaseError, type NoticeMessage } from './errors.js';
export { DatabaseError as PgError } from './errors.js';
export { WouldWaitError } from '../session/waiting.js';
export type { FieldDef, QueryResult, RowMode } from './result.js';
export { PostgresInterval } from './pg-interval.js';
export { defaultTypes, type TypeParser, type TypeParsers } from './values.js';
