#!/usr/bin/env node
// The `relata` command. The TypeScript build (npx tsc -p .) writes dist/.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`relata: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  },
);
