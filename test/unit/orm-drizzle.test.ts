// Drizzle ORM (node-postgres driver) against relata serve: drizzle-kit's push creates the
// schema from the TypeScript definitions (introspecting the catalog first) and a second push
// finds nothing to change; one-to-one and one-to-many relations with relational queries,
// inserts with RETURNING, joins, transactions and ON DELETE CASCADE.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { eq, relations, sql } from 'drizzle-orm';
import { boolean, integer, pgTable, serial, text, timestamp, uniqueIndex, varchar, index } from 'drizzle-orm/pg-core';
import { pushSchema } from 'drizzle-kit/api';
import { ormServer, type OrmServer } from './orm-helpers.js';

const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: varchar('email', { length: 120 }).notNull(),
  active: boolean('active').notNull().default(true),
}, t => [uniqueIndex('users_email_idx').on(t.email)]);

const profiles = pgTable('profiles', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().unique().references(() => users.id, { onDelete: 'cascade' }),
  bio: text('bio'),
});

const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [index('posts_author_idx').on(t.authorId)]);

const usersRelations = relations(users, ({ one, many }) => ({ profile: one(profiles), posts: many(posts) }));
const profilesRelations = relations(profiles, ({ one }) => ({ user: one(users, { fields: [profiles.userId], references: [users.id] }) }));
const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));

const schema = { users, profiles, posts, usersRelations, profilesRelations, postsRelations };

let srv: OrmServer;
let pool: pg.Pool;
let db: NodePgDatabase<typeof schema>;
before(async () => {
  srv = await ormServer('drizzle_test');
  pool = new pg.Pool({ ...srv.config, max: 3 });
  db = drizzle(pool, { schema });
});
after(async () => { await pool.end(); await srv.close(); });

test('drizzle-kit push creates the tables; a second push finds nothing to change', async () => {
  const first = await pushSchema({ users, profiles, posts }, drizzle(pool));
  assert.equal(first.hasDataLoss, false);
  assert.ok(first.statementsToExecute.some(s => /CREATE TABLE "users"/.test(s)), first.statementsToExecute.join('\n'));
  await first.apply();
  const tables = await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
  assert.deepEqual(tables.rows, [{ table_name: 'posts' }, { table_name: 'profiles' }, { table_name: 'users' }]);
  const second = await pushSchema({ users, profiles, posts }, drizzle(pool));
  assert.deepEqual(second.statementsToExecute, []);
});

test('one-to-one and one-to-many: inserts, relational queries, joins, updates, cascades', async () => {
  const [ann] = await db.insert(users).values({ name: 'Ann', email: 'ann@example.com' }).returning();
  assert.deepEqual(ann, { id: 1, name: 'Ann', email: 'ann@example.com', active: true });
  const [bob] = await db.insert(users).values({ name: 'Bob', email: 'bob@example.com', active: false }).returning({ id: users.id });
  await db.insert(profiles).values([{ userId: ann.id, bio: 'writer' }, { userId: bob.id, bio: null }]);
  await db.insert(posts).values([{ authorId: ann.id, title: 'First' }, { authorId: ann.id, title: 'Second' }, { authorId: bob.id, title: 'Third' }]);

  const found = await db.query.users.findMany({
    columns: { name: true },
    with: { profile: { columns: { bio: true } }, posts: { columns: { title: true }, orderBy: (p, { asc }) => [asc(p.title)] } },
    orderBy: (u, { asc }) => [asc(u.id)],
  });
  assert.deepEqual(found, [
    { name: 'Ann', profile: { bio: 'writer' }, posts: [{ title: 'First' }, { title: 'Second' }] },
    { name: 'Bob', profile: { bio: null }, posts: [{ title: 'Third' }] },
  ]);
  const post = await db.query.posts.findFirst({ where: eq(posts.title, 'Third'), with: { author: { with: { profile: true } } } });
  assert.equal(post?.author.name, 'Bob');
  assert.equal(post?.author.profile?.userId, bob.id);
  assert.ok(post?.createdAt instanceof Date);

  const joined = await db.select({ name: users.name, n: sql<number>`count(${posts.id})::int` }).from(users)
    .leftJoin(posts, eq(posts.authorId, users.id)).groupBy(users.name).orderBy(users.name);
  assert.deepEqual(joined, [{ name: 'Ann', n: 2 }, { name: 'Bob', n: 1 }]);

  // Drizzle wraps the driver's error: its cause has PostgreSQL's fields
  await assert.rejects(db.insert(profiles).values({ userId: ann.id, bio: 'again' }),
    (e: any) => e.cause.code === '23505' && e.cause.constraint === 'profiles_user_id_unique');
  await assert.rejects(db.insert(users).values({ name: 'Ann2', email: 'ann@example.com' }),
    (e: any) => e.cause.code === '23505' && e.cause.constraint === 'users_email_idx');

  await assert.rejects(db.transaction(async tx => {
    await tx.update(users).set({ active: false }).where(eq(users.id, ann.id));
    await tx.insert(posts).values({ authorId: 99, title: 'orphan' });
  }), (e: any) => e.cause.code === '23503' && e.cause.constraint === 'posts_author_id_users_id_fk');
  assert.deepEqual(await db.select({ active: users.active }).from(users).where(eq(users.id, ann.id)), [{ active: true }]);

  await db.delete(users).where(eq(users.id, ann.id));
  assert.deepEqual(await db.select({ title: posts.title }).from(posts), [{ title: 'Third' }]);
  assert.deepEqual(await db.select({ bio: profiles.bio }).from(profiles), [{ bio: null }]);
});
