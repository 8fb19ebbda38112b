// TypeORM against relata serve: `synchronize: true` creates the schema from the entities
// (reading the catalog first), a second start finds nothing to change; a one-to-one relation
// with a join column and ON DELETE CASCADE, a one-to-many, the repository API and
// transactions. The entities are EntitySchema definitions — the same metadata as
// @Entity / @OneToOne / @JoinColumn decorators, without a decorator compiler setting.
import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DataSource, EntitySchema, type DataSourceOptions } from 'typeorm';
import { ormServer, type OrmServer } from './orm-helpers.js';

interface User { id: number; name: string; email: string; createdAt?: Date; profile?: Profile; photos?: Photo[] }
interface Profile { id: number; bio: string | null; user: User }
interface Photo { id: number; url: string; views: number; user: User }

const UserEntity = new EntitySchema<User>({
  name: 'User', tableName: 'users',
  columns: {
    id: { type: Number, primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100 },
    email: { type: 'varchar', length: 200, unique: true },
    createdAt: { type: 'timestamptz', createDate: true },
  },
  relations: {
    profile: { type: 'one-to-one', target: 'Profile', inverseSide: 'user' },
    photos: { type: 'one-to-many', target: 'Photo', inverseSide: 'user' },
  },
});

const ProfileEntity = new EntitySchema<Profile>({
  name: 'Profile', tableName: 'profiles',
  columns: { id: { type: Number, primary: true, generated: 'increment' }, bio: { type: 'text', nullable: true } },
  relations: { user: { type: 'one-to-one', target: 'User', inverseSide: 'profile', joinColumn: { name: 'user_id' }, onDelete: 'CASCADE', nullable: false } },
});

const PhotoEntity = new EntitySchema<Photo>({
  name: 'Photo', tableName: 'photos',
  columns: { id: { type: Number, primary: true, generated: 'increment' }, url: { type: 'varchar' }, views: { type: 'int', default: 0 } },
  relations: { user: { type: 'many-to-one', target: 'User', inverseSide: 'photos', onDelete: 'CASCADE', nullable: false } },
  indices: [{ name: 'photos_url_idx', columns: ['url'] }],
});

let srv: OrmServer;
let options: DataSourceOptions;
before(async () => {
  srv = await ormServer('typeorm_test');
  options = {
    type: 'postgres', host: srv.config.host, port: srv.config.port, username: 'postgres', database: srv.database,
    entities: [UserEntity, ProfileEntity, PhotoEntity], synchronize: true, logging: false,
  };
});
after(async () => { await srv.close(); });

test('synchronize creates the schema; a second start finds nothing to change', async () => {
  const first = await new DataSource(options).initialize();
  const tables = await first.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
  assert.deepEqual(tables, [{ table_name: 'photos' }, { table_name: 'profiles' }, { table_name: 'users' }]);
  await first.destroy();
  const second = await new DataSource({ ...options, synchronize: false }).initialize();
  const pending = await second.driver.createSchemaBuilder().log();
  assert.deepEqual(pending.upQueries.map(q => q.query), []);
  await second.destroy();
});

test('one-to-one with a join column and ON DELETE CASCADE; one-to-many; repositories and transactions', async () => {
  const ds = await new DataSource({ ...options, synchronize: false }).initialize();
  try {
    const users = ds.getRepository(UserEntity);
    const profiles = ds.getRepository(ProfileEntity);
    const photos = ds.getRepository(PhotoEntity);
    const ann = await users.save({ name: 'Ann', email: 'ann@example.com' });
    assert.equal(ann.id, 1);
    assert.ok(ann.createdAt instanceof Date);
    await profiles.save({ bio: 'writer', user: ann });
    await photos.save([{ url: 'a.jpg', user: ann }, { url: 'b.jpg', views: 3, user: ann }]);

    const loaded = await users.findOne({ where: { id: ann.id }, relations: { profile: true, photos: true }, order: { photos: { url: 'ASC' } } });
    assert.equal(loaded?.profile?.bio, 'writer');
    assert.deepEqual(loaded?.photos?.map(p => [p.url, p.views]), [['a.jpg', 0], ['b.jpg', 3]]);
    const profile = await profiles.findOne({ where: { bio: 'writer' }, relations: { user: true } });
    assert.equal(profile?.user.name, 'Ann');

    const counted = await photos.createQueryBuilder('p').innerJoin('p.user', 'u').select('u.name', 'name').addSelect('SUM(p.views)', 'views')
      .groupBy('u.name').getRawMany();
    assert.deepEqual(counted, [{ name: 'Ann', views: '3' }]);

    await assert.rejects(users.save({ name: 'Ann again', email: 'ann@example.com' }), (e: any) => e.code === '23505' && /^UQ_/.test(e.constraint));
    await assert.rejects(ds.transaction(async em => {
      await em.getRepository(UserEntity).update({ id: ann.id }, { name: 'Renamed' });
      await em.getRepository(ProfileEntity).save({ bio: 'second', user: { id: 99 } as User });
    }), (e: any) => e.code === '23503');
    assert.equal((await users.findOneBy({ id: ann.id }))?.name, 'Ann');
    await assert.rejects(profiles.save({ bio: 'dup', user: ann }), (e: any) => e.code === '23505');

    await users.delete({ id: ann.id });
    assert.equal(await profiles.count(), 0);
    assert.equal(await photos.count(), 0);
  } finally {
    await ds.destroy();
  }
});
