#!/usr/bin/env node
// `npm run bundle` (after `tsc -p .`): the embedded API as one ES module, dist/relata.mjs, so
// that a process opening a database loads one file instead of ~300 (Node's ES module loader
// spends most of a cold start resolving and reading them). libpg-query's emscripten glue is
// bundled too (parserGlue below); its WebAssembly stays a file of the package.
// Uses esbuild when it is installed; without it the bundle is a one-line re-export of the
// unbundled API, so importing dist/relata.mjs always works.
//
// Also dist/relata-cached.mjs: the same API from a CommonJS bundle (dist/relata.cjs) compiled
// with V8's code cache (dist/relata.cjs.cache, made here by a warm-up run of ordinary
// statements): a cold start then skips most parsing and compiling of the bundle (W7). A cache
// V8 refuses (another Node.js version or flags) is ignored: the bundle is compiled as usual.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * Node.js built-in modules no statement needs until it calls one of their functions: loading
 * node:crypto costs ~3 ms of every start (md5(), gen_random_uuid() and password hashing use it).
 */
const LAZY_BUILTINS = ['node:crypto'];
const out = `${root}dist/relata.mjs`;
const cached = `${root}dist/relata-cached.mjs`;
let esbuild;
try { esbuild = await import('esbuild'); } catch { esbuild = null; }
if (!esbuild) {
  writeFileSync(out, "export * from './src/api/index.js';\n");
  writeFileSync(cached, "export * from './src/api/index.js';\n");
  console.log('bundle: esbuild not installed; dist/relata.mjs re-exports dist/src/api/index.js');
} else {
  await esbuild.build({
    entryPoints: [`${root}dist/src/api/index.js`], bundle: true, platform: 'node', target: 'node20', logLevel: 'warning',
    format: 'esm', outfile: out, charset: 'ascii', plugins: [await lazyBuiltins(LAZY_BUILTINS), parserGlue()],
  });
  writeFileSync(out, await asciiOnly(readFileSync(out, 'utf8')));
  // the CommonJS form is the ES bundle itself transformed (not bundled again), so that its
  // modules run in the very same order
  // (import.meta.url, which the parser resolves libpg-query from, is the bundle's own file URL)
  // Whitespace and comments are left out of it (names are kept): 24 % less text to read into a
  // string at every start (~0.8 ms) and to keep in memory (~0.5 MB); dist/relata.mjs is the
  // readable form of the same code.
  const cjs = await esbuild.transform(readFileSync(out, 'utf8'), {
    format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning', minifyWhitespace: true,
    define: { 'import.meta.url': '__relataFileUrl' }, banner: 'var __relataFileUrl = require("node:url").pathToFileURL(__filename).href;',
  });
  writeFileSync(`${root}dist/relata.cjs`, await asciiOnly(cjs.code));
  const names = Object.keys(await import(`${root}dist/src/api/index.js`)).filter(n => n !== 'default');
  writeFileSync(cached, loader(names));
  rmSync(`${root}dist/relata.cjs.cache`, { force: true });
  try {
    execFileSync(process.execPath, [`${root}scripts/bundle-warmup.js`], { stdio: 'inherit' });
  } catch (e) {
    // the cached form does not work here: only dist/relata.mjs is left
    for (const f of [cached, `${root}dist/relata.cjs`, `${root}dist/relata.cjs.cache`]) rmSync(f, { force: true });
    console.log(`bundle: no dist/relata-cached.mjs (${String(e.message).split('\n')[0]})`);
  }
  console.log('bundle: dist/relata.mjs, dist/relata-cached.mjs');
}

/**
 * An esbuild plugin: each of `names` is replaced by a module of the same exports (its functions
 * whose names start in lower case; importing anything else fails the build) that loads the
 * real module on the first call.
 */
