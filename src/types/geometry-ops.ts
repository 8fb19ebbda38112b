// Geometric operators that exclusion constraints and the regression files use (geo_ops.c):
// overlap and sameness of circles and boxes, point inequality, circle_center. They compare
// with geo_ops.c's EPSILON tolerance (FPeq, FPle).
import { fn, op } from './define.js';
import { OID } from './oids.js';
import type { Point } from './geometry.js';

const POINT = 600, BOX = 603, CIRCLE = 718;
const { bool } = OID;
interface Circle { c: Point; r: number }

const EPSILON = 1.0e-06;
const FPeq = (a: number, b: number) => a === b || Math.abs(a - b) <= EPSILON;
const FPle = (a: number, b: number) => a - b <= EPSILON;
const pointEq = (a: Point, b: Point) => FPeq(a.x, b.x) && FPeq(a.y, b.y);

op('<>', POINT, POINT, bool, (a: Point, b: Point) => !pointEq(a, b), { oid: 713 });
op('&&', CIRCLE, CIRCLE, bool, (a: Circle, b: Circle) => FPle(Math.hypot(a.c.x - b.c.x, a.c.y - b.c.y), a.r + b.r), { oid: 1513 });
op('~=', CIRCLE, CIRCLE, bool, (a: Circle, b: Circle) => ((Number.isNaN(a.r) && Number.isNaN(b.r)) || FPeq(a.r, b.r)) && pointEq(a.c, b.c), { oid: 1512 });
// a box is stored as [high, low]
op('&&', BOX, BOX, bool, ([ah, al]: Point[], [bh, bl]: Point[]) =>
  FPle(bl.x, ah.x) && FPle(al.x, bh.x) && FPle(bl.y, ah.y) && FPle(al.y, bh.y), { oid: 500 });
fn('circle_center', [CIRCLE], POINT, ([c]: [Circle]) => c.c);
