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
import './oid-types.js';
import './numeric-type.js';
import './floats.js';
import './float-ops.js';
import './math-functions.js';
import './string-functions.js';
import './pattern.js';
import './bytea.js';
import './uuid.js';
import './network.js';
import './geometry.js';
import './json.js';
import './datetime.js';
// arrays last: it registers the array type of every element type registered above
import './arrays.js';
import './array-functions.js';
import './srf-functions.js';
import './regexp-functions.js';
import './number-format-functions.js';
import './enum.js';
import './composite.js';
export { Numeric } from './numeric.js';
export { scalarArrayOp, registerArrayType, registerAllArrayTypes, genericCompare } from './arrays.js';
export { like, ilike, likeEscape, regexMatch } from './pattern.js';
export { anyToText } from './text-ops.js';
export { JSON_NULL, JsonbObject } from './json.js';
