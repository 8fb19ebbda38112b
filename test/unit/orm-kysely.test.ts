// Kysely (with its PostgresDialect on node-postgres) against relata serve: schema builder,
// typed inserts / selects / joins / updates / deletes, transactions, introspection of the
// tables (its catalog queries), and PostgreSQL's errors reaching the application.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';
import { ormServer, type OrmServer } from './orm-helpers.js';

interface Database {
  person: { id: Generated<number>; first_name: string; last_name: string | null; created_at: Generated<Date> };
  pet: { id: Generated<number>; name: string; owner_id: number; species: 'dog' | 'cat' };
}

let srv: OrmServer;
let db: Kysely<Database>;
before(async () => {
  srv = await ormServer('kysely_test');
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ ...srv.config, max: 3 }) }) });
});
after(async () => { await db.destroy(); await srv.close(); });

test('Kysely: schema, CRUD, joins, transactions, introspection, errors', async () => {
  await db.schema.createTable('person')
    .addColumn('id', 'serial', col => col.primaryKey())
    .addColumn('first_name', 'varchar(50)', col => col.notNull())
    .addColumn('last_name', 'varchar(255)')
    .addColumn('created_at', 'timestamptz', col => col.defaultTo(sql`now()`).notNull())
    .execute();
  await db.schema.createTable('pet')
    .addColumn('id', 'serial', col => col.primaryKey())
    .addColumn('name', 'varchar(255)', col => col.notNull().unique())
    .addColumn('owner_id', 'integer', col => col.references('person.id').onDelete('cascade').notNull())
    .addColumn('species', 'varchar(10)', col => col.notNull().check(sql`species in ('dog', 'cat')`))
    .execute();
  await db.schema.createIndex('pet_owner_id_index').on('pet').column('owner_id').execute();

  const jennifer = await db.insertInto('person').values({ first_name: 'Jennifer', last_name: 'Aniston' }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  assert.equal(jennifer.id, 1);
  assert.ok(jennifer.created_at instanceof Date);
  await db.insertInto('person').values([{ first_name: 'Arnold', last_name: null }, { first_name: 'Sylvester', last_name: 'Stallone' }]).execute();
  await db.insertInto('pet').values([{ name: 'Catto', owner_id: 1, species: 'cat' }, { name: 'Doggo', owner_id: 1, species: 'dog' }, { name: 'Hammo', owner_id: 3, species: 'dog' }]).execute();

  const rows = await db.selectFrom('person').innerJoin('pet', 'pet.owner_id', 'person.id')
    .select(['person.first_name', 'pet.name as pet']).where('pet.species', '=', 'dog').orderBy('pet.name').execute();
  assert.deepEqual(rows, [{ first_name: 'Jennifer', pet: 'Doggo' }, { first_name: 'Sylvester', pet: 'Hammo' }]);

  const counts = await db.selectFrom('person').leftJoin('pet', 'pet.owner_id', 'person.id')
    .select(['person.first_name', eb => eb.fn.count<string>('pet.id').as('n')]).groupBy('person.first_name').orderBy('n', 'desc').orderBy('person.first_name').execute();
  assert.deepEqual(counts, [{ first_name: 'Jennifer', n: '2' }, { first_name: 'Sylvester', n: '1' }, { first_name: 'Arnold', n: '0' }]);

  const updated = await db.updateTable('person').set({ last_name: 'Schwarzenegger' }).where('first_name', '=', 'Arnold').executeTakeFirst();
  assert.equal(updated.numUpdatedRows, 1n);

  await assert.rejects(db.transaction().execute(async trx => {
    await trx.insertInto('person').values({ first_name: 'Temp', last_name: null }).execute();
    await trx.insertInto('pet').values({ name: 'Catto', owner_id: 1, species: 'cat' }).execute();
  }), (e: any) => e.code === '23505' && e.constraint === 'pet_name_key' && e.detail === 'Key (name)=(Catto) already exists.');
  assert.equal((await db.selectFrom('person').select(eb => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n, '3');

  await assert.rejects(db.insertInto('pet').values({ name: 'Fishy', owner_id: 1, species: 'fish' as 'dog' }).execute(),
    (e: any) => e.code === '23514' && e.constraint === 'pet_species_check');

  const deleted = await db.deleteFrom('person').where('id', '=', 1).executeTakeFirst();
  assert.equal(deleted.numDeletedRows, 1n);
  assert.deepEqual(await db.selectFrom('pet').select('name').execute(), [{ name: 'Hammo' }]);

  const tables = await db.introspection.getTables();
  assert.deepEqual(tables.map(t => ({ name: t.name, schema: t.schema, view: t.isView, cols: t.columns.map(c => [c.name, c.dataType, c.isNullable, c.hasDefaultValue, c.isAutoIncrementing]) })), [
    { name: 'person', schema: 'public', view: false, cols: [['id', 'int4', false, true, true], ['first_name', 'varchar', false, false, false], ['last_name', 'varchar', true, false, false], ['created_at', 'timestamptz', false, true, false]] },
    { name: 'pet', schema: 'public', view: false, cols: [['id', 'int4', false, true, true], ['name', 'varchar', false, false, false], ['owner_id', 'int4', false, false, false], ['species', 'varchar', false, false, false]] },
  ]);
  assert.deepEqual((await db.introspection.getSchemas()).map(s => s.name).filter(n => n === 'public'), ['public']);

  await db.schema.dropTable('pet').execute();
  await db.schema.dropTable('person').execute();
});
