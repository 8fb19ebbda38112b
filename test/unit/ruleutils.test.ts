// Stored expressions and definitions printed back (pg_get_constraintdef, pg_get_expr,
// pg_get_indexdef, information_schema): every expected string is what PostgreSQL 15
// printed for the same DDL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';

async function session(ddl: string): Promise<Session> {
  const s = await Session.create();
  await s.query(ddl);
  return s;
}

/** The query's rows with each value in its text form (NULL as null). */
async function rows(s: Session, sql: string): Promise<(string | null)[][]> {
  const [r] = await s.query(sql);
  return (r.rows ?? []).map(row => row.map((v, i) => (v === null ? null : s.formatValue(v, r.fields![i].typeOid))));
}

const TABLE = `CREATE TABLE t (a int, b int, n numeric, s text, v varchar(10), c char(3), d date, ts timestamptz, f float8,
  bo boolean, arr int[], bi bigint, sm smallint)`;

/** [CHECK expression, pg_get_constraintdef, pg_get_constraintdef(oid, true)] */
const CHECKS: [string, string, string][] = [
  ['a > 0', 'CHECK ((a > 0))', 'CHECK (a > 0)'],
  ['a BETWEEN 1 AND 10', 'CHECK (((a >= 1) AND (a <= 10)))', 'CHECK (a >= 1 AND a <= 10)'],
  ['a NOT BETWEEN 1 AND 10', 'CHECK (((a < 1) OR (a > 10)))', 'CHECK (a < 1 OR a > 10)'],
  ['a BETWEEN SYMMETRIC 1 AND 10', 'CHECK ((((a >= 1) AND (a <= 10)) OR ((a >= 10) AND (a <= 1))))',
    'CHECK (a >= 1 AND a <= 10 OR a >= 10 AND a <= 1)'],
  ['a IN (1,2,3)', 'CHECK ((a = ANY (ARRAY[1, 2, 3])))', 'CHECK (a = ANY (ARRAY[1, 2, 3]))'],
  ['a NOT IN (1,2)', 'CHECK ((a <> ALL (ARRAY[1, 2])))', 'CHECK (a <> ALL (ARRAY[1, 2]))'],
  ['a IN (1, b)', 'CHECK (((a = 1) OR (a = b)))', 'CHECK (a = 1 OR a = b)'],
  ["s IN ('a','b')", "CHECK ((s = ANY (ARRAY['a'::text, 'b'::text])))", "CHECK (s = ANY (ARRAY['a'::text, 'b'::text]))"],
  ["v IN ('a', 'b')", "CHECK (((v)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))",
    "CHECK (v::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[]))"],
  ["s LIKE 'x%'", "CHECK ((s ~~ 'x%'::text))", "CHECK (s ~~ 'x%'::text)"],
  ["s NOT LIKE 'x%'", "CHECK ((s !~~ 'x%'::text))", "CHECK (s !~~ 'x%'::text)"],
  ["s ILIKE 'x%'", "CHECK ((s ~~* 'x%'::text))", "CHECK (s ~~* 'x%'::text)"],
  ['a IS NULL', 'CHECK ((a IS NULL))', 'CHECK (a IS NULL)'],
  ['a IS NOT NULL', 'CHECK ((a IS NOT NULL))', 'CHECK (a IS NOT NULL)'],
  ["v = 'abc'", "CHECK (((v)::text = 'abc'::text))", "CHECK (v::text = 'abc'::text)"],
  ["c = 'ab'", "CHECK ((c = 'ab'::bpchar))", "CHECK (c = 'ab'::bpchar)"],
  ["d > '2024-01-01'", "CHECK ((d > '2024-01-01'::date))", "CHECK (d > '2024-01-01'::date)"],
  ['n > -1', "CHECK ((n > ('-1'::integer)::numeric))", "CHECK (n > '-1'::integer::numeric)"],
  ['a > -1', "CHECK ((a > '-1'::integer))", "CHECK (a > '-1'::integer)"],
  ['n > 1.5', 'CHECK ((n > 1.5))', 'CHECK (n > 1.5)'],
  ['n > -1.5', "CHECK ((n > '-1.5'::numeric))", "CHECK (n > '-1.5'::numeric)"],
  ["n > 'NaN'", "CHECK ((n > 'NaN'::numeric))", "CHECK (n > 'NaN'::numeric)"],
  ['f > 0.5', 'CHECK ((f > (0.5)::double precision))', 'CHECK (f > 0.5::double precision)'],
  ['f > 1e10', "CHECK ((f > ('10000000000'::numeric)::double precision))", "CHECK (f > '10000000000'::numeric::double precision)"],
  ['bo IS TRUE', 'CHECK ((bo IS TRUE))', 'CHECK (bo IS TRUE)'],
  ['bo', 'CHECK (bo)', 'CHECK (bo)'],
  ['NOT bo', 'CHECK ((NOT bo))', 'CHECK (NOT bo)'],
  ['true', 'CHECK (true)', 'CHECK (true)'],
  ['a = 1 OR b = 2 AND a = 3', 'CHECK (((a = 1) OR ((b = 2) AND (a = 3))))', 'CHECK (a = 1 OR b = 2 AND a = 3)'],
  ['a > 0 AND b > 0 AND n > 0', 'CHECK (((a > 0) AND (b > 0) AND (n > (0)::numeric)))', 'CHECK (a > 0 AND b > 0 AND n > 0::numeric)'],
  ['NOT (a > 0 AND b > 0)', 'CHECK ((NOT ((a > 0) AND (b > 0))))', 'CHECK (NOT (a > 0 AND b > 0))'],
  ['COALESCE(a, 0) > 0', 'CHECK ((COALESCE(a, 0) > 0))', 'CHECK (COALESCE(a, 0) > 0)'],
  ['NULLIF(a, 1) > 0', 'CHECK ((NULLIF(a, 1) > 0))', 'CHECK (NULLIF(a, 1) > 0)'],
  ['GREATEST(a, b) > 0', 'CHECK ((GREATEST(a, b) > 0))', 'CHECK (GREATEST(a, b) > 0)'],
  ['CASE WHEN a > 0 THEN true ELSE false END', 'CHECK (\nCASE\n    WHEN (a > 0) THEN true\n    ELSE false\nEND)',
    'CHECK (\nCASE\n    WHEN a > 0 THEN true\n    ELSE false\nEND)'],
  ['CASE a WHEN 1 THEN true END', 'CHECK (\nCASE a\n    WHEN 1 THEN true\n    ELSE NULL::boolean\nEND)',
    'CHECK (\nCASE a\n    WHEN 1 THEN true\n    ELSE NULL::boolean\nEND)'],
  ['length(s) > 2', 'CHECK ((length(s) > 2))', 'CHECK (length(s) > 2)'],
  ['length(v) > 2', 'CHECK ((length((v)::text) > 2))', 'CHECK (length(v::text) > 2)'],
  ['a IS DISTINCT FROM b', 'CHECK ((a IS DISTINCT FROM b))', 'CHECK (a IS DISTINCT FROM b)'],
  ['a IS NOT DISTINCT FROM b', 'CHECK ((NOT (a IS DISTINCT FROM b)))', 'CHECK (NOT a IS DISTINCT FROM b)'],
  ['bi > 10000000000', "CHECK ((bi > '10000000000'::bigint))", "CHECK (bi > '10000000000'::bigint)"],
  ['bi > 1', 'CHECK ((bi > 1))', 'CHECK (bi > 1)'],
  ['a::numeric > 1', 'CHECK (((a)::numeric > (1)::numeric))', 'CHECK (a::numeric > 1::numeric)'],
  ["a > '5'", 'CHECK ((a > 5))', 'CHECK (a > 5)'],
  ["s = 'it''s'", "CHECK ((s = 'it''s'::text))", "CHECK (s = 'it''s'::text)"],
  ['ts < now()', 'CHECK ((ts < now()))', 'CHECK (ts < now())'],
  ['ts < CURRENT_TIMESTAMP', 'CHECK ((ts < CURRENT_TIMESTAMP))', 'CHECK (ts < CURRENT_TIMESTAMP)'],
  ['d <= CURRENT_DATE', 'CHECK ((d <= CURRENT_DATE))', 'CHECK (d <= CURRENT_DATE)'],
  ['a = ANY(arr)', 'CHECK ((a = ANY (arr)))', 'CHECK (a = ANY (arr))'],
  ['arr = ARRAY[1,2]', 'CHECK ((arr = ARRAY[1, 2]))', 'CHECK (arr = ARRAY[1, 2])'],
  ['-a < 5', 'CHECK (((- a) < 5))', 'CHECK ((- a) < 5)'],
  ['a + b * 2 > (a - b) / 2', 'CHECK (((a + (b * 2)) > ((a - b) / 2)))', 'CHECK ((a + b * 2) > ((a - b) / 2))'],
  ["s || 'x' <> ''", "CHECK (((s || 'x'::text) <> ''::text))", "CHECK ((s || 'x'::text) <> ''::text)"],
  ["a::text <> ''", "CHECK (((a)::text <> ''::text))", "CHECK (a::text <> ''::text)"],
  ["'5'::int = a", 'CHECK ((5 = a))', 'CHECK (5 = a)'],
  ['5::bigint = a', 'CHECK (((5)::bigint = a))', 'CHECK (5::bigint = a)'],
  ['n = 1.50::numeric(10,2)', 'CHECK ((n = 1.50::numeric(10,2)))', 'CHECK (n = 1.50::numeric(10,2))'],
  ["v = 'abc'::varchar(5)", "CHECK (((v)::text = ('abc'::character varying(5))::text))", "CHECK (v::text = 'abc'::character varying(5)::text)"],
  ['a::numeric(10,2) > 0', 'CHECK (((a)::numeric(10,2) > (0)::numeric))', 'CHECK (a::numeric(10,2) > 0::numeric)'],
  ['arr[1] > 0', 'CHECK ((arr[1] > 0))', 'CHECK (arr[1] > 0)'],
  ['(a, b) < (1, 2)', 'CHECK ((ROW(a, b) < ROW(1, 2)))', 'CHECK ((ROW(a, b) < ROW(1, 2)))'],
  ['(a, b) = (1, 2)', 'CHECK (((a = 1) AND (b = 2)))', 'CHECK (a = 1 AND b = 2)'],
  ['a IN (1, 2, b)', 'CHECK (((a = ANY (ARRAY[1, 2])) OR (a = b)))', 'CHECK ((a = ANY (ARRAY[1, 2])) OR a = b)'],
  ['n IN (1, 2.5)', 'CHECK ((n = ANY (ARRAY[(1)::numeric, 2.5])))', 'CHECK (n = ANY (ARRAY[1::numeric, 2.5]))'],
  ['a = 1 IS NOT TRUE', 'CHECK (((a = 1) IS NOT TRUE))', 'CHECK ((a = 1) IS NOT TRUE)'],
  ['extract(year from d) > 2000', 'CHECK ((EXTRACT(year FROM d) > (2000)::numeric))', 'CHECK (EXTRACT(year FROM d) > 2000::numeric)'],
  ["substring(s from 1 for 2) <> ''", "CHECK ((SUBSTRING(s FROM 1 FOR 2) <> ''::text))", "CHECK (SUBSTRING(s FROM 1 FOR 2) <> ''::text)"],
  ["substring(s, 1, 2) <> ''", "CHECK ((\"substring\"(s, 1, 2) <> ''::text))", "CHECK (\"substring\"(s, 1, 2) <> ''::text)"],
  ["position('a' in s) > 0", "CHECK ((POSITION(('a'::text) IN (s)) > 0))", "CHECK (POSITION(('a'::text) IN (s)) > 0)"],
  ["trim(both 'x' from s) <> ''", "CHECK ((TRIM(BOTH 'x'::text FROM s) <> ''::text))", "CHECK (TRIM(BOTH 'x'::text FROM s) <> ''::text)"],
  ["trim(s) <> ''", "CHECK ((TRIM(BOTH FROM s) <> ''::text))", "CHECK (TRIM(BOTH FROM s) <> ''::text)"],
  ['2 ^ 3 > 1', 'CHECK ((((2)::double precision ^ (3)::double precision) > (1)::double precision))',
    'CHECK ((2::double precision ^ 3::double precision) > 1::double precision)'],
];

