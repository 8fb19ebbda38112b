// libpg-query's WebAssembly parser, loaded by us rather than through the package's index
// (which also loads @pgsql/types and compiles only once its import has finished): the compile
// starts as soon as this module is evaluated and runs on V8's background threads while the
// rest of the library loads, and the emscripten runtime is given its instance directly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// (emscripten glue; scripts/bundle.js bundles it as an ES module, so that its code is cached)
import glueFactory from 'libpg-query/wasm/libpg-query.js';
import { shrinkInitialMemory } from './wasm-memory.js';
import { deferTierUp } from './wasm-tiering.js';

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
  const file = createRequire(import.meta.url).resolve('libpg-query/wasm/libpg-query.wasm');
  const bytes = readFileSync(file);
  // 128 MiB of initial memory counts as external memory and makes V8 run a full GC at start;
  // the module grows its memory itself when it needs more (wasm-memory.ts)
  const shrunk = shrinkInitialMemory(bytes);
  // the grammar stays in V8's baseline code: its optimizing recompile costs 20–37 MiB resident
  // (wasm-tiering.ts); the flag is put back once the instance exists
  const restore = deferTierUp();
  // (the closures below hold the file name, not the bytes: V8 has its own copy once compiling)
  const compiled = wasm.compile(bytes);
  let failed: (e: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => { failed = reject; });
  const ready = glue({
    instantiateWasm(imports, receive) {
      const instantiate = (m: WasmModule) => wasm.instantiate(m, imports).then(i => [i, m] as const);
      // (only a failure to instantiate the smaller module retries with the original)
      compiled.then(instantiate)
        .catch(e => shrunk ? wasm.compile(readFileSync(file)).then(instantiate) : Promise.reject(e))
        .then(([i, m]) => receive(i, m))
        .catch(failed);
      return {};
    },
  });
  return Promise.race([ready, failure]).then(m => { pgQuery = m; }).finally(restore);
}

// started at import, so that it overlaps the rest of start-up (an unhandled rejection is
// avoided here; the error reaches whoever awaits loadParser())
loadParser().catch(() => undefined);
