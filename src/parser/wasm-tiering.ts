// The grammar's WebAssembly runs in V8's baseline (Liftoff) code instead of being recompiled by
// its optimizing compiler (TurboFan) after the first statement. That recompile — of the
// grammar's hottest functions, base_yyparse's 101 KB of WebAssembly and two small ones (25 MB
// of compiler zone memory for base_yyparse alone) — took ~0.3 s of CPU on a background
// thread and left 20–37 MiB resident in that thread's malloc arena for the life of the process
// (glibc keeps the compiler's freed zone memory); the optimized code parses only 10–20 % faster,
// which repays that CPU only after ~100,000 distinct statement texts (parses are cached by text).
// V8 decides by a per-function budget ("bytes executed") taken from the process-wide flag
// --wasm-tiering-budget when it creates a module's native code (V8 11.3, Node.js 20: during the
// compile; newer V8s keep budgets per instance, so the window covers both): the flag is raised
// to its maximum while our module compiles and instantiates, then put back, so that only this
// module waits ~1,000× longer to tier up.
// (The budget seems to charge each loop iteration by the loop's size: with the parser's 100 KB
// loop the default ran out within the first statement, the maximum lasts 120–150 small
// distinct statements; a process that parses more still gets the faster code, just later.)
// Exact restoring needs the flag's value before: V8's default for the versions listed below,
// or nothing is changed (also when the command line or NODE_OPTIONS sets the flag itself).
import { setFlagsFromString } from 'node:v8';

/** V8's default --wasm-tiering-budget by V8 major.minor (`node --v8-options`). */
const DEFAULT_BUDGET: Record<string, number> = { '11.3': 1_800_000 };
const MAX_BUDGET = 2 ** 31 - 1;

/**
 * Raises the tiering budget for the module about to be compiled; returns the function that
 * puts it back (call it once the module is instantiated, or failed to).
 */
export function deferTierUp(): () => void {
  const [major, minor] = process.versions.v8.split('.');
  const usual = DEFAULT_BUDGET[`${major}.${minor}`];
  // a budget the user set (command line or NODE_OPTIONS) is theirs: left alone
  const set = /--wasm[-_]tiering[-_]budget\b/;
  if (usual === undefined || process.execArgv.some(a => set.test(a)) || set.test(process.env.NODE_OPTIONS ?? '')) return () => undefined;
  try {
    setFlagsFromString(`--wasm-tiering-budget=${MAX_BUDGET}`);
  } catch {
    return () => undefined;
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    setFlagsFromString(`--wasm-tiering-budget=${usual}`);
  };
}