test('pg_get_constraintdef prints CHECK expressions as PostgreSQL stores them', async () => {
  const s = await session(TABLE);
  for (const [expr, plain, pretty] of CHECKS) {
    await s.query(`ALTER TABLE t DROP CONSTRAINT IF EXISTS c; ALTER TABLE t ADD CONSTRAINT c CHECK (${expr})`);
    const got = await rows(s, "SELECT pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname = 'c'");
    assert.deepEqual(got, [[plain, pretty]], expr);
  }
});

test('pg_get_expr and information_schema.columns print column defaults', async () => {
  const s = await session(`CREATE SCHEMA other; CREATE SEQUENCE other.sq;
    CREATE TABLE d (id serial, a int DEFAULT 0, n numeric DEFAULT 0, n2 numeric DEFAULT 9.99, s text DEFAULT 'x',
      v varchar(10) DEFAULT 'x', ts timestamptz DEFAULT now(), ts3 timestamptz DEFAULT CURRENT_TIMESTAMP(3), dd date DEFAULT CURRENT_DATE,
      neg int DEFAULT -1, nneg numeric DEFAULT -1, b boolean DEFAULT true, u text DEFAULT CURRENT_USER, e int DEFAULT 1+2,
      arr int[] DEFAULT '{}', o bigint DEFAULT nextval('other.sq'), c char(2) DEFAULT 'a', f float8 DEFAULT 1.5, nl int DEFAULT NULL,
      vn varchar(10) DEFAULT NULL, iv interval DEFAULT '1 day', cs text DEFAULT current_schema(), nm numeric(10,2) DEFAULT 1.5,
      vc varchar(3) DEFAULT 'abc'::text, gi int GENERATED ALWAYS AS IDENTITY)`);
  const expected: [string, string | null][] = [
    ['id', "nextval('d_id_seq'::regclass)"], ['a', '0'], ['n', '0'], ['n2', '9.99'], ['s', "'x'::text"], ['v', "'x'::character varying"],
    ['ts', 'now()'], ['ts3', 'CURRENT_TIMESTAMP(3)'], ['dd', 'CURRENT_DATE'], ['neg', "'-1'::integer"], ['nneg', "'-1'::integer"],
    ['b', 'true'], ['u', 'CURRENT_USER'], ['e', '(1 + 2)'], ['arr', "'{}'::integer[]"], ['o', "nextval('other.sq'::regclass)"],
    ['c', "'a'::bpchar"], ['f', '1.5'], ['nl', null], ['vn', 'NULL::character varying'], ['iv', "'1 day'::interval"],
    ['cs', '"current_schema"()'], ['nm', '1.5'], ['vc', "'abc'::text"], ['gi', null],
  ];
  assert.deepEqual(await rows(s, "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'd' ORDER BY ordinal_position"), expected);
  assert.deepEqual(await rows(s, `SELECT a.attname, pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attrdef ad
    JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum WHERE ad.adrelid = 'd'::regclass ORDER BY a.attnum`),
  expected.filter(([, d]) => d !== null));
  // a sequence outside the search path prints schema-qualified, and the qualification follows search_path
  await s.query('SET search_path = other, public');
  assert.deepEqual(await rows(s, "SELECT column_default FROM information_schema.columns WHERE table_name = 'd' AND column_name = 'o'"),
    [["nextval('sq'::regclass)"]]);
});

