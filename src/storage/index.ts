export * from './transactions.js';
export * from './tuple.js';
export * from './visibility.js';
export * from './heap.js';
export * from './btree.js';
