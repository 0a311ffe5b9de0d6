export * from './sanctions-entry';
export * from './list-snapshot';
