// `relata serve` as the crash test starts it: the compiled CLI next to the compiled tests.
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
  process.stderr.write(`relata: ${err?.stack ?? err}\n`);
  process.exitCode = 70;
});
