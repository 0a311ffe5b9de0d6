export * from './pg-pool';
export * from './migrations';
export * from './database.module';
export * from './advisory-locks';
