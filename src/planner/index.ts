export * from './plan.js';
export * from './planner.js';
export * from './upper.js';
export * from './settings.js';
export * from './pullup.js';
