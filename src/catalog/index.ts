export * from './objects.js';
export * from './catalog.js';
export * from './dependencies.js';
export * from './names.js';
