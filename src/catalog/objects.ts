// The objects a database holds. Relations (tables, indexes, sequences, views) share
// one name space per schema, as in pg_class.
import type { BTree } from '../storage/btree.js';
import type { Heap } from '../storage/heap.js';
import type { UserOpclass, UserOperator, UserOpfamily } from './operator-objects.js';

export interface Schema {
  kind: 'schema';
  oid: number;
  name: string;
  owner: string;
  relations: Map<string, Relation>;
  /** User-defined types (enums, domains, composite types) by name (catalog/user-types.ts). */
  types?: Map<string, UserType>;
  /** User-defined functions and procedures by name, overloads in creation order (src/functions/catalog.ts). */
  functions?: Map<string, UserFunction[]>;
  /** CREATE OPERATOR / OPERATOR FAMILY / OPERATOR CLASS (catalog/operators.ts). */
  operators?: UserOperator[];
  opfamilies?: UserOpfamily[];
  opclasses?: UserOpclass[];
  /** GRANT / REVOKE: nspacl (null or absent: the default, privileges/acl.ts). */
  acl?: AclItem[] | null;
}

/** One entry of an ACL (aclitem): roles by oid, 0 = PUBLIC; privileges as bits (privileges/acl.ts). */
export interface AclItem { grantee: number; grantor: number; privs: number; goptions: number }

export type Relation = Table | Index | Sequence | View;

export interface Column {
  name: string;
  /** 1-based position, stable for the column's life (dropped columns keep their slot). */
  attnum: number;
  typeOid: number;
  typmod: number;
  notNull: boolean;
  /** The DEFAULT expression as parsed (a raw AST node), and the text it was written as. */
  default: { expr: any; text: string } | null;
  /** '' none, 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY DEFAULT. */
  identity: '' | 'a' | 'd';
  /** Inherited from this many parents; isLocal when also declared here. */
  inhCount: number;
  isLocal: boolean;
  dropped: boolean;
  /** Value of the column in rows stored before it was added (PostgreSQL's attmissingval). */
  missing: unknown;
  /** Column privileges (attacl). */
  acl?: AclItem[] | null;
  /** ALTER COLUMN … SET STATISTICS (attstattarget; absent = -1, the default). */
  statTarget?: number;
  /** ALTER COLUMN … SET STORAGE (attstorage; absent = the type's typstorage). */
  storage?: 'p' | 'e' | 'x' | 'm';
}

export type FkAction = 'a' | 'r' | 'c' | 'n' | 'd'; // no action, restrict, cascade, set null, set default

export interface ForeignKey {
  refTable: Table;
  refColumns: number[];
  /** 's' simple, 'f' full, 'p' partial */
  match: 's' | 'f' | 'p';
  onUpdate: FkAction;
  onDelete: FkAction;
  /** The unique index on the referenced table that the key matches. */
  refIndex: Index;
  /** For ON DELETE SET NULL/SET DEFAULT (col, …): the columns to set; all when null. */
  setColumns: number[] | null;
}

export interface Constraint {
  kind: 'constraint';
  oid: number;
  name: string;
  /** 'p' primary key, 'u' unique, 'c' check, 'f' foreign key, 'x' exclusion (its operators are on its index) */
  type: 'p' | 'u' | 'c' | 'f' | 'x';
  table: Table;
  columns: number[];
  index: Index | null;
  check: { expr: any; text: string } | null;
  fk: ForeignKey | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  validated: boolean;
  noInherit: boolean;
  inhCount: number;
  isLocal: boolean;
  /** Compiled forms cached by the executor; cleared when the table changes. */
  cache?: unknown;
  /** The partitioned table's constraint this one was cloned from (pg_constraint.conparentid). */
  parent?: Constraint | null;
}

