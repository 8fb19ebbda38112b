export * from './pg-error.js';
export * from './sqlstate.js';