async function lazyBuiltins(names) {
  const contents = new Map();
  for (const name of names) {
    const mod = await import(name);
    const fns = Object.keys(mod).filter(k => /^[a-z]/.test(k) && typeof mod[k] === 'function');
    contents.set(name, [
      "import { createRequire } from 'node:module';",
      'let mod;',
      `const load = () => (mod ??= createRequire(import.meta.url)(${JSON.stringify(name)}));`,
      ...fns.map(k => `export function ${k}(...args) { return load().${k}(...args); }`),
    ].join('\n'));
  }
  return {
    name: 'lazy-builtins',
    setup(build) {
      const filter = new RegExp(`^(${names.map(n => n.replace(/[.:]/g, '\\$&')).join('|')})$`);
      build.onResolve({ filter }, a => (a.namespace === 'lazy-builtin' ? { path: a.path, external: true } : { path: a.path, namespace: 'lazy-builtin' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, a => ({ contents: contents.get(a.path), loader: 'js' }));
    },
  };
}

/**
 * An esbuild plugin: libpg-query's emscripten glue (wasm/libpg-query.js, CommonJS, 59 KB that
 * took ~3 ms of every start to resolve and compile) into the bundle and so into its code cache,
 * as an ES module: its `require` of built-ins, `__dirname` and `__filename` declared, and its
 * CommonJS export (which in dist/relata.cjs would replace the bundle's own exports) replaced by
 * a default export. Its WebAssembly stays a file of the package (src/parser/wasm.ts reads it,
 * from the place src/parser/wasm-file.ts names, here made relative to the bundle).
 */
function parserGlue() {
  return {
    name: 'parser-glue',
    setup(build) {
      build.onLoad({ filter: /[\\/]libpg-query[\\/]wasm[\\/]libpg-query\.js$/ }, a => {
        const text = readFileSync(a.path, 'utf8');
        const tail = text.indexOf("if (typeof exports === 'object' && typeof module === 'object')");
        if (tail < 0 || !/^var PgQueryModule = /m.test(text)) throw new Error(`bundle: ${a.path} is not the emscripten glue expected`);
        return {
          loader: 'js',
          contents: [
            "import { createRequire as createRequireForGlue } from 'node:module';",
            "import { fileURLToPath as fileURLToPathForGlue } from 'node:url';",
            'const require = createRequireForGlue(import.meta.url);',
            'const __filename = fileURLToPathForGlue(import.meta.url);',
            "const __dirname = fileURLToPathForGlue(new URL('.', import.meta.url));",
            text.slice(0, tail),
            'export default PgQueryModule;',
          ].join('\n'),
        };
      });
      // the WebAssembly's usual place, relative to the bundle in dist/ rather than to dist/src/parser/
      build.onLoad({ filter: /[\\/]dist[\\/]src[\\/]parser[\\/]wasm-file\.js$/ }, a => {
        const text = readFileSync(a.path, 'utf8');
        const from = "'../../../node_modules/libpg-query/wasm/libpg-query.wasm'";
        if (!text.includes(from)) throw new Error(`bundle: ${a.path} does not name ${from}`);
        return { loader: 'js', contents: text.replace(from, "'../node_modules/libpg-query/wasm/libpg-query.wasm'") };
      });
    },
  };
}

/**
 * The bundle with its comments' non-ASCII characters (…, →, —) escaped: esbuild escapes them in
 * code (charset 'ascii') but keeps comments as written, and a single one makes the whole 2 MB
 * source a two-byte string, twice as slow to read and to scan and twice the memory. That only
 * comments changed is checked: both texts minified (comments dropped) must be the same code.
 */
async function asciiOnly(code) {
  const out = code.replace(/[^\x00-\x7f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (out === code) return code;
  const min = async text => (await esbuild.transform(text, { minify: true, charset: 'ascii', logLevel: 'warning' })).code;
  if (await min(out) !== await min(code)) throw new Error('bundle: a non-ASCII character outside a comment (a raw template?) would change');
  return out;
}

function loader(names) {
  return `// Generated by scripts/bundle.js: dist/relata.cjs compiled with V8's code cache (relata.cjs.cache).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// (node:fs required, not imported: its ES module facade reads every export, fs.promises and the
// stream classes included, which loads ~40 more built-in modules: ~3 ms of a cold start)
const { readFileSync, writeFileSync } = createRequire(import.meta.url)('node:fs');
const file = fileURLToPath(new URL('./relata.cjs', import.meta.url));
const cacheFile = file + '.cache';
let cachedData;
try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
// (the bundle is ASCII (asciiOnly in scripts/bundle.js): read as latin1, which is the same text read faster)
const script = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'latin1') + '\\n})',
  { filename: file, cachedData });
/** Whether V8 used the cache. */
export const codeCacheUsed = cachedData !== undefined && !script.cachedDataRejected;
cachedData = undefined; // (its 1 MB is not needed once compiled)
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, fileURLToPath(new URL('.', import.meta.url)));

export const { ${names.join(', ')} } = mod.exports;
/** Writes the code compiled so far as the cache (scripts/bundle-warmup.js). */
export function writeCodeCache() { writeFileSync(cacheFile, script.createCachedData()); }
`;
}