export interface Table {
  kind: 'table';
  /** 'p': a partitioned table (it has a partition key and stores no rows itself). */
  relkind: 'r' | 'p';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  columns: Column[];
  heap: Heap;
  indexes: Index[];
  constraints: Constraint[];
  parents: Table[];
  children: Table[];
  /** Foreign keys of other tables (or this one) that reference this table. */
  referencedBy: Constraint[];
  /** Bumped at every change of definition, so cached plans and compiled defaults can tell. */
  version: number;
  cache?: Map<string, unknown>;
  /** PARTITION BY: how rows are spread over the partitions (set exactly when relkind is 'p'). */
  partitionKey?: PartitionKey | null;
  /** CREATE UNLOGGED TABLE / SET UNLOGGED (pg_class.relpersistence 'u'; its indexes and owned sequences follow). */
  unlogged?: boolean;
  /** Storage parameters, WITH (…), as pg_class.reloptions shows them ('name=value'; commands/reloptions.ts). */
  reloptions?: string[];
  /** ON COMMIT DELETE ROWS / DROP of a temporary table (commands/temp.ts). */
  onCommit?: 'delete' | 'drop';
  /** A partition's FOR VALUES (pg_class.relispartition); its partitioned table is parents[0]. */
  partitionBound?: PartitionBound | null;
  /** CREATE TABLE … OF type: the composite type whose attributes are its columns (reloftype). */
  ofType?: UserType | null;
  /** CREATE TRIGGER: the table's triggers in creation order (src/triggers). */
  triggers?: Trigger[];
  /** GRANT / REVOKE: relacl. */
  acl?: AclItem[] | null;
  /** ALTER TABLE … ENABLE / FORCE ROW LEVEL SECURITY (relrowsecurity, relforcerowsecurity). */
  rowSecurity?: boolean;
  forceRowSecurity?: boolean;
  /** CREATE POLICY (pg_policy), in creation order. */
  policies?: Policy[];
}

/** A row-level security policy (pg_policy): quals as parsed, with their text. */
export interface Policy {
  oid: number;
  name: string;
  /** '*' ALL, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE */
  cmd: '*' | 'r' | 'a' | 'w' | 'd';
  permissive: boolean;
  /** Role oids; [0] = PUBLIC. */
  roles: number[];
  qual: { expr: any; text: string } | null;
  withCheck: { expr: any; text: string } | null;
}

/** A partitioned table's key (pg_partitioned_table). */
export interface PartitionKey {
  /** 'l' list, 'r' range, 'h' hash */
  strategy: 'l' | 'r' | 'h';
  /** Per key column: the table column's attnum, or 0 for an expression. */
  attnums: number[];
  /** The key expressions of the attnum-0 columns, in order, as parsed, and their text. */
  exprs: { expr: any; text: string }[];
  /** Per key column: the type of the key value, and its collation as written (null: the default). */
  types: number[];
  typmods: number[];
  collations: (string | null)[];
  /** Per key column: the operator class as written, if any. */
  opclasses: (string | null)[];
  /** Per key column: the user-defined operator class named (catalog/operators.ts), if any. */
  userOpclasses?: (UserOpclass | null)[];
}

/** One end of a range partition's bound, per key column. */
export type RangeDatum = { kind: 'value'; value: unknown } | { kind: 'minvalue' } | { kind: 'maxvalue' };

/** A partition's bound (pg_class.relpartbound), with values already of the key's types. */
export interface PartitionBound {
  strategy: 'l' | 'r' | 'h';
  isDefault: boolean;
  /** List: the values (null stands for NULL). */
  values?: unknown[];
  /** Range: FROM and TO. */
  lower?: RangeDatum[];
  upper?: RangeDatum[];
  /** Hash. */
  modulus?: number;
  remainder?: number;
}

export interface Index {
  kind: 'index';
  /** 'I': the index of a partitioned table, with no entries (each partition has its own). */
  relkind: 'i' | 'I';
  oid: number;
  name: string;
  schema: Schema;
  table: Table;
  /** attnums of the key columns. */
  columns: number[];
  unique: boolean;
  primary: boolean;
  nullsNotDistinct: boolean;
  tree: BTree;
  /** The constraint this index implements (PRIMARY KEY / UNIQUE), if any. */
  constraint: Constraint | null;
  /** The partitioned table's index this one is a partition of. */
  parent?: Index | null;
  /** Key columns that are expressions (a 0 in `columns`), in order (pg_index.indexprs). */
  exprs?: IndexExpr[];
  /** WHERE of a partial index (pg_index.indpred): its parse tree and texts. */
  predicate?: { expr: any; text: string; pretty: string } | null;
  /** Per key column: 1 DESC, 2 NULLS FIRST (pg_index.indoption). */
  options?: number[];
  /** INCLUDE columns (attnums): stored, not part of the key. */
  include?: number[];
  /** Access method; btree when absent (gist only backs an exclusion constraint). */
  method?: 'btree' | 'hash' | 'gist';
  /** An exclusion constraint's index: per key column, the operator's name (pg_constraint.conexclop); checked by integrity/exclusion.ts. */
  exclusion?: string[];
  /** ALTER TABLE … CLUSTER ON this index (pg_index.indisclustered; at most one per table). */
  clustered?: boolean;
  /** Compiled key expressions and predicate (catalog/index-keys.ts). */
  cache?: unknown;
}

