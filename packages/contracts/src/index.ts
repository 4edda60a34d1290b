export * from './connection.js';
export * from './issues.js';
export * from './device-type-rules.js';
export * from './sync-defaults.js';
export * from './sync-settings.js';
