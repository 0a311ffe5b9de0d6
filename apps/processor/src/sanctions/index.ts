export * from './import-sanctions-list';
export * from './sanctions-commands';
export * from './sanctions.module';
