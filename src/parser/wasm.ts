// libpg-query's WebAssembly parser, loaded by us rather than through the package's index
// (which also loads @pgsql/types and compiles only once its import has finished): the compile
// starts as soon as this module is evaluated and runs on V8's background threads while the
// rest of the library loads, and the emscripten runtime is given its instance directly.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
// (emscripten glue; scripts/bundle.js bundles it as an ES module, so that its code is cached)
import glueFactory from 'libpg-query/wasm/libpg-query.js';
import { fileURLToPath } from 'node:url';
import { shrinkInitialMemory } from './wasm-memory.js';
import { deferTierUp } from './wasm-tiering.js';
import { compileStartupEagerly } from './wasm-hints.js';
import { WASM_NEARBY } from './wasm-file.js';

/** The emscripten module's exports the parser uses (libpg-query/wasm/libpg-query.js). */
export interface PgQueryWasm {
  _wasm_parse_query_raw(queryPtr: number): number;
  _wasm_free_parse_result(resultPtr: number): void;
  _malloc(size: number): number;
  _free(ptr: number): void;
  getValue(ptr: number, type: 'i32'): number;
  UTF8ToString(ptr: number): string;
  lengthBytesUTF8(s: string): number;
  stringToUTF8(s: string, ptr: number, maxBytes: number): void;
}

// (the compile options' lib has no WebAssembly declarations: the little used here)
type WasmModule = object;
type WasmInstance = object;
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<WasmInstance>;
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

type Instantiate = (imports: object, receive: (instance: WasmInstance, module: WasmModule) => void) => object;
type GlueFactory = (moduleArg: { instantiateWasm: Instantiate }) => Promise<PgQueryWasm>;

/** The loaded module, once loadParser() has resolved. */
export let pgQuery: PgQueryWasm | undefined;
let loading: Promise<void> | undefined;

/** Starts loading (idempotent); the parser is usable once the promise resolves. */
export function loadParser(): Promise<void> {
  return (loading ??= start());
}

function start(): Promise<void> {
  const glue = glueFactory as GlueFactory;
  const { file, bytes } = readModule();
  // 128 MiB of initial memory counts as external memory and makes V8 run a full GC at start;
  // the module grows its memory itself when it needs more (wasm-memory.ts)
  const shrunk = shrinkInitialMemory(bytes);
  // the grammar stays in V8's baseline code: its optimizing recompile costs 20–37 MiB resident
  // (wasm-tiering.ts); the flag is put back once the instance exists
  const restoreTiering = deferTierUp();
  // the functions the first statements call are compiled in the background (wasm-hints.ts)
  const eager = compileStartupEagerly(bytes);
  const restore = () => { eager?.restore(); restoreTiering(); };
  // (the closures below hold the file name, not the bytes: V8 has its own copy once compiling)
  const compiled = wasm.compile(eager?.bytes ?? bytes);
  let failed: (e: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  const ready = glue({
    instantiateWasm(imports, receive) {
      const instantiate = (m: WasmModule) => wasm.instantiate(m, imports).then(i => [i, m] as const);
      // (only a failure to instantiate the changed module retries with the original, compiled as usual)
      compiled.then(instantiate)
        .catch(e => shrunk || eager ? (eager?.restore(), wasm.compile(readFileSync(file)).then(instantiate)) : Promise.reject(e))
        .then(([i, m]) => receive(i, m))
        .catch(failed);
      return {};
    },
  });
  return Promise.race([ready, failure]).then(m => { pgQuery = m; }).finally(restore);
}

/**
 * libpg-query's WebAssembly: from the package beside ours when it is there (resolving the
 * package took ~1 ms of every start), else wherever Node.js resolves it; read into a buffer
 * with room before it for wasm-hints.ts's section.
 */
function readModule(): { file: string; bytes: Uint8Array } {
  const nearby = fileURLToPath(new URL(WASM_NEARBY, import.meta.url));
  try {
    return { file: nearby, bytes: readWithRoom(nearby) };
  } catch {
    const file = createRequire(import.meta.url).resolve('libpg-query/wasm/libpg-query.wasm');
    return { file, bytes: readWithRoom(file) };
  }
}

/** Bytes left free before the module in its buffer (its hints section takes ~300). */
const ROOM = 4096;

function readWithRoom(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(ROOM + size);
    let read = 0;
    for (let n; read < size && (n = readSync(fd, buffer, ROOM + read, size - read, read)) > 0;) read += n;
    return buffer.subarray(ROOM, ROOM + read);
  } finally {
    closeSync(fd);
  }
}

// started at import, so that it overlaps the rest of start-up (an unhandled rejection is
// avoided here; the error reaches whoever awaits loadParser())
loadParser().catch(() => undefined);