test('pg_get_constraintdef of keys and foreign keys', async () => {
  const s = await session(`CREATE SCHEMA other;
    CREATE TABLE p (id int PRIMARY KEY, a int, b text, UNIQUE (a, b), UNIQUE NULLS NOT DISTINCT (b));
    CREATE TABLE other.p2 (id int PRIMARY KEY, "Weird Col" int UNIQUE);
    CREATE TABLE "Q" (x int REFERENCES p ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, y int, z text,
      w int REFERENCES other.p2 MATCH FULL ON UPDATE SET NULL ON DELETE SET DEFAULT,
      w2 int REFERENCES other.p2("Weird Col") ON DELETE RESTRICT DEFERRABLE, FOREIGN KEY (y, z) REFERENCES p(a, b) ON DELETE SET NULL (y),
      x2 int UNIQUE, CONSTRAINT chk CHECK (y > 0) NO INHERIT, CONSTRAINT pk PRIMARY KEY (x2, y) DEFERRABLE INITIALLY IMMEDIATE,
      FOREIGN KEY (y) REFERENCES "Q"(x2) NOT VALID, CONSTRAINT chk2 CHECK (y > 0) NOT VALID,
      CONSTRAINT u2 UNIQUE (z) DEFERRABLE INITIALLY DEFERRED);
    ALTER TABLE "Q" ADD CONSTRAINT late CHECK (x > 0) NOT VALID`);
  const defs = `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid IN ('p'::regclass, '"Q"'::regclass, 'other.p2'::regclass) ORDER BY conname`;
  assert.deepEqual(await rows(s, defs), [
    ['Q_w2_fkey', 'FOREIGN KEY (w2) REFERENCES other.p2("Weird Col") ON DELETE RESTRICT DEFERRABLE'],
    ['Q_w_fkey', 'FOREIGN KEY (w) REFERENCES other.p2(id) MATCH FULL ON UPDATE SET NULL ON DELETE SET DEFAULT'],
    ['Q_x2_key', 'UNIQUE (x2)'],
    ['Q_x_fkey', 'FOREIGN KEY (x) REFERENCES p(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED'],
    // NOT VALID means nothing for a new table's constraints
    ['Q_y_fkey', 'FOREIGN KEY (y) REFERENCES "Q"(x2)'],
    ['Q_y_z_fkey', 'FOREIGN KEY (y, z) REFERENCES p(a, b) ON DELETE SET NULL (y)'],
    ['chk', 'CHECK ((y > 0)) NO INHERIT'],
    ['chk2', 'CHECK ((y > 0))'],
    ['late', 'CHECK ((x > 0)) NOT VALID'],
    ['p2_Weird Col_key', 'UNIQUE ("Weird Col")'],
    ['p2_pkey', 'PRIMARY KEY (id)'],
    ['p_a_b_key', 'UNIQUE (a, b)'],
    ['p_b_key', 'UNIQUE NULLS NOT DISTINCT (b)'],
    ['p_pkey', 'PRIMARY KEY (id)'],
    ['pk', 'PRIMARY KEY (x2, y) DEFERRABLE'],
    ['u2', 'UNIQUE (z) DEFERRABLE INITIALLY DEFERRED'],
  ]);
  await s.query('SET search_path = other');
  assert.deepEqual(await rows(s, `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname IN ('Q_x_fkey', 'Q_w_fkey') ORDER BY conname`), [
    ['FOREIGN KEY (w) REFERENCES p2(id) MATCH FULL ON UPDATE SET NULL ON DELETE SET DEFAULT'],
    ['FOREIGN KEY (x) REFERENCES public.p(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED'],
  ]);
  await s.query('RESET search_path');
  assert.deepEqual(await rows(s, `SELECT pg_get_indexdef(indexrelid), pg_get_indexdef(indexrelid, 2, true) FROM pg_index
    WHERE indrelid = 'p'::regclass ORDER BY indexrelid`), [
    ['CREATE UNIQUE INDEX p_pkey ON public.p USING btree (id)', ''],
    ['CREATE UNIQUE INDEX p_a_b_key ON public.p USING btree (a, b)', 'b'],
    ['CREATE UNIQUE INDEX p_b_key ON public.p USING btree (b) NULLS NOT DISTINCT', ''],
  ]);
  assert.deepEqual(await rows(s, 'SELECT pg_get_constraintdef(0), pg_get_indexdef(0)'), [[null, null]]);
});

