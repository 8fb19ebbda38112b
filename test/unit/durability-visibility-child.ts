// A process for durability-visibility.test.ts to SIGKILL while a commit waits for its flush:
// it commits row 1, then holds every flush (VolatileFs: the unflushed log stays in memory, as
// in a page cache that a crash loses) and commits row 2 in one session; another session then
// counts the rows. It prints that count and waits to be killed.
import { VolatileFs, openDir, run } from './durability-helpers.js';
import { Session } from '../../src/session/session.js';

const fs = new VolatileFs();
const { s } = await openDir(process.argv[2], { fs });
await run(s, 'CREATE TABLE t (id int PRIMARY KEY)');
await run(s, 'INSERT INTO t VALUES (1)');
const other = await Session.create(s.engine);
fs.block();
// the statement completes (its commit record is appended); its acknowledgement waits for the flush
await s.simpleQuery('INSERT INTO t VALUES (2)', { result: () => undefined });
let seen = -1;
await other.simpleQuery('SELECT count(*)::int FROM t', { result: r => { seen = r.rows![0][0] as number; } });
process.stdout.write(`${JSON.stringify({ seen })}\n`);
setInterval(() => undefined, 60_000);
