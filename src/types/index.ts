// Importing this module registers every built-in type family, with its casts,
// operators and functions, into the registry.
export * from './registry.js';
export * from './type.js';
export { OID } from './oids.js';
import './integers.js';
import './boolean.js';
import './text.js';
import './integer-ops.js';
import './text-ops.js';
import './casts.js';
import './numeric-type.js';
import './floats.js';
import './float-ops.js';
import './math-functions.js';
import './string-functions.js';
import './pattern.js';
import './bytea.js';
import './uuid.js';
import './json.js';
