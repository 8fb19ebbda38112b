// One database: its catalog and storage, shared by every session on it.
import { Catalog } from '../catalog/catalog.js';
import { installSystemCatalogs } from '../catalog/system/index.js';
import { TransactionManager } from '../storage/transactions.js';

export class Engine {
  catalog = new Catalog();
  tm = new TransactionManager();

  constructor(readonly database = 'relata') {
    installSystemCatalogs(this.catalog, database);
  }
}
