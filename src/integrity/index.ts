export * from './context.js';
export * from './writer.js';
export * from './referential.js';
export * from './messages.js';
export * from './partition-routing.js';
