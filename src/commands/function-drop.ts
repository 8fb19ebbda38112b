// What DROP needs to know about functions: how PostgreSQL names one in its messages and
// how one leaves the catalog (drop.ts calls these).
import { CLASS, type UserFunction } from '../catalog/objects.js';
import { functionSignature } from '../functions/catalog.js';
import type { CommandContext } from './context.js';

export function describeFunction(f: UserFunction, path: readonly string[]): string {
  return `${f.prokind === 'p' ? 'procedure' : 'function'} ${functionSignature(f, path)}`;
}

export function deleteFunction(cx: CommandContext, f: UserFunction): void {
  const cat = cx.catalog;
  cat.dropComments(CLASS.proc, f.oid, 0);
  const map = f.schema.functions;
  const list = map?.get(f.name);
  if (!map || !list) return;
  if (list.length === 1 && list[0] === f) {
    map.delete(f.name);
    cat.record(() => map.set(f.name, list));
  } else cat.remove(list, f);
}
