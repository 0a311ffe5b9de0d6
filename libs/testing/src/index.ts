export * from './test-database';
export * from './test-environment';
export * from './app-process';
export * from './authed-server';
export * from './readable-events';
export * from './transaction-ids';
export * from './documented-responses';
export * from './api-client';
