export * from './sanctions-entry';
export * from './list-snapshot';
export * from './event-entry';
