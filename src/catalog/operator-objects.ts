// User-defined operators (pg_operator), operator families (pg_opfamily, with their pg_amop
// and pg_amproc members) and operator classes (pg_opclass): plain data, kept in their
// schemas (Schema.operators / opfamilies / opclasses) and written with the catalog image.
import type { AggFuncRef, Schema, UserFunction } from './objects.js';

/** A function an operator or a family calls: a user function (its oid) or a built-in one (oid 0), by name and argument types. */
export type ProcRef = AggFuncRef;

/** An operator an operator family names: a user one (its oid) or a built-in one (user false), by name and argument types. */
export interface OperatorRef { oid: number; user: boolean; name: string; left: number; right: number }

/** CREATE OPERATOR (a shell when proc is null: named as another operator's COMMUTATOR or NEGATOR before it exists). */
export interface UserOperator {
  kind: 'operator';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  /** 0 for a prefix operator. */
  left: number;
  right: number;
  /** 0 for a shell. */
  result: number;
  proc: ProcRef | null;
  /** oprcom / oprnegate: operators by oid (0: none). */
  commutator: number;
  negator: number;
  /** RESTRICT / JOIN estimators by name (null: none). */
  restrict: string | null;
  join: string | null;
  canHash: boolean;
  canMerge: boolean;
}

export type AccessMethod = 'btree' | 'hash';

/** A member operator of a family (pg_amop); opclass set when it belongs to a class (internal dependency). */
export interface AmOp { oid: number; strategy: number; left: number; right: number; op: OperatorRef; opclass: UserOpclass | null }

/** A support function of a family (pg_amproc); fn: the user function itself (partition routing calls it without a catalog at hand). */
export interface AmProc { oid: number; num: number; left: number; right: number; proc: ProcRef; fn: UserFunction | null; opclass: UserOpclass | null }

export interface UserOpfamily {
  kind: 'opfamily';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  method: AccessMethod;
  operators: AmOp[];
  procs: AmProc[];
}

export interface UserOpclass {
  kind: 'opclass';
  oid: number;
  name: string;
  schema: Schema;
  owner: string;
  method: AccessMethod;
  family: UserOpfamily;
  /** opcintype, opcdefault, opckeytype (STORAGE; 0: none). */
  inputType: number;
  isDefault: boolean;
  keyType: number;
}
