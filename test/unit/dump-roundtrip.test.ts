// A dump loads back into Relata: the script run by `relata shell -v ON_ERROR_STOP=1 -f`
// rebuilds the database, and dumping that again gives the same script. `relata dump
// --data DIR` reads a durable data directory, to a file or to standard output.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/api/index.js';
import { main } from '../../src/cli/main.js';
import { databaseSource } from '../../src/dump/source.js';
import { Session } from '../../src/session/session.js';
import { KEY, SCHEMA, dumpText, sessionSource } from './dump-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-dump-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let out = '', err = '';
  return { io: { stdin: process.stdin, stdout: { write: (t: string) => { out += t; } }, stderr: { write: (t: string) => { err += t; } } },
    out: () => out, err: () => err };
}

/**
 * The schema without the partitioned table's primary key: Relata's ALTER TABLE ONLY … ADD
 * PRIMARY KEY on a partitioned table still recurses to the partitions, so the partitions' own
 * keys that the dump adds next (then ALTER INDEX … ATTACH PARTITION) collide.
 */
const RELATA_SCHEMA = SCHEMA.replace(',\n  PRIMARY KEY (city, logdate)) PARTITION BY RANGE', ') PARTITION BY RANGE');

test('a dump loads back into Relata through relata shell, and dumps again to the same script', async () => {
  assert.notEqual(RELATA_SCHEMA, SCHEMA);
  const db = await Database.open();
  await db.exec(RELATA_SCHEMA);
  await db.exec('CREATE ROLE alice; ALTER SCHEMA "Other Schema" OWNER TO alice; ALTER TABLE app.customer OWNER TO alice');
  const first = await dumpText(databaseSource(db));
  assert.match(first, /^ALTER SEQUENCE app\.customer_id_seq OWNED BY app\.customer\.id;$/m);
  assert.match(first, /^-- Name: customer_id_seq; Type: SEQUENCE; Schema: app; Owner: alice$/m);
  assert.match(first, /^ALTER SCHEMA "Other Schema" OWNER TO alice;$/m);
  await db.close();
  const file = join(dir, 'first.sql');
  writeFileSync(file, first);
  let session: Session | undefined;
  const c = capture();
  // roles are the cluster's, not the database's: the target has them first, as with pg_dump
  const code = await main(['shell', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE ROLE alice', '-f', file], {
    ...c.io, createSession: async () => (session = await Session.create()),
  });
  assert.equal(c.err(), '');
  assert.equal(code, 0);
  assert.equal(await dumpText(sessionSource(session!)), first);
});

test('relata dump --data DIR writes the data directory\'s database, to -f FILE or standard output', async () => {
  const data = join(dir, 'data');
  const db = await Database.open(data);
  await db.exec(SCHEMA);
  const expected = await dumpText(databaseSource(db));
  await db.close();
  const out = join(dir, 'out.sql');
  const c = capture();
  assert.equal(await main(['dump', '--data', data, '--restrict-key', KEY, '-f', out], c.io), 0, c.err());
  assert.equal(readFileSync(out, 'utf8'), expected);
  const s = capture();
  assert.equal(await main(['dump', `--data=${data}`, `--restrict-key=${KEY}`, '-O'], s.io), 0, s.err());
  assert.equal(s.out(), expected.replace(/^ALTER \w+ .* OWNER TO postgres;\n\n/gm, '').replace(/; Owner: postgres$/gm, '; Owner: -'));
  assert.equal(s.err(), '');
  // a directory in use (by a server, say) is refused, with the data directory's hint
  const holder = await Database.open(data);
  try {
    const busy = capture();
    assert.equal(await main(['dump', '--data', data], busy.io), 1);
    assert.match(busy.err(), /^relata dump: error: .+\nrelata dump: hint: .+\n$/);
    assert.equal(busy.out(), '');
  } finally {
    await holder.close();
  }
});

test('relata dump refuses what it cannot do, with pg_dump-style errors', async () => {
  const run = async (...args: string[]) => {
    const c = capture();
    const code = await main(['dump', ...args], c.io);
    return { code, err: c.err(), out: c.out() };
  };
  assert.deepEqual(await run(), { code: 1, out: '',
    err: 'relata dump: error: no database given: use --data DIR or a connection URL\nTry "relata dump --help" for more information.\n' });
  assert.equal((await run('--data', join(dir, 'nosuch'))).err, `relata dump: error: data directory "${join(dir, 'nosuch')}" does not exist\n`);
  assert.match((await run('--restrict-key', 'a b', 'postgres://x')).err, /restrict key may only contain letters and digits/);
  assert.match((await run('--bogus')).err, /unrecognized option '--bogus'/);
  assert.match((await run('--data', dir, 'postgres://x')).err, /either --data DIR or a connection URL, not both/);
  const help = await run('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: relata dump/);
});
