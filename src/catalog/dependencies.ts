// Dependency tracking in PostgreSQL's pg_depend model: who depends on what, and how
// strongly. DROP follows it: auto and internal dependents go silently, normal ones
// need CASCADE (or make RESTRICT fail, listing them).
import type { DepObject, Schema } from './objects.js';

/** 'n' normal, 'a' auto, 'i' internal (the dependent is an implementation part of the referenced), 'P'/'S' a partition's clone of its parent's object (primary: the parent object, secondary: the partition). */
export type DepType = 'n' | 'a' | 'i' | 'P' | 'S';

/** An object, or one column of a table when sub > 0. */
export interface DepRef { obj: DepObject; sub: number }

export interface Dep { dependent: DepRef; referenced: DepRef; type: DepType }

export class Dependencies {
  private byReferenced = new Map<DepObject, Dep[]>();
  private byDependent = new Map<DepObject, Dep[]>();
  /** Undo hook set by the catalog owner. */
  onChange: ((undo: () => void) => void) | null = null;

  add(dependent: DepObject, depSub: number, referenced: DepObject, refSub: number, type: DepType): void {
    const d: Dep = { dependent: { obj: dependent, sub: depSub }, referenced: { obj: referenced, sub: refSub }, type };
    push(this.byReferenced, referenced, d);
    push(this.byDependent, dependent, d);
    this.onChange?.(() => this.unlink(d));
  }

  addOwnedByDatabase(_s: Schema): void { /* schemas depend on nothing we track */ }

  private unlink(d: Dep): void {
    pull(this.byReferenced, d.referenced.obj, d);
    pull(this.byDependent, d.dependent.obj, d);
  }

  private relink(d: Dep): void {
    push(this.byReferenced, d.referenced.obj, d);
    push(this.byDependent, d.dependent.obj, d);
  }

  /** Dependencies on obj (on one of its columns when sub > 0, on it or any column when sub = 0). */
  dependentsOf(obj: DepObject, sub: number): Dep[] {
    const all = this.byReferenced.get(obj) ?? [];
    return sub === 0 ? all : all.filter(d => d.referenced.sub === sub);
  }

  /** Every dependency (pg_depend's rows). */
  all(): Dep[] {
    return [...this.byDependent.values()].flat();
  }

  /** What obj depends on. */
  dependenciesOf(obj: DepObject): Dep[] {
    return this.byDependent.get(obj) ?? [];
  }

  /** Forgets one dependency (ALTER SEQUENCE … OWNED BY replacing the owner). */
  remove(d: Dep): void {
    this.unlink(d);
    this.onChange?.(() => this.relink(d));
  }

  /** Forgets every dependency an object (or one column) has, as its deletion does. */
  removeFor(obj: DepObject, sub = 0): void {
    const mine = (this.byDependent.get(obj) ?? []).filter(d => sub === 0 || d.dependent.sub === sub);
    const onMe = (this.byReferenced.get(obj) ?? []).filter(d => sub === 0 || d.referenced.sub === sub);
    const gone = [...new Set([...mine, ...onMe])];
    for (const d of gone) this.unlink(d);
    this.onChange?.(() => { for (const d of gone) this.relink(d); });
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

function pull<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (!l) return;
  const i = l.indexOf(v);
  if (i >= 0) l.splice(i, 1);
  if (l.length === 0) m.delete(k);
}
