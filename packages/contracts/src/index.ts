export * from './connection.js';
export * from './issues.js';
export * from './device-type-rules.js';
export * from './sync-defaults.js';
export * from './sync-settings.js';
export * from './api/common.js';
export * from './api/session.js';
export * from './api/register.js';
