// The date/time type family: importing this module registers date, time, timetz,
// timestamp, timestamptz and interval (with their arrays), casts, operators and
// functions. See datetime-common.ts for the value representation.
import './interval.js';
import './date.js';
import './time.js';
import './timestamp.js';
import './datetime-functions.js';
import './datetime-tochar.js';
import './datetime-todate.js';

export { Interval } from './interval.js';
export type { TimeTz } from './time.js';
export { setNowProvider, clockMicros } from './datetime-core.js';
export { isValidZoneSetting, resolveZone } from './timezone.js';
export { pendingWarnings } from './datetime-common.js';
