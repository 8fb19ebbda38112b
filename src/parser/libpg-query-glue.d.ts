// libpg-query's emscripten module factory (wasm/libpg-query.js, CommonJS), which the package
// declares no types for: wasm.ts gives it the compiled instance and uses its exports.
declare module 'libpg-query/wasm/libpg-query.js' {
  const factory: (moduleArg: object) => Promise<unknown>;
  export default factory;
}