/** An index key column that is an expression: its parse tree, result type and how it prints. */
export interface IndexExpr {
  expr: any;
  /** deparse_expression's text (pg_get_indexdef), and the pretty one (\d). */
  text: string;
  pretty: string;
  /** Printed without extra parentheses (a function call). */
  funcLike: boolean;
  /** The index column's name (FigureColname: lower, expr …). */
  name: string;
  typeOid: number;
  typmod: number;
  /** ALTER INDEX … ALTER COLUMN n SET STATISTICS (attstattarget; absent = -1). */
  statTarget?: number;
}

export interface Sequence {
  kind: 'sequence';
  relkind: 'S';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  typeOid: number;
  start: bigint;
  increment: bigint;
  min: bigint;
  max: bigint;
  cache: bigint;
  cycle: boolean;
  lastValue: bigint;
  isCalled: boolean;
  /** Values fetched ahead of what WAL logging would record (SELECT * FROM seq shows it). */
  logCnt?: bigint;
  /** OWNED BY table.column (serial, identity). */
  ownedBy: { table: Table; attnum: number } | null;
  /** CREATE UNLOGGED SEQUENCE (else as the table that owns it). */
  unlogged?: boolean;
  /** identity sequences are internal to their column. */
  identity: boolean;
  /** GRANT / REVOKE: relacl. */
  acl?: AclItem[] | null;
}

export interface View {
  kind: 'view';
  relkind: 'v';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  /** The view's query as parsed (raw SelectStmt) and its text. */
  query: any;
  text: string;
  columns: { name: string; typeOid: number; typmod: number }[];
  /** The search path `query` is analyzed with (its names are resolved as at creation). */
  searchPath?: string[];
  /** WITH [LOCAL | CASCADED] CHECK OPTION. */
  checkOption?: 'local' | 'cascaded' | null;
  /** WITH (name = value, …) as given (pg_class.reloptions). */
  options?: string[];
  /** ALTER VIEW … ALTER COLUMN … SET DEFAULT: per column, the raw expression and its text. */
  defaults?: ({ expr: any; text: string } | null)[];
  /** INSTEAD OF (and statement-level) triggers of the view (src/triggers). */
  triggers?: Trigger[];
  /** GRANT / REVOKE: relacl. */
  acl?: AclItem[] | null;
}

/**
 * A trigger (pg_trigger). type holds PostgreSQL's tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT,
 * 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD.
 */
export interface Trigger {
  kind: 'trigger';
  oid: number;
  name: string;
  table: Table | View;
  funcOid: number;
  type: number;
  /** 'O' origin/local, 'D' disabled, 'R' replica, 'A' always */
  enabled: 'O' | 'D' | 'R' | 'A';
  /** UPDATE OF: the columns' attnums. */
  columns: number[];
  /** WHEN (…) as parsed, with the text it was written as. */
  when: { expr: any; text: string } | null;
  args: string[];
  /** CREATE CONSTRAINT TRIGGER: its pg_constraint entry's oid, FROM table, deferrability. */
  constraintOid: number;
  constrRel: Table | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  /** REFERENCING OLD/NEW TABLE AS … */
  oldTable: string | null;
  newTable: string | null;
  /** The partitioned table's trigger this one was cloned from (tgparentid). */
  parent: Trigger | null;
  cache?: unknown;
}

export type CatalogObject = Schema | Relation | Constraint;

/** A column's DEFAULT as an object of its own (pg_attrdef), so that it can depend on a sequence. */
export interface AttrDefault {
  kind: 'default';
  oid: number;
  table: Table;
  attnum: number;
}

export type DepObject = Schema | Relation | Constraint | AttrDefault | UserType | Trigger | UserFunction | UserOperator | UserOpfamily | UserOpclass;

