// Prisma Client (7, with the node-postgres driver adapter) against relata serve, on tables
// created with SQL: nested creates, includes (one-to-one and one-to-many), filters, counts,
// transactions, unique violations as P2002 and ON DELETE CASCADE.
// The client is generated at test time by `prisma generate`, which runs in WebAssembly; the
// Prisma CLI still asks for its schema-engine binary (used by migrate and db pull, downloaded
// from binaries.prisma.sh, not npm), so PRISMA_SCHEMA_ENGINE_BINARY names a placeholder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ormServer, type OrmServer } from './orm-helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = join(root, 'dist', 'orm-prisma');

const SCHEMA = `generator client {
  provider = "prisma-client-js"
  output   = "./client"
}
datasource db {
  provider = "postgresql"
}
model User {
  id      Int      @id @default(autoincrement())
  email   String   @unique
  name    String?
  profile Profile?
  posts   Post[]
  @@map("users")
}
model Profile {
  id     Int    @id @default(autoincrement())
  bio    String
  userId Int    @unique @map("user_id")
  user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)
  @@map("profiles")
}
model Post {
  id        Int      @id @default(autoincrement())
  title     String
  published Boolean  @default(false)
  authorId  Int      @map("author_id")
  author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
  @@map("posts")
}
`;

let srv: OrmServer;
let prisma: any;
before(async () => {
  srv = await ormServer('prisma_test');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'schema.prisma'), SCHEMA);
  execFileSync(process.execPath, [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', join(dir, 'schema.prisma')],
    { cwd: root, env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' }, stdio: 'ignore' });
  const require = createRequire(import.meta.url);
  const { PrismaClient } = require(join(dir, 'client'));
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const url = `postgresql://postgres@127.0.0.1:${srv.config.port}/${srv.database}`;
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query(`CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text);
    CREATE TABLE profiles (id serial PRIMARY KEY, bio text NOT NULL, user_id int NOT NULL UNIQUE REFERENCES users ON DELETE CASCADE);
    CREATE TABLE posts (id serial PRIMARY KEY, title text NOT NULL, published boolean NOT NULL DEFAULT false,
      author_id int NOT NULL REFERENCES users ON DELETE CASCADE)`);
  await admin.end();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
});
after(async () => { await prisma?.$disconnect(); await srv.close(); });

test('Prisma Client: nested writes, includes, filters, transactions, errors, cascades', async () => {
  const ann = await prisma.user.create({
    data: { email: 'ann@example.com', name: 'Ann', profile: { create: { bio: 'writer' } }, posts: { create: [{ title: 'One', published: true }, { title: 'Two' }] } },
  });
  assert.deepEqual(ann, { id: 1, email: 'ann@example.com', name: 'Ann' });
  await prisma.user.create({ data: { email: 'bob@example.com', posts: { create: { title: 'Three', published: true } } } });

  const users = await prisma.user.findMany({ include: { profile: true, posts: { orderBy: { title: 'asc' } } }, orderBy: { id: 'asc' } });
  assert.deepEqual(users.map((u: any) => [u.name, u.profile?.bio ?? null, u.posts.map((p: any) => p.title)]),
    [['Ann', 'writer', ['One', 'Two']], [null, null, ['Three']]]);
  assert.equal(await prisma.post.count({ where: { published: true } }), 2);
  const found = await prisma.post.findMany({ where: { author: { email: { contains: 'ann' } }, title: { startsWith: 'T' } }, select: { title: true } });
  assert.deepEqual(found, [{ title: 'Two' }]);

  await assert.rejects(prisma.user.create({ data: { email: 'ann@example.com' } }), (e: any) => e.code === 'P2002');
  await assert.rejects(prisma.$transaction(async (tx: any) => {
    await tx.user.update({ where: { id: ann.id }, data: { name: 'Renamed' } });
    await tx.profile.create({ data: { bio: 'again', userId: ann.id } });
  }), (e: any) => e.code === 'P2002');
  assert.equal((await prisma.user.findUnique({ where: { id: ann.id } })).name, 'Ann');

  await prisma.user.delete({ where: { id: ann.id } });
  assert.equal(await prisma.profile.count(), 0);
  assert.deepEqual(await prisma.post.findMany({ select: { title: true } }), [{ title: 'Three' }]);
});
