export * from './event-types';
export * from './payload';
export * from './filters';
export * from './retry-schedule';
export * from './signing';
export * from './ssrf';
export * from './send';
