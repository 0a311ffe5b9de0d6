export * from './cli-error';
export * from './io';
export * from './api-client';
export * from './program';
export * from './commands/example';
export * from './commands/health';
