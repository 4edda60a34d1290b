export * from './connection.js';
export * from './issues.js';
