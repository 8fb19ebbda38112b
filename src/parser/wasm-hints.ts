// V8 compiles the grammar's WebAssembly lazily, each function on its first call, on the main
// thread: the first statement of a process paid ~10 ms compiling the ~80 functions that opening
// a database and parsing ordinary statements call (base_yyparse's 101 KB and the scanner's 70 KB
// among them). Those functions (wasm-startup.ts) are instead compiled eagerly, by V8's background
// threads while the rest of the library loads and the database opens, and all others lazily as
// before: the module is given a "compilationHints" custom section (V8's experimental
// per-function compile strategies), read by V8 11.3 (Node.js 20) only while
// --experimental-wasm-compilation-hints is set and only for a module not compiled wholly lazily
// (--no-wasm-lazy-compilation). Both flags are set while our module compiles and instantiates,
// then put back; anything else (another V8, either flag set by the user, a module of another
// size) compiles the module as it is: lazily. Any V8 ignores a custom section it does not know.
import { setFlagsFromString } from 'node:v8';
import { STARTUP_FUNCTIONS, STARTUP_MODULE_BYTES } from './wasm-startup.js';

/** V8 versions (major.minor) whose compilation hints this was measured with. */
const KNOWN_V8 = new Set(['11.3']);
/** V8's hint bytes: strategy in bits 0–1 (lazy 1, eager 2), tiers left at their defaults. */
const LAZY = 1, EAGER = 2;

/**
 * The module in `bytes` with its start-up functions marked for eager compilation, and the
 * function that puts V8's flags back (call it once the module is instantiated, or failed to);
 * null when the module or V8 is not the one this knows, or the user set the flags. The section
 * is written in place when `bytes` has room for it before it in its buffer (the module's first
 * 800 bytes move; a copy of its 0.9 MB took as long as reading the file), else into a copy.
 */
export function compileStartupEagerly(bytes: Uint8Array): { bytes: Uint8Array; restore: () => void } | null {
  const [major, minor] = process.versions.v8.split('.');
  if (!KNOWN_V8.has(`${major}.${minor}`) || bytes.length !== STARTUP_MODULE_BYTES) return null;
  const set = /--(no-)?(wasm[-_]lazy[-_]compilation|experimental[-_]wasm[-_]compilation[-_]hints)\b/;
  if (process.execArgv.some(a => set.test(a)) || set.test(process.env.NODE_OPTIONS ?? '')) return null;
  let hinted: Uint8Array | null;
  try { hinted = withHints(bytes); } catch { hinted = null; }
  if (!hinted) return null;
  try {
    setFlagsFromString('--experimental-wasm-compilation-hints');
    setFlagsFromString('--no-wasm-lazy-compilation');
  } catch {
    return null;
  }
  let done = false;
  return {
    bytes: hinted,
    restore: () => {
      if (done) return;
      done = true;
      setFlagsFromString('--wasm-lazy-compilation');
      setFlagsFromString('--no-experimental-wasm-compilation-hints');
    },
  };
}

/**
 * A copy of the module with a compilationHints section (one byte per function defined in the
 * module) right before its code section, where V8 reads it; null if the layout is unexpected.
 */
function withHints(b: Uint8Array): Uint8Array | null {
  if (b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) return null;
  let p = 8;
  const leb = (): number => {
    let r = 0, s = 0, x: number;
    do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80 && s < 35);
    return r;
  };
  let imported = 0, defined = -1, codeAt = -1;
  while (p < b.length) {
    const at = p, id = b[p++], size = leb(), end = p + size;
    if (id === 2) imported = importedFunctions();
    else if (id === 3) defined = leb();
    else if (id === 10) { codeAt = at; break; }
    p = end;
  }
  if (imported < 0 || defined < 0 || codeAt < 0) return null;
  const hints = new Uint8Array(defined).fill(LAZY);
  for (const f of STARTUP_FUNCTIONS) {
    if (f < imported || f - imported >= defined) return null;
    hints[f - imported] = EAGER;
  }
  const name = new TextEncoder().encode('compilationHints');
  const payload = [...lebBytes(name.length), ...name, ...lebBytes(defined)];
  const head = [0, ...lebBytes(payload.length + defined), ...payload];
  const added = head.length + defined;
  let out: Uint8Array;
  if (b.byteOffset >= added) {
    // the sections before the code move back into the room, the section goes between
    out = new Uint8Array(b.buffer, b.byteOffset - added, b.length + added);
    out.copyWithin(0, added, added + codeAt);
  } else {
    out = new Uint8Array(b.length + added);
    out.set(b.subarray(0, codeAt), 0);
    out.set(b.subarray(codeAt), codeAt + added);
  }
  out.set(head, codeAt);
  out.set(hints, codeAt + head.length);
  return out;

  /** How many functions the import section imports (-1 for an import of a kind not known here). */
  function importedFunctions(): number {
    let n = 0;
    for (let i = leb(); i > 0; i--) {
      for (let k = 0; k < 2; k++) { const len = leb(); p += len; } // module and field names
      const kind = b[p++];
      if (kind === 0) { leb(); n++; } // function: its type index
      else if (kind === 1) { p++; limits(); } // table: element type, limits
      else if (kind === 2) limits(); // memory
      else if (kind === 3) p += 2; // global: value type, mutability
      else return -1;
    }
    return n;
  }
  function limits(): void {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  }
}

function lebBytes(v: number): number[] {
  const out: number[] = [];
  do {
    const low = v & 0x7f;
    v = Math.floor(v / 128);
    out.push(v ? low | 0x80 : low);
  } while (v);
  return out;
}