test('information_schema constraint views', async () => {
  const s = await session(`CREATE TABLE p (id int PRIMARY KEY, a int, b text, UNIQUE (b, a), UNIQUE NULLS NOT DISTINCT (b));
    CREATE TABLE q (x int REFERENCES p ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, y int, z text,
      FOREIGN KEY (y, z) REFERENCES p(a, b) MATCH FULL, CONSTRAINT chk CHECK (y > 0 AND z <> ''))`);
  assert.deepEqual(await rows(s, `SELECT constraint_name, constraint_type, is_deferrable, initially_deferred, enforced, nulls_distinct
    FROM information_schema.table_constraints WHERE table_name IN ('p', 'q') AND constraint_name NOT LIKE '%not_null' ORDER BY 1`), [
    ['chk', 'CHECK', 'NO', 'NO', 'YES', null],
    ['p_b_a_key', 'UNIQUE', 'NO', 'NO', 'YES', 'YES'],
    ['p_b_key', 'UNIQUE', 'NO', 'NO', 'YES', 'NO'],
    ['p_pkey', 'PRIMARY KEY', 'NO', 'NO', 'YES', null],
    ['q_x_fkey', 'FOREIGN KEY', 'YES', 'YES', 'YES', null],
    ['q_y_z_fkey', 'FOREIGN KEY', 'NO', 'NO', 'YES', null],
  ]);
  // NOT NULL columns show as CHECK constraints named <schema oid>_<table oid>_<attnum>_not_null
  assert.deepEqual(await rows(s, `SELECT constraint_name ~ '^[0-9]+_[0-9]+_1_not_null$', check_clause FROM information_schema.check_constraints
    WHERE constraint_schema = 'public' ORDER BY 1, 2`), [['f', "(((y > 0) AND (z <> ''::text)))"], ['t', 'id IS NOT NULL']]);
  assert.deepEqual(await rows(s, `SELECT constraint_name, column_name, ordinal_position, position_in_unique_constraint
    FROM information_schema.key_column_usage WHERE table_name IN ('p', 'q') ORDER BY 1, 3`), [
    ['p_b_a_key', 'b', '1', null], ['p_b_a_key', 'a', '2', null], ['p_b_key', 'b', '1', null], ['p_pkey', 'id', '1', null],
    ['q_x_fkey', 'x', '1', '1'], ['q_y_z_fkey', 'y', '1', '2'], ['q_y_z_fkey', 'z', '2', '1'],
  ]);
  assert.deepEqual(await rows(s, `SELECT constraint_name, unique_constraint_name, match_option, update_rule, delete_rule
    FROM information_schema.referential_constraints ORDER BY 1`), [
    ['q_x_fkey', 'p_pkey', 'NONE', 'NO ACTION', 'CASCADE'], ['q_y_z_fkey', 'p_b_a_key', 'FULL', 'NO ACTION', 'NO ACTION'],
  ]);
  assert.deepEqual(await rows(s, `SELECT table_name, column_name, constraint_name FROM information_schema.constraint_column_usage
    WHERE constraint_schema = 'public' ORDER BY 3, 2`), [
    ['q', 'y', 'chk'], ['q', 'z', 'chk'], ['p', 'a', 'p_b_a_key'], ['p', 'b', 'p_b_a_key'], ['p', 'b', 'p_b_key'], ['p', 'id', 'p_pkey'],
    ['p', 'id', 'q_x_fkey'], ['p', 'a', 'q_y_z_fkey'], ['p', 'b', 'q_y_z_fkey'],
  ]);
});
