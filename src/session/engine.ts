// One database: its catalog and storage, shared by every session on it.
import { Catalog } from '../catalog/catalog.js';
import { TransactionManager } from '../storage/transactions.js';

export class Engine {
  catalog = new Catalog();
  tm = new TransactionManager();
}
