export * from './plan.js';
export * from './planner.js';
