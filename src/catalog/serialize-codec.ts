// A tagged binary codec for everything the database stores: SQL values (numbers, bigint,
// text, bytea, numeric, interval, jsonb, arrays, …) exactly round-tripped, and — in graph
// mode — object graphs with shared references and cycles (the catalog image, serialize.ts).
// Maps, Sets and registered classes keep their kind; object keys are interned per stream.
import { Numeric } from '../types/numeric.js';
import { Interval } from '../types/interval.js';
import { JsonbObject, JSON_NULL } from '../types/json.js';
import { fieldTypesOf, makeRecord } from '../types/record-mark.js';

const enum T {
  Null, Undef, False, True, Int, F64, BigInt, Str, Bytes, Array, Numeric, Interval, JsonbObject, JsonNull,
  Object, Map, Set, Ref, Class, External, Date, Transient,
  /** A row value (composite / record): its field types, then its fields. */
  Record,
}

/** Bytes out, in chunks, so that a large checkpoint never needs one huge contiguous buffer while it grows. */
export class Writer {
  private chunks: Buffer[] = [];
  private buf = Buffer.allocUnsafe(1024);
  private pos = 0;
  private flushed = 0;

  get length(): number { return this.flushed + this.pos; }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) { this.chunks.push(this.buf.subarray(0, this.pos)); this.flushed += this.pos; }
    this.buf = Buffer.allocUnsafe(Math.max(n, this.buf.length < 65536 ? this.buf.length * 4 : 65536));
    this.pos = 0;
  }

  u8(v: number): void { this.room(1); this.buf[this.pos++] = v; }

  f64(v: number): void { this.room(8); this.buf.writeDoubleLE(v, this.pos); this.pos += 8; }

  /** Unsigned integer up to 2^53, 7 bits a byte. */
  uvar(n: number): void {
    this.room(8);
    while (n >= 0x80) { this.buf[this.pos++] = (n % 0x80) | 0x80; n = Math.floor(n / 0x80); }
    this.buf[this.pos++] = n;
  }

  bytes(b: Uint8Array): void {
    this.uvar(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  str(s: string): void {
    if (s.length < 42) {
      // at most 126 bytes of UTF-8: the length fits one byte
      this.room(1 + s.length * 3);
      const len = this.buf.write(s, this.pos + 1, 'utf8');
      this.buf[this.pos] = len;
      this.pos += 1 + len;
      return;
    }
    const len = Buffer.byteLength(s);
    this.uvar(len);
    this.room(len);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  finish(): Buffer {
    const all = this.chunks.length ? Buffer.concat([...this.chunks, this.buf.subarray(0, this.pos)]) : this.buf.subarray(0, this.pos);
    this.chunks = [];
    this.buf = Buffer.allocUnsafe(1024);
    this.pos = 0;
    this.flushed = 0;
    return all;
  }
}

export class Reader {
  pos = 0;
  private readonly view: Buffer;
  constructor(bytes: Uint8Array) { this.view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); }

  get done(): boolean { return this.pos >= this.view.length; }

  private need(n: number): void {
    if (this.pos + n > this.view.length) throw new Error('serialized data ends early');
  }

  u8(): number { this.need(1); return this.view[this.pos++]; }

  f64(): number { this.need(8); const v = this.view.readDoubleLE(this.pos); this.pos += 8; return v; }

  uvar(): number {
    let n = 0, mul = 1, b: number;
    do { b = this.u8(); n += (b & 0x7f) * mul; mul *= 0x80; } while (b & 0x80);
    return n;
  }

  bytes(): Uint8Array {
    const n = this.uvar();
    this.need(n);
    const out = new Uint8Array(n);
    out.set(this.view.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  str(): string {
    const n = this.uvar();
    this.need(n);
    const s = this.view.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}

/** A class whose instances may appear in a graph: decoded without running its constructor. */
interface ClassEntry { proto: object; skip: ReadonlySet<string> }
const classes = new Map<string, ClassEntry>();
const classNames = new Map<object, string>();

/**
 * Lets instances of a class be serialized in graph mode. `skip` names fields that are not
 * state (hooks, caches) — left out and so kept from the live object a graph is merged into.
 */
export function registerSerializable(cls: { name: string; prototype: object }, skip: string[] = []): void {
  classes.set(cls.name, { proto: cls.prototype, skip: new Set(skip) });
  classNames.set(cls.prototype, cls.name);
}

/** What to do with one field in graph mode: keep it, leave it out, or write a placeholder to rebuild on load. */
export type FieldRule = 'keep' | 'skip' | { transient: string; arg: number };

export interface GraphHooks {
  /** A key for an object that is not serialized but found again on load (system relations), or null. */
  external(o: object): string | null;
  field(holder: object, key: string, value: unknown): FieldRule;
}

/** A placeholder met on decode: holder[key] is to be rebuilt (a heap, an index's tree). */
export interface TransientSlot { holder: any; key: string; kind: string; arg: number }

/** An external object the decoder could not find again. */
const MISSING = Symbol('missing');

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
const INT_LIMIT = 2 ** 51;

type Entry = [string, unknown, Exclude<FieldRule, 'skip'>];

/** Leaf values with a tag of their own (never shared, never containers of the graph). */
const isValueObject = (o: object) => o instanceof Uint8Array || o instanceof Numeric || o instanceof Interval || o instanceof JsonbObject || o instanceof Date;

export class Encoder {
  readonly w = new Writer();
  private keys = new Map<string, number>();
  /** While a graph is written: the number of each of its objects. */
  private ids: Map<object, number> | null = null;
  private entries = new Map<object, Entry[]>();

  /** Without hooks: values only (trees, no identity); with hooks: object graphs too (graph()). */
  constructor(private readonly hooks: GraphHooks | null = null) {}

  /**
   * Writes an object graph: the number of objects, each one's kind, then each one's contents
   * with its references to others as numbers — so neither writing nor reading recurses along
   * the graph (a chain of a thousand tables referencing each other is no deeper than one).
   */
  graph(root: object): void {
    const hooks = this.hooks;
    if (!hooks) throw new Error('a graph needs hooks');
    const order: object[] = [];
    const ids = new Map<object, number>();
    const visit = (v: unknown) => {
      if (typeof v !== 'object' || v === null || isValueObject(v) || ids.has(v) || hooks.external(v) !== null) return;
      ids.set(v, order.length);
      order.push(v);
    };
    visit(root);
    for (let i = 0; i < order.length; i++) {
      const o = order[i];
      if (Array.isArray(o)) o.forEach(visit);
      else if (o instanceof Map) for (const [k, v] of o) { visit(k); visit(v); }
      else if (o instanceof Set) o.forEach(visit);
      else for (const [, v, rule] of this.fieldsOf(o)) if (rule === 'keep') visit(v);
    }
    const w = this.w;
    w.uvar(order.length);
    for (const o of order) {
      if (Array.isArray(o)) w.u8(T.Array);
      else if (o instanceof Map) w.u8(T.Map);
      else if (o instanceof Set) w.u8(T.Set);
      else {
        const proto = Object.getPrototypeOf(o);
        if (proto === Object.prototype || proto === null) w.u8(T.Object);
        else { w.u8(T.Class); w.str(classNames.get(proto)!); }
      }
    }
    this.ids = ids;
    for (const o of order) {
      if (Array.isArray(o)) { w.uvar(o.length); for (let i = 0; i < o.length; i++) this.value(o[i]); }
      else if (o instanceof Map) { w.uvar(o.size); for (const [k, v] of o) { this.value(k); this.value(v); } }
      else if (o instanceof Set) { w.uvar(o.size); for (const v of o) this.value(v); }
      else this.fields(this.entries.get(o)!);
    }
    this.ids = null;
    this.entries.clear();
  }

  value(v: unknown): void {
    const w = this.w;
    switch (typeof v) {
      case 'number':
        if (Number.isInteger(v) && Math.abs(v) < INT_LIMIT && !Object.is(v, -0)) { w.u8(T.Int); w.uvar(zigzag(v)); } else { w.u8(T.F64); w.f64(v); }
        return;
      case 'string': w.u8(T.Str); w.str(v); return;
      case 'boolean': w.u8(v ? T.True : T.False); return;
      case 'undefined': w.u8(T.Undef); return;
      case 'bigint': w.u8(T.BigInt); w.str(v.toString(16)); return;
      case 'symbol':
        if (v === JSON_NULL) { w.u8(T.JsonNull); return; }
        throw new Error(`cannot serialize the symbol ${String(v)}`);
      case 'function': throw new Error(`cannot serialize a function (${(v as Function).name || 'anonymous'})`);
    }
    if (v === null) { w.u8(T.Null); return; }
    this.object(v as object);
  }

  private object(o: object): void {
    const w = this.w;
    if (o instanceof Uint8Array) { w.u8(T.Bytes); w.bytes(o); return; }
    if (o instanceof Numeric) { w.u8(T.Numeric); w.u8(o.kind); w.uvar(o.scale); w.str(o.coef.toString(16)); return; }
    if (o instanceof Interval) { w.u8(T.Interval); w.f64(o.months); w.f64(o.days); w.f64(o.micros); return; }
    if (o instanceof JsonbObject) {
      // a jsonb value is a tree: written whole, outside the graph's numbering
      const ids = this.ids;
      this.ids = null;
      w.u8(T.JsonbObject);
      w.uvar(o.keys.length);
      for (let i = 0; i < o.keys.length; i++) { w.str(o.keys[i]); this.value(o.vals[i]); }
      this.ids = ids;
      return;
    }
    if (o instanceof Date) { w.u8(T.Date); w.f64(o.getTime()); return; }
    if (this.ids) {
      const id = this.ids.get(o);
      if (id !== undefined) { w.u8(T.Ref); w.uvar(id); return; }
      const ext = this.hooks!.external(o);
      if (ext === null) throw new Error('object outside the graph');
      w.u8(T.External);
      w.str(ext);
      return;
    }
    const types = Array.isArray(o) ? fieldTypesOf(o) : undefined;
    if (types) {
      const a = o as unknown[];
      w.u8(T.Record);
      w.uvar(types.length);
      for (const t of types) w.uvar(t);
      w.uvar(a.length);
      for (let i = 0; i < a.length; i++) this.value(a[i]);
      return;
    }
    if (Array.isArray(o)) {
      w.u8(T.Array);
      w.uvar(o.length);
      for (let i = 0; i < o.length; i++) this.value(o[i]);
      return;
    }
    if (o instanceof Map) {
      w.u8(T.Map);
      w.uvar(o.size);
      for (const [k, v] of o) { this.value(k); this.value(v); }
      return;
    }
    if (o instanceof Set) {
      w.u8(T.Set);
      w.uvar(o.size);
      for (const v of o) this.value(v);
      return;
    }
    const proto = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) throw new Error(`cannot serialize an instance of ${proto?.constructor?.name ?? 'an unknown class'}`);
    w.u8(T.Object);
    this.fields(this.fieldsOf(o));
  }

  /** An object's fields as written: by the hooks' rules, hooks of registered classes left out. */
  private fieldsOf(o: object): Entry[] {
    const cached = this.entries.get(o);
    if (cached) return cached;
    const proto = Object.getPrototypeOf(o);
    let cls: ClassEntry | null = null;
    if (proto !== Object.prototype && proto !== null) {
      const name = classNames.get(proto);
      if (!name) throw new Error(`cannot serialize an instance of ${proto?.constructor?.name ?? 'an unknown class'}`);
      cls = classes.get(name)!;
    }
    const out: Entry[] = [];
    for (const key of Object.keys(o)) {
      const v = (o as Record<string, unknown>)[key];
      if (cls?.skip.has(key)) continue;
      const rule: FieldRule = this.hooks ? this.hooks.field(o, key, v) : 'keep';
      if (rule === 'skip') continue;
      if (typeof v === 'function' && rule === 'keep') {
        if (cls) continue; // a hook of a live object (kept from the object the graph is merged into)
        throw new Error(`cannot serialize the function in field "${key}"`);
      }
      out.push([key, v, rule]);
    }
    if (this.hooks) this.entries.set(o, out);
    return out;
  }

  private fields(entries: Entry[]): void {
    this.w.uvar(entries.length);
    for (const [key, v, rule] of entries) {
      this.key(key);
      if (rule === 'keep') this.value(v);
      else { this.w.u8(T.Transient); this.w.str(rule.transient); this.w.uvar(rule.arg); }
    }
  }

  private key(k: string): void {
    const i = this.keys.get(k);
    if (i !== undefined) { this.w.uvar(i + 1); return; }
    this.keys.set(k, this.keys.size);
    this.w.uvar(0);
    this.w.str(k);
  }
}

export class Decoder {
  private keys: string[] = [];
  private objs: object[] = [];
  /** Placeholders met in a graph, for the caller to rebuild. */
  readonly transients: TransientSlot[] = [];

  constructor(readonly r: Reader, private readonly resolve: ((key: string) => object | undefined) | null = null) {}

  /** Reads what Encoder.graph wrote; returns the root. */
  graph(): any {
    const r = this.r;
    const n = r.uvar();
    const kinds: number[] = [];
    for (let i = 0; i < n; i++) {
      const tag = r.u8();
      kinds.push(tag);
      switch (tag) {
        case T.Array: this.objs.push([]); break;
        case T.Map: this.objs.push(new Map()); break;
        case T.Set: this.objs.push(new Set()); break;
        case T.Object: this.objs.push({}); break;
        case T.Class: {
          const name = r.str();
          const cls = classes.get(name);
          if (!cls) throw new Error(`serialized data holds an instance of the unknown class ${name}`);
          this.objs.push(Object.create(cls.proto));
          break;
        }
        default: throw new Error(`serialized graph holds an object of unknown kind ${tag}`);
      }
    }
    for (let i = 0; i < n; i++) this.fill(this.objs[i], kinds[i]);
    return this.objs[0];
  }

  private fill(o: any, kind: number): void {
    const r = this.r;
    switch (kind) {
      case T.Array: for (let n = r.uvar(); n > 0; n--) { const v = this.value(); if (v !== MISSING) o.push(v); } return;
      case T.Map:
        for (let n = r.uvar(); n > 0; n--) {
          const k = this.value();
          const v = this.value();
          if (k !== MISSING && v !== MISSING) o.set(k, v);
        }
        return;
      case T.Set: for (let n = r.uvar(); n > 0; n--) { const v = this.value(); if (v !== MISSING) o.add(v); } return;
      default: this.fields(o);
    }
  }

  value(): any {
    const r = this.r;
    const tag = r.u8();
    switch (tag) {
      case T.Null: return null;
      case T.Undef: return undefined;
      case T.False: return false;
      case T.True: return true;
      case T.Int: return unzigzag(r.uvar());
      case T.F64: return r.f64();
      case T.BigInt: return parseHex(r.str());
      case T.Str: return r.str();
      case T.Bytes: return r.bytes();
      case T.JsonNull: return JSON_NULL;
      case T.Numeric: {
        const kind = r.u8(), scale = r.uvar();
        return new Numeric(parseHex(r.str()), scale, kind);
      }
      case T.Interval: return new Interval(r.f64(), r.f64(), r.f64());
      case T.JsonbObject: {
        const n = r.uvar();
        const keys: string[] = [], vals: any[] = [];
        for (let i = 0; i < n; i++) { keys.push(r.str()); vals.push(this.value()); }
        return new JsonbObject(keys, vals);
      }
      case T.Date: return new Date(r.f64());
      case T.External: {
        const key = r.str();
        // an external object that no longer exists (a system view of an older version) is left out
        return this.resolve?.(key) ?? MISSING;
      }
      case T.Ref: {
        const o = this.objs[r.uvar()];
        if (!o) throw new Error('serialized graph refers to an object it does not hold');
        return o;
      }
      case T.Record: {
        const types: number[] = [];
        for (let n = r.uvar(); n > 0; n--) types.push(r.uvar());
        const o: unknown[] = [];
        this.fill(o, T.Array);
        return makeRecord(o, types);
      }
      case T.Array: case T.Map: case T.Set: case T.Object: {
        // a value written whole (a row's array, a jsonb array)
        const o = tag === T.Array ? [] : tag === T.Map ? new Map() : tag === T.Set ? new Set() : {};
        this.fill(o, tag);
        return o;
      }
    }
    throw new Error(`serialized data holds an unknown tag ${tag}`);
  }

  private fields(o: any): void {
    const r = this.r;
    const n = r.uvar();
    for (let i = 0; i < n; i++) {
      const k = r.uvar();
      const key = k === 0 ? this.keys[this.keys.push(r.str()) - 1] : this.keys[k - 1];
      if (this.r.u8() === T.Transient) {
        const kind = r.str(), arg = r.uvar();
        o[key] = null;
        this.transients.push({ holder: o, key, kind, arg });
      } else {
        this.r.pos--;
        const v = this.value();
        o[key] = v === MISSING ? null : v;
      }
    }
  }
}

function parseHex(s: string): bigint {
  return s.startsWith('-') ? -BigInt('0x' + s.slice(1)) : BigInt('0x' + s);
}

/** One value (a row, a key …) to bytes and back: the value codec alone. */
export function encodeValue(v: unknown): Buffer {
  const e = new Encoder();
  e.value(v);
  return e.w.finish();
}

export function decodeValue(bytes: Uint8Array): any {
  const v = new Decoder(new Reader(bytes)).value();
  return v === MISSING ? null : v;
}
