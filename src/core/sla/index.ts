export * from './policy.js';
export * from './policy-file.js';
export * from './clock.js';
export * from './steps.js';
export * from './metrics.js';
