// Where libpg-query's WebAssembly usually is, relative to the module that loads it (wasm.ts,
// compiled to dist/src/parser/wasm.js): in the package's own node_modules. scripts/bundle.js
// replaces it for the one-file bundle, which sits in dist/. A path where the file is not makes
// wasm.ts resolve the package as Node.js does.
export const WASM_NEARBY = '../../../node_modules/libpg-query/wasm/libpg-query.wasm';
