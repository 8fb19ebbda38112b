// The geometric types point, lseg, box, path, polygon and circle (geo_ops.c): text input with
// PostgreSQL's delimiters and their optional forms (pair_decode, path_decode), output with
// float8's digits, the constructors and a few measures. Geometric types have no btree
// operator class: they are stored and printed, not ordered or indexed.
import { PgError } from '../errors/index.js';
import { defineType } from './base.js';
import { cast, fn, op } from './define.js';
import { float8Out } from './floats.js';
import { OID } from './oids.js';
import type { FormatSettings } from './type.js';

const POINT = 600, LSEG = 601, PATH = 602, BOX = 603, POLYGON = 604, CIRCLE = 718;
const { float8, bool, text } = OID;

export interface Point { x: number; y: number }
interface Path { closed: boolean; pts: Point[] }
interface Circle { c: Point; r: number }

const invalid = (type: string, s: string) => new PgError('22P02', `invalid input syntax for type ${type}: "${s}"`);

/** A reader over one input string, failing with the type's invalid-input error. */
class Reader {
  i = 0;
  constructor(readonly s: string, readonly type: string) {}
  ws(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }
  peek(): string { return this.s[this.i] ?? ''; }
  fail(): never { throw invalid(this.type, this.s); }
  expect(c: string): void { if (this.s[this.i] !== c) this.fail(); this.i++; }
  end(): void { this.ws(); if (this.i !== this.s.length) this.fail(); }

  /** single_decode: a float8 (strtod syntax, Infinity, NaN), surrounding spaces skipped. */
  num(): number {
    this.ws();
    const m = /^[+-]?(inf(inity)?|nan|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(this.s.slice(this.i));
    if (!m) this.fail();
    const t = m[0].toLowerCase();
    const v = t.includes('nan') ? NaN : t.includes('inf') ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
    if (!Number.isFinite(v) && !t.includes('inf') && !t.includes('nan')) {
      throw new PgError('22003', `"${m[0]}" is out of range for type double precision`);
    }
    this.i += m[0].length;
    this.ws();
    return v + 0;
  }

  /** pair_decode: x,y or (x,y). */
  pair(): Point {
    this.ws();
    const paren = this.peek() === '(';
    if (paren) this.i++;
    const x = this.num();
    this.expect(',');
    const y = this.num();
    if (paren) { this.ws(); this.expect(')'); }
    this.ws();
    return { x, y };
  }

  /** path_decode: npts pairs, in [ ] (open, when allowed) or ( ) or bare; whether it was open. */
  path(npts: number, openAllowed: boolean): { pts: Point[]; open: boolean } {
    this.ws();
    let depth = 0, open = false;
    if (this.peek() === '[') {
      if (!openAllowed) this.fail();
      open = true; depth++; this.i++;
    } else if (this.peek() === '(') {
      let j = this.i + 1;
      while (/\s/.test(this.s[j] ?? '')) j++;
      if (this.s[j] === '(' || this.s.lastIndexOf('(') === this.i) { depth++; this.i = j; }
    }
    const pts: Point[] = [];
    for (let k = 0; k < npts; k++) {
      pts.push(this.pair());
      if (this.peek() === ',') this.i++;
    }
    while (depth > 0) {
      const c = this.peek();
      if (c === ')' || (c === ']' && open && depth === 1)) { depth--; this.i++; this.ws(); } else this.fail();
    }
    return { pts, open };
  }
}

/** pair_count: the number of points a comma count stands for, or -1. */
const pairCount = (s: string) => { const n = (s.match(/,/g) ?? []).length; return n % 2 ? (n + 1) / 2 : -1; };

const f = (v: number, st: FormatSettings) => float8Out(v, st.extraFloatDigits);
const pt = (p: Point, st: FormatSettings) => `(${f(p.x, st)},${f(p.y, st)})`;
const pts = (ps: Point[], st: FormatSettings) => ps.map(p => pt(p, st)).join(',');

function parsePoint(s: string): Point {
  const r = new Reader(s, 'point');
  const p = r.pair();
  r.end();
  return p;
}

/** box_in: two corners, kept as the upper right then the lower left. */
function parseBox(s: string): Point[] {
  const r = new Reader(s, 'box');
  const { pts: [a, b] } = r.path(2, false);
  r.end();
  return normalizeBox(a, b);
}

const normalizeBox = (a: Point, b: Point): Point[] =>
  [{ x: Math.max(a.x, b.x), y: Math.max(a.y, b.y) }, { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y) }];

function parseLseg(s: string): Point[] {
  const r = new Reader(s, 'lseg');
  const { pts: p } = r.path(2, true);
  r.end();
  return p;
}

/** path_in: [ … ] is open, ( … ) closed; a single leading parenthesis may wrap it all. */
function parsePath(s: string): Path {
  const n = pairCount(s);
  if (n <= 0) throw invalid('path', s);
  const r = new Reader(s, 'path');
  r.ws();
  let depth = 0;
  if (r.peek() === '(' && s.lastIndexOf('(') === r.i) { r.i++; depth++; }
  const { pts: p, open } = r.path(n, true);
  if (depth) { r.expect(')'); r.ws(); }
  r.end();
  return { closed: !open, pts: p };
}

