// The degree-based trigonometric functions (float.c's sind, cosd, …): exact results at the
// angles where PostgreSQL guarantees them (multiples of 30 and 45 degrees).
import { PgError } from '../errors/index.js';
import { OID } from './oids.js';
import { fn } from './define.js';

const { float8 } = OID;
const RAD = Math.PI / 180;
const outOfRange = () => new PgError('22003', 'input is out of range');

/** sin of an angle in degrees, exact at multiples of 30 (and 90). */
function sind(x: number): number {
  if (x !== x) return x;
  if (!Number.isFinite(x)) throw outOfRange();
  let a = x % 360;
  if (a < 0) a += 360;
  let sign = 1;
  if (a > 180) { a -= 180; sign = -1; }
  if (a > 90) a = 180 - a;
  const exact: Record<number, number> = { 0: 0, 30: 0.5, 90: 1 };
  return sign * (a in exact ? exact[a] : Math.sin(a * RAD));
}
const cosd = (x: number): number => (x !== x ? x : !Number.isFinite(x) ? (() => { throw outOfRange(); })() : sind(90 - (x % 360)));
const f8 = (name: string, f: (x: number) => number) => fn(name, [float8], float8, ([x]) => f(x as number));
f8('sind', sind);
f8('cosd', cosd);
f8('tand', x => { const s = sind(x), c = cosd(x); return c === 0 ? (s > 0 ? Infinity : -Infinity) : s / c; });
f8('cotd', x => { const s = sind(x), c = cosd(x); return s === 0 ? (c > 0 ? Infinity : -Infinity) : c / s; });
const inv = (name: string, f: (x: number) => number, exact: Record<number, number>) => f8(name, x => {
  if (x !== x) return x;
  if (x < -1 || x > 1) throw outOfRange();
  return x in exact ? exact[x] : f(x) / RAD;
});
inv('asind', Math.asin, { 0: 0, 0.5: 30, 1: 90, [-0.5]: -30, [-1]: -90 });
inv('acosd', Math.acos, { 1: 0, 0.5: 60, 0: 90, [-0.5]: 120, [-1]: 180 });
f8('atand', x => (x !== x ? x : x === 1 ? 45 : x === -1 ? -45 : x === 0 ? 0 : Math.atan(x) / RAD));
fn('atan2d', [float8, float8], float8, ([y, x]) => Math.atan2(y as number, x as number) / RAD);
