// The objects a database holds. Relations (tables, indexes, sequences, views) share
// one name space per schema, as in pg_class.
import type { BTree } from '../storage/btree.js';
import type { Heap } from '../storage/heap.js';

export interface Schema {
  kind: 'schema';
  oid: number;
  name: string;
  owner: string;
  relations: Map<string, Relation>;
}

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
  /** 'p' primary key, 'u' unique, 'c' check, 'f' foreign key */
  type: 'p' | 'u' | 'c' | 'f';
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
}

export interface Table {
  kind: 'table';
  relkind: 'r';
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
}

export interface Index {
  kind: 'index';
  relkind: 'i';
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
  /** identity sequences are internal to their column. */
  identity: boolean;
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
}

export type CatalogObject = Schema | Relation | Constraint;

/** A column's DEFAULT as an object of its own (pg_attrdef), so that it can depend on a sequence. */
export interface AttrDefault {
  kind: 'default';
  oid: number;
  table: Table;
  attnum: number;
}

export type DepObject = Schema | Relation | Constraint | AttrDefault;

/** The oids of the system catalogs objects live in (classid in pg_depend, pg_description). */
export const CLASS = { relation: 1259, namespace: 2615, constraint: 2606, attrdef: 2604, type: 1247 } as const;