function parsePolygon(s: string): Point[] {
  const n = pairCount(s);
  if (n <= 0) throw invalid('polygon', s);
  const r = new Reader(s, 'polygon');
  const { pts: p } = r.path(n, false);
  r.end();
  return p;
}

/** circle_in: <(x,y),r>, ((x,y),r), (x,y),r or x,y,r. */
function parseCircle(s: string): Circle {
  const r = new Reader(s, 'circle');
  r.ws();
  let depth = 0;
  if (r.peek() === '<') { depth++; r.i++; } else if (r.peek() === '(') {
    let j = r.i + 1;
    while (/\s/.test(s[j] ?? '')) j++;
    if (s[j] === '(') { depth++; r.i = j; }
  }
  const c = r.pair();
  if (r.peek() === ',') r.i++;
  const rad = r.num();
  if (rad < 0) r.fail();
  while (depth > 0) {
    const ch = r.peek();
    if (ch === ')' || (ch === '>' && depth === 1)) { depth--; r.i++; r.ws(); } else r.fail();
  }
  r.end();
  return { c, r: rad };
}

const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y;
// there is no ordering: the analyzer refuses ORDER BY, DISTINCT and indexes on these types (noBtree)
const noOrder = (name: string) => () => { throw new PgError('42883', `could not identify an ordering operator for type ${name}`); };

defineType({ oid: POINT, name: 'point', category: 'G', preferred: true, len: 16, array: 1017,
  input: parsePoint, output: (v, st) => pt(v as Point, st), compare: noOrder('point'), noBtree: true });
defineType({ oid: LSEG, name: 'lseg', category: 'G', preferred: false, len: 32, array: 1018,
  input: parseLseg, output: (v, st) => `[${pts(v as Point[], st)}]`, compare: noOrder('lseg'), noBtree: true });
defineType({ oid: BOX, name: 'box', category: 'G', preferred: false, len: 32, array: 1020,
  input: parseBox, output: (v, st) => pts(v as Point[], st), compare: noOrder('box'), noBtree: true });
defineType({ oid: PATH, name: 'path', category: 'G', preferred: false, len: -1, array: 1019,
  input: parsePath, output: (v, st) => { const p = v as Path; return p.closed ? `(${pts(p.pts, st)})` : `[${pts(p.pts, st)}]`; }, compare: noOrder('path'), noBtree: true });
defineType({ oid: POLYGON, name: 'polygon', category: 'G', preferred: false, len: -1, array: 1027,
  input: parsePolygon, output: (v, st) => `(${pts(v as Point[], st)})`, compare: noOrder('polygon'), noBtree: true });
defineType({ oid: CIRCLE, name: 'circle', category: 'G', preferred: false, len: 24, array: 719,
  input: parseCircle, output: (v, st) => { const c = v as Circle; return `<${pt(c.c, st)},${f(c.r, st)}>`; }, compare: noOrder('circle'), noBtree: true });

for (const t of [POINT, LSEG, BOX, PATH, POLYGON, CIRCLE]) cast(t, text, 'a');

// constructors and measures
fn('point', [float8, float8], POINT, ([x, y]: number[]) => ({ x, y }));
fn('box', [POINT, POINT], BOX, ([a, b]: Point[]) => normalizeBox(a, b));
fn('lseg', [POINT, POINT], LSEG, ([a, b]: Point[]) => [a, b]);
fn('circle', [POINT, float8], CIRCLE, ([c, r]: [Point, number]) => {
  if (r < 0) throw new PgError('22023', 'invalid radius');
  return { c, r };
});
fn('polygon', [PATH], POLYGON, ([p]: [Path]) => {
  if (!p.closed) throw new PgError('22023', 'open path cannot be converted to polygon');
  return p.pts;
});
fn('path', [POLYGON], PATH, ([p]: [Point[]]) => ({ closed: true, pts: p }));
fn('area', [BOX], float8, ([[h, l]]: [Point[]]) => (h.x - l.x) * (h.y - l.y));
fn('area', [CIRCLE], float8, ([c]: [Circle]) => Math.PI * c.r * c.r);
fn('center', [BOX], POINT, ([[h, l]]: [Point[]]) => ({ x: (h.x + l.x) / 2, y: (h.y + l.y) / 2 }));
fn('center', [CIRCLE], POINT, ([c]: [Circle]) => c.c);
fn('radius', [CIRCLE], float8, ([c]: [Circle]) => c.r);
fn('npoints', [PATH], OID.int4, ([p]: [Path]) => p.pts.length);
fn('npoints', [POLYGON], OID.int4, ([p]: [Point[]]) => p.length);
fn('isclosed', [PATH], bool, ([p]: [Path]) => p.closed);
fn('isopen', [PATH], bool, ([p]: [Path]) => !p.closed);
op('~=', POINT, POINT, bool, (a: Point, b: Point) => samePoint(a, b));
op('<->', POINT, POINT, float8, (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y));
op('~=', BOX, BOX, bool, (a: Point[], b: Point[]) => samePoint(a[0], b[0]) && samePoint(a[1], b[1]));
