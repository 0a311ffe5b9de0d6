export * from './sanctions-commands';
export * from './sanctions.module';