/** A function or procedure (pg_proc) created by CREATE FUNCTION / PROCEDURE (src/functions). */
export interface UserFunction {
  kind: 'function';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  /** 'f' function, 'p' procedure, 'a' aggregate (CREATE AGGREGATE: its pg_aggregate entry in agg) */
  prokind: 'f' | 'p' | 'a';
  agg?: AggregateSpec;
  /** Every parameter in order (pg_proc.proallargtypes / proargmodes / proargnames). */
  params: { name: string; type: number; mode: 'i' | 'o' | 'b' | 'v' | 't' }[];
  /** DEFAULT expressions of the trailing input parameters, as parsed, and their text. */
  defaults: { expr: any; text: string }[];
  retType: number;
  retSet: boolean;
  language: string;
  /** prosrc: the body text (or the SQL-standard body's text). */
  src: string;
  /** BEGIN ATOMIC … END / RETURN expr: the parsed statements. */
  sqlBody: any[] | null;
  volatility: 'i' | 's' | 'v';
  /** A simple SQL body's own volatility (set when the body is checked): inlined when no more volatile than declared. */
  inlineVolatility?: 'i' | 's' | 'v';
  strict: boolean;
  securityDefiner: boolean;
  leakproof: boolean;
  parallel: 's' | 'r' | 'u';
  cost: number;
  rows: number;
  /** SET clauses, 'name=value'. */
  config: string[] | null;
  /** Compiled forms, dropped when the function changes. */
  cache?: unknown;
  /** GRANT / REVOKE: proacl. */
  acl?: AclItem[] | null;
}

/** A support function of an aggregate: a user function (oid) or a built-in one (oid 0), by name and argument types. */
export interface AggFuncRef { oid: number; name: string; args: number[] }

/** CREATE AGGREGATE's pg_aggregate entry (functions/aggregate-*.ts read it). */
export interface AggregateSpec {
  transfn: AggFuncRef;
  finalfn: AggFuncRef | null;
  /** aggtranstype and agginitval (text, NULL when none). */
  stype: number;
  initcond: string | null;
  finalExtra: boolean;
  /** Options accepted and shown back (pg_aggregate) but not used by evaluation: combinefunc, msfunc, … as written. */
  other: Record<string, string>;
  /** Declared with the old syntax (BASETYPE = …). */
  oldStyle?: boolean;
}

/** One label of an enum (pg_enum): values of the type are the labels' oids. */
export interface EnumLabel { oid: number; label: string; sortOrder: number }

/** A named CHECK constraint of a domain (pg_constraint with contypid). */
export interface DomainConstraint { oid: number; name: string; expr: any; text: string; validated: boolean }

/** An attribute of a composite type (pg_attribute of its pg_class entry). */
export interface TypeAttribute { name: string; typeOid: number; typmod: number; dropped: boolean }

/**
 * A user-defined type (pg_type): CREATE TYPE … AS ENUM, CREATE DOMAIN, CREATE TYPE … AS (…).
 * Its array type (_name) goes with it. Plain data: the PgType objects that read it are built
 * on demand (catalog/user-types.ts).
 */
export interface UserType {
  kind: 'type';
  /** 'e' enum, 'd' domain, 'c' composite */
  typtype: 'e' | 'd' | 'c';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  arrayOid: number;
  arrayName: string;
  /** enum: its labels in sort order (replaced as a whole on change). */
  labels?: EnumLabel[];
  /** domain: the base type, NOT NULL, DEFAULT, and its CHECK constraints in creation order. */
  base?: { typeOid: number; typmod: number };
  notNull?: boolean;
  default?: { expr: any; text: string } | null;
  constraints?: DomainConstraint[];
  /** composite: its attributes; relOid names its pg_class entry (typrelid). */
  attributes?: TypeAttribute[];
  relOid?: number;
  /** Compiled forms (domain checks), dropped when the type changes. */
  cache?: unknown;
  /** GRANT / REVOKE: typacl. */
  acl?: AclItem[] | null;
}

/** The oids of the system catalogs objects live in (classid in pg_depend, pg_description). */
export const CLASS = { relation: 1259, namespace: 2615, constraint: 2606, attrdef: 2604, type: 1247, trigger: 2620, proc: 1255,
  operator: 2617, opclass: 2616, opfamily: 2753 } as const;
